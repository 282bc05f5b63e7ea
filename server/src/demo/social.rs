//! The demo social-media team of the Comune di Lugo: its channels and an editorial
//! plan around today, in every state, with a weekly series and conflicts; a year of
//! followers and three months of Facebook posts; the strategy in two versions with
//! its objectives, and both policies. Loaded once: an ente with channels is left alone.

use super::people::{GIULIA, MARCO};
use app::db::{sql, DbError, Tx};
use app::ids::{AccountId, EnteId};
use app::social::channel::Platform;
use app::social::plan::channel_repo::{self, ChannelInput};
use app::social::plan::model::ItemState;
use app::social::plan::repo::{self, ItemInput};
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Rome;

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

async fn account(tx: &mut Tx, email: &str) -> Result<Option<AccountId>, DbError> {
    let row: Option<(AccountId,)> = tx
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
    let Some((lugo,)): Option<(EnteId,)> = tx
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
        if let Some(id) = channel_repo::save_channel(tx, lugo, None, &input, now).await? {
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
    super::social_kpi::kpis(tx, lugo, &ids, marco, now).await?;
    super::social_kpi::documents(tx, lugo, &ids, marco, giulia, now).await?;
    super::social_kpi::training(tx, lugo, giulia, now).await
}

/// Takes a demo item along the review to `state`, with the notes a team would leave.
async fn walk(
    tx: &mut Tx,
    ente: EnteId,
    id: i64,
    state: ItemState,
    author: AccountId,
    reviewer: AccountId,
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
