//! The press office through the router, on both databases: the journalists list
//! (refused field by field when wrong, one address once), a press release under
//! embargo mailed to the list at approval and on the site only when the embargo
//! ends, a release without one mailed when it goes live, a journalist leaving by
//! the link in their mail, and the public press kit with the releases' feeds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::editor::{id_from, local, step};
use common::people::{ADMIN, CHIARA, ELENA, GIULIA};
use common::social::{call, count};
use common::web::{app, signed_in, Client, Response};

fn fields_of(res: &Response) -> Vec<String> {
    match res.error() {
        Some(app::error::AppError::Invalid(problems)) => {
            problems.iter().map(|p| p.field.clone()).collect()
        }
        other => panic!("{other:?}: {}", res.body),
    }
}

fn release(title: &str, kind: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "notizie".into()),
        ("f[news_kind]", kind.into()),
        ("f[title]", title.into()),
        ("f[summary]", "La giunta ha approvato il bilancio.".into()),
        ("f[body]", "Il bilancio vale **42 milioni**.".into()),
        ("f[topic]", "bilancio".into()),
        ("f[to_press]", "1".into()),
    ]
}

/// The press releases mailed: (to, subject, body), oldest first.
async fn mails(db: &Db) -> Vec<(String, String, String)> {
    db.fetch_all(sql(
        "SELECT to_address, subject, body_text FROM outbox WHERE kind = 'press_release' ORDER BY id",
    ))
    .await
    .unwrap()
}

both!(
    the_journalists_list_takes_only_what_is_right,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut chiara = signed_in(&app, CHIARA, "10.9.0.1").await;
        let listed = "SELECT COUNT(*) FROM journalist";
        let before = count(&db, listed).await;
        let long = "x".repeat(121);
        let wrong = [
            ("name", long),
            ("outlet", String::new()),
            ("email", "non-un-indirizzo".into()),
            ("consent_note", "riga\u{202E}rovesciata".into()),
        ];
        let res = call(&mut chiara, "press/add", &wrong).await;
        assert_eq!(
            fields_of(&res),
            ["name", "outlet", "email", "consent_note", "consented"]
        );
        // Already on the list, in other letters.
        let again = [
            ("name", "Paolo Bertoni".to_string()),
            ("outlet", "Corriere".into()),
            ("email", "P.Bertoni@CorriereRomagna.example.it".into()),
            ("consented", "1".into()),
        ];
        let res = call(&mut chiara, "press/add", &again).await;
        assert_eq!(fields_of(&res), ["email"]);
        // Consent is the box ticked, not any value; an address reads as it is written.
        let mut unsure = again.to_vec();
        unsure[2].1 = "nuovo\u{202E}@corriere.example.it".into();
        unsure[3].1 = "off".into();
        let res = call(&mut chiara, "press/add", &unsure).await;
        assert_eq!(fields_of(&res), ["email", "consented"]);
        assert_eq!(count(&db, listed).await, before);
        let right = [
            ("name", "Anna Lelli".to_string()),
            ("outlet", "Settesere".into()),
            ("beat", "Scuola".into()),
            ("email", " Anna.Lelli@Settesere.example.it ".into()),
            ("consented", "1".into()),
        ];
        let res = call(&mut chiara, "press/add", &right).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let (id, email, consent): (i64, String, String) = db
            .fetch_one(sql(
                "SELECT id, email, consent FROM journalist WHERE outlet = 'Settesere'",
            ))
            .await
            .unwrap();
        assert_eq!(email, "anna.lelli@settesere.example.it");
        // Without a note, who recorded the consent and when.
        assert!(consent.starts_with("Chiara Fontana · "), "{consent}");
        // A journalist is removed through their own ente: Cotignola's desk (for a
        // platform admin, who may open it) does not reach Lugo's list.
        let mut admin = signed_in(&app, ADMIN, "10.9.0.3").await;
        let res = admin
            .call(
                "press/remove",
                &[("ente", "cotignola"), ("id", &id.to_string())],
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
        let mut giulia = signed_in(&app, GIULIA, "10.9.0.2").await;
        let res = call(&mut giulia, "press/remove", &[("id", id.to_string())]).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(count(&db, listed).await, before);
        let desk = call(&mut chiara, "press/desk", &[]).await.json();
        assert_eq!(desk["journalists"].as_array().unwrap().len() as i64, before);
        // Who writes on a site without running its press office does not send to the list.
        let mut elena = signed_in(&app, ELENA, "10.9.0.4").await;
        let mut item = release("Il bilancio dell'Unione", "comunicato");
        item.push(("ente", "bassa-romagna".into()));
        let pairs: Vec<(&str, &str)> = item.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = elena.call("site-editor/save", &pairs).await;
        assert_eq!(fields_of(&res), ["f[to_press]"]);
    }
);

both!(
    a_release_under_embargo_reaches_the_list_before_the_site,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, state) = app(db.clone());
        let mut chiara = signed_in(&app, CHIARA, "10.9.1.1").await;
        let journalists = count(&db, "SELECT COUNT(*) FROM journalist").await;
        assert!(journalists >= 4);
        // Embargo and mailing are for press releases only, and a release is not
        // published before its embargo ends.
        let mut notice = release("Chiusura del ponte", "avviso");
        notice.push(("f[embargo]", local(1, 10)));
        let res = call(&mut chiara, "site-editor/save", &notice).await;
        assert_eq!(fields_of(&res), ["f[embargo]", "f[to_press]"]);
        let mut early = release("Il bilancio 2027", "comunicato");
        early.push(("f[embargo]", local(1, 10)));
        early.push(("publish_at", local(1, 9)));
        let res = call(&mut chiara, "site-editor/save", &early).await;
        assert_eq!(fields_of(&res), ["publish_at"]);
        assert!(mails(&db).await.is_empty());
        // Under embargo: saved, it is dated by the embargo's end.
        let mut item = release("Il bilancio 2027", "comunicato");
        item.push(("f[embargo]", local(1, 10)));
        let id = id_from(&call(&mut chiara, "site-editor/save", &item).await);
        let res = step(&mut chiara, &db, id, "publish", "").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        // Approved, mailed to everyone on the list now, not on the site yet.
        let sent = mails(&db).await;
        assert_eq!(sent.len() as i64, journalists);
        for (to, subject, body) in &sent {
            assert!(subject.starts_with("[EMBARGO fino al "), "{subject}");
            assert!(
                subject.ends_with("Comune di Lugo: Il bilancio 2027"),
                "{subject}"
            );
            assert!(
                body.starts_with("EMBARGO: da non diffondere prima del "),
                "{body}"
            );
            assert!(body.contains("Il bilancio vale 42 milioni"), "{body}");
            assert!(body.contains("/lugo/notizie/il-bilancio-2027"), "{body}");
            assert!(body.contains("stampa@comune.lugo.example.it"), "{body}");
            assert!(
                body.contains("/lugo/ufficio-stampa/cancellazione?token="),
                "{to}"
            );
        }
        let mut anon = Client::new(&app, "10.9.1.9");
        let page = "/lugo/notizie/il-bilancio-2027";
        assert_eq!(anon.get(page).await.status, StatusCode::NOT_FOUND);
        let (recipients,): (i64,) = db
            .fetch_one(sql("SELECT recipients FROM press_mailing WHERE entry_id = $1").bind(id))
            .await
            .unwrap();
        assert_eq!(recipients, journalists);
        // When the embargo ends it goes live, and nobody is mailed twice.
        let later = Utc::now() + Duration::days(2);
        assert_eq!(
            app::editor::golive::run_due(&state, later).await.unwrap(),
            (1, 0)
        );
        assert_eq!(mails(&db).await.len(), sent.len());
        let (live,): (i64,) = db
            .fetch_one(sql(
                "SELECT COUNT(*) FROM news WHERE slug = 'il-bilancio-2027' AND kind = 'comunicato'",
            ))
            .await
            .unwrap();
        assert_eq!(live, 1);
        // A journalist leaves by their link; the link does nothing a second time.
        let (to, _, body) = &sent[0];
        let token = body
            .split("cancellazione?token=")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        let leave = [("ente", "lugo"), ("token", token)];
        let res = anon.call("press/leave", &leave).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let gone = count(&db, "SELECT COUNT(*) FROM journalist").await;
        assert_eq!(gone, journalists - 1);
        let (left,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM journalist WHERE email = $1").bind(to.as_str()))
            .await
            .unwrap();
        assert_eq!(left, 0);
        let res = anon.call("press/leave", &leave).await;
        assert_eq!(fields_of(&res), ["token"]);
        // Another ente's page does not take the link.
        let res = anon
            .call("press/leave", &[("ente", "cotignola"), ("token", token)])
            .await;
        assert_eq!(fields_of(&res), ["token"]);
    }
);

both!(
    a_release_goes_out_when_it_goes_live_and_the_kit_shows_it,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut chiara = signed_in(&app, CHIARA, "10.9.2.1").await;
        let journalists = count(&db, "SELECT COUNT(*) FROM journalist").await;
        let item = release("Nuovo orario degli uffici", "comunicato");
        let id = id_from(&call(&mut chiara, "site-editor/save", &item).await);
        assert!(mails(&db).await.is_empty(), "a draft is not mailed");
        let res = step(&mut chiara, &db, id, "publish", "").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let sent = mails(&db).await;
        assert_eq!(sent.len() as i64, journalists);
        assert!(sent
            .iter()
            .all(|(_, s, b)| !s.contains("EMBARGO") && !b.contains("EMBARGO")));
        // Without the box ticked, a release is not mailed.
        let mut quiet = release("Un comunicato solo sul sito", "comunicato");
        quiet.retain(|(k, _)| *k != "f[to_press]");
        let quiet_id = id_from(&call(&mut chiara, "site-editor/save", &quiet).await);
        step(&mut chiara, &db, quiet_id, "publish", "").await;
        assert_eq!(mails(&db).await.len(), sent.len());
        // The press kit: the office's contacts, the releases and their feeds.
        let mut anon = Client::new(&app, "10.9.2.9");
        let kit = anon.get("/lugo/ufficio-stampa").await;
        assert_eq!(kit.status, StatusCode::OK);
        assert!(kit.body.contains("stampa@comune.lugo.example.it"));
        assert!(kit.body.contains("Nuovo orario degli uffici"));
        assert!(kit.body.contains("/lugo/comunicati/rss.xml"));
        let home = anon.get("/lugo").await;
        assert!(
            home.body.contains("href=\"/lugo/ufficio-stampa\""),
            "the footer links it"
        );
        assert!(
            home.body.contains("href=\"/lugo/comunicati/rss.xml\""),
            "advertised"
        );
        let rss = anon.get("/lugo/comunicati/rss.xml").await;
        assert_eq!(rss.status, StatusCode::OK);
        assert!(rss.body.contains("Nuovo orario degli uffici"));
        let (plain,): (String,) = db
            .fetch_one(sql(
                "SELECT n.title FROM news n JOIN ente e ON e.id = n.ente_id
                  WHERE e.slug = 'lugo' AND n.kind = 'notizia' ORDER BY n.published_at DESC LIMIT 1",
            ))
            .await
            .unwrap();
        assert!(!rss.body.contains(&plain), "only releases: {plain}");
        let all = anon.get("/lugo/notizie/rss.xml").await;
        assert!(all.body.contains(&plain));
        // Cotignola's kit has its own (empty) list of releases and the ente's contacts.
        let other = anon.get("/cotignola/ufficio-stampa").await;
        assert_eq!(other.status, StatusCode::OK);
        assert!(!other.body.contains("Nuovo orario degli uffici"));
    }
);
