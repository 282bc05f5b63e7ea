//! A consultation open to anyone, attacked by visitors without an account, on both
//! databases: files sent with a bogus ticket are never stored, drafts are capped and
//! limited per address, and what nothing holds any more is pruned (and what
//! something holds is not).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use common::consult::{file_consultation, send_answer};
use common::people::GIULIA;
use common::web::{app, signed_in, Client};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

async fn rows(db: &Db, table: &'static str) -> i64 {
    let query = match table {
        "upload" => "SELECT COUNT(*) FROM upload",
        "file_blob" => "SELECT COUNT(*) FROM file_blob",
        _ => "SELECT COUNT(*) FROM response_draft WHERE account_id IS NULL",
    };
    db.fetch_one::<(i64,)>(sql(query)).await.unwrap().0
}

// Hole 5: files were stored before the ticket was looked at, drafts had no cap nor
// limit, and nothing was ever pruned.
both!(
    visitors_store_nothing_before_their_ticket_and_little_after,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, state) = app(db.clone());
        let mut giulia = signed_in(&router, GIULIA, "10.80.0.1").await;
        let slug = file_consultation(&mut giulia, "Foto del quartiere", "anyone").await;
        let uploads = rows(&db, "upload").await;

        // A bogus ticket: refused, and the file is not stored.
        let mut bot = Client::new(&router, "10.80.0.2");
        let file = Some(("q2", "pianta.pdf", PDF));
        let res = send_answer(&mut bot, &slug, Some("1.abc"), &[("q1", "Via Roma")], file).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        assert_eq!(rows(&db, "upload").await, uploads, "nothing stored");
        assert_eq!(rows(&db, "draft").await, 1, "what was typed is kept");

        // A draft too large to keep is not kept.
        let huge = "x".repeat(app::consultation::answering::MAX_DRAFT_BYTES + 1);
        let mut other = Client::new(&router, "10.80.0.3");
        let res = send_answer(&mut other, &slug, Some("1.abc"), &[("q1", &huge)], None).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        assert_eq!(rows(&db, "draft").await, 1);

        // Without a cookie each post would be a new draft: a limit per address.
        let limit = app::auth::ratelimit::DRAFTS_PER_IP.max;
        for n in 2..=limit + 1 {
            let mut fresh = Client::new(&router, "10.80.0.2");
            let via = [("q1", "Via Roma")];
            let res = send_answer(&mut fresh, &slug, Some("1.abc"), &via, None).await;
            let expected = if n <= limit {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::TOO_MANY_REQUESTS
            };
            assert_eq!(res.status, expected, "draft {n}: {}", res.body);
        }
        assert_eq!(rows(&db, "draft").await, limit);

        // A real visitor with the page's ticket answers, file and all.
        let mut visitor = Client::new(&router, "10.80.0.9");
        let page = visitor
            .call("consult/show", &[("ente", "lugo"), ("slug", &slug)])
            .await;
        let ticket = page.json()["ticket"].as_str().unwrap().to_string();
        assert!(!ticket.is_empty(), "{}", page.body);
        state.clock.advance(chrono::Duration::seconds(
            app::auth::ticket::MIN_AGE_SECS + 1,
        ));
        let res = send_answer(
            &mut visitor,
            &slug,
            Some(&ticket),
            &[("q1", "Via Roma 3")],
            file,
        )
        .await;
        let to = Client::location(&res);
        assert!(to.contains("ricevuta="), "{to}");
        assert_eq!(rows(&db, "upload").await, uploads + 1);

        // A week on: the visitors' drafts go, the answer's file stays, and so does
        // every file something holds; a file nothing holds goes, with its contents.
        let mut tx = db.begin().await.unwrap();
        let loose = app::upload::check::check(
            "loose.pdf",
            b"%PDF-1.4\nsolo\n%%EOF\n".to_vec(),
            app::upload::check::Accept::Documents,
        )
        .unwrap();
        let long_ago = state.clock.now() - chrono::Duration::days(3);
        app::upload::repo::store(
            &mut tx,
            &app::upload::repo::Staged::here(&loose),
            None,
            None,
            long_ago,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let blobs = rows(&db, "file_blob").await;
        let later = state.clock.now() + chrono::Duration::days(8);
        piazza_server::maintenance::sweep(&db, &Default::default(), later)
            .await
            .unwrap();
        assert_eq!(rows(&db, "draft").await, 0);
        assert_eq!(
            rows(&db, "upload").await,
            uploads + 1,
            "only the loose file went"
        );
        assert_eq!(rows(&db, "file_blob").await, blobs - 1);
    }
);

// The pruning knows every column that holds an upload: the schema's foreign keys.
both!(upload_holders_match_the_schema, |db: Db| async move {
    let mut found: Vec<(String, String)> = match &db {
        Db::Sqlite(pool) => sqlx::query_as(
            "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
              WHERE m.type = 'table' AND f.\"table\" = 'upload'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
        Db::Postgres(pool) => sqlx::query_as(
            "SELECT k.table_name::text, k.column_name::text
               FROM information_schema.referential_constraints r
               JOIN information_schema.key_column_usage k ON k.constraint_name = r.constraint_name
               JOIN information_schema.table_constraints u ON u.constraint_name = r.unique_constraint_name
              WHERE u.table_name = 'upload'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    found.sort();
    let mut listed: Vec<(String, String)> = app::upload::repo::HOLDERS
        .iter()
        .map(|(t, c)| (t.to_string(), c.to_string()))
        .collect();
    listed.sort();
    assert_eq!(found, listed);
});
