//! Mail digests of notifications, on both databases: each person receives what they
//! have not read as they chose (immediately, daily, weekly, never), once; a second
//! node's pass at the same moment sends nothing more.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use chrono::Duration;
use common::people::{ELENA, LUCA, MARCO};
use common::web::app;

async fn notify(db: &Db, email: &str, title: &str, now: chrono::DateTime<chrono::Utc>) {
    let (id,): (app::ids::AccountId,) = db
        .fetch_one(sql("SELECT id FROM account WHERE email = $1").bind(email))
        .await
        .unwrap();
    let mut tx = db.begin().await.unwrap();
    app::notify::repo::add(
        &mut tx,
        id,
        "forum_post",
        title,
        "/comunita/x/forum/t/1",
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn digests(db: &Db, email: &str) -> Vec<(String, String)> {
    db.fetch_all(
        sql("SELECT subject, body_text FROM outbox WHERE to_address = $1 AND kind = 'digest' ORDER BY id")
            .bind(email),
    )
    .await
    .unwrap()
}

async fn choose(db: &Db, email: &str, digest: &str) {
    db.execute(
        sql("UPDATE account SET digest = $1 WHERE email = $2")
            .bind(digest)
            .bind(email),
    )
    .await
    .unwrap();
}

both!(digests_follow_each_persons_choice, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    // The demo's own notifications are not the point here.
    db.execute(sql("UPDATE notification SET read_at = created_at"))
        .await
        .unwrap();
    let (_, state) = app(db.clone());
    let now = state.clock.now();
    choose(&db, MARCO, "immediately").await;
    choose(&db, ELENA, "weekly").await;
    choose(&db, LUCA, "never").await;
    for who in [MARCO, ELENA, LUCA] {
        notify(
            &db,
            who,
            "Elena Fabbri ha risposto in «Piano di dicembre»",
            now,
        )
        .await;
        notify(&db, who, "Paolo Ricci ti ha menzionato in «Benvenuti»", now).await;
    }

    // The first pass mails everyone who chose a digest, listing both.
    app::notify::digest::pass(&state).await.unwrap();
    let marco = digests(&db, MARCO).await;
    assert_eq!(marco.len(), 1);
    assert_eq!(marco[0].0, "Piazza: notifiche da leggere (2)");
    assert!(
        marco[0]
            .1
            .contains("- Elena Fabbri ha risposto in «Piano di dicembre»"),
        "{}",
        marco[0].1
    );
    assert!(
        marco[0].1.contains("/comunita/x/forum/t/1"),
        "{}",
        marco[0].1
    );
    assert!(marco[0].1.contains("/account/notifiche"));
    assert_eq!(digests(&db, ELENA).await.len(), 1);
    assert!(digests(&db, LUCA).await.is_empty(), "never means never");

    // Another node's pass at the same moment: nothing twice.
    app::notify::digest::pass(&state).await.unwrap();
    assert_eq!(digests(&db, MARCO).await.len(), 1);

    // New notifications: at once for Marco (a minute later), Elena waits a week.
    state.clock.advance(Duration::minutes(1));
    let later = state.clock.now();
    notify(&db, MARCO, "Giulia Neri ha aperto «Dirette social»", later).await;
    notify(&db, ELENA, "Giulia Neri ha aperto «Dirette social»", later).await;
    app::notify::digest::pass(&state).await.unwrap();
    let marco = digests(&db, MARCO).await;
    assert_eq!(marco.len(), 2);
    assert!(marco[1].0.ends_with("(1)"), "{}", marco[1].0);
    assert!(
        !marco[1].1.contains("Piano di dicembre"),
        "what was mailed is not mailed again"
    );
    assert_eq!(digests(&db, ELENA).await.len(), 1);
    state.clock.advance(Duration::days(7));
    app::notify::digest::pass(&state).await.unwrap();
    assert_eq!(digests(&db, ELENA).await.len(), 2);

    // What was read in the meantime is not mailed.
    state.clock.advance(Duration::minutes(1));
    let t = state.clock.now();
    notify(&db, MARCO, "Già letta", t).await;
    db.execute(sql("UPDATE notification SET read_at = $1 WHERE title = 'Già letta'").bind(t))
        .await
        .unwrap();
    app::notify::digest::pass(&state).await.unwrap();
    assert_eq!(digests(&db, MARCO).await.len(), 2);
});
