//! The reserved areas attacked from inside, on both databases: an operator of the
//! ente reaching for the community's files and the social team's images, members
//! reaching for what waits for a tutor, and replies slipped into a held thread.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::model::{Role, Scope};
use app::db::{sql, Db};
use app::ids::{AccountId, CommunityId, EnteId};
use axum::http::StatusCode;
use common::people::{ELENA, GIULIA, MARCO, PAOLO, SARA};
use common::web::{app, signed_in, Client};

const COMMUNITY: &str = "comunicatori-riformattiva-2026";

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE, 0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE,
    0x42, 0x60, 0x82,
];

async fn id_of(db: &Db, query: &'static str, key: &str) -> i64 {
    db.fetch_one::<(i64,)>(sql(query).bind(key))
        .await
        .unwrap()
        .0
}

/// The address of a stored file.
async fn file_url(db: &Db, upload: i64) -> String {
    let (token, name): (String, String) = db
        .fetch_one(sql("SELECT token, name FROM upload WHERE id = $1").bind(upload))
        .await
        .unwrap();
    format!("/file/{token}/{name}")
}

/// Makes Sara an operator of Lugo (consultations and the like, not social media).
async fn lugo_operator(db: &Db) -> EnteId {
    let lugo = EnteId(id_of(db, "SELECT id FROM ente WHERE slug = $1", "lugo").await);
    let sara = AccountId(id_of(db, "SELECT id FROM account WHERE email = $1", SARA).await);
    let mut tx = db.begin().await.unwrap();
    let now = chrono::Utc::now();
    app::account::repo::grant(
        &mut tx,
        sara,
        Role::EnteOperator,
        Scope::Ente(lugo),
        None,
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    lugo
}

/// A reply with an image from `c` in the first thread of the community; the post.
async fn reply_with_image(c: &mut Client, db: &Db, body: &str) -> i64 {
    let thread = id_of(
        db,
        "SELECT t.id FROM forum_thread t JOIN community c ON c.id = t.community_id
          WHERE c.slug = $1 ORDER BY t.id LIMIT 1",
        COMMUNITY,
    )
    .await;
    let path = format!("/comunita/{COMMUNITY}/forum/t/{thread}/rispondi");
    let res = c
        .post_multipart(&path, &[("body", body)], &[("schema.png", PNG)])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    db.fetch_one::<(i64,)>(sql("SELECT MAX(post_id) FROM forum_attachment"))
        .await
        .unwrap()
        .0
}

async fn reply(c: &mut Client, thread: i64, body: &str) -> StatusCode {
    let thread = thread.to_string();
    c.call(
        "forum/reply",
        &[
            ("community", COMMUNITY),
            ("thread", &thread),
            ("body", body),
        ],
    )
    .await
    .status
}

// Hole 6: anyone who ran consultations in an ente read every file stored with it.
both!(
    an_operator_reads_only_what_their_role_covers,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, _) = app(db.clone());
        let lugo = lugo_operator(&db).await;
        let mut sara = signed_in(&router, SARA, "10.70.0.1").await;
        let mut marco = signed_in(&router, MARCO, "10.70.0.2").await;
        // The community's documents, as if Lugo ran the community.
        db.execute(
            sql("UPDATE upload SET ente_id = $1 WHERE id IN (SELECT upload_id FROM community_file_version)")
                .bind(lugo),
        )
        .await
        .unwrap();
        let (document,): (i64,) = db
            .fetch_one(sql("SELECT MIN(upload_id) FROM community_file_version"))
            .await
            .unwrap();
        let url = file_url(&db, document).await;
        assert_eq!(
            marco.get(&url).await.status,
            StatusCode::OK,
            "members read it"
        );
        assert_eq!(sara.get(&url).await.status, StatusCode::NOT_FOUND, "{url}");

        // An image of Lugo's editorial plan: its social team, not its other operators.
        let item = id_of(
            &db,
            "SELECT MIN(id) FROM editorial_item WHERE ente_id = (SELECT id FROM ente WHERE slug = $1)",
            "lugo",
        )
        .await;
        let image =
            app::upload::check::check("post.png", PNG.to_vec(), app::upload::check::Accept::Images)
                .unwrap();
        let mut tx = db.begin().await.unwrap();
        let (upload, _) = app::upload::repo::store(
            &mut tx,
            &app::upload::repo::Staged::here(&image),
            None,
            Some(lugo),
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        tx.execute(
            sql("INSERT INTO editorial_media (item_id, position, upload_id, alt) VALUES ($1, 9, $2, 'x')")
                .bind(item)
                .bind(upload),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let url = file_url(&db, upload).await;
        assert_eq!(
            marco.get(&url).await.status,
            StatusCode::OK,
            "the social team"
        );
        assert_eq!(sara.get(&url).await.status, StatusCode::NOT_FOUND);
        // A file nothing holds, stored with Lugo: only who uploaded it.
        let mut tx = db.begin().await.unwrap();
        let (loose, _) = app::upload::repo::store(
            &mut tx,
            &app::upload::repo::Staged::here(&image),
            None,
            Some(lugo),
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let url = file_url(&db, loose).await;
        assert_eq!(sara.get(&url).await.status, StatusCode::NOT_FOUND);
    }
);

// Also: tutors open the files of a post waiting for approval; other members do not.
both!(
    a_waiting_posts_files_are_for_its_author_and_the_tutors,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, _) = app(db.clone());
        let mut marco = signed_in(&router, MARCO, "10.71.0.1").await;
        let mut elena = signed_in(&router, ELENA, "10.71.0.2").await;
        let mut paolo = signed_in(&router, PAOLO, "10.71.0.3").await;
        let post = reply_with_image(&mut marco, &db, "Ecco lo schema della campagna.").await;
        let upload = db
            .fetch_one::<(i64,)>(
                sql("SELECT upload_id FROM forum_attachment WHERE post_id = $1").bind(post),
            )
            .await
            .unwrap()
            .0;
        let url = file_url(&db, upload).await;
        assert_eq!(elena.get(&url).await.status, StatusCode::OK);
        // The post now waits for a tutor (as a new member's would).
        db.execute(
            sql("UPDATE forum_post SET state = 'pending', held = TRUE WHERE id = $1").bind(post),
        )
        .await
        .unwrap();
        assert_eq!(elena.get(&url).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            paolo.get(&url).await.status,
            StatusCode::OK,
            "the tutor, from the queue"
        );
        assert_eq!(marco.get(&url).await.status, StatusCode::OK, "its author");
        // Hidden by a tutor: the same.
        db.execute(
            sql("UPDATE forum_post SET state = 'hidden', held = FALSE WHERE id = $1").bind(post),
        )
        .await
        .unwrap();
        assert_eq!(elena.get(&url).await.status, StatusCode::NOT_FOUND);
        assert_eq!(paolo.get(&url).await.status, StatusCode::OK);
    }
);

// Hole 8: members replied to a thread held for approval, and its title then showed in
// their search.
both!(nobody_else_replies_to_a_held_thread, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (router, _) = app(db.clone());
    let mut sara = signed_in(&router, SARA, "10.72.0.1").await;
    let mut giulia = signed_in(&router, GIULIA, "10.72.0.2").await;
    let mut paolo = signed_in(&router, PAOLO, "10.72.0.3").await;
    // Sara joins, and her first thread waits for a tutor.
    let community =
        CommunityId(id_of(&db, "SELECT id FROM community WHERE slug = $1", COMMUNITY).await);
    let sara_id = AccountId(id_of(&db, "SELECT id FROM account WHERE email = $1", SARA).await);
    let mut tx = db.begin().await.unwrap();
    let scope = Scope::Community {
        id: community,
        ente: None,
    };
    app::account::repo::grant(
        &mut tx,
        sara_id,
        Role::CommunityMember,
        scope,
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    db.execute(sql("UPDATE community SET approve_first_posts = 1 WHERE id = $1").bind(community))
        .await
        .unwrap();
    let category = id_of(
        &db,
        "SELECT id FROM forum_category WHERE slug = $1",
        "piano-redazionale",
    )
    .await;
    let res = sara
        .call(
            "forum/new-thread",
            &[
                ("community", COMMUNITY),
                ("category", &category.to_string()),
                ("title", "Proposta zafferanoide per la rubrica"),
                ("body", "Una rubrica settimanale sui servizi del Comune."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let thread = res.json().as_i64().unwrap();
    let held: (bool,) = db
        .fetch_one(
            sql("SELECT held FROM forum_post WHERE thread_id = $1 AND number = 1").bind(thread),
        )
        .await
        .unwrap();
    assert!(held.0, "the first thread of a new member waits");
    let answer = reply(&mut giulia, thread, "Rispondo prima che la vedano i tutor.").await;
    assert_eq!(answer, StatusCode::NOT_FOUND);
    let search = giulia
        .call(
            "forum/search",
            &[("community", COMMUNITY), ("q", "zafferanoide")],
        )
        .await;
    assert_eq!(search.json()["hits"]["total"], 0, "{}", search.body);
    // Its author and the tutors still can.
    assert_eq!(
        reply(&mut sara, thread, "Aggiungo un dettaglio.").await,
        StatusCode::OK
    );
    assert_eq!(
        reply(&mut paolo, thread, "Benvenuta: ora la approvo.").await,
        StatusCode::OK
    );
});
