//! Demo content of the communities beyond the forum: folders and documents with
//! versions, as a community of social-media managers would share them; blog posts
//! with tags and a comment; and the demo members' professional profiles.

use app::db::{sql, DbError, Tx};
use app::ids::AccountId;
use app::upload::check::{check, Accept};
use chrono::{DateTime, Duration, Utc};

const COMMUNITY: &str = "comunicatori-riformattiva-2026";
const PAOLO: &str = "paolo.ricci@formazione.example.it";
const MARCO: &str = "marco.bassi@comune.lugo.example.it";
const ELENA: &str = "elena.fabbri@unione.labassaromagna.example.it";

/// (email, job title, skills)
const PROFILES: [(&str, &str, &str); 5] = [
    (
        PAOLO,
        "Tutor FPA, formatore sulla comunicazione pubblica",
        "social media strategy, social media policy, formazione",
    ),
    (
        MARCO,
        "Social media manager, Comune di Lugo",
        "Facebook, Instagram, piano editoriale, Canva",
    ),
    (
        ELENA,
        "Responsabile URP, Unione della Bassa Romagna",
        "relazioni con il pubblico, segnalazioni, accessibilità",
    ),
    (
        "giulia.neri@comune.lugo.example.it",
        "Responsabile comunicazione, Comune di Lugo",
        "comunicazione istituzionale, ufficio stampa",
    ),
    (
        "luca.moretti@regione.example.it",
        "Redattore web, Regione",
        "siti web, accessibilità, linguaggio chiaro",
    ),
];

/// A small but real PDF with one line of text.
fn pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 14 Tf 72 760 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

/// The id a query finds for `key`, as the id type the caller wants.
async fn id_of<I: From<i64>>(
    tx: &mut Tx,
    query: &'static str,
    key: &str,
) -> Result<Option<I>, DbError> {
    Ok(tx
        .fetch_optional::<(i64,)>(sql(query).bind(key))
        .await?
        .map(|(id,)| I::from(id)))
}

pub async fn seed(tx: &mut Tx, now: DateTime<Utc>) -> Result<(), DbError> {
    for (email, job, skills) in PROFILES {
        tx.execute(
            sql("UPDATE account SET job_title = $1, skills = $2 WHERE email = $3 AND job_title = ''")
                .bind(job)
                .bind(skills)
                .bind(email),
        )
        .await?;
    }
    let Some(community) = id_of(tx, "SELECT id FROM community WHERE slug = $1", COMMUNITY).await?
    else {
        return Ok(());
    };
    let existing: Option<(i64,)> = tx
        .fetch_optional(
            sql("SELECT id FROM community_file WHERE community_id = $1 LIMIT 1").bind(community),
        )
        .await?;
    if existing.is_some() {
        return Ok(());
    }
    let (Some(paolo), Some(marco), Some(elena)) = (
        id_of(tx, "SELECT id FROM account WHERE email = $1", PAOLO).await?,
        id_of(tx, "SELECT id FROM account WHERE email = $1", MARCO).await?,
        id_of(tx, "SELECT id FROM account WHERE email = $1", ELENA).await?,
    ) else {
        return Ok(());
    };
    let webinar = app::files::repo::create_folder(
        tx,
        community,
        None,
        "Materiali dei webinar",
        paolo,
        now - Duration::days(20),
    )
    .await?;
    let models = app::files::repo::create_folder(
        tx,
        community,
        None,
        "Modelli",
        paolo,
        now - Duration::days(20),
    )
    .await?;
    // (folder, title, description, author, days ago, versions: (file name, contents, note))
    let calendar_v1 = "data,canale,tema,formato\n2026-12-03,Facebook,Raccolta differenziata,carosello\n2026-12-05,Instagram,Mercatino di Natale,reel\n";
    let calendar_v2 = "data,canale,tema,formato,responsabile\n2026-12-03,Facebook,Raccolta differenziata,carosello,Marco\n2026-12-05,Instagram,Mercatino di Natale,reel,Marco\n2026-12-09,Facebook,Sportello URP,card,Elena\n";
    let documents: Vec<(
        Option<i64>,
        &str,
        &str,
        AccountId,
        i64,
        Vec<(&str, Vec<u8>, &str)>,
    )> = vec![
        (
            webinar,
            "Webinar 1 – La strategia social dell'ente",
            "Le slide del primo webinar: obiettivi, pubblici, canali, indicatori.",
            paolo,
            18,
            vec![(
                "webinar-1-strategia.pdf",
                pdf("Webinar 1 - La strategia social dell'ente"),
                "",
            )],
        ),
        (
            models,
            "Modello di social media policy",
            "Policy interna ed esterna: regole di ingaggio, moderazione, tempi di risposta.",
            paolo,
            15,
            vec![
                (
                    "social-media-policy.pdf",
                    pdf("Social media policy - bozza"),
                    "",
                ),
                (
                    "social-media-policy-v2.pdf",
                    pdf("Social media policy - versione 2"),
                    "Aggiunta la sezione sulla moderazione dei commenti",
                ),
            ],
        ),
        (
            models,
            "Calendario editoriale di dicembre",
            "Il piano del Comune di Lugo, da usare come esempio.",
            marco,
            6,
            vec![
                (
                    "calendario-dicembre.csv",
                    calendar_v1.as_bytes().to_vec(),
                    "",
                ),
                (
                    "calendario-dicembre.csv",
                    calendar_v2.as_bytes().to_vec(),
                    "Aggiunta la colonna dei responsabili e la card dell'URP",
                ),
            ],
        ),
        (
            None,
            "Risposte tipo ai cittadini",
            "Le risposte dell'URP ai commenti più frequenti.",
            elena,
            3,
            vec![(
                "risposte-tipo.txt",
                "Grazie della segnalazione: l'abbiamo inoltrata all'ufficio competente.\n"
                    .as_bytes()
                    .to_vec(),
                "",
            )],
        ),
    ];
    for (folder, title, description, author, days, versions) in documents {
        let at = now - Duration::days(days);
        let id = app::files::repo::create_document(
            tx,
            community,
            folder,
            title,
            description,
            author,
            at,
        )
        .await?;
        for (i, (name, bytes, note)) in versions.into_iter().enumerate() {
            let Ok(file) = check(name, bytes, Accept::Documents) else {
                continue;
            };
            let when = at + Duration::days(i as i64);
            let (upload, _) = app::upload::repo::store(
                tx,
                &app::upload::repo::Staged::here(&file),
                Some(author),
                None,
                when,
            )
            .await?;
            app::files::repo::add_version(tx, id, upload, note, author, when).await?;
        }
        tx.execute(
            sql("UPDATE community_file SET downloads = $1 WHERE id = $2")
                .bind(3 + days)
                .bind(id),
        )
        .await?;
    }
    Ok(())
}

/// (title, summary, Markdown, tags, days ago)
const POSTS: [(&str, &str, &str, &str, i64); 2] = [
    (
        "Dieci regole per rispondere ai commenti",
        "Dal primo webinar: come risponde un ente pubblico sui social, anche quando il tono si scalda.",
        "Nel primo webinar abbiamo messo insieme le regole che funzionano nelle amministrazioni della community.\n\n\
         1. **Rispondere entro un giorno lavorativo**, anche solo per dire che ci stiamo occupando della questione.\n\
         2. Firmare le risposte con il nome dell'ufficio.\n\
         3. Spostare in privato i dati personali, mai chiederli in pubblico.\n\
         4. Citare la fonte ufficiale (l'ordinanza, la pagina del sito).\n\n\
         Le altre sei sono nel modello di *social media policy* nei file della community.",
        "social media policy, moderazione",
        12,
    ),
    (
        "Il calendario editoriale di dicembre, spiegato",
        "Come il Comune di Lugo pianifica il mese più affollato dell'anno.",
        "Dicembre mette in fila mercatini, chiusure degli uffici, raccolta rifiuti nei festivi e allerte meteo.\n\n\
         Il nostro calendario parte da tre colonne: **data**, **canale**, **tema**. Quest'anno abbiamo aggiunto il \
         responsabile di ogni uscita, così nessun post resta orfano.\n\n\
         Il file è nella cartella *Modelli*: copiatelo e adattatelo.",
        "piano editoriale, buone pratiche",
        4,
    ),
];

/// Published posts on the blog of the social-media community, with a comment.
pub async fn seed_blog(tx: &mut Tx, now: DateTime<Utc>) -> Result<(), DbError> {
    let Some(community) = id_of(tx, "SELECT id FROM community WHERE slug = $1", COMMUNITY).await?
    else {
        return Ok(());
    };
    let existing: Option<(i64,)> = tx
        .fetch_optional(
            sql("SELECT id FROM blog_post WHERE community_id = $1 LIMIT 1").bind(community),
        )
        .await?;
    let (Some(paolo), Some(elena), None) = (
        id_of(tx, "SELECT id FROM account WHERE email = $1", PAOLO).await?,
        id_of(tx, "SELECT id FROM account WHERE email = $1", ELENA).await?,
        existing,
    ) else {
        return Ok(());
    };
    let none = std::collections::HashSet::new();
    for (i, (title, summary, body, tags, days)) in POSTS.into_iter().enumerate() {
        let at = now - Duration::days(days);
        let tags = app::blog::model::parse_tags(tags).unwrap_or_default();
        let html = app::markdown::render(body, &none);
        let input = app::blog::repo::PostInput {
            title,
            summary,
            body,
            body_html: &html,
            published: true,
            tags: &tags,
        };
        let slug = app::text::handle_of(title).replace('.', "-");
        let Some(id) = app::blog::repo::create(tx, community, &slug, paolo, &input, at).await?
        else {
            continue;
        };
        if i == 0 {
            let text = "Aggiungerei: mai cancellare un commento critico, solo quelli offensivi.";
            let html = app::markdown::render(text, &none);
            app::blog::repo::add_comment(tx, id, elena, text, &html, at + Duration::hours(5))
                .await?;
        }
    }
    Ok(())
}
