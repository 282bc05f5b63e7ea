//! Tutors' heavier moderation through the router, on both databases: a new
//! member's first post waits for approval (unlisted, unannounced, unsearchable)
//! until a tutor approves it; replies split off into a new thread and threads
//! merged into another keep their order, their readers' place and their search.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::model::{Role, Scope};
use app::db::{sql, Db};
use app::ids::{AccountId, CommunityId};
use axum::http::StatusCode;
use common::people::{ELENA, GIULIA, MARCO, PAOLO, SARA};
use common::web::{app, notifications, signed_in, Client};

const COMMUNITY: &str = "comunicatori-riformattiva-2026";

async fn id_of(db: &Db, query: &'static str, key: &str) -> i64 {
    let (id,): (i64,) = db.fetch_one(sql(query).bind(key)).await.unwrap();
    id
}

async fn category(db: &Db) -> i64 {
    id_of(
        db,
        "SELECT id FROM forum_category WHERE slug = $1",
        "piano-redazionale",
    )
    .await
}

async fn call(c: &mut Client, endpoint: &str, pairs: &[(&str, String)]) -> common::web::Response {
    let mut all = vec![("community", COMMUNITY.to_string())];
    all.extend(pairs.iter().map(|(k, v)| (*k, v.clone())));
    let borrowed: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.call(endpoint, &borrowed).await
}

async fn ok(c: &mut Client, endpoint: &str, pairs: &[(&str, String)]) -> serde_json::Value {
    let res = call(c, endpoint, pairs).await;
    assert_eq!(res.status, StatusCode::OK, "{endpoint}: {}", res.body);
    res.json()
}

/// The field a refusal names.
async fn refused_field(c: &mut Client, endpoint: &str, pairs: &[(&str, String)]) -> String {
    let res = call(c, endpoint, pairs).await;
    assert_ne!(res.status, StatusCode::OK, "{endpoint} should refuse");
    match res.error() {
        Some(app::error::AppError::Invalid(fields)) => fields[0].field.clone(),
        other => panic!("{endpoint}: {other:?} {}", res.body),
    }
}

async fn start(c: &mut Client, category: i64, title: &str, body: &str) -> i64 {
    ok(
        c,
        "forum/new-thread",
        &[
            ("category", category.to_string()),
            ("title", title.into()),
            ("body", body.into()),
        ],
    )
    .await
    .as_i64()
    .unwrap()
}

async fn reply(c: &mut Client, thread: i64, body: &str) -> i64 {
    ok(
        c,
        "forum/reply",
        &[("thread", thread.to_string()), ("body", body.into())],
    )
    .await
    .as_i64()
    .unwrap()
}

/// The texts of a thread's posts (as the reader sees them), in order.
async fn bodies(c: &mut Client, thread: i64) -> Vec<String> {
    let page = ok(c, "forum/thread", &[("thread", thread.to_string())]).await;
    page["posts"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["html"].as_str().unwrap().to_string())
        .collect()
}

async fn listed(c: &mut Client, title: &str) -> bool {
    let page = ok(
        c,
        "forum/category",
        &[("category", "piano-redazionale".into())],
    )
    .await;
    page["threads"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["title"] == title)
}

async fn search_total(c: &mut Client, q: &str) -> i64 {
    ok(c, "forum/search", &[("q", q.into())]).await["hits"]["total"]
        .as_i64()
        .unwrap()
}

async fn audited(db: &Db, action: &str) -> i64 {
    id_of(
        db,
        "SELECT COUNT(*) FROM audit_log WHERE action = $1",
        action,
    )
    .await
}

both!(first_posts_wait_for_a_tutor, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let community =
        CommunityId(id_of(&db, "SELECT id FROM community WHERE slug = $1", COMMUNITY).await);
    let sara_id = AccountId(id_of(&db, "SELECT id FROM account WHERE email = $1", SARA).await);
    let mut tx = db.begin().await.unwrap();
    app::account::repo::grant(
        &mut tx,
        sara_id,
        Role::CommunityMember,
        Scope::Community {
            id: community,
            ente: None,
        },
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut paolo = signed_in(&app, PAOLO, "10.7.0.1").await;
    let mut marco = signed_in(&app, MARCO, "10.7.0.2").await;
    let mut giulia = signed_in(&app, GIULIA, "10.7.0.3").await;
    let mut sara = signed_in(&app, SARA, "10.7.0.4").await;
    let category = category(&db).await;
    ok(
        &mut giulia,
        "forum/watch",
        &[
            ("category", category.to_string()),
            ("to", "segui".into()),
            ("back", "/".into()),
        ],
    )
    .await;

    // Tutors ask for the first post of each new member; a value out of range is refused.
    let settings = ok(&mut paolo, "community/settings", &[]).await;
    assert_eq!(settings["approve_first_posts"], 0);
    let mut save = vec![
        (
            "description",
            settings["description"].as_str().unwrap().to_string(),
        ),
        ("visibility", "invitation".to_string()),
        ("flag_threshold", "3".to_string()),
        ("approve_first_posts", "9".to_string()),
    ];
    assert_eq!(
        refused_field(&mut paolo, "community/save-settings", &save).await,
        "approve_first_posts"
    );
    assert_eq!(
        call(&mut marco, "community/save-settings", &save)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    save[3].1 = "1".into();
    ok(&mut paolo, "community/save-settings", &save).await;

    // Sara is new: her thread waits, unlisted and unannounced, but she sees it.
    let thread = start(
        &mut sara,
        category,
        "Presentazione di una nuova socia",
        "Ciao a tutti, mi occupo di comunicazione zafferanoide.",
    )
    .await;
    let page = ok(&mut sara, "forum/thread", &[("thread", thread.to_string())]).await;
    assert_eq!(page["posts"]["items"][0]["state"], "Pending");
    assert_eq!(page["posts"]["items"][0]["held"], true);
    assert!(listed(&mut sara, "Presentazione di una nuova socia").await);
    assert!(!listed(&mut marco, "Presentazione di una nuova socia").await);
    assert_eq!(
        call(
            &mut marco,
            "forum/thread",
            &[("thread", thread.to_string())]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert!(listed(&mut paolo, "Presentazione di una nuova socia").await);
    assert_eq!(search_total(&mut marco, "zafferanoide").await, 0);
    assert!(notifications(&db, GIULIA, "forum_post").await.is_empty());
    assert_eq!(notifications(&db, PAOLO, "forum_held").await.len(), 1);
    // Marco has written before: he does not wait.
    let marco_thread = start(
        &mut marco,
        category,
        "Calendario di dicembre",
        "Le uscite di dicembre, settimana per settimana.",
    )
    .await;
    assert_eq!(bodies(&mut giulia, marco_thread).await.len(), 1);
    assert!(!bodies(&mut giulia, marco_thread).await[0].is_empty());

    // The tutor's queue shows it; approving it announces it and frees Sara.
    let queue = ok(&mut paolo, "forum/queue", &[]).await;
    let item = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["thread_id"] == thread)
        .expect("the held post is in the queue")
        .clone();
    assert_eq!(item["post"]["held"], true);
    ok(
        &mut paolo,
        "forum/decide",
        &[
            ("post", item["post"]["id"].to_string()),
            ("decision", "approva".into()),
        ],
    )
    .await;
    assert!(listed(&mut marco, "Presentazione di una nuova socia").await);
    assert_eq!(search_total(&mut marco, "zafferanoide").await, 1);
    assert!(notifications(&db, GIULIA, "forum_post")
        .await
        .iter()
        .any(|n| n.contains("Presentazione di una nuova socia")));
    assert_eq!(notifications(&db, SARA, "forum_approved").await.len(), 1);
    assert_eq!(audited(&db, "forum_post_approved").await, 1);
    let number = reply(&mut sara, marco_thread, "Ci sono anch'io per dicembre.").await;
    let page = ok(
        &mut marco,
        "forum/thread",
        &[("thread", marco_thread.to_string())],
    )
    .await;
    assert_eq!(
        page["posts"]["items"][number as usize - 1]["state"],
        "Visible"
    );
    assert_eq!(notifications(&db, PAOLO, "forum_held").await.len(), 1);
});

both!(split_and_merge_threads, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let mut paolo = signed_in(&app, PAOLO, "10.8.0.1").await;
    let mut marco = signed_in(&app, MARCO, "10.8.0.2").await;
    let mut elena = signed_in(&app, ELENA, "10.8.0.3").await;
    let mut giulia = signed_in(&app, GIULIA, "10.8.0.4").await;
    let category = category(&db).await;
    let thread = start(
        &mut marco,
        category,
        "Orari dello sportello social",
        "Uno: rispondiamo dalle 9 alle 13?",
    )
    .await;
    reply(&mut elena, thread, "Due: per noi va bene.").await;
    reply(
        &mut giulia,
        thread,
        "Tre: a proposito, chi gestisce i meme?",
    )
    .await;
    reply(&mut elena, thread, "Quattro: li gestisce l'ufficio stampa.").await;
    reply(&mut marco, thread, "Cinque: allora confermo le 9-13.").await;
    assert_eq!(bodies(&mut giulia, thread).await.len(), 5); // Giulia has read all five.

    // Only tutors split; the opening post and posts that do not exist are refused.
    let split = |posts: &str| {
        vec![
            ("thread", thread.to_string()),
            ("posts", posts.to_string()),
            ("title", "Chi gestisce i meme".to_string()),
            ("category", category.to_string()),
        ]
    };
    assert_eq!(
        call(&mut marco, "forum/split", &split("3-4")).await.status,
        StatusCode::FORBIDDEN
    );
    for bad in ["1-2", "4, 99", "tre"] {
        assert_eq!(
            refused_field(&mut paolo, "forum/split", &split(bad)).await,
            "posts"
        );
    }
    let to = ok(&mut paolo, "forum/split", &split("3-4")).await;
    let new: i64 = to
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // Giulia had read five posts; two left, so she has read the three that stayed.
    let (read,): (i64,) = db
        .fetch_one(
            sql(
                "SELECT r.last_number FROM forum_read r JOIN account a ON a.id = r.account_id
                  WHERE r.thread_id = $1 AND a.email = $2",
            )
            .bind(thread)
            .bind(GIULIA),
        )
        .await
        .unwrap();
    assert_eq!(read, 3);

    let old = bodies(&mut giulia, thread).await;
    assert_eq!(old.len(), 3);
    assert!(old[2].contains("Cinque"), "{old:?}");
    let moved = bodies(&mut giulia, new).await;
    assert_eq!(moved.len(), 2);
    assert!(moved[0].contains("Tre") && moved[1].contains("Quattro"));
    let page = ok(&mut giulia, "forum/thread", &[("thread", new.to_string())]).await;
    assert_eq!(page["posts"]["items"][0]["number"], 1);
    assert_eq!(
        page["posts"]["items"][0]["author"].as_str().unwrap(),
        "Giulia Neri"
    );
    assert_eq!(notifications(&db, ELENA, "forum_moved").await.len(), 1);
    assert!(notifications(&db, PAOLO, "forum_moved").await.is_empty());
    let hits = ok(
        &mut marco,
        "forum/search",
        &[("q", "ufficio stampa meme".into())],
    )
    .await;
    assert!(
        hits["hits"]["items"][0]["url"]
            .as_str()
            .unwrap()
            .contains(&format!("/t/{new}")),
        "{hits}"
    );
    assert_eq!(audited(&db, "forum_thread_split").await, 1);

    // Merging back: every post in date order; the merged thread points to the other.
    let merge = |into: String| vec![("thread", new.to_string()), ("into", into)];
    assert_eq!(
        refused_field(&mut paolo, "forum/merge", &merge(new.to_string())).await,
        "into"
    );
    assert_eq!(
        refused_field(&mut paolo, "forum/merge", &merge("999999".into())).await,
        "into"
    );
    let address =
        format!("http://127.0.0.1:3000/comunita/{COMMUNITY}/forum/t/{thread}?page=1#post-2");
    ok(&mut paolo, "forum/merge", &merge(address)).await;
    let all = bodies(&mut giulia, thread).await;
    let order: Vec<bool> = ["Uno", "Due", "Tre", "Quattro", "Cinque"]
        .iter()
        .zip(&all)
        .map(|(word, html)| html.contains(word))
        .collect();
    assert_eq!(order, vec![true; 5], "{all:?}");
    let page = ok(&mut giulia, "forum/thread", &[("thread", new.to_string())]).await;
    assert_eq!(page["thread"]["merged_into"][0], thread);
    assert_eq!(page["posts"]["total"], 0);
    assert_ne!(
        call(
            &mut giulia,
            "forum/reply",
            &[("thread", new.to_string()), ("body", "Ancora qui?".into())]
        )
        .await
        .status,
        StatusCode::OK
    );
    assert!(!listed(&mut giulia, "Chi gestisce i meme").await);
    assert_eq!(audited(&db, "forum_thread_merged").await, 1);
});
