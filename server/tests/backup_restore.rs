//! `piazza backup` then `piazza restore` gives back identical content, on both
//! databases and across them; a bad file changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{portable, Backend, Db};
use piazza_server::backup;

/// The file without its header line (which carries the time of the backup).
fn body(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(String::from)
        .collect()
}

async fn round_trip(from: Backend, to: Backend) {
    let source = common::TestDb::new(from).await;
    piazza_server::demo::seed(&source.db).await.unwrap();
    // Accounts carry NULL timestamps and NULL foreign keys: cover them too.
    piazza_server::admin::create_admin(&source.db, "admin@piazza.example.it", "Anna Rossi", None)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.jsonl");
    let rows = backup::backup(&source.db, &first).await.unwrap();
    assert!(rows > 20, "the demo data has more than 20 rows, got {rows}");

    let target = common::TestDb::new(to).await;
    assert_eq!(backup::restore(&target.db, &first).await.unwrap(), rows);
    let second = dir.path().join("second.jsonl");
    backup::backup(&target.db, &second).await.unwrap();
    assert_eq!(body(&first), body(&second), "restored content differs");

    // New rows get fresh ids after a restore (identity moved past restored ids).
    piazza_server::demo::seed(&target.db).await.unwrap();
    let mut tx = target.db.begin().await.unwrap();
    let id = app::ente::repo::ensure(&mut tx, &common::new_ente("nuovo"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(id.get() > 4);

    // A second restore into the now non-empty database is refused.
    let err = backup::restore(&target.db, &first).await.unwrap_err();
    assert!(err.to_string().contains("empty database"), "{err}");
    source.finish().await;
    target.finish().await;
}

#[tokio::test]
async fn sqlite_to_sqlite() {
    round_trip(Backend::Sqlite, Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_to_postgres() {
    round_trip(Backend::Postgres, Backend::Postgres).await;
}

#[tokio::test]
async fn sqlite_to_postgres() {
    round_trip(Backend::Sqlite, Backend::Postgres).await;
}

#[tokio::test]
async fn postgres_to_sqlite() {
    round_trip(Backend::Postgres, Backend::Sqlite).await;
}

/// Empty but for the reference rows migrations insert (those a failed restore must
/// leave as they were).
async fn all_empty(db: &Db) -> bool {
    for t in portable::TABLES.iter().filter(|t| !t.seeded) {
        if db.count(t).await.unwrap() != 0 {
            return false;
        }
    }
    let (topics,): (i64,) = db
        .fetch_one(app::db::sql("SELECT COUNT(*) FROM topic"))
        .await
        .unwrap();
    topics == 64
}

both!(a_corrupt_backup_restores_nothing, |db: Db| async move {
    let source = common::TestDb::new(db.backend()).await;
    piazza_server::demo::seed(&source.db).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.jsonl");
    backup::backup(&source.db, &good).await.unwrap();
    source.finish().await;

    let text = std::fs::read_to_string(&good).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Break the last row: the tables before it are already inserted when it fails.
    let mut broken: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let last = broken.len() - 1;
    broken[last] = r#"{"row":["not a number"]}"#.into();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, broken.join("\n")).unwrap();
    let err = backup::restore(&db, &bad).await.unwrap_err();
    assert!(
        err.to_string().contains(&format!("line {}", last + 1)),
        "{err}"
    );
    assert!(all_empty(&db).await, "a failed restore left rows behind");

    // Hostile column names are refused, not formatted into SQL.
    let hostile = dir.path().join("hostile.jsonl");
    std::fs::write(
        &hostile,
        format!(
            "{}\n{}\n",
            lines[0], r#"{"table":"ente","columns":["id); DROP TABLE ente; --"]}"#
        ),
    )
    .unwrap();
    let err = backup::restore(&db, &hostile).await.unwrap_err();
    assert!(err.to_string().contains("has no column"), "{err}");
    let unknown = dir.path().join("unknown.jsonl");
    std::fs::write(
        &unknown,
        format!(
            "{}\n{}\n",
            lines[0], r#"{"table":"sqlite_master","columns":["name"]}"#
        ),
    )
    .unwrap();
    assert!(backup::restore(&db, &unknown)
        .await
        .unwrap_err()
        .to_string()
        .contains("unknown table"));
    assert!(db.is_migrated().await);

    // Not a backup at all.
    let junk = dir.path().join("junk.jsonl");
    std::fs::write(&junk, "hello\n").unwrap();
    assert!(backup::restore(&db, &junk).await.is_err());
});

/// How many rows of a table a transaction sees.
async fn rows_seen(tx: &mut app::db::Tx, table: &portable::Table) -> u64 {
    let mut seen = 0u64;
    tx.each_row(table, &mut |_| {
        seen += 1;
        Ok(())
    })
    .await
    .unwrap();
    seen
}

both!(a_backup_reads_one_snapshot, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let ente = portable::table("ente").unwrap();
    let before = db.count(ente).await.unwrap() as u64;
    let mut snapshot = db.snapshot().await.unwrap();
    assert_eq!(rows_seen(&mut snapshot, ente).await, before);

    // Another connection writes while the snapshot is open: it does not wait for it.
    let mut tx = db.begin().await.unwrap();
    app::ente::repo::ensure(&mut tx, &common::new_ente("nuovo"))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    assert_eq!(db.count(ente).await.unwrap() as u64, before + 1);
    assert_eq!(
        rows_seen(&mut snapshot, ente).await,
        before,
        "the snapshot saw a row written after it began"
    );
});
