//! The demo social-media team of the Comune di Lugo: its channels and an editorial
//! plan around today, in every state, with a weekly series and conflicts; a year of
//! followers and three months of Facebook posts; the strategy in two versions with
//! its objectives, and both policies. Loaded once: an ente with channels is left alone.

use app::db::{sql, DbError, Tx};
use app::social::channel::Platform;
use app::social::kpi::Metric;
use app::social::model::ItemState;
use app::social::repo::{self, ChannelInput, ItemInput};
use app::social::strategy::DocKind;
use app::social::{kpi_repo, strategy_repo};
use chrono::{DateTime, Datelike, Duration, Months, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Rome;

const MARCO: &str = "marco.bassi@comune.lugo.example.it";
const GIULIA: &str = "giulia.neri@comune.lugo.example.it";

/// (platform, name, handle, address, goal, own limit)
type DemoChannel = (
    Platform,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
);

const CHANNELS: [DemoChannel; 5] = [
    (
        Platform::Facebook,
        "Facebook Comune di Lugo",
        "@comunedilugo",
        "https://www.facebook.com/comunedilugo",
        "Informazioni di servizio e partecipazione dei residenti",
        None,
    ),
    (
        Platform::Instagram,
        "Instagram Comune di Lugo",
        "@comunedilugo",
        "https://www.instagram.com/comunedilugo",
        "Racconto per immagini di eventi e luoghi, pubblico 18-35",
        None,
    ),
    (
        Platform::X,
        "X Comune di Lugo",
        "@ComuneLugo",
        "https://x.com/ComuneLugo",
        "Avvisi rapidi e dialogo con la stampa locale",
        None,
    ),
    (
        Platform::Telegram,
        "Telegram Lugo Informa",
        "@lugoinforma",
        "https://t.me/lugoinforma",
        "Allerte meteo, viabilità, scadenze",
        None,
    ),
    (
        Platform::Mastodon,
        "Mastodon Comune di Lugo",
        "@comunedilugo@mastodon.uno",
        "https://mastodon.uno/@comunedilugo",
        "Presenza su una rete aperta e senza pubblicità",
        Some(500),
    ),
];

/// (days from today, hour, title, campaign, state, author is Giulia, texts by channel index)
type DemoItem = (
    i64,
    u32,
    &'static str,
    &'static str,
    ItemState,
    bool,
    &'static [(usize, &'static str)],
);

const ITEMS: [DemoItem; 7] = [
    (-6, 9, "Raccolta differenziata: nuovi orari dell'isola ecologica", "Ambiente", ItemState::Published, false, &[
        (0, "Da lunedì l'isola ecologica di via Foro Boario apre anche il sabato pomeriggio, dalle 14 alle 18. Porta la tessera sanitaria per accedere."),
        (3, "♻️ Isola ecologica di via Foro Boario: da lunedì aperta anche il sabato 14-18."),
    ]),
    (-2, 11, "Consiglio comunale in diretta", "Istituzionale", ItemState::Published, true, &[
        (0, "Stasera alle 20.30 il Consiglio comunale in diretta streaming sul canale YouTube del Comune. All'ordine del giorno il bilancio di previsione 2027."),
        (2, "Stasera ore 20.30 Consiglio comunale in diretta: si discute il bilancio di previsione 2027."),
    ]),
    (1, 10, "Piazza Baracca: la consultazione è aperta", "Piazza Baracca", ItemState::Review, false, &[
        (0, "Come vorresti la nuova piazza Baracca? Fino alla fine del mese puoi dire la tua con il questionario online: bastano cinque minuti. Le proposte più votate entreranno nel progetto definitivo."),
        (1, "La piazza che vorresti 🏛️ Rispondi al questionario su piazza Baracca: link in bio. #Lugo #partecipazione"),
        (2, "Piazza Baracca: di' la tua sul progetto di riqualificazione, il questionario è aperto fino a fine mese."),
    ]),
    (1, 17, "Mercatino di Natale in Pavaglione", "Natale a Lugo", ItemState::Draft, true, &[
        (0, "Dal 6 dicembre il Pavaglione si accende con il mercatino di Natale: artigiani, associazioni e musica ogni fine settimana."),
        (1, "Il Pavaglione si accende 🎄 Dal 6 dicembre, ogni fine settimana."),
    ]),
    (3, 9, "Allerta meteo: come informarsi", "Protezione civile", ItemState::Approved, false, &[
        (3, "In caso di allerta meteo gli aggiornamenti arrivano prima qui, su Lugo Informa. Attiva le notifiche del canale."),
        (0, "Allerta meteo: segui il canale Telegram Lugo Informa per gli aggiornamenti in tempo reale e consulta il piano di protezione civile sul sito."),
    ]),
    (3, 16, "Biblioteca Trisi: orari delle feste", "Cultura", ItemState::Scheduled, true, &[
        (0, "Durante le feste la Biblioteca Trisi resta aperta con orario ridotto: dal 23 dicembre al 6 gennaio, dalle 9 alle 13."),
    ]),
    (8, 10, "Nuovo servizio di prenotazione per l'anagrafe", "Servizi digitali", ItemState::Dropped, false, &[
        (0, "Da gennaio si prenota l'appuntamento all'anagrafe online, con SPID o CIE."),
    ]),
];

async fn account(tx: &mut Tx, email: &str) -> Result<Option<i64>, DbError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(sql("SELECT id FROM account WHERE email = $1").bind(email))
        .await?;
    Ok(row.map(|(id,)| id))
}

fn at(days: i64, hour: u32, now: DateTime<Utc>) -> DateTime<Utc> {
    let day = (now.with_timezone(&Rome) + Duration::days(days)).date_naive();
    let local = day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default());
    Rome.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now)
}

pub async fn seed(tx: &mut Tx, now: DateTime<Utc>) -> Result<(), DbError> {
    let Some((lugo,)): Option<(i64,)> = tx
        .fetch_optional(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
        .await?
    else {
        return Ok(());
    };
    let (channels,): (i64,) = tx
        .fetch_one(sql("SELECT COUNT(*) FROM social_channel WHERE ente_id = $1").bind(lugo))
        .await?;
    let (Some(marco), Some(giulia)) = (account(tx, MARCO).await?, account(tx, GIULIA).await?)
    else {
        return Ok(());
    };
    if channels > 0 {
        return Ok(());
    }
    let mut ids = Vec::new();
    for (i, (platform, name, handle, url, goal, limit)) in CHANNELS.iter().enumerate() {
        let input = ChannelInput {
            platform: *platform,
            name,
            handle,
            url,
            owner_id: Some(if i % 2 == 0 { marco } else { giulia }),
            goal,
            char_limit: *limit,
            active: true,
        };
        if let Some(id) = repo::save_channel(tx, lugo, None, &input, now).await? {
            ids.push(id);
        }
    }
    for (days, hour, title, campaign, state, by_giulia, texts) in ITEMS.iter() {
        let texts: Vec<(i64, String)> = texts
            .iter()
            .filter_map(|(i, body)| ids.get(*i).map(|id| (*id, body.to_string())))
            .collect();
        let (author, reviewer) = if *by_giulia {
            (giulia, marco)
        } else {
            (marco, giulia)
        };
        let input = ItemInput {
            title,
            campaign,
            media: "",
            planned_at: at(*days, *hour, now),
            due_on: None,
            texts: &texts,
        };
        let id = repo::insert_item(tx, lugo, author, &input, None, ("", None), now).await?;
        walk(tx, lugo, id, *state, author, reviewer, now).await?;
    }
    // Every Wednesday of the next five weeks: the market, as a series of drafts.
    let first = {
        let today = now.with_timezone(&Rome).date_naive();
        let to_wednesday = (7 + 2 - i64::from(today.weekday().num_days_from_monday())) % 7;
        if to_wednesday == 0 {
            7
        } else {
            to_wednesday
        }
    };
    let texts: Vec<(i64, String)> = ids
        .first()
        .map(|id| vec![(*id, "Mercoledì mattina mercato in centro storico: piazza Martiri e corso Garibaldi chiusi al traffico dalle 7 alle 14.".to_string())])
        .unwrap_or_default();
    let mut series = None;
    for week in 0..5 {
        let input = ItemInput {
            title: "Mercato del mercoledì: viabilità",
            campaign: "Viabilità",
            media: "",
            planned_at: at(first + 7 * week, 8, now),
            due_on: None,
            texts: &texts,
        };
        let id = repo::insert_item(tx, lugo, marco, &input, series, ("", None), now).await?;
        if series.is_none() {
            repo::set_series(tx, id).await?;
            series = Some(id);
        }
    }
    kpis(tx, lugo, &ids, marco, now).await?;
    documents(tx, lugo, &ids, marco, giulia, now).await?;
    training(tx, lugo, giulia, now).await
}

/// The training-needs survey, started and answered by Giulia Neri.
async fn training(tx: &mut Tx, lugo: i64, giulia: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    use app::questionnaire::answers::{Answer, Answers};
    use app::social::training::{default_questionnaire, level_id, MATRIX, SKILLS};
    let q = serde_json::to_string(&default_questionnaire(app::i18n::Lang::It)).unwrap_or_default();
    let survey = app::social::training_repo::start(tx, lugo, &q, giulia, now).await?;
    let levels = [3, 1, 1, 2, 3, 2, 1, 3, 3, 0];
    let rows = SKILLS
        .iter()
        .zip(levels)
        .map(|((id, _), l)| (id.to_string(), level_id(l)))
        .collect();
    let mut answers = Answers::new();
    answers.insert(MATRIX.to_string(), Answer::Rows(rows));
    answers.insert("q2".to_string(), Answer::Text("f2".to_string()));
    let json = serde_json::to_string(&answers).unwrap_or_default();
    app::social::training_repo::answer(tx, survey, giulia, &json, now).await
}

/// A year of followers for three channels (a value on the last day of each month)
/// and the Facebook posts of the last 90 days with their reach and engagements,
/// as an import of Meta's export would leave them.
async fn kpis(
    tx: &mut Tx,
    lugo: i64,
    ids: &[i64],
    by: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let today = now.with_timezone(&Rome).date_naive();
    let (Some(fb), Some(ig), Some(tg)) = (ids.first(), ids.get(1), ids.get(3)) else {
        return Ok(());
    };
    let import = kpi_repo::add_import(
        tx,
        lugo,
        *fb,
        "Post-Facebook-Comune-di-Lugo.csv",
        30,
        (today - Duration::days(89), today - Duration::days(2)),
        by,
        now,
    )
    .await?;
    for back in 0..12u32 {
        let Some(end) = today
            .with_day(1)
            .and_then(|d| d.checked_sub_months(Months::new(back)))
            .and_then(|d| d.checked_add_months(Months::new(1)))
            .and_then(|d| d.pred_opt())
        else {
            continue;
        };
        let day = end.min(today);
        let step = f64::from(11 - back);
        for (channel, start, growth) in [
            (*fb, 4_820.0, 61.0),
            (*ig, 2_310.0, 74.0),
            (*tg, 640.0, 38.0),
        ] {
            kpi_repo::put_value(
                tx,
                channel,
                day,
                Metric::Followers,
                start + growth * step + (step * 7.0) % 23.0,
                None,
                now,
            )
            .await?;
        }
    }
    const TOPICS: [&str; 6] = [
        "Raccolta differenziata: nuovi orari dell'isola ecologica",
        "Consiglio comunale in diretta",
        "Cantieri in viale Orsini: come cambia la viabilità",
        "Mercato del mercoledì: viabilità",
        "Biblioteca Trisi: orari delle feste",
        "Allerta meteo: come informarsi",
    ];
    for i in 0..30i64 {
        let day = today - Duration::days(2 + i * 3);
        let reach = 1_800.0 + ((i * 7919) % 2_600) as f64;
        let engagements = (reach * (0.025 + ((i * 31) % 40) as f64 / 1_000.0)).round();
        let key = format!("1{:08}", 2_000_000 + i);
        let link = format!("https://www.facebook.com/comunedilugo/posts/{key}");
        let topic = TOPICS[(i % 6) as usize];
        let post = kpi_repo::PostInput {
            key: &key,
            day,
            link: &link,
            text: topic,
            reach: Some(reach),
            impressions: Some((reach * 1.6).round()),
            engagements: Some(engagements),
            clicks: Some((engagements * 0.4).round()),
            views: None,
        };
        kpi_repo::put_post(tx, *fb, &post, import).await?;
    }
    Ok(())
}

/// The strategy in two versions, its objectives, and both policies (the external
/// one online).
async fn documents(
    tx: &mut Tx,
    lugo: i64,
    ids: &[i64],
    marco: i64,
    giulia: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let fields = |pairs: &[(&str, &str)]| {
        serde_json::to_string(
            &pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .unwrap_or_default()
    };
    let audiences = "- **Residenti** di Lugo e delle frazioni, in particolare le famiglie con figli in età scolare\n- **Giovani** tra 18 e 30 anni, poco raggiunti dal sito\n- **Stampa locale** e associazioni";
    let tone = "Chiaro, cortese, in seconda persona plurale. Frasi brevi, niente sigle non spiegate. Le emoji solo su Instagram e Telegram, al massimo una per post.";
    let channels_v1 = "- **Facebook**: servizi, avvisi, partecipazione (tutti i giorni feriali)\n- **Instagram**: eventi e luoghi, due volte a settimana\n- **X**: avvisi rapidi per la stampa";
    let channels_v2 = "- **Facebook**: servizi, avvisi, partecipazione (tutti i giorni feriali)\n- **Instagram**: eventi e luoghi, due volte a settimana\n- **X**: avvisi rapidi per la stampa\n- **Telegram Lugo Informa**: allerte meteo, viabilità e scadenze, appena servono";
    let body = "Il piano editoriale è preparato il giovedì per la settimana successiva; ogni contenuto è approvato da un collega. Il report mensile va alla Giunta entro il 10 del mese.";
    let v1 = fields(&[
        ("audiences", audiences),
        ("tone", tone),
        ("channels", channels_v1),
        ("body", body),
    ]);
    let v2 = fields(&[
        ("audiences", audiences),
        ("tone", tone),
        ("channels", channels_v2),
        ("body", body),
    ]);
    strategy_repo::add_version(
        tx,
        lugo,
        DocKind::Strategy,
        &v1,
        "Prima stesura approvata in Giunta",
        giulia,
        now - Duration::days(60),
    )
    .await?;
    strategy_repo::add_version(
        tx,
        lugo,
        DocKind::Strategy,
        &v2,
        "Aggiunto il canale Telegram per le allerte",
        marco,
        now - Duration::days(20),
    )
    .await?;
    let internal = fields(&[("body", "Pubblicano i due operatori della redazione social; ogni post è approvato da un collega o dal responsabile della comunicazione. Si risponde ai messaggi entro un giorno lavorativo. In caso di emergenza (allerta meteo, incidenti) si segue il piano di protezione civile: i testi li valida il Comando di Polizia locale.")]);
    strategy_repo::add_version(
        tx,
        lugo,
        DocKind::PolicyInternal,
        &internal,
        "",
        giulia,
        now - Duration::days(55),
    )
    .await?;
    let external = fields(&[
        ("conduct", "I canali social del Comune di Lugo sono spazi di informazione e dialogo. Sono graditi domande, segnalazioni e opinioni espresse con rispetto. Non sono ammessi insulti, linguaggio discriminatorio, spam, dati personali di terzi, propaganda elettorale."),
        ("moderation", "I commenti contrari a queste regole vengono nascosti; chi le viola più volte può essere bloccato. Per chiedere la revisione di una decisione si scrive a urp@comune.lugo.example.it."),
        ("response_times", "La redazione risponde dal lunedì al venerdì, dalle 9 alle 18, di norma entro un giorno lavorativo. Le segnalazioni urgenti vanno fatte al numero della Polizia locale, non sui social."),
    ]);
    let version = strategy_repo::add_version(
        tx,
        lugo,
        DocKind::PolicyExternal,
        &external,
        "Prima versione pubblica",
        giulia,
        now - Duration::days(50),
    )
    .await?;
    strategy_repo::publish(tx, lugo, version, now - Duration::days(50)).await?;
    let deadline = (now.with_timezone(&Rome) + Duration::days(200)).date_naive();
    for (title, metric, channel, target) in [
        (
            "Più residenti seguono il Comune su Facebook",
            "followers",
            ids.first().copied(),
            5_800.0,
        ),
        (
            "Un residente su dieci raggiunto ogni mese",
            "reach",
            None,
            60_000.0,
        ),
        ("Post che fanno partecipare", "engagement_rate", None, 4.5),
    ] {
        let input = strategy_repo::ObjectiveInput {
            title,
            metric,
            channel_id: channel,
            target,
            deadline,
            active: true,
        };
        strategy_repo::save_objective(tx, lugo, None, &input, now).await?;
    }
    Ok(())
}

/// Takes a demo item along the review to `state`, with the notes a team would leave.
async fn walk(
    tx: &mut Tx,
    ente: i64,
    id: i64,
    state: ItemState,
    author: i64,
    reviewer: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    use ItemState::*;
    let path: &[(ItemState, ItemState, bool, &str)] = match state {
        Draft => &[],
        Review => &[(Draft, Review, true, "")],
        Approved => &[
            (Draft, Review, true, ""),
            (
                Review,
                Approved,
                false,
                "Ok, aggiungerei solo il link al piano di protezione civile.",
            ),
        ],
        Scheduled => &[
            (Draft, Review, true, ""),
            (Review, Approved, false, ""),
            (Approved, Scheduled, true, ""),
        ],
        Published => &[
            (Draft, Review, true, ""),
            (Review, Approved, false, ""),
            (Approved, Published, true, ""),
        ],
        Dropped => &[
            (Draft, Review, true, ""),
            (
                Review,
                Dropped,
                false,
                "Il servizio partirà a marzo: lo riprogrammiamo più avanti.",
            ),
        ],
    };
    for (from, to, by_author, note) in path {
        let by = if *by_author { author } else { reviewer };
        let link = if *to == Published {
            format!(
                "https://www.facebook.com/comunedilugo/posts/{}",
                1_000_000 + id
            )
        } else {
            String::new()
        };
        repo::set_state(tx, ente, id, *from, *to, by, &link, now).await?;
        repo::add_note(tx, id, by, Some((*from, *to)), note, now).await?;
    }
    if state == Review {
        repo::add_note(
            tx,
            id,
            reviewer,
            None,
            "Su Instagram metterei la foto del rendering, non la planimetria.",
            now,
        )
        .await?;
    }
    Ok(())
}
