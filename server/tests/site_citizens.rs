//! What citizens do on an ente's site besides reading, on both databases: report an
//! inefficiency (a mail to the ente, refused field by field, a few an hour); follow
//! the ente from its home page and be told in the bell of the news items and events
//! it publishes (once, even when they follow the item's topic too), not of its
//! places; stop following; find it in their data export.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use common::editor::{id_from, step};
use common::people::{CHIARA, SARA};
use common::social::call;
use common::web::{app, notifications, signed_in, Client};

fn news(title: &str, topic: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "notizie".into()),
        ("f[news_kind]", "notizia".into()),
        ("f[title]", title.into()),
        ("f[summary]", "Un sommario.".into()),
        ("f[body]", "Il testo.".into()),
        ("f[topic]", topic.into()),
    ]
}

async fn publish(chiara: &mut Client, db: &Db, form: &[(&str, String)]) {
    let id = id_from(&call(chiara, "site-editor/save", form).await);
    let res = step(chiara, db, id, "publish", "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

both!(
    a_follower_hears_of_what_the_ente_publishes,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut nobody = Client::new(&app, "10.9.3.9");
        let res = call(&mut nobody, "account/follow-ente", &[("on", "1".into())]).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        let home = nobody.get("/lugo").await.body;
        assert!(
            home.contains("/account/accedi?next=/lugo"),
            "asked to log in"
        );
        let mut sara = signed_in(&app, SARA, "10.9.3.1").await;
        let res = call(&mut sara, "account/follow-ente", &[("on", "1".into())]).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let page = sara.call("ente/home", &[("slug", "lugo")]).await.json();
        assert_eq!(page["following"], serde_json::json!(true));
        // Sara follows the topic "sport" too: told once of an item on it.
        db.execute(
            sql("INSERT INTO account_topic (account_id, topic_id)
             SELECT a.id, t.id FROM account a, topic t WHERE a.email = $1 AND t.slug = 'sport'")
            .bind(SARA),
        )
        .await
        .unwrap();
        let mut chiara = signed_in(&app, CHIARA, "10.9.3.2").await;
        publish(
            &mut chiara,
            &db,
            &news("Nuove regole per la pesca", "pesca"),
        )
        .await;
        publish(&mut chiara, &db, &news("Torneo di calcetto", "sport")).await;
        let place = [
            ("kind", "luoghi".to_string()),
            ("f[title]", "Campo da calcetto Bedeschi".into()),
            ("f[place_kind]", "Impianto sportivo".into()),
            ("f[address]", "Via Bedeschi 2, Lugo".into()),
            ("f[lat]", "44.42".into()),
            ("f[lon]", "11.91".into()),
        ];
        publish(&mut chiara, &db, &place).await;
        let told = notifications(&db, SARA, "site").await;
        assert_eq!(
            told,
            [
                "Novità da Comune di Lugo: Nuove regole per la pesca",
                "Novità su «Sport»: Torneo di calcetto",
            ]
        );
        let export: serde_json::Value =
            serde_json::from_str(&sara.get("/account/dati.json").await.body).unwrap();
        assert_eq!(
            export["account"]["followed_enti"],
            serde_json::json!(["Comune di Lugo"])
        );
        // Stopped: nothing more.
        let res = call(&mut sara, "account/follow-ente", &[]).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        publish(
            &mut chiara,
            &db,
            &news("Chiusura della biblioteca", "pesca"),
        )
        .await;
        assert_eq!(notifications(&db, SARA, "site").await.len(), 2);
        let page = sara.call("ente/home", &[("slug", "lugo")]).await.json();
        assert_eq!(page["following"], serde_json::json!(false));
    }
);

both!(
    an_inefficiency_reaches_the_ente_by_mail,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut nobody = Client::new(&app, "10.7.2.3");
        let home = nobody.get("/lugo").await.body;
        assert!(
            home.contains(
                "href=\"/lugo/segnala-disservizio\" data-element=\"report-inefficiency\""
            ) || home.contains(
                "data-element=\"report-inefficiency\" href=\"/lugo/segnala-disservizio\""
            )
        );
        assert_eq!(
            nobody.get("/lugo/segnala-disservizio").await.status,
            StatusCode::OK
        );
        let mails = "SELECT COUNT(*) FROM outbox WHERE kind = 'inefficiency'";
        let count = |db: Db| async move { db.fetch_one::<(i64,)>(sql(mails)).await.unwrap().0 };
        // Wrong: each field says why, nothing is sent.
        let wrong = [
            ("ente", "lugo"),
            ("categoria", "astronavi"),
            ("luogo", ""),
            ("descrizione", "Rotto."),
            ("email", "nessuno"),
        ];
        let res = nobody.call("site/report-inefficiency", &wrong).await;
        let fields: Vec<String> = match res.error() {
            Some(app::error::AppError::Invalid(p)) => p.into_iter().map(|p| p.field).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            fields,
            ["categoria", "luogo", "descrizione", "email", "privacy"]
        );
        assert_eq!(count(db.clone()).await, 0);
        let right = [
            ("ente", "lugo"),
            ("categoria", "illuminazione"),
            ("luogo", "Via Mazzini 12"),
            (
                "descrizione",
                "Il lampione davanti al civico 12 è spento da una settimana.",
            ),
            ("nome", "Sara Conti"),
            ("email", "Sara.Conti@example.it"),
            ("privacy", "1"),
        ];
        let res = nobody.call("site/report-inefficiency", &right).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let next = res.json().as_str().unwrap().to_string();
        let receipt = next.split("ricevuta=").nth(1).unwrap().to_string();
        assert!(
            receipt.starts_with("SD-") && receipt.len() == 11,
            "{receipt}"
        );
        let (to, subject, body): (String, String, String) = db
            .fetch_one(sql(
                "SELECT to_address, subject, body_text FROM outbox WHERE kind = 'inefficiency'",
            ))
            .await
            .unwrap();
        assert_eq!(to, "urp@comune.lugo.example.it");
        assert!(
            subject.contains(&receipt) && subject.contains("Illuminazione pubblica"),
            "{subject}"
        );
        assert!(body.contains("Il lampione davanti al civico 12"), "{body}");
        assert!(
            body.contains("Sara Conti <sara.conti@example.it>"),
            "{body}"
        );
        // A few an hour from one address.
        for _ in 0..4 {
            nobody.call("site/report-inefficiency", &right).await;
        }
        let res = nobody.call("site/report-inefficiency", &right).await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
        assert_eq!(count(db.clone()).await, 5);
        // The page shows only a receipt as the form writes them.
        let page = nobody
            .get("/lugo/segnala-disservizio?ricevuta=SD-1.%20ATTENZIONE")
            .await;
        assert!(!page.body.contains("Numero di ricevuta"));
        assert!(
            page.body.contains("Invia la segnalazione"),
            "the form instead"
        );
        // An ente without an address takes no report by this form.
        db.execute(sql("UPDATE ente SET email = '' WHERE slug = 'cotignola'"))
            .await
            .unwrap();
        let page = nobody.get("/cotignola/segnala-disservizio").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    }
);
