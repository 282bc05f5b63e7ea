//! Sending an issue through the router and the sender, on both databases: an empty
//! issue, or one at a past moment, refused with nothing written; an issue sent now
//! to a real SMTP server (aiosmtpd), where a refused address is marked (and counts
//! a bounce) and a busy one is tried again; the desk's statistics; an SMTP server
//! that is down loses nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use common::newsletter::{fields_of, lugo_list};
use common::people::GIULIA;
use common::smtp::Sink;
use common::social::call;
use common::web::{app, signed_in};
use std::time::Duration;

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
        // Claimed (an attempt counted) and its failure recorded (the reason kept).
        let (unrecorded,): (i64,) = db
            .fetch_one(
                sql("SELECT COUNT(*) FROM newsletter_delivery WHERE issue_id = $1 AND last_error = ''")
                    .bind(second),
            )
            .await
            .unwrap();
        if !rows.is_empty() && unrecorded == 0 && rows.iter().all(|(_, _, attempts)| *attempts >= 1)
        {
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
