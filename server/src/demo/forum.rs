//! The demo forums: categories, threads and replies in the three demo communities,
//! written as their members would. Loaded once: a community whose forum has any
//! category is left alone.

use app::db::{sql, DbError, Tx};
use app::forum::model::PostState;
use app::forum::{reading_repo, repo};
use app::ids::{AccountId, CommunityId};
use app::markdown;
use app::text::handle_of;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashSet;

/// (author's email, hours after the thread started, Markdown)
type Post = (&'static str, i64, &'static str);
/// (title, days ago, pinned, posts: the first opens the thread)
type Thread = (&'static str, i64, bool, &'static [Post]);
/// (slug, name, description, threads)
type Category = (&'static str, &'static str, &'static str, &'static [Thread]);

const PAOLO: &str = "paolo.ricci@formazione.example.it";
const MARCO: &str = "marco.bassi@comune.lugo.example.it";
const ELENA: &str = "elena.fabbri@unione.labassaromagna.example.it";
const GIULIA: &str = "giulia.neri@comune.lugo.example.it";

const COMUNICATORI: &[Category] = &[
    (
        "benvenuti",
        "Benvenuti e regole",
        "Presentazioni, regole della community e come usare il forum.",
        &[(
            "Benvenuti nella community dei comunicatori RiformAttiva 2026",
            20,
            true,
            &[
                (PAOLO, 0, "Benvenute e benvenuti!\n\nQuesto è lo spazio riservato alle amministrazioni dell'azione 1.3. Qualche regola:\n\n- presentatevi con **ente e ruolo**;\n- una discussione per argomento, con un titolo chiaro;\n- citate le fonti e i documenti (policy, delibere, linee guida);\n- niente dati personali dei cittadini nei messaggi.\n\nI tutor leggono ogni giorno: per un dubbio scrivete pure a @paolo.ricci."),
                (MARCO, 3, "Ciao a tutti, sono Marco Bassi, ufficio comunicazione del **Comune di Lugo**. Gestisco Facebook, Instagram e il canale Telegram del Comune. Felice di confrontarmi con voi!"),
                (ELENA, 5, "Buongiorno, Elena Fabbri, URP dell'Unione dei Comuni della Bassa Romagna. Mi occupo soprattutto delle risposte ai cittadini sui social: tempi, toni e cosa passare agli uffici."),
            ],
        )],
    ),
    (
        "strategia-e-policy",
        "Strategia e social media policy",
        "Obiettivi, pubblici, policy interna ed esterna: bozze e confronti.",
        &[
            (
                "Social media policy esterna: quali regole di moderazione pubblicate?",
                12,
                false,
                &[
                    (MARCO, 0, "Stiamo scrivendo la **policy esterna** del Comune di Lugo. Nella bozza abbiamo:\n\n1. commenti rimossi se offensivi, discriminatori o pubblicitari;\n2. risposte entro 2 giorni lavorativi, dal lunedì al venerdì;\n3. nessuna risposta a segnalazioni urgenti (rimandiamo al 112 e all'URP).\n\nVoi indicate anche i **tempi di risposta**? Temo che sia un impegno difficile da mantenere d'estate."),
                    (ELENA, 4, "> **Marco Bassi:**\n> Voi indicate anche i tempi di risposta?\n\nSì, li indichiamo, ma con una formula prudente: *\"di norma entro 3 giorni lavorativi\"*. D'estate mettiamo un post fisso con gli orari ridotti dell'URP."),
                    (PAOLO, 6, "Ottimo confronto. Ricordo le linee guida AgID sulla comunicazione: la policy deve dire **chi modera**, **cosa si rimuove** e **dove rivolgersi** per le richieste formali. @marco.bassi, se vuoi carichiamo la bozza nei file della community e la commentiamo insieme."),
                    (MARCO, 26, "Grazie! Aggiungo il rimando all'URP e la formula \"di norma\". Per me la discussione è risolta."),
                ],
            ),
            (
                "Obiettivi misurabili per il 2027: come li avete scritti?",
                5,
                false,
                &[
                    (GIULIA, 0, "In giunta ci chiedono obiettivi **misurabili**. Esempio che stiamo valutando: *portare il tasso di interazione medio su Instagram dal 2,1% al 3% entro giugno 2027*. Ha senso come KPI o è meglio la copertura?"),
                    (PAOLO, 2, "Ha senso se dite anche **come** lo misurate (interazioni / copertura per post, media mensile) e da dove prendete il dato (esportazione di Meta Business Suite). Nel cruscotto KPI di Piazza potrete confrontarlo con il target."),
                ],
            ),
        ],
    ),
    (
        "piano-redazionale",
        "Piano redazionale",
        "Calendari, rubriche, campagne: come organizzate il lavoro.",
        &[(
            "Rubrica settimanale sui servizi: esempi che funzionano?",
            3,
            false,
            &[
                (ELENA, 0, "Vorremmo una rubrica fissa il mercoledì, *\"Lo sapevi che…\"*, sui servizi online (PagoPA, anagrafe, SUAP). Qualcuno l'ha già provata? Che formato rende di più: caroselli o reel brevi?"),
                (MARCO, 5, "A Lugo i **caroselli** con 4-5 schede funzionano meglio dei reel per i servizi: si salvano e si condividono. I reel li usiamo per eventi e cantieri."),
            ],
        )],
    ),
];

const URP: &[Category] = &[(
    "procedure",
    "Procedure condivise",
    "Come rispondiamo, a chi passiamo le richieste, modelli di risposta.",
    &[(
        "Modello di risposta per le segnalazioni di buche stradali",
        7,
        true,
        &[(ELENA, 0, "Propongo un modello unico per tutti i Comuni dell'Unione:\n\n> Gentile cittadina, gentile cittadino, grazie della segnalazione. L'abbiamo inoltrata all'ufficio Lavori pubblici con il numero di protocollo indicato. Può seguirne lo stato nella sezione Segnalazioni del sito.\n\nCommenti?")],
    )],
)];

/// The open community: whoever joins writes here, and a tutor reads their first post first.
const ACCESSIBILITA: &[Category] = &[(
    "domande",
    "Domande e risposte",
    "Dubbi su linee guida AgID, dichiarazioni di accessibilità e verifiche: chi entra si presenta qui.",
    &[(
        "Dichiarazione di accessibilità: come la state compilando?",
        6,
        true,
        &[(PAOLO, 0, "Benvenute e benvenuti. La dichiarazione va pubblicata ogni anno entro il **23 settembre** con il modello AgID.\n\nRaccontate qui come la compilate: chi fa le verifiche, con quali strumenti, e che cosa avete scritto alla voce *contenuti non accessibili*. I primi messaggi di chi entra li leggo prima che siano pubblicati.")],
    )],
)];

async fn account(tx: &mut Tx, email: &str) -> Result<Option<(AccountId, String)>, DbError> {
    tx.fetch_optional(sql("SELECT id, display_name FROM account WHERE email = $1").bind(email))
        .await
}

pub async fn seed(tx: &mut Tx, now: DateTime<Utc>) -> Result<(), DbError> {
    for (slug, categories) in [
        ("comunicatori-riformattiva-2026", COMUNICATORI),
        ("urp-bassa-romagna", URP),
        ("accessibilita-digitale", ACCESSIBILITA),
    ] {
        let Some((community,)): Option<(CommunityId,)> = tx
            .fetch_optional(sql("SELECT id FROM community WHERE slug = $1").bind(slug))
            .await?
        else {
            continue;
        };
        let existing: Option<(i64,)> = tx
            .fetch_optional(
                sql("SELECT id FROM forum_category WHERE community_id = $1 LIMIT 1")
                    .bind(community),
            )
            .await?;
        if existing.is_some() {
            continue;
        }
        let names: Vec<(String,)> = tx
            .fetch_all(
                sql("SELECT a.display_name FROM account a JOIN role_grant g ON g.account_id = a.id WHERE g.community_id = $1")
                    .bind(community),
            )
            .await?;
        let known: HashSet<String> = names.iter().map(|(n,)| handle_of(n)).collect();
        for (cat_slug, name, description, threads) in categories {
            let Some(category) =
                repo::create_category(tx, community, cat_slug, name, description, now).await?
            else {
                continue;
            };
            for (title, days_ago, pinned, posts) in threads.iter() {
                let start = now - Duration::days(*days_ago);
                let Some((opener, _)) = account(tx, posts[0].0).await? else {
                    continue;
                };
                let thread =
                    repo::insert_thread(tx, community, category, title, opener, start).await?;
                for (email, hours, body) in posts.iter() {
                    let Some((author, _)) = account(tx, email).await? else {
                        continue;
                    };
                    let at = start + Duration::hours(*hours);
                    let html = markdown::render(body, &known);
                    repo::insert_post(
                        tx,
                        thread,
                        author,
                        body,
                        &html,
                        (PostState::Visible, false),
                        at,
                    )
                    .await?;
                    reading_repo::watch(
                        tx,
                        reading_repo::Followed::Thread(thread),
                        author,
                        true,
                        at,
                    )
                    .await?;
                }
                if *pinned {
                    repo::set_thread_flags(tx, thread, true, false, category).await?;
                }
                if title.starts_with("Social media policy esterna") {
                    let solved: Option<(i64,)> = tx
                        .fetch_optional(
                            sql("SELECT id FROM forum_post WHERE thread_id = $1 AND number = 2")
                                .bind(thread),
                        )
                        .await?;
                    repo::set_solution(tx, thread, solved.map(|(id,)| id)).await?;
                }
            }
        }
    }
    app::search::repo::reindex_forum(tx).await
}
