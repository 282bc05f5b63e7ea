//! Consultations end to end through the router, on both databases: an operator builds
//! a questionnaire with seven kinds of question (one conditional) and publishes it;
//! two citizens answer (one as a plain form post); results and the CSV agree; bad
//! answers are refused question by question and what was typed is kept; questions
//! are fixed once someone answered; who may answer is enforced.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use app::error::AppError;
use app::i18n::T;
use axum::http::StatusCode;
use common::people::{DEMO, GIULIA, MARCO, SARA};
use common::web::{app, form, signed_in, Client};

/// Builds and publishes "Piazza Baracca" as Giulia (Lugo's administrator); returns
/// the question ids in order.
async fn build(giulia: &mut Client, participation: &str) -> Vec<String> {
    let res = giulia
        .call(
            "consult/create",
            &[
                ("ente", "lugo"),
                ("title", "Piazza Baracca: come la vorresti?"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        res.json(),
        "/gestione/lugo/consultazioni/piazza-baracca-come-la-vorresti?scheda=dettagli"
    );
    let s = "piazza-baracca-come-la-vorresti";
    let opens = app::i18n::Lang::local_input(chrono::Utc::now() - chrono::Duration::hours(1));
    let closes = app::i18n::Lang::local_input(chrono::Utc::now() + chrono::Duration::days(10));
    let res = giulia
        .call(
            "consult/details",
            &[
                ("ente", "lugo"),
                ("slug", s),
                ("title", "Piazza Baracca: come la vorresti?"),
                ("summary", "Il Comune ripensa la piazza con chi la vive."),
                ("body", "Raccontaci come usi la piazza."),
                ("opens", &opens),
                ("closes", &closes),
                ("participation", participation),
                ("anonymous", "si"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    for kind in [
        "single_choice",
        "multiple_choice",
        "rating",
        "yes_no",
        "long_text",
        "number",
        "matrix",
    ] {
        let res = giulia
            .call(
                "consult/add-question",
                &[
                    ("ente", "lugo"),
                    ("slug", s),
                    ("section", "0"),
                    ("kind", kind),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{kind}: {}", res.body);
    }
    let save = |q: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let mut pairs = vec![("ente", "lugo"), ("slug", s), ("question", q), ("help", "")];
        pairs.extend(fields);
        pairs
    };
    for pairs in [
        save(
            "q1",
            vec![
                ("label", "Quanto spesso passi in piazza?"),
                ("options", "Ogni giorno\nOgni settimana\nRaramente"),
                ("required", "si"),
            ],
        ),
        save(
            "q2",
            vec![
                ("label", "Come ci arrivi?"),
                ("options", "A piedi\nIn bici\nIn auto"),
                ("max", "2"),
            ],
        ),
        save(
            "q3",
            vec![
                ("label", "Quanto ti piace oggi?"),
                ("min", "1"),
                ("max", "5"),
                ("min_label", "Poco"),
                ("max_label", "Molto"),
                ("required", "si"),
            ],
        ),
        save(
            "q4",
            vec![("label", "Vorresti più alberi?"), ("required", "si")],
        ),
        save(
            "q5",
            vec![
                ("label", "Dove li metteresti?"),
                ("max_len", "300"),
                ("show_if", "q4=si"),
                ("required", "si"),
            ],
        ),
        save(
            "q6",
            vec![
                ("label", "Quanti anni hai?"),
                ("min", "0"),
                ("max", "120"),
                ("integer", "si"),
            ],
        ),
        save(
            "q7",
            vec![
                ("label", "Come valuti"),
                ("rows", "Pulizia\nIlluminazione"),
                ("options", "Male\nBene"),
            ],
        ),
    ] {
        let res = giulia.call("consult/save-question", &pairs).await;
        assert_eq!(res.status, StatusCode::OK, "{pairs:?}: {}", res.body);
    }
    let res = giulia
        .call(
            "consult/phase",
            &[("ente", "lugo"), ("slug", s), ("to", "publish")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    (1..=7).map(|i| format!("q{i}")).collect()
}

fn answers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out = vec![
        ("ente".to_string(), "lugo".to_string()),
        (
            "slug".to_string(),
            "piazza-baracca-come-la-vorresti".to_string(),
        ),
    ];
    out.extend(
        pairs
            .iter()
            .map(|(k, v)| (format!("answers[{k}]"), v.to_string())),
    );
    out
}

/// The problem a call reports for one field, if any.
async fn field_problem(
    client: &mut Client,
    endpoint: &str,
    pairs: &[(&str, &str)],
    field: &str,
) -> Option<T> {
    client
        .call(endpoint, pairs)
        .await
        .error()
        .and_then(|e| e.field(field))
}

/// The fields that name a comment of the built consultation.
fn on(comment: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("ente", "lugo"),
        ("slug", "piazza-baracca-come-la-vorresti"),
        ("comment", comment),
    ]
}

fn body(pairs: &[(String, String)]) -> String {
    form(
        &pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
    )
}

both!(
    a_consultation_is_built_answered_and_counted,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut giulia = signed_in(&app, GIULIA, "10.0.0.1").await;
        build(&mut giulia, "verified").await;

        // Sara answers with JavaScript (the wasm client's call).
        let mut sara = signed_in(&app, SARA, "10.0.0.2").await;
        let res = sara
            .call_raw(
                "consult/answer",
                body(&answers(&[
                    ("q1", "o1"),
                    ("q2__o1", "on"),
                    ("q2__o2", "on"),
                    ("q3", "4"),
                    ("q4", "si"),
                    ("q5", "Lungo il portico"),
                    ("q6", "41"),
                    ("q7__o1", "o2"),
                    ("q7__o2", "o1"),
                ])),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let receipt = res.json().as_str().unwrap().to_string();
        assert!(
            receipt.starts_with("PZ-") && receipt.len() == 12,
            "{receipt}"
        );
        // Once.
        let again = sara
            .call_raw(
                "consult/answer",
                body(&answers(&[("q1", "o1"), ("q3", "4"), ("q4", "no")])),
            )
            .await;
        assert_eq!(
            again.error(),
            Some(AppError::Refused(T::ConsultationAlreadyAnswered))
        );
        // The receipt is mailed.
        let (n,): (i64,) = db.fetch_one(sql("SELECT COUNT(*) FROM outbox WHERE kind = 'response_receipt' AND body_text LIKE $1").bind(format!("%{receipt}%"))).await.unwrap();
        assert_eq!(n, 1);
        // The dashboard, read now, is kept only until the next answer.
        let before = giulia
            .call(
                "consult/results",
                &[
                    ("ente", "lugo"),
                    ("slug", "piazza-baracca-come-la-vorresti"),
                ],
            )
            .await
            .json();
        assert_eq!(before["total"], 1);

        // Marco answers with a plain form post (no JavaScript): redirected to the receipt.
        let mut marco = signed_in(&app, MARCO, "10.0.0.3").await;
        let pairs = answers(&[
            ("q1", "o3"),
            ("q3", "2"),
            ("q4", "no"),
            ("q5", "ignorata: la domanda è nascosta"),
            ("q6", "29"),
            ("q7__o1", "o1"),
            ("q7__o2", "o1"),
        ]);
        let borrowed: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = marco
            .post_form(
                "consult/answer",
                &borrowed,
                "/lugo/consultazioni/piazza-baracca-come-la-vorresti",
            )
            .await;
        assert_eq!(res.status, StatusCode::FOUND);
        assert!(res.headers["location"]
            .to_str()
            .unwrap()
            .starts_with("/lugo/consultazioni/piazza-baracca-come-la-vorresti?ricevuta=PZ-"));

        // The dashboard counts right.
        let r = giulia
            .call(
                "consult/results",
                &[
                    ("ente", "lugo"),
                    ("slug", "piazza-baracca-come-la-vorresti"),
                ],
            )
            .await
            .json();
        assert_eq!(
            (r["shown"].as_i64(), r["total"].as_i64()),
            (Some(2), Some(2))
        );
        let count = giulia
            .call(
                "consult/count",
                &[
                    ("ente", "lugo"),
                    ("slug", "piazza-baracca-come-la-vorresti"),
                ],
            )
            .await;
        assert_eq!(count.json(), 2, "what the results tab polls");
        let q = |i: usize| r["questions"][i]["summary"].clone();
        assert_eq!(q(0)["Counts"][0]["value"], 1.0, "every day: Sara");
        assert_eq!(q(0)["Counts"][2]["value"], 1.0, "rarely: Marco");
        assert_eq!(
            r["questions"][4]["answered"], 1,
            "the conditional question only where shown"
        );
        assert_eq!(q(4)["Texts"], serde_json::json!(["Lungo il portico"]));
        assert_eq!(q(5)["Histogram"]["mean"], 35.0);
        assert_eq!(
            q(6)["Rows"]["rows"][0][1],
            serde_json::json!([1.0, 1.0]),
            "cleanliness: one bad, one good"
        );
        // Filter: residents of Bagnacavallo (Sara) only.
        let (bagnacavallo,): (i64,) = db
            .fetch_one(sql("SELECT id FROM ente WHERE slug = 'bagnacavallo'"))
            .await
            .unwrap();
        let r = giulia
            .call(
                "consult/results",
                &[
                    ("ente", "lugo"),
                    ("slug", "piazza-baracca-come-la-vorresti"),
                    ("comune", &bagnacavallo.to_string()),
                ],
            )
            .await
            .json();
        assert_eq!(r["shown"], 1);

        // The CSV: one row per response, the values by label.
        let csv = giulia
            .get("/gestione/lugo/consultazioni/piazza-baracca-come-la-vorresti/risposte.csv")
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        let text = csv.body.trim_start_matches('\u{feff}').to_string();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert!(headers.iter().any(|h| h == "Come valuti – Pulizia"));
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        assert_eq!(&rows[0][0], receipt);
        assert_eq!(&rows[0][col("Come ci arrivi?")], "A piedi; In bici");
        assert_eq!(&rows[0][col("Vorresti più alberi?")], "Sì");
        assert_eq!(&rows[1][col("Quanto spesso passi in piazza?")], "Raramente");
        assert_eq!(
            &rows[1][col("Dove li metteresti?")],
            "",
            "hidden question, nothing kept"
        );
        // Only the ente's operators download it.
        assert_eq!(
            sara.get("/gestione/lugo/consultazioni/piazza-baracca-come-la-vorresti/risposte.csv")
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Questions are fixed once someone answered.
        let res = giulia
            .call(
                "consult/add-question",
                &[
                    ("ente", "lugo"),
                    ("slug", "piazza-baracca-come-la-vorresti"),
                    ("section", "0"),
                    ("kind", "yes_no"),
                ],
            )
            .await;
        assert_eq!(
            res.error(),
            Some(AppError::Refused(T::ConsultationHasAnswers))
        );
    }
);

both!(
    bad_answers_are_refused_and_what_was_typed_is_kept,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut giulia = signed_in(&app, GIULIA, "10.0.0.1").await;
        build(&mut giulia, "anyone").await;
        let mut visitor = Client::new(&app, "10.0.0.9");
        let bad = [
            ("q1", "o9", "q1", T::AnswerInvalidChoice),
            ("q2__o3", "on", "q2", T::AnswerTooMany),
            ("q3", "9", "q3", T::AnswerOutOfScale),
            ("q4", "forse", "q4", T::AnswerInvalidChoice),
            ("q6", "quaranta", "q6", T::AnswerNotANumber),
            ("q7__o2", "o7", "q7", T::AnswerInvalidChoice),
        ];
        for (field, value, question, problem) in bad {
            let mut fields = vec![
                ("q1", "o1"),
                ("q2__o1", "on"),
                ("q2__o2", "on"),
                ("q3", "3"),
                ("q4", "si"),
                ("q5", "qui"),
                ("q7__o1", "o1"),
                ("q7__o2", "o1"),
            ];
            fields.retain(|(k, _)| *k != field);
            fields.push((field, value));
            let res = visitor
                .call_raw("consult/answer", body(&answers(&fields)))
                .await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
            assert_eq!(
                res.error().and_then(|e| e.field(question)),
                Some(problem),
                "{field}: {}",
                res.body
            );
        }
        // A required question left out, and a text too long.
        let long = "x".repeat(301);
        let res = visitor
            .call_raw(
                "consult/answer",
                body(&answers(&[("q1", "o1"), ("q4", "si"), ("q5", &long)])),
            )
            .await;
        let Some(AppError::Invalid(fields)) = res.error() else {
            panic!("{}", res.body)
        };
        let found: Vec<(String, T, Option<i64>)> = fields
            .into_iter()
            .map(|f| (f.field, f.problem, f.limit))
            .collect();
        assert_eq!(
            found,
            vec![
                ("q3".into(), T::AnswerRequired, None),
                ("q5".into(), T::AnswerTooLong, Some(300))
            ]
        );

        // Without JavaScript a failed post comes back to the form, filled as it was.
        let mut nojs = Client::new(&app, "10.0.0.10");
        let pairs = answers(&[
            ("q1", "o2"),
            ("q3", "11"),
            ("q4", "si"),
            ("q5", "Vicino alla fontana"),
        ]);
        let borrowed: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = nojs
            .post_form(
                "consult/answer",
                &borrowed,
                "/lugo/consultazioni/piazza-baracca-come-la-vorresti",
            )
            .await;
        assert_eq!(res.status, StatusCode::FOUND);
        let page = nojs
            .get(
                res.headers["location"]
                    .to_str()
                    .unwrap()
                    .trim_start_matches("http://piazza.test"),
            )
            .await;
        assert!(
            page.body.contains("Vicino alla fontana"),
            "the text typed is back in the form"
        );
        assert!(
            page.body.contains("Scegli un valore della scala"),
            "with the message next to the question"
        );
        let shown = nojs
            .call(
                "consult/show",
                &[
                    ("ente", "lugo"),
                    ("slug", "piazza-baracca-come-la-vorresti"),
                ],
            )
            .await
            .json();
        assert_eq!(shown["draft"]["q1"], "o2");
        let (n,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM response r JOIN consultation c ON c.id = r.consultation_id WHERE c.slug = 'piazza-baracca-come-la-vorresti'"))
            .await
            .unwrap();
        assert_eq!(n, 0, "nothing was stored");
    }
);

both!(who_may_answer_is_enforced, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, state) = app(db.clone());
    let mut giulia = signed_in(&app, GIULIA, "10.0.0.1").await;
    build(&mut giulia, "verified").await;
    let good = answers(&[("q1", "o1"), ("q3", "3"), ("q4", "no")]);
    let mut visitor = Client::new(&app, "10.0.0.9");
    assert_eq!(
        visitor.call_raw("consult/answer", body(&good)).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Residents of Lugo only: Sara lives in Bagnacavallo.
    let (lugo,): (i64,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
        .await
        .unwrap();
    db.execute(sql("UPDATE consultation SET participation = 'residents' WHERE slug = 'piazza-baracca-come-la-vorresti'"))
        .await
        .unwrap();
    db.execute(sql("INSERT INTO consultation_comune (consultation_id, ente_id) SELECT id, $1 FROM consultation WHERE slug = 'piazza-baracca-come-la-vorresti'").bind(lugo)).await.unwrap();
    let mut sara = signed_in(&app, SARA, "10.0.0.2").await;
    let res = sara.call_raw("consult/answer", body(&good)).await;
    assert_eq!(
        res.error(),
        Some(AppError::Refused(T::ConsultationNotResident))
    );
    let mut marco = signed_in(&app, MARCO, "10.0.0.3").await;
    assert_eq!(
        marco.call_raw("consult/answer", body(&good)).await.status,
        StatusCode::OK
    );
    // Open to anyone: an answer needs a ticket from the page, a few seconds old, used
    // once; five answers an hour from one address.
    db.execute(sql("UPDATE consultation SET participation = 'anyone' WHERE slug = 'piazza-baracca-come-la-vorresti'"))
        .await
        .unwrap();
    let page = [
        ("ente", "lugo"),
        ("slug", "piazza-baracca-come-la-vorresti"),
    ];
    let with_ticket = |ticket: &str| {
        let mut pairs = good.clone();
        pairs.push(("ticket".to_string(), ticket.to_string()));
        body(&pairs)
    };
    let refused = Some(AppError::Refused(T::ConsultationTicket));
    assert_eq!(
        visitor
            .call_raw("consult/answer", body(&good))
            .await
            .error(),
        refused
    );
    let ticket = visitor.call("consult/show", &page).await.json()["ticket"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        visitor
            .call_raw("consult/answer", with_ticket(&ticket))
            .await
            .error(),
        refused,
        "too fast for a person"
    );
    let (issued, signature) = ticket.split_once('.').unwrap();
    let forged = format!("{}.{signature}", issued.parse::<i64>().unwrap() - 60);
    state.clock.advance(chrono::Duration::seconds(5));
    assert_eq!(
        visitor
            .call_raw("consult/answer", with_ticket(&forged))
            .await
            .error(),
        refused,
        "a signature is for its time"
    );
    assert_eq!(
        visitor
            .call_raw("consult/answer", with_ticket(&ticket))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        visitor
            .call_raw("consult/answer", with_ticket(&ticket))
            .await
            .error(),
        refused,
        "a ticket is used once"
    );
    for _ in 0..4 {
        let ticket = visitor.call("consult/show", &page).await.json()["ticket"]
            .as_str()
            .unwrap()
            .to_string();
        state.clock.advance(chrono::Duration::seconds(5));
        assert_eq!(
            visitor
                .call_raw("consult/answer", with_ticket(&ticket))
                .await
                .status,
            StatusCode::OK
        );
    }
    let ticket = visitor.call("consult/show", &page).await.json()["ticket"]
        .as_str()
        .unwrap()
        .to_string();
    state.clock.advance(chrono::Duration::seconds(5));
    assert_eq!(
        visitor
            .call_raw("consult/answer", with_ticket(&ticket))
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Signed in, no ticket is needed.
    let mut elena = signed_in(
        &app,
        "elena.fabbri@unione.labassaromagna.example.it",
        "10.0.0.12",
    )
    .await;
    assert_eq!(
        elena.call_raw("consult/answer", body(&good)).await.status,
        StatusCode::OK
    );
    // Closed: no more answers.
    db.execute(
        sql(
            "UPDATE consultation SET closes_at = $1 WHERE slug = 'piazza-baracca-come-la-vorresti'",
        )
        .bind(chrono::Utc::now() - chrono::Duration::minutes(1)),
    )
    .await
    .unwrap();
    let mut other = Client::new(&app, "10.0.0.11");
    let res = other.call_raw("consult/answer", body(&good)).await;
    assert_eq!(res.error(), Some(AppError::Refused(T::ConsultationNotOpen)));
    // Drafts are not public: the list shows the published ones (this and the demo's).
    let res = giulia
        .call(
            "consult/create",
            &[("ente", "lugo"), ("title", "Ancora in bozza")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let list = other.call("consult/list", &[("ente", "lugo")]).await.json();
    let slugs: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["slug"].as_str())
        .collect();
    assert_eq!(slugs.len(), 2, "{slugs:?}");
    assert!(!slugs.contains(&"ancora-in-bozza"));
});

both!(
    a_text_is_commented_supported_reported_answered_and_moderated,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let s = "piazza-baracca-come-la-vorresti";
        let mut giulia = signed_in(&app, GIULIA, "10.0.0.1").await;
        build(&mut giulia, "verified").await;
        let text = |t: &'static str| vec![("ente", "lugo"), ("slug", s), ("text", t)];

        // The operator's text: a heading without its paragraph is refused by field.
        let res = giulia
            .call("consult/text", &text("Premessa.\n\n# Art. 9 – Senza testo"))
            .await;
        assert_eq!(
            res.error().and_then(|e| e.field("text")),
            Some(T::DiscussionHeadingWithoutText)
        );
        let res = giulia
            .call(
                "consult/text",
                &text("# Art. 1 – Finalità\nIl Comune ripensa la piazza.\n\n# Art. 2 – Alberi\nSi piantano dieci alberi."),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let moderation = giulia
            .call("consult/moderation", &[("ente", "lugo"), ("slug", s)])
            .await
            .json();
        assert_eq!(moderation["locked"], false);
        assert_eq!(moderation["paragraphs"][1]["heading"], "Art. 2 – Alberi");

        // Sara comments on the second article; too short first.
        let mut sara = signed_in(&app, SARA, "10.0.0.2").await;
        let page = sara
            .call("consult/show", &[("ente", "lugo"), ("slug", s)])
            .await
            .json();
        assert_eq!(page["discussion_state"], "Open");
        let paragraph = page["discussion"][1]["id"].as_i64().unwrap().to_string();
        let comment = |body: &'static str| {
            let paragraph = paragraph.clone();
            move || {
                vec![
                    ("ente".to_string(), "lugo".to_string()),
                    ("slug".to_string(), s.to_string()),
                    ("paragraph".to_string(), paragraph.clone()),
                    ("body".to_string(), body.to_string()),
                ]
            }
        };
        let res = sara
            .call_raw("consult/comment", body(&comment("ok")()))
            .await;
        assert_eq!(
            res.error().and_then(|e| e.field("body")),
            Some(T::DiscussionCommentTooShort)
        );
        let res = sara
            .call_raw(
                "consult/comment",
                body(&comment(
                    "Meglio tigli che platani: fanno meno danni ai marciapiedi.",
                )()),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let id = res.json().as_i64().unwrap().to_string();
        let mut visitor = Client::new(&app, "10.0.0.9");
        assert_eq!(
            visitor
                .call_raw("consult/comment", body(&comment("Anonimo qui.")()))
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );

        // Once commented, the text is fixed.
        let res = giulia
            .call("consult/text", &text("Tutt'altro testo."))
            .await;
        assert_eq!(
            res.error(),
            Some(AppError::Refused(T::DiscussionHasComments))
        );
        let moderation = giulia
            .call("consult/moderation", &[("ente", "lugo"), ("slug", s)])
            .await
            .json();
        assert_eq!(moderation["locked"], true);
        assert_eq!(moderation["paragraphs"].as_array().unwrap().len(), 2);

        // Marco supports it (and can take the support back); Sara cannot support hers.
        let mut marco = signed_in(&app, MARCO, "10.0.0.3").await;
        for expected in [true, false, true] {
            let res = marco.call("consult/support", &on(&id)).await;
            assert_eq!(res.json(), expected, "{}", res.body);
        }
        assert_eq!(
            sara.call("consult/support", &on(&id)).await.error(),
            Some(AppError::Refused(T::DiscussionOwnComment))
        );

        // Marco reports it once, with a reason from the list.
        let mut report = on(&id);
        report.push(("reason", "boh"));
        assert_eq!(
            field_problem(&mut marco, "consult/report", &report, "reason").await,
            Some(T::ValidationChoice)
        );
        report.pop();
        report.push(("reason", "off_topic"));
        assert_eq!(
            marco.call("consult/report", &report).await.status,
            StatusCode::OK
        );
        assert_eq!(
            marco.call("consult/report", &report).await.error(),
            Some(AppError::Refused(T::DiscussionAlreadyReported))
        );

        // The public sees the support, not the report; the operator sees both.
        let page = sara
            .call("consult/show", &[("ente", "lugo"), ("slug", s)])
            .await
            .json();
        let public = &page["discussion"][1]["comments"][0];
        assert_eq!(public["supports"], 1);
        assert_eq!(public["reports"], 0);
        assert_eq!(public["mine"], true);
        assert_eq!(public["author"], "Sara Conti");
        let moderation = giulia
            .call("consult/moderation", &[("ente", "lugo"), ("slug", s)])
            .await
            .json();
        let seen = &moderation["paragraphs"][1]["comments"][0];
        assert_eq!(seen["reports"], 1);
        assert_eq!(
            seen["report_reasons"][0],
            serde_json::json!(["OffTopic", 1])
        );

        // The operator answers: a decision needs its reason; the author is told by mail.
        let mut reply = on(&id);
        reply.extend([("status", "accepted"), ("reply", "  ")]);
        assert_eq!(
            field_problem(&mut giulia, "consult/reply", &reply, "reply").await,
            Some(T::DiscussionReasonRequired)
        );
        reply.pop();
        reply.push(("reply", "Accolto: il capitolato indicherà i tigli."));
        assert_eq!(
            giulia.call("consult/reply", &reply).await.status,
            StatusCode::OK
        );
        let (mails,): (i64,) = db
            .fetch_one(sql(
                "SELECT COUNT(*) FROM outbox WHERE kind = 'comment_answered' AND to_address = 'sara.conti@example.it'",
            ))
            .await
            .unwrap();
        assert_eq!(mails, 1);
        assert_eq!(sara.call("notify/unread", &[]).await.json(), 1);

        // Hiding needs a reason, shown in the comment's place; the text goes from public view.
        let mut hide = on(&id);
        hide.push(("to", "nascondi"));
        assert_eq!(
            field_problem(&mut giulia, "consult/hide", &hide, "reason").await,
            Some(T::DiscussionReasonRequired)
        );
        hide.push(("reason", "Prova di moderazione"));
        assert_eq!(
            giulia.call("consult/hide", &hide).await.status,
            StatusCode::OK
        );
        let page = visitor
            .call("consult/show", &[("ente", "lugo"), ("slug", s)])
            .await
            .json();
        let hidden = &page["discussion"][1]["comments"][0];
        assert_eq!(hidden["hidden"], true);
        assert_eq!(hidden["body"], "");
        assert_eq!(hidden["author"], "");
        assert_eq!(hidden["hidden_reason"], "Prova di moderazione");
        assert_eq!(
            marco.call("consult/support", &on(&id)).await.status,
            StatusCode::NOT_FOUND
        );
        // A comment is reached only through its own consultation.
        let elsewhere = [
            ("ente", "lugo"),
            ("slug", "piazza-baracca"),
            ("comment", id.as_str()),
            ("to", "mostra"),
        ];
        assert_eq!(
            giulia.call("consult/hide", &elsewhere).await.status,
            StatusCode::NOT_FOUND
        );
        let show = [
            ("ente", "lugo"),
            ("slug", s),
            ("comment", id.as_str()),
            ("to", "mostra"),
        ];
        assert_eq!(
            giulia.call("consult/hide", &show).await.status,
            StatusCode::OK
        );

        // Every moderation step is in the audit log, under Lugo.
        let actions: Vec<(String,)> = db
            .fetch_all(sql(
                "SELECT a.action FROM audit_log a JOIN ente e ON e.id = a.ente_id
                  WHERE e.slug = 'lugo' AND a.action IN ('discussion_text_saved', 'comment_answered', 'comment_hidden', 'comment_restored')
                  ORDER BY a.id",
            ))
            .await
            .unwrap();
        assert_eq!(
            actions.into_iter().map(|(a,)| a).collect::<Vec<_>>(),
            [
                "discussion_text_saved",
                "comment_answered",
                "comment_hidden",
                "comment_restored"
            ]
        );

        // Sara erases her account: her comment stays, without her name; her
        // notifications go.
        let res = sara.call("account/delete", &[("password", DEMO)]).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let (left,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM notification"))
            .await
            .unwrap();
        assert_eq!(left, 0);
        let page = visitor
            .call("consult/show", &[("ente", "lugo"), ("slug", s)])
            .await
            .json();
        let kept = &page["discussion"][1]["comments"][0];
        assert_eq!(kept["author"], "Account eliminato");
        assert_eq!(
            kept["body"],
            "Meglio tigli che platani: fanno meno danni ai marciapiedi."
        );
        assert_eq!(kept["status"], "Accepted");
    }
);

both!(
    followers_of_a_topic_hear_of_new_consultations_and_outcomes,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut giulia = signed_in(&app, GIULIA, "10.0.0.1").await;
        let res = giulia
            .call(
                "consult/create",
                &[("ente", "lugo"), ("title", "Regolamento del verde")],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let s = "regolamento-del-verde";
        let opens = app::i18n::Lang::local_input(chrono::Utc::now() - chrono::Duration::hours(1));
        let closes = app::i18n::Lang::local_input(chrono::Utc::now() + chrono::Duration::days(10));
        let res = giulia
            .call(
                "consult/details",
                &[
                    ("ente", "lugo"),
                    ("slug", s),
                    ("title", "Regolamento del verde"),
                    ("summary", ""),
                    ("body", ""),
                    ("opens", &opens),
                    ("closes", &closes),
                    ("participation", "verified"),
                    ("topics[]", "sviluppo-sostenibile"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let phase = |to: &'static str| {
            vec![
                ("ente", "lugo"),
                ("slug", s),
                ("to", to),
                ("outcome", "Approvato."),
            ]
        };
        // No questions and no text: nothing to publish.
        assert_eq!(
            giulia
                .call("consult/phase", &phase("publish"))
                .await
                .error(),
            Some(AppError::Refused(T::ConsultationNotReady))
        );
        // A text alone is enough.
        let res = giulia
            .call(
                "consult/text",
                &[
                    ("ente", "lugo"),
                    ("slug", s),
                    ("text", "# Art. 1\nGli alberi sono un bene comune."),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = giulia.call("consult/phase", &phase("publish")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let mails = |kind: &'static str| {
            let db = db.clone();
            async move {
                db.fetch_all::<(String,)>(
                    sql("SELECT to_address FROM outbox WHERE kind = $1 ORDER BY id").bind(kind),
                )
                .await
                .unwrap()
                .into_iter()
                .map(|(a,)| a)
                .collect::<Vec<_>>()
            }
        };
        // Sara follows "sviluppo-sostenibile" in the demo; nobody else does.
        assert_eq!(
            mails("consultation_opened").await,
            ["sara.conti@example.it"]
        );
        // …and in the bell.
        let mut sara = signed_in(&app, SARA, "10.0.0.2").await;
        assert_eq!(sara.call("notify/unread", &[]).await.json(), 1);
        let list = sara.call("notify/list", &[]).await.json();
        assert_eq!(
            list["items"][0]["title"],
            "Comune di Lugo ha pubblicato una consultazione su un tema che segui: «Regolamento del verde»"
        );
        assert_eq!(
            list["items"][0]["url"],
            "/lugo/consultazioni/regolamento-del-verde"
        );
        assert_eq!(
            sara.call("notify/read-all", &[]).await.status,
            StatusCode::OK
        );
        assert_eq!(sara.call("notify/unread", &[]).await.json(), 0);
        assert_eq!(
            Client::new(&app, "10.0.0.6")
                .call("notify/unread", &[])
                .await
                .json(),
            0
        );
        let page = Client::new(&app, "10.0.0.5")
            .call("consult/show", &[("ente", "lugo"), ("slug", s)])
            .await
            .json();
        assert_eq!(page["state"], "NotOpen", "no questionnaire to answer");
        db.execute(
            sql("UPDATE consultation SET closes_at = $1 WHERE slug = $2")
                .bind(chrono::Utc::now() - chrono::Duration::minutes(1))
                .bind(s),
        )
        .await
        .unwrap();
        let res = giulia.call("consult/phase", &phase("results")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        // Correcting the outcome later does not mail again.
        let res = giulia.call("consult/phase", &phase("results")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            mails("consultation_outcome").await,
            ["sara.conti@example.it"]
        );
    }
);
