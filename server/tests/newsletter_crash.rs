//! An issue sent to a few thousand subscribers through a real SMTP server (aiosmtpd
//! over TCP) survives SIGKILL half-way: after the restart everyone has it, and only
//! mails that were in flight at the kill (at most the sender's concurrency) came
//! twice, each time with the same Message-ID. On PostgreSQL two nodes share the
//! sending (`FOR UPDATE SKIP LOCKED`) and one of them is killed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Backend, Db};
use app::ids::EnteId;
use app::newsletter::issue_repo::{self, NewIssue};
use app::newsletter::model::IssueState;
use common::smtp::{Node, Sink, CONCURRENCY};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// Subscribers added to the demo's for the test.
const MORE: usize = 3_000;

async fn count(db: &Db, query: &'static str, issue: i64) -> i64 {
    db.fetch_one::<(i64,)>(sql(query).bind(issue))
        .await
        .unwrap()
        .0
}

/// Lugo's general list with `MORE` more subscribers, and an issue of it due now;
/// the issue and every address that must get it.
async fn prepare(db: &Db) -> (i64, BTreeSet<String>) {
    piazza_server::demo::seed(db).await.unwrap();
    let (lugo,): (EnteId,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
        .await
        .unwrap();
    let list = common::newsletter::general_list(db, lugo).await;
    let now = chrono::Utc::now();
    let mut tx = db.begin().await.unwrap();
    for n in 0..MORE {
        let email = format!("lettore{n}@posta.example.it");
        let id = app::newsletter::repo::subscriber(&mut tx, lugo, &email, "it", None, now)
            .await
            .unwrap();
        app::newsletter::repo::set_state(&mut tx, id, list, "active", now)
            .await
            .unwrap();
    }
    let (author,): (app::ids::AccountId,) = tx
        .fetch_one(sql("SELECT id FROM account ORDER BY id LIMIT 1"))
        .await
        .unwrap();
    let issue = NewIssue {
        list,
        subject: "Le novità della settimana",
        intro: "Un numero per tutti.",
        items: "[]",
        body_html:
            "<p>Un numero per tutti.</p><p><a href=\"%%PIAZZA-CANCELLAZIONE%%\">Esci</a></p>",
        body_text: "Un numero per tutti.\n%%PIAZZA-CANCELLAZIONE%%",
        state: IssueState::Scheduled,
        send_at: Some(now),
    };
    let issue = issue_repo::insert(&mut tx, lugo, &issue, author, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let rows: Vec<(String,)> = db
        .fetch_all(
            sql("SELECT p.email FROM newsletter_subscription s
                   JOIN newsletter_subscriber p ON p.id = s.subscriber_id
                  WHERE s.list_id = $1 AND s.state = 'active'")
            .bind(list),
        )
        .await
        .unwrap();
    (issue, rows.into_iter().map(|(e,)| e).collect())
}

/// Waits until `check` holds, polling the database.
async fn until(db: &Db, issue: i64, what: &str, limit: Duration, check: impl Fn(i64, i64) -> bool) {
    let started = Instant::now();
    loop {
        let sent = count(
            db,
            "SELECT COUNT(*) FROM newsletter_delivery WHERE issue_id = $1 AND status = 'sent'",
            issue,
        )
        .await;
        let done = count(
            db,
            "SELECT COUNT(*) FROM newsletter_issue WHERE id = $1 AND state = 'sent'",
            issue,
        )
        .await;
        if check(sent, done) {
            return;
        }
        assert!(
            started.elapsed() < limit,
            "{what}: {sent} sent after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn survives_a_kill(backend: Backend) {
    let t = common::TestDb::new(backend).await;
    let db = t.db.clone();
    let (issue, everyone) = prepare(&db).await;
    let total = everyone.len() as i64;
    let sink = Sink::start();
    let victim = Node::start(&t.url, &sink.url);
    // On PostgreSQL a second node shares the work and keeps going through the kill.
    let other = (backend == Backend::Postgres).then(|| Node::start(&t.url, &sink.url));
    until(
        &db,
        issue,
        "half-way",
        Duration::from_secs(120),
        |sent, _| sent >= total / 3,
    )
    .await;
    victim.kill();
    let at_kill = count(
        &db,
        "SELECT COUNT(*) FROM newsletter_delivery WHERE issue_id = $1 AND status = 'sent'",
        issue,
    )
    .await;
    assert!(
        at_kill < total,
        "the kill came after the end ({at_kill} of {total})"
    );
    let restarted = Node::start(&t.url, &sink.url);
    until(
        &db,
        issue,
        "the end",
        Duration::from_secs(240),
        |_, done| done == 1,
    )
    .await;
    // What the SMTP server accepted is written as it accepts it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop((restarted, other));

    let received = sink.received();
    let missing: Vec<&String> = everyone
        .iter()
        .filter(|e| !received.contains_key(*e))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {total} never got the issue: {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    let strangers: Vec<&String> = received.keys().filter(|e| !everyone.contains(*e)).collect();
    assert!(
        strangers.is_empty(),
        "mail to addresses not on the list: {strangers:?}"
    );
    let mut twice = 0;
    let mut ids = BTreeSet::new();
    for (to, copies) in &received {
        let first = &copies[0];
        assert!(
            copies.iter().all(|c| c.message_id == first.message_id),
            "{to}: copies with different Message-IDs"
        );
        assert!(
            first.message_id.starts_with(&format!("<nl.{issue}.")),
            "{to}: {}",
            first.message_id
        );
        assert!(
            ids.insert(first.message_id.clone()),
            "two recipients share {}",
            first.message_id
        );
        assert!(
            first.list_unsubscribe.starts_with("<http")
                && first.list_unsubscribe.contains("/newsletter/uscita/"),
            "{to}: {}",
            first.list_unsubscribe
        );
        assert_eq!(
            first.list_unsubscribe_post, "List-Unsubscribe=One-Click",
            "{to}"
        );
        twice += copies.len() - 1;
    }
    assert!(
        twice <= CONCURRENCY,
        "{twice} mails went twice; at most the {CONCURRENCY} in flight may"
    );
    let pending = count(
        &db,
        "SELECT COUNT(*) FROM newsletter_delivery WHERE issue_id = $1 AND status <> 'sent'",
        issue,
    )
    .await;
    assert_eq!(pending, 0, "every mail is marked sent");
    eprintln!("{backend:?}: {total} recipients, killed at {at_kill}, {twice} sent twice");
    t.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_survives_sigkill_on_sqlite() {
    survives_a_kill(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_share_a_send_and_survive_sigkill_on_postgres() {
    survives_a_kill(Backend::Postgres).await;
}
