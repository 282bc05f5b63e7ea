//! The demo social-media team's numbers and documents: a year of followers and three
//! months of Facebook posts for Lugo's channels, the strategy in two versions with its
//! objectives, both policies (the external one online), and the training survey.

use app::db::{DbError, Tx};
use app::ids::{AccountId, EnteId};
use app::social::kpi::model::Metric;
use app::social::kpi::repo as kpi_repo;
use app::social::strategy::model::DocKind;
use app::social::strategy::repo as strategy_repo;
use chrono::{DateTime, Datelike, Duration, Months, Utc};
use chrono_tz::Europe::Rome;

/// The training-needs survey, started and answered by Giulia Neri.
pub(super) async fn training(
    tx: &mut Tx,
    lugo: EnteId,
    giulia: AccountId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    use app::questionnaire::answers::{Answer, Answers};
    use app::social::training::model::{default_questionnaire, level_id, MATRIX, SKILLS};
    let q = serde_json::to_string(&default_questionnaire(app::i18n::Lang::It)).unwrap_or_default();
    let survey = app::social::training::repo::start(tx, lugo, &q, giulia, now).await?;
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
    app::social::training::repo::answer(tx, survey, giulia, &json, now).await
}

/// A year of followers for three channels (a value on the last day of each month)
/// and the Facebook posts of the last 90 days with their reach and engagements,
/// as an import of Meta's export would leave them.
pub(super) async fn kpis(
    tx: &mut Tx,
    lugo: EnteId,
    ids: &[i64],
    by: AccountId,
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
pub(super) async fn documents(
    tx: &mut Tx,
    lugo: EnteId,
    ids: &[i64],
    marco: AccountId,
    giulia: AccountId,
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
        let input = app::social::kpi::objective_repo::ObjectiveInput {
            title,
            metric,
            channel_id: channel,
            target,
            deadline,
            active: true,
        };
        app::social::kpi::objective_repo::save_objective(tx, lugo, None, &input, now).await?;
    }
    Ok(())
}
