//! Live events: what a stream carries, to whom, what it replays after a reconnect,
//! and when it stops; on PostgreSQL, across two nodes that share only the database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use app::ids::{AccountId, CommunityId};
use axum::http::StatusCode;
use common::people::*;
use common::web::{app, signed_in, Client, Events};
use std::time::Duration;

const COMMUNITY: &str = "comunicatori-riformattiva-2026";
const SOON: Duration = Duration::from_secs(3);

/// The first thread of the demo community.
async fn first_thread(db: &Db) -> i64 {
    id_of(
        db,
        "SELECT t.id FROM forum_thread t JOIN community c ON c.id = t.community_id
          WHERE c.slug = $1 ORDER BY t.id LIMIT 1",
        COMMUNITY,
    )
    .await
}

async fn id_of(db: &Db, query: &'static str, key: &str) -> i64 {
    db.fetch_one::<(i64,)>(sql(query).bind(key))
        .await
        .unwrap()
        .0
}

async fn account(db: &Db, email: &str) -> AccountId {
    AccountId(id_of(db, "SELECT id FROM account WHERE email = $1", email).await)
}

/// A notification for `who`, written as modules write them.
async fn notify(db: &Db, who: AccountId, title: &str) -> i64 {
    let mut tx = db.begin().await.unwrap();
    app::notify::repo::add(
        &mut tx,
        who,
        "test",
        title,
        "/account/notifiche",
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    db.fetch_one::<(i64,)>(sql("SELECT MAX(id) FROM notification WHERE account_id = $1").bind(who))
        .await
        .unwrap()
        .0
}

/// The next event's (id, kind, subject), or a failure naming what was awaited.
async fn expect(events: &mut Events, what: &str) -> (i64, String, i64) {
    let frame = events
        .next(SOON)
        .await
        .unwrap_or_else(|| panic!("no event: {what}"));
    (
        frame.id.unwrap(),
        frame.data["kind"].as_str().unwrap().to_string(),
        frame.data["subject"].as_i64().unwrap(),
    )
}

both!(
    the_bell_hears_only_its_own_and_replays_what_it_missed,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, _) = app(db.clone());
        let (luca, sara) = (account(&db, LUCA).await, account(&db, SARA).await);
        let mut browser = signed_in(&router, LUCA, "10.90.0.1").await;
        let (status, mut events) = browser.open("/live?t=me", None).await;
        assert_eq!(status, StatusCode::OK);
        notify(&db, sara, "Per Sara").await;
        let mine = notify(&db, luca, "Per Luca").await;
        let (first, kind, subject) = expect(&mut events, "Luca's notification").await;
        assert_eq!(
            (kind.as_str(), subject),
            ("notification", mine),
            "Sara's is not his"
        );
        drop(events);
        // Away: two more arrive, and marking all read on another tab.
        let second = notify(&db, luca, "Seconda").await;
        notify(&db, sara, "Ancora per Sara").await;
        let third = notify(&db, luca, "Terza").await;
        // The browser reconnects with the last id it had.
        let (status, mut events) = browser.open("/live?t=me", Some(first)).await;
        assert_eq!(status, StatusCode::OK);
        let got = [
            expect(&mut events, "the first missed").await,
            expect(&mut events, "the second missed").await,
        ];
        assert_eq!(
            got.iter()
                .map(|(_, k, s)| (k.as_str(), *s))
                .collect::<Vec<_>>(),
            vec![("notification", second), ("notification", third)]
        );
        assert!(got[0].0 > first && got[1].0 > got[0].0, "ids grow: {got:?}");
        // Marked read elsewhere: the bell hears it too.
        let res = browser.call("notify/read-all", &[]).await;
        assert!(
            res.status.is_success() || res.status == StatusCode::FOUND,
            "{}",
            res.body
        );
        let (_, kind, _) = expect(&mut events, "all read").await;
        assert_eq!(kind, "read");
    }
);

both!(a_stream_is_only_for_who_may, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (router, _) = app(db.clone());
    let community = id_of(&db, "SELECT id FROM community WHERE slug = $1", COMMUNITY).await;
    let consultation = db
        .fetch_one::<(i64,)>(sql(
            "SELECT c.id FROM consultation c JOIN ente e ON e.id = c.ente_id
              WHERE e.slug = 'lugo' ORDER BY c.id LIMIT 1",
        ))
        .await
        .unwrap()
        .0;
    let moderation = format!("/live?t=moderation:{community}");
    let results = format!("/live?t=results:{consultation}");
    let mut nobody = Client::new(&router, "10.91.0.1");
    assert_eq!(
        nobody.open("/live?t=me", None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        nobody.open(&moderation, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    let mut luca = signed_in(&router, LUCA, "10.91.0.2").await;
    assert_eq!(
        luca.open(&moderation, None).await.0,
        StatusCode::FORBIDDEN,
        "a member is no tutor"
    );
    assert_eq!(luca.open(&results, None).await.0, StatusCode::FORBIDDEN);
    // One refused topic refuses the stream.
    let both = format!("/live?t=me&t=moderation:{community}");
    assert_eq!(luca.open(&both, None).await.0, StatusCode::FORBIDDEN);
    let mut paolo = signed_in(&router, PAOLO, "10.91.0.3").await;
    assert_eq!(paolo.open(&moderation, None).await.0, StatusCode::OK);
    let mut giulia = signed_in(&router, GIULIA, "10.91.0.4").await;
    assert_eq!(
        giulia.open(&results, None).await.0,
        StatusCode::OK,
        "Lugo's administrator"
    );
    // What does not exist is refused as what she may not hear.
    assert_eq!(
        giulia.open("/live?t=moderation:999999", None).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        nobody.open("/live?t=results:999999", None).await.0,
        StatusCode::UNAUTHORIZED
    );
    // Nobody names another person's account, nor what does not exist.
    let luca_id = account(&db, LUCA).await;
    let nine = (1..=9)
        .map(|i| format!("t=plan:{i}"))
        .collect::<Vec<_>>()
        .join("&");
    for bad in [
        format!("/live?t=account:{luca_id}"),
        "/live".to_string(),
        "/live?t=forum:1".to_string(),
        "/live?t=me&x=1".to_string(),
        format!("/live?{nine}"),
    ] {
        let status = giulia.open(&bad, None).await.0;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
});

both!(
    a_stream_stops_when_its_person_no_longer_may,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, _) = app(db.clone());
        let community =
            CommunityId(id_of(&db, "SELECT id FROM community WHERE slug = $1", COMMUNITY).await);
        let queue = |post: i64| {
            let db = db.clone();
            async move {
                let mut tx = db.begin().await.unwrap();
                app::forum::moderation_repo::queue_changed(
                    &mut tx,
                    community,
                    post,
                    chrono::Utc::now(),
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
            }
        };
        let mut paolo = signed_in(&router, PAOLO, "10.92.0.1").await;
        let (status, mut events) = paolo
            .open(&format!("/live?t=moderation:{community}"), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        queue(41).await;
        assert_eq!(expect(&mut events, "the queue").await.1, "queue");
        // No longer a tutor: the next event is not passed on, and the stream ends.
        let paolo_id = account(&db, PAOLO).await;
        db.execute(sql("DELETE FROM role_grant WHERE account_id = $1").bind(paolo_id))
            .await
            .unwrap();
        queue(42).await;
        assert!(
            events.ends(SOON).await,
            "the stream ended without the event"
        );
        // The bell of someone who logged out elsewhere goes quiet the same way.
        let mut luca = signed_in(&router, LUCA, "10.92.0.2").await;
        let (_, mut bell) = luca.open("/live?t=me", None).await;
        db.execute(sql("DELETE FROM session WHERE account_id = $1").bind(account(&db, LUCA).await))
            .await
            .unwrap();
        notify(&db, account(&db, LUCA).await, "Dopo l'uscita").await;
        assert!(bell.ends(SOON).await, "the stream ended without the event");
    }
);

// A tab that reads nothing (its socket full, its laptop asleep) falls behind; once it
// is more batches behind than the bus keeps, it is dropped, and the other tabs keep up
// with every event meanwhile. Reconnecting, it replays what it missed from the table.
both!(
    a_slow_stream_is_dropped_not_waited_for,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, state) = app(db.clone());
        let luca = account(&db, LUCA).await;
        let mut asleep = signed_in(&router, LUCA, "10.94.0.1").await;
        let mut awake = signed_in(&router, LUCA, "10.94.0.2").await;
        let (_, mut slow) = asleep.open("/live?t=me", None).await;
        let (_, mut quick) = awake.open("/live?t=me", None).await;
        let behind = app::live::bus::BUFFER + 20;
        let mut sent = Vec::with_capacity(behind);
        for n in 0..behind {
            let id = notify(&db, luca, &format!("Avviso {n}")).await;
            // Read now rather than at the next tick: one batch per event.
            state.live.wake();
            let (_, kind, subject) = expect(&mut quick, "the awake tab's event").await;
            assert_eq!((kind.as_str(), subject), ("notification", id), "event {n}");
            sent.push(id);
        }
        assert!(
            slow.ends(SOON).await,
            "the tab that read nothing is dropped, not sent {behind} events"
        );
        // Reconnecting with the id of the first event, it is too far behind to replay
        // (more than the replay holds): it is told to read its state again.
        let id_of_event = |n: usize| {
            let db = db.clone();
            let subject = sent[n];
            async move {
                db.fetch_one::<(i64,)>(
                sql("SELECT id FROM live_event WHERE topic = $1 AND kind = 'notification' AND subject = $2")
                    .bind(app::live::Topic::Account(luca).key())
                    .bind(subject),
            )
            .await
            .unwrap()
            .0
            }
        };
        let (status, mut again) = asleep.open("/live?t=me", Some(id_of_event(0).await)).await;
        assert_eq!(status, StatusCode::OK);
        let frame = again
            .next(SOON)
            .await
            .expect("an answer to the reconnection");
        assert_eq!(frame.data["kind"], "reset", "{frame:?}");
        // A few events behind, it replays them from the table, in order.
        let (_, mut again) = asleep
            .open("/live?t=me", Some(id_of_event(behind - 3).await))
            .await;
        assert_eq!(expect(&mut again, "the replay").await.2, sent[behind - 2]);
        assert_eq!(
            expect(&mut again, "the replay, in order").await.2,
            sent[behind - 1]
        );
    }
);

// One person holds at most 16 streams, from however many addresses: a single account
// cannot take every place of a node.
both!(
    one_person_holds_a_bounded_number_of_streams,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, _) = app(db.clone());
        let mut sara = signed_in(&router, SARA, "10.95.0.1").await;
        let mut open = Vec::new();
        for i in 0..app::live::bus::MAX_STREAMS_PER_ACCOUNT {
            sara.ip = format!("10.95.1.{i}");
            let (status, events) = sara.open("/live?t=me", None).await;
            assert_eq!(status, StatusCode::OK, "stream {i}");
            open.push(events);
        }
        sara.ip = "10.95.2.1".to_string();
        assert_eq!(
            sara.open("/live?t=me", None).await.0,
            StatusCode::SERVICE_UNAVAILABLE
        );
        // Someone else is not affected; and a closed stream gives its place back.
        let mut luca = signed_in(&router, LUCA, "10.95.2.1").await;
        assert_eq!(luca.open("/live?t=me", None).await.0, StatusCode::OK);
        open.pop();
        assert_eq!(sara.open("/live?t=me", None).await.0, StatusCode::OK);
    }
);

both!(scheduled_work_runs_once_among_nodes, |db: Db| async move {
    let (_, a) = app(db.clone());
    let (_, b) = app(db.clone());
    assert_ne!(a.node, b.node);
    let (ran_a, ran_b) = tokio::join!(
        piazza_server::maintenance::tick(&a),
        piazza_server::maintenance::tick(&b)
    );
    assert!(ran_a ^ ran_b, "exactly one node swept: {ran_a} {ran_b}");
    // Within the hour nobody sweeps again; after it, one does.
    assert!(!piazza_server::maintenance::tick(&a).await);
    assert!(!piazza_server::maintenance::tick(&b).await);
    a.clock.advance(chrono::Duration::minutes(61));
    b.clock.advance(chrono::Duration::minutes(61));
    let (ran_a, ran_b) = tokio::join!(
        piazza_server::maintenance::tick(&a),
        piazza_server::maintenance::tick(&b)
    );
    assert!(ran_a ^ ran_b, "exactly one node swept: {ran_a} {ran_b}");
    let (runs, _) = app::lease::runs(&db, piazza_server::maintenance::TASK)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(runs, 2);
});

/// Two nodes that share only the database (each its own pool, state, bus and
/// listener): a session made on one is valid on the other, and a mention written
/// through one reaches, within a second, the bell open on the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_share_sessions_and_live_events() {
    let t = common::TestDb::new(app::db::Backend::Postgres).await;
    piazza_server::demo::seed(&t.db).await.unwrap();
    let other_pool = Db::connect(&t.url).await.unwrap();
    let (node_a, state_a) = app(t.db.clone());
    let (node_b, state_b) = app(other_pool.clone());
    let luca_on_a = signed_in(&node_a, LUCA, "10.93.0.1").await;
    let mut luca_on_b = Client::new(&node_b, "10.93.0.1");
    luca_on_b.cookies = luca_on_a.cookies.clone();
    let me = luca_on_b.call("account/me", &[]).await;
    assert_eq!(me.json()["email"], LUCA, "{}", me.body);
    let (status, mut bell) = luca_on_b.open("/live?t=me", None).await;
    assert_eq!(status, StatusCode::OK);
    // The bus of B reads only what came after it started: let it start.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let thread = first_thread(&t.db).await;
    let mut paolo_on_a = signed_in(&node_a, PAOLO, "10.93.0.2").await;
    let res = paolo_on_a
        .call(
            "forum/reply",
            &[
                ("community", COMMUNITY),
                ("thread", &thread.to_string()),
                (
                    "body",
                    "Ne parliamo con @luca.moretti alla prossima riunione.",
                ),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let frame = bell
        .next(Duration::from_secs(1))
        .await
        .expect("the mention reached the other node within a second");
    assert_eq!(frame.data["kind"], "notification");
    assert_eq!(frame.data["topic"], "me");
    // Housekeeping runs on one node of the two.
    let (ran_a, ran_b) = tokio::join!(
        piazza_server::maintenance::tick(&state_a),
        piazza_server::maintenance::tick(&state_b)
    );
    assert!(ran_a ^ ran_b, "exactly one node swept: {ran_a} {ran_b}");
    other_pool.close().await;
    t.finish().await;
}

/// The same with two `piazza serve` processes on one PostgreSQL: a session made on
/// one is valid on the other, a mention written through one reaches the bell open on
/// the other within a second, and housekeeping ran once although both started.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_sessions_live_events_and_housekeeping() {
    let t = common::TestDb::new(app::db::Backend::Postgres).await;
    piazza_server::demo::seed(&t.db).await.unwrap();
    let a = common::wire::Node::start(&t.url).await;
    let b = common::wire::Node::start(&t.url).await;
    let luca = a.sign_in(LUCA).await;
    let me = b.call(&luca, "account/me", "").await.unwrap();
    assert!(
        me.body.contains(LUCA),
        "the session is valid on the other node: {}",
        me.body
    );
    let mut bell = b.stream("/live?t=me", &luca).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let thread = first_thread(&t.db).await;
    let paolo = a.sign_in(PAOLO).await;
    let body = common::web::form(&[
        ("community", COMMUNITY),
        ("thread", &thread.to_string()),
        (
            "body",
            "Ne parliamo con @luca.moretti, anche da un altro nodo.",
        ),
    ]);
    let reply = a.call(&paolo, "forum/reply", &body).await.unwrap();
    assert_eq!(reply.status, 200, "{}", reply.body);
    let data = tokio::time::timeout(Duration::from_secs(1), bell.recv())
        .await
        .expect("the mention reached the other process within a second")
        .unwrap();
    assert!(data.contains("\"kind\":\"notification\""), "{data}");
    let (runs, _) = app::lease::runs(&t.db, piazza_server::maintenance::TASK)
        .await
        .unwrap()
        .expect("housekeeping ran");
    assert_eq!(runs, 1, "both nodes started; housekeeping ran once");
    a.kill();
    b.kill();
    t.finish().await;
}
