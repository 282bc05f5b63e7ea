//! The demo's consultations: one open in Lugo ("Piazza Baracca") and one of the
//! Unione whose outcome is published, each with realistic answers so that the results
//! have something to show. Answers are generated from a fixed seed: the same every run.

use app::consultation::model::Participation;
use app::consultation::repo::{self as consultations, Details, NewResponse};
use app::db::{sql, DbError, Tx};
use app::ids::{AccountId, EnteId};
use app::questionnaire::answers::{Answer, Answers};
use app::questionnaire::model::{Choice, Condition, Kind, Question, Questionnaire, Section};
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;

fn choices(labels: &[&str]) -> Vec<Choice> {
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| Choice::new(&format!("o{}", i + 1), l))
        .collect()
}

fn question(id: &str, label: &str, required: bool, kind: Kind) -> Question {
    Question {
        id: id.into(),
        label: label.into(),
        help: String::new(),
        required,
        kind,
        show_if: None,
    }
}

fn piazza_baracca() -> Questionnaire {
    let mut trees = question(
        "q5",
        "Dove metteresti nuovi alberi?",
        false,
        Kind::LongText { max_len: 500 },
    );
    trees.show_if = Some(Condition {
        question: "q4".into(),
        value: "si".into(),
    });
    Questionnaire {
        sections: vec![
            Section {
                title: "Tu e la piazza".into(),
                description: "Qualche domanda su come vivi oggi Piazza Baracca.".into(),
                questions: vec![
                    question(
                        "q1",
                        "Quanto spesso passi in Piazza Baracca?",
                        true,
                        Kind::SingleChoice {
                            options: choices(&[
                                "Ogni giorno",
                                "Ogni settimana",
                                "Qualche volta al mese",
                                "Raramente",
                            ]),
                        },
                    ),
                    question(
                        "q2",
                        "Come ci arrivi di solito?",
                        false,
                        Kind::MultipleChoice {
                            options: choices(&[
                                "A piedi",
                                "In bicicletta",
                                "In autobus",
                                "In auto",
                            ]),
                            min: None,
                            max: Some(2),
                        },
                    ),
                    question(
                        "q3",
                        "Quanto ti piace la piazza oggi?",
                        true,
                        Kind::Rating {
                            min: 1,
                            max: 5,
                            min_label: "Per niente".into(),
                            max_label: "Moltissimo".into(),
                        },
                    ),
                ],
            },
            Section {
                title: "La piazza di domani".into(),
                description: String::new(),
                questions: vec![
                    question("q4", "Vorresti più alberi e ombra?", true, Kind::YesNo),
                    trees,
                    question(
                        "q6",
                        "Metti in ordine di importanza",
                        false,
                        Kind::Ranking {
                            options: choices(&[
                                "Verde e ombra",
                                "Panchine",
                                "Spazi per il mercato",
                                "Parcheggi per bici",
                            ]),
                        },
                    ),
                    question(
                        "q7",
                        "Come valuti oggi questi aspetti?",
                        false,
                        Kind::Matrix {
                            rows: choices(&["Pulizia", "Illuminazione", "Sicurezza"]),
                            scale: choices(&["Male", "Così così", "Bene"]),
                        },
                    ),
                    question(
                        "q8",
                        "Quante persone della tua famiglia la frequentano?",
                        false,
                        Kind::Number {
                            min: Some(0.0),
                            max: Some(20.0),
                            integer: true,
                        },
                    ),
                ],
            },
        ],
    }
}

fn sportelli() -> Questionnaire {
    Questionnaire {
        sections: vec![Section {
            title: String::new(),
            description: String::new(),
            questions: vec![
                question(
                    "q1",
                    "Quale fascia oraria preferisci per gli sportelli?",
                    true,
                    Kind::SingleChoice {
                        options: choices(&[
                            "Mattina (8.30–12.30)",
                            "Pomeriggio (14.30–17.30)",
                            "Sabato mattina",
                        ]),
                    },
                ),
                question("q2", "Useresti la prenotazione online?", true, Kind::YesNo),
            ],
        }],
    }
}

/// A small deterministic generator (the same answers at every seeding).
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

const TREES: [&str; 5] = [
    "Lungo il lato del Pavaglione, per fare ombra ai banchi del mercato.",
    "Davanti alla Rocca, senza coprire la vista.",
    "Al posto dei parcheggi in fondo alla piazza.",
    "Vicino alle panchine, d'estate non ci si può sedere.",
    "Piccoli alberi in vaso che si possano spostare per gli eventi.",
];

fn baracca_answers(d: &mut Dice) -> Answers {
    let mut a = Answers::new();
    a.insert("q1".into(), Answer::Text(format!("o{}", 1 + d.roll(4))));
    let mut ways: Vec<String> = vec![format!("o{}", 1 + d.roll(4))];
    if d.roll(2) == 0 {
        let other = format!("o{}", 1 + d.roll(4));
        if !ways.contains(&other) {
            ways.push(other);
        }
    }
    ways.sort();
    a.insert("q2".into(), Answer::List(ways));
    a.insert(
        "q3".into(),
        Answer::Text((1 + d.roll(3) + d.roll(3)).min(5).to_string()),
    );
    let trees = d.roll(10) < 7;
    a.insert("q4".into(), Answer::Bool(trees));
    if trees && d.roll(2) == 0 {
        a.insert("q5".into(), Answer::Text(TREES[d.roll(5) as usize].into()));
    }
    let mut order = vec!["o1", "o2", "o3", "o4"];
    for i in (1..order.len()).rev() {
        order.swap(i, d.roll(i as u64 + 1) as usize);
    }
    a.insert(
        "q6".into(),
        Answer::List(order.into_iter().map(String::from).collect()),
    );
    let rows: BTreeMap<String, String> = ["o1", "o2", "o3"]
        .iter()
        .map(|r| (r.to_string(), format!("o{}", 1 + d.roll(3))))
        .collect();
    a.insert("q7".into(), Answer::Rows(rows));
    a.insert("q8".into(), Answer::Number(d.roll(6) as f64));
    a
}

async fn ente_id(tx: &mut Tx, slug: &str) -> Result<Option<EnteId>, DbError> {
    Ok(tx
        .fetch_optional::<(EnteId,)>(sql("SELECT id FROM ente WHERE slug = $1").bind(slug))
        .await?
        .map(|(id,)| id))
}

/// Creates a consultation with its answers unless its slug exists.
#[allow(clippy::too_many_arguments)]
async fn load(
    tx: &mut Tx,
    ente: EnteId,
    slug: &str,
    details: Details,
    questionnaire: &Questionnaire,
    status: &str,
    outcome: &str,
    answers: impl Fn(&mut Dice) -> Answers,
    count: u64,
    comuni: &[EnteId],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let Some(id) = consultations::create(
        tx,
        ente,
        slug,
        &details.title,
        details.opens_at,
        details.closes_at,
        None,
        now,
    )
    .await?
    else {
        return Ok(());
    };
    consultations::update_details(tx, id, &details, now).await?;
    consultations::set_questionnaire(tx, id, questionnaire, now).await?;
    consultations::set_status(tx, id, status, Some(outcome), now).await?;
    let mut dice = Dice(id as u64 * 7919);
    let span = (details.closes_at.min(now) - details.opens_at)
        .num_minutes()
        .max(60) as u64;
    for n in 0..count {
        let answers = answers(&mut dice);
        let when = details.opens_at + Duration::minutes(dice.roll(span) as i64);
        let receipt = format!("PZ-DEMO-{id:02}{n:04}");
        consultations::insert_response(
            tx,
            &NewResponse {
                consultation_id: id,
                account_id: None,
                receipt: &receipt,
                answers: &serde_json::to_string(&answers).unwrap_or_default(),
                comune_id: comuni
                    .get(dice.roll(comuni.len().max(1) as u64) as usize)
                    .copied(),
                birth_year: Some(1945 + dice.roll(60) as i64),
            },
            when,
        )
        .await?;
    }
    Ok(())
}

pub async fn seed(tx: &mut Tx, now: DateTime<Utc>) -> Result<(), DbError> {
    let (Some(lugo), Some(unione)) = (
        ente_id(tx, "lugo").await?,
        ente_id(tx, "bassa-romagna").await?,
    ) else {
        return Ok(());
    };
    let comuni: Vec<EnteId> = {
        let rows: Vec<(EnteId,)> = tx
            .fetch_all(sql("SELECT id FROM ente WHERE parent_id = $1 ORDER BY id").bind(unione))
            .await?;
        rows.into_iter().map(|(id,)| id).collect()
    };
    let details = |title: &str,
                   summary: &str,
                   body: &str,
                   opens: DateTime<Utc>,
                   closes: DateTime<Utc>,
                   p: Participation| Details {
        title: title.into(),
        summary: summary.into(),
        body: body.into(),
        opens_at: opens,
        closes_at: closes,
        participation: p,
        community_id: None,
        anonymous_results: true,
        comuni: vec![],
        topics: vec![],
    };
    load(
        tx,
        lugo,
        "piazza-baracca",
        details(
            "Piazza Baracca: come la vorresti?",
            "Il Comune ripensa Piazza Baracca con chi la vive ogni giorno: raccontaci come la usi e cosa cambieresti.",
            "Nel 2027 partiranno i lavori di riqualificazione di Piazza Baracca. Prima di scrivere il progetto, il Comune vuole sapere come cittadine e cittadini usano la piazza e cosa si aspettano.\n\nLe risposte saranno raccolte in forma anonima e presentate in un incontro pubblico.",
            now - Duration::days(12),
            now + Duration::days(18),
            Participation::Verified,
        ),
        &piazza_baracca(),
        "published",
        "",
        baracca_answers,
        48,
        &comuni,
        now,
    )
    .await?;
    discussion(tx, lugo, now).await?;
    load(
        tx,
        unione,
        "orari-sportelli-urp",
        details(
            "Orari degli sportelli URP",
            "Quali orari sono più comodi per gli sportelli dell'Unione? Gli esiti sono pubblicati.",
            "Abbiamo chiesto a chi usa gli sportelli URP dei Comuni dell'Unione quali orari preferisce.",
            now - Duration::days(60),
            now - Duration::days(30),
            Participation::Anyone,
        ),
        &sportelli(),
        "results",
        "Da gennaio gli sportelli apriranno anche il martedì pomeriggio e il sabato mattina, su prenotazione online.\n\nGrazie alle 120 persone che hanno risposto.",
        |d: &mut Dice| {
            let mut a = Answers::new();
            a.insert("q1".into(), Answer::Text(format!("o{}", 1 + d.roll(3))));
            a.insert("q2".into(), Answer::Bool(d.roll(10) < 8));
            a
        },
        120,
        &comuni,
        now,
    )
    .await?;
    Ok(())
}

/// The guidelines of the Piazza Baracca project, put to discussion, with comments of
/// the demo's citizens, a support and an answer of the Comune.
async fn discussion(tx: &mut Tx, lugo: EnteId, now: DateTime<Utc>) -> Result<(), DbError> {
    let Some((id,)) = tx
        .fetch_optional::<(i64,)>(
            sql("SELECT id FROM consultation WHERE ente_id = $1 AND slug = 'piazza-baracca'")
                .bind(lugo),
        )
        .await?
    else {
        return Ok(());
    };
    let text = "# Art. 1 – Finalità\nLe linee guida orientano il progetto di riqualificazione di Piazza Baracca: una piazza accogliente, verde e accessibile, che resti il luogo del mercato e degli eventi della città.\n\n\
# Art. 2 – Verde e ombra\nIl progetto prevede nuove alberature lungo i lati nord e sud e aiuole con piante che richiedono poca acqua. Le panchine sono collocate all'ombra degli alberi.\n\n\
# Art. 3 – Mercato ed eventi\nLa pavimentazione centrale resta libera per il mercato del mercoledì e del sabato e per gli eventi. Gli allacci elettrici e idrici sono a scomparsa.\n\n\
# Art. 4 – Accessibilità e mobilità\nLa piazza è senza barriere architettoniche. Le auto non sostano nella piazza; sono previsti stalli per biciclette e per persone con disabilità nelle vie vicine.";
    let (existing,): (i64,) = tx
        .fetch_one(
            sql("SELECT COUNT(*) FROM consultation_paragraph WHERE consultation_id = $1").bind(id),
        )
        .await?;
    if existing > 0 {
        return Ok(());
    }
    let paragraphs = app::consultation::discussion::parse_text(text).unwrap_or_default();
    app::consultation::discussion_repo::replace_text(tx, id, &paragraphs).await?;
    let people: Vec<(AccountId, String)> = tx
        .fetch_all(sql(
            "SELECT id, email FROM account WHERE email IN ('sara.conti@example.it', 'marco.bassi@comune.lugo.example.it', 'giulia.neri@comune.lugo.example.it')",
        ))
        .await?;
    let who = |email: &str| people.iter().find(|(_, e)| e == email).map(|(id, _)| *id);
    let (Some(sara), Some(marco), Some(giulia)) = (
        who("sara.conti@example.it"),
        who("marco.bassi@comune.lugo.example.it"),
        who("giulia.neri@comune.lugo.example.it"),
    ) else {
        return Ok(());
    };
    let paragraph: Vec<(i64,)> = tx
        .fetch_all(sql("SELECT id FROM consultation_paragraph WHERE consultation_id = $1 ORDER BY position").bind(id))
        .await?;
    let at = |n: usize| paragraph.get(n).map(|(id,)| *id).unwrap_or_default();
    use app::consultation::discussion_repo as d;
    let shade = d::insert_comment(
        tx,
        at(1),
        sara,
        "Servono alberi grandi da subito: i platani piccoli fanno ombra solo fra dieci anni. Meglio tigli già cresciuti.",
        now - Duration::days(9),
    )
    .await?;
    d::toggle_support(tx, shade, marco, now - Duration::days(8)).await?;
    d::set_reply(
        tx,
        shade,
        app::consultation::discussion::CommentStatus::Accepted,
        "Accolto: il capitolato chiederà alberi di almeno 4 metri, con specie adatte al clima della pianura.",
        giulia,
        now - Duration::days(6),
    )
    .await?;
    d::insert_comment(
        tx,
        at(2),
        marco,
        "Il mercato del sabato occupa anche i lati della piazza: gli allacci vanno previsti anche lì, non solo al centro.",
        now - Duration::days(7),
    )
    .await?;
    d::insert_comment(
        tx,
        at(3),
        sara,
        "Per chi arriva in bici servono rastrelliere coperte vicino all'ingresso del mercato.",
        now - Duration::days(3),
    )
    .await?;
    Ok(())
}

/// Adds `count` generated answers to the demo's Piazza Baracca consultation (for the
/// benchmark of the results dashboard). Returns the consultation's id.
pub async fn add_baracca_answers(db: &app::db::Db, count: u64) -> Result<Option<i64>, DbError> {
    let mut tx = db.begin().await?;
    let row: Option<(i64, EnteId)> = tx
        .fetch_optional(sql("SELECT c.id, e.id FROM consultation c JOIN ente e ON e.id = c.ente_id WHERE c.slug = 'piazza-baracca'"))
        .await?;
    let Some((id, lugo)) = row else {
        return Ok(None);
    };
    let now = Utc::now();
    let mut dice = Dice(count.wrapping_mul(31) + 7);
    for n in 0..count {
        // A commit every thousand: each answer adds one to the consultation's count, and
        // PostgreSQL walks every version of that row the open transaction made.
        if n > 0 && n % 1000 == 0 {
            tx.commit().await?;
            tx = db.begin().await?;
        }
        let answers = baracca_answers(&mut dice);
        let receipt = format!("PZ-BENCH-{n:06}");
        consultations::insert_response(
            &mut tx,
            &NewResponse {
                consultation_id: id,
                account_id: None,
                receipt: &receipt,
                answers: &serde_json::to_string(&answers).unwrap_or_default(),
                comune_id: Some(lugo),
                birth_year: Some(1945 + dice.roll(60) as i64),
            },
            now - Duration::minutes(dice.roll(12 * 24 * 60) as i64),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(id))
}
