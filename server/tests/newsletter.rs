//! Newsletters through the router, on both databases: subscribing without an
//! account (double opt-in, with the consent kept), refused field by field when
//! wrong; confirming by the mailed link (unknown and expired links said so); the
//! preferences page of a mail's link; leaving in one click as mail clients do it
//! (RFC 8058: a POST from elsewhere, no cookie, no redirect); composing an issue
//! (an empty one refused) and sending it to a real SMTP server (aiosmtpd), where a
//! refused address is marked and a busy one retried; an SMTP server that is down
//! loses nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use app::error::AppError;
use axum::http::StatusCode;
use common::people::{GIULIA, SARA};
use common::smtp::Sink;
use common::social::call;
use common::web::{app, last_mail_link, signed_in, token_of, Client, Response};
use std::time::Duration;

fn fields_of(res: &Response) -> Vec<String> {
    match res.error() {
        Some(AppError::Invalid(problems)) => problems.iter().map(|p| p.field.clone()).collect(),
        other => panic!("{other:?}: {}", res.body),
    }
}

async fn lugo_list(db: &Db) -> i64 {
    let (lugo,): (app::ids::EnteId,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
        .await
        .unwrap();
    common::newsletter::general_list(db, lugo).await
}

async fn state_of(db: &Db, email: &'static str) -> Vec<String> {
    let rows: Vec<(String,)> = db
        .fetch_all(
            sql("SELECT s.state FROM newsletter_subscription s
                   JOIN newsletter_subscriber p ON p.id = s.subscriber_id
                  WHERE p.email = $1 ORDER BY s.list_id")
            .bind(email),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(s,)| s).collect()
}

async fn consents(db: &Db, email: &'static str) -> Vec<(String, String, String)> {
    db.fetch_all(
        sql(
            "SELECT c.action, c.source, c.notice_version FROM newsletter_consent c
               JOIN newsletter_subscriber p ON p.id = c.subscriber_id
              WHERE p.email = $1 ORDER BY c.id",
        )
        .bind(email),
    )
    .await
    .unwrap()
}

both!(subscribing_confirming_and_leaving, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, state) = app(db.clone());
    let list = lugo_list(&db).await.to_string();
    let mut anna = Client::new(&app, "203.0.113.40");
    let ask = |email: &str, consent: bool| {
        let mut pairs = vec![("email", email.to_string()), ("liste[]", list.clone())];
        if consent {
            pairs.push(("consenso", "1".into()));
        }
        pairs
    };

    // Wrong: a malformed address, no consent, no list, a list of another ente.
    let res = call(&mut anna, "newsletter/subscribe", &ask("anna@", false)).await;
    assert_eq!(fields_of(&res), ["email", "consenso"]);
    let res = call(
        &mut anna,
        "newsletter/subscribe",
        &[
            ("email", "anna@example.it".into()),
            ("consenso", "1".into()),
        ],
    )
    .await;
    assert_eq!(fields_of(&res), ["liste"]);
    let (cotignola,): (app::ids::EnteId,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'cotignola'"))
        .await
        .unwrap();
    let theirs = common::newsletter::general_list(&db, cotignola)
        .await
        .to_string();
    let res = call(
        &mut anna,
        "newsletter/subscribe",
        &[
            ("email", "anna@example.it".into()),
            ("liste[]", theirs),
            ("consenso", "1".into()),
        ],
    )
    .await;
    assert_eq!(fields_of(&res), ["liste"]);
    assert!(
        state_of(&db, "anna@example.it").await.is_empty(),
        "nothing half-written"
    );

    // Right: asked, not yet on the list; the mail carries the link.
    let res = call(
        &mut anna,
        "newsletter/subscribe",
        &ask(" Anna@Example.it ", true),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        state_of(&db, "anna@example.it").await,
        Vec::<String>::new(),
        "not on the list before confirming"
    );
    let (subject, link) = last_mail_link(&db, "anna@example.it")
        .await
        .expect("a confirmation mail");
    assert!(subject.contains("Comune di Lugo"), "{subject}");
    assert!(
        link.starts_with("/lugo/newsletter/conferma?token="),
        "{link}"
    );
    let token = token_of(&link);

    // A wrong link is said so; the right one confirms, and again changes nothing.
    let res = call(
        &mut anna,
        "newsletter/confirm",
        &[("token", "x".repeat(43))],
    )
    .await;
    assert_eq!(
        res.error(),
        Some(AppError::Refused(app::i18n::T::NewsletterLinkUnknown))
    );
    let res = call(&mut anna, "newsletter/confirm", &[("token", token.clone())]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(state_of(&db, "anna@example.it").await, ["active"]);
    call(&mut anna, "newsletter/confirm", &[("token", token)]).await;
    let proof = consents(&db, "anna@example.it").await;
    assert_eq!(proof.len(), 2, "{proof:?}");
    assert_eq!(
        (proof[0].0.as_str(), proof[0].1.as_str()),
        ("requested", "form")
    );
    assert_eq!(
        (proof[1].0.as_str(), proof[1].1.as_str()),
        ("confirmed", "link")
    );
    assert!(proof
        .iter()
        .all(|p| p.2 == app::newsletter::model::NOTICE_VERSION));

    // A link past its week is said to be expired.
    call(
        &mut anna,
        "newsletter/subscribe",
        &ask("bruno@example.it", true),
    )
    .await;
    let (_, late) = last_mail_link(&db, "bruno@example.it").await.unwrap();
    state.clock.advance(chrono::Duration::days(8));
    let res = call(
        &mut anna,
        "newsletter/confirm",
        &[("token", token_of(&late))],
    )
    .await;
    assert_eq!(
        res.error(),
        Some(AppError::Refused(app::i18n::T::NewsletterLinkExpired))
    );
    assert!(state_of(&db, "bruno@example.it")
        .await
        .iter()
        .all(|s| s != "active"));

    // The preferences page of a mail shows the address half hidden.
    let (id,): (i64,) = db
        .fetch_one(sql(
            "SELECT id FROM newsletter_subscriber WHERE email = 'anna@example.it'",
        ))
        .await
        .unwrap();
    let prefs = common::newsletter::preferences_token(&db, id).await;
    let res = call(
        &mut anna,
        "newsletter/preferences",
        &[("token", prefs.clone())],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json()["email"], "a…@example.it");
    let forged = format!("{}-{}", id + 1, prefs.split_once('-').unwrap().1);
    let res = call(&mut anna, "newsletter/preferences", &[("token", forged)]).await;
    assert_eq!(
        res.error(),
        Some(AppError::Refused(app::i18n::T::NewsletterLinkUnknown))
    );

    // One click, as a mail client does it: from elsewhere, no cookie, no Origin.
    let leave = common::newsletter::leave_token(&db, id, list.parse().unwrap()).await;
    let mut mail_client = Client::new(&app, "198.51.100.7");
    mail_client.origin = None;
    let post = |token: &str| {
        axum::http::Request::post(format!("/newsletter/uscita/{token}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
            .unwrap()
    };
    let res = mail_client.send(post(&leave.replace('-', "-0"))).await;
    assert_eq!(
        res.status,
        StatusCode::NOT_FOUND,
        "a forged token leaves nobody"
    );
    let res = mail_client.send(post(&leave)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.headers.get("location").is_none(),
        "no redirect (RFC 8058)"
    );
    assert_eq!(state_of(&db, "anna@example.it").await, ["left"]);
    let proof = consents(&db, "anna@example.it").await;
    assert_eq!(proof.len(), 3, "the history stays and grows: {proof:?}");
    assert_eq!(
        (proof[2].0.as_str(), proof[2].1.as_str()),
        ("left", "one-click")
    );
    // Any other cross-site POST is still refused.
    let res = mail_client
        .send(
            axum::http::Request::post("/lang")
                .body(axum::body::Body::from("lang=en"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // From the preferences page she takes the list back, without a new confirmation.
    let res = call(
        &mut anna,
        "newsletter/choose",
        &[("token", prefs), ("liste[]", list.clone())],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(state_of(&db, "anna@example.it").await, ["active"]);
    // …but not a list of another ente.
    let token = common::newsletter::preferences_token(&db, id).await;
    let res = call(
        &mut anna,
        "newsletter/choose",
        &[("token", token), ("liste[]", theirs_again(&db).await)],
    )
    .await;
    assert_eq!(fields_of(&res), ["liste"]);

    // A list she never confirmed is not to be taken from a (perhaps forwarded) mail.
    let (culture,): (i64,) = db
        .fetch_one(sql(
            "SELECT l.id FROM newsletter_list l JOIN ente e ON e.id = l.ente_id
                         WHERE e.slug = 'lugo' AND NOT l.is_general",
        ))
        .await
        .unwrap();
    let token = common::newsletter::preferences_token(&db, id).await;
    let res = call(
        &mut anna,
        "newsletter/choose",
        &[
            ("token", token),
            ("liste[]", list.clone()),
            ("liste[]", culture.to_string()),
        ],
    )
    .await;
    assert_eq!(
        res.error().and_then(|e| e.field("liste")),
        Some(app::i18n::T::NewsletterNeedsConfirmation)
    );

    // A confirmation link sent before she left does not bring her back.
    call(
        &mut anna,
        "newsletter/subscribe",
        &ask("anna@example.it", true),
    )
    .await;
    let (_, older) = last_mail_link(&db, "anna@example.it").await.unwrap();
    let res = mail_client.send(post(&leave)).await;
    assert_eq!(res.status, StatusCode::OK);
    let res = call(
        &mut anna,
        "newsletter/confirm",
        &[("token", token_of(&older))],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(state_of(&db, "anna@example.it").await, ["left"]);

    // A signed-in citizen finds her lists on her account's page.
    let mut sara = signed_in(&app, SARA, "203.0.113.42").await;
    let res = sara.call("newsletter/mine", &[]).await;
    assert_eq!(
        res.json()["enti"].as_array().map(Vec::len),
        Some(0),
        "{}",
        res.body
    );
    let (lugo,): (app::ids::EnteId,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
        .await
        .unwrap();
    common::newsletter::subscriber(&db, lugo, SARA).await;
    let res = sara.call("newsletter/mine", &[]).await;
    let enti = res.json()["enti"].clone();
    assert_eq!(enti[0]["ente_name"], "Comune di Lugo", "{enti}");
    assert!(enti[0]["preferences"]
        .as_str()
        .unwrap()
        .starts_with("/lugo/newsletter/preferenze?token="));
});

async fn deliveries(db: &Db, issue: i64) -> Vec<(String, String, i64)> {
    db.fetch_all(
        sql("SELECT email, status, attempts FROM newsletter_delivery
              WHERE issue_id = $1 AND subscriber_id IS NOT NULL ORDER BY email")
        .bind(issue),
    )
    .await
    .unwrap()
}

both!(composing_and_sending_an_issue, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, state) = app(db.clone());
    let list = lugo_list(&db).await;
    let (lugo,): (app::ids::EnteId,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
        .await
        .unwrap();
    // A small list: the demo's readers leave it, three others join.
    db.execute(
        sql("UPDATE newsletter_subscription SET state = 'left' WHERE list_id = $1").bind(list),
    )
    .await
    .unwrap();
    for email in [
        "luca@example.it",
        "rifiuta@example.it",
        "occupato@example.it",
    ] {
        common::newsletter::subscriber(&db, lugo, email).await;
    }
    let mut giulia = signed_in(&app, GIULIA, "203.0.113.41").await;
    let compose = |quando: &str, testo: &str| {
        vec![
            ("lista", list.to_string()),
            ("oggetto", "Le novità di dicembre".to_string()),
            ("testo", testo.to_string()),
            ("quando", quando.to_string()),
        ]
    };
    // An issue without content, or at a time past, is refused.
    let res = call(&mut giulia, "newsletter/compose", &compose("bozza", "   ")).await;
    assert_eq!(fields_of(&res), ["testo"]);
    let mut later = compose("programma", "Ciao");
    later.push(("send_at", "2020-01-01T10:00".into()));
    assert_eq!(
        fields_of(&call(&mut giulia, "newsletter/compose", &later).await),
        ["send_at"]
    );
    let (issues,): (i64,) = db
        .fetch_one(sql(
            "SELECT COUNT(*) FROM newsletter_issue WHERE subject = 'Le novità di dicembre'",
        ))
        .await
        .unwrap();
    assert_eq!(issues, 0, "nothing half-written");

    // Sent now, to a real SMTP server.
    let res = call(
        &mut giulia,
        "newsletter/compose",
        &compose("ora", "Buone **feste**!"),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let (issue,): (i64,) = db
        .fetch_one(sql(
            "SELECT id FROM newsletter_issue WHERE subject = 'Le novità di dicembre'",
        ))
        .await
        .unwrap();
    let sink = Sink::start();
    let settings = piazza_server::newsletter::sender::Settings {
        concurrency: 2,
        rate: 0,
        lease: Duration::from_secs(30),
    };
    let transport =
        piazza_server::mailer::Transport::from_url(Some(&sink.url), 2, settings.command_timeout())
            .unwrap();
    let from = "Piazza <noreply@piazza.test>".parse().unwrap();
    let sender = tokio::spawn(piazza_server::newsletter::sender::run(
        state.clone(),
        transport,
        from,
        settings,
    ));
    let started = std::time::Instant::now();
    loop {
        let rows = deliveries(&db, issue).await;
        if rows.len() == 3
            && rows
                .iter()
                .all(|(_, status, attempts)| status != "pending" || *attempts >= 1)
        {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{rows:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    sender.abort();
    let rows = deliveries(&db, issue).await;
    assert_eq!(rows[0].0, "luca@example.it");
    assert_eq!(rows[0].1, "sent");
    assert_eq!(
        (rows[1].0.as_str(), rows[1].1.as_str()),
        ("occupato@example.it", "pending"),
        "a busy mailbox is tried again"
    );
    assert_eq!(
        (rows[2].0.as_str(), rows[2].1.as_str()),
        ("rifiuta@example.it", "failed"),
        "a refused address is marked"
    );
    let (bounces,): (i64,) = db
        .fetch_one(sql(
            "SELECT bounces FROM newsletter_subscriber WHERE email = 'rifiuta@example.it'",
        ))
        .await
        .unwrap();
    assert_eq!(bounces, 1);
    let got = sink.received();
    assert_eq!(got.keys().collect::<Vec<_>>(), ["luca@example.it"]);
    assert_eq!(
        got["luca@example.it"][0].message_id,
        format!("<nl.{issue}.{}@piazza.test>", {
            let (id,): (i64,) = db
                .fetch_one(sql(
                    "SELECT id FROM newsletter_subscriber WHERE email = 'luca@example.it'",
                ))
                .await
                .unwrap();
            id
        })
    );
    // The desk's statistics say so.
    let res = call(
        &mut giulia,
        "newsletter/issue",
        &[("id", issue.to_string())],
    )
    .await;
    let stats = &res.json()["issue"]["stats"];
    assert_eq!(
        (
            stats["queued"].as_i64(),
            stats["sent"].as_i64(),
            stats["failed"].as_i64()
        ),
        (Some(3), Some(1), Some(1)),
        "{stats}"
    );

    // An SMTP server that is down: the mail waits, nothing is lost.
    let closed = common::wire::free_address();
    let res = call(
        &mut giulia,
        "newsletter/compose",
        &compose("ora", "Secondo numero"),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let (second,): (i64,) = db
        .fetch_one(sql("SELECT MAX(id) FROM newsletter_issue"))
        .await
        .unwrap();
    let down = piazza_server::mailer::Transport::from_url(
        Some(&format!("smtp://{closed}")),
        1,
        settings.command_timeout(),
    )
    .unwrap();
    let from = "Piazza <noreply@piazza.test>".parse().unwrap();
    let sender = tokio::spawn(piazza_server::newsletter::sender::run(
        state.clone(),
        down,
        from,
        settings,
    ));
    let started = std::time::Instant::now();
    loop {
        let rows = deliveries(&db, second).await;
        if !rows.is_empty() && rows.iter().all(|(_, _, attempts)| *attempts >= 1) {
            assert!(
                rows.iter().all(|(_, status, _)| status == "pending"),
                "{rows:?}"
            );
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{rows:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    sender.abort();
    let (error,): (String,) = db.fetch_one(sql("SELECT last_error FROM newsletter_delivery WHERE issue_id = $1 AND email = 'luca@example.it'").bind(second)).await.unwrap();
    assert!(!error.is_empty(), "the reason is kept for the desk");
});

async fn theirs_again(db: &Db) -> String {
    let (cotignola,): (app::ids::EnteId,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'cotignola'"))
        .await
        .unwrap();
    common::newsletter::general_list(db, cotignola)
        .await
        .to_string()
}
