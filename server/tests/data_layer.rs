//! The data layer, the demo data and the ente queries, on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::content::repo as content;
use app::db::{portable, sql, Db};
use app::ente::model::{Kit, Module};
use app::ente::repo::{self as ente, NewEnte};
use common::new_ente;

both!(
    migrations_are_applied_and_tables_are_all_backed_up,
    |db: Db| async move {
        assert!(db.is_migrated().await);
        let mut in_db: Vec<String> = db
            .table_names()
            .await
            .unwrap()
            .into_iter()
            .filter(|t| !portable::is_derived(t))
            .collect();
        in_db.sort();
        let mut in_backup: Vec<String> = portable::TABLES
            .iter()
            .map(|t| t.name.to_string())
            .collect();
        in_backup.sort();
        assert_eq!(
            in_db, in_backup,
            "every table must be listed in db::portable::TABLES"
        );
    }
);

both!(
    demo_seed_builds_the_unione_and_is_idempotent,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let mut counts = Vec::new();
        for t in portable::TABLES {
            counts.push(db.count(t).await.unwrap());
        }
        piazza_server::demo::seed(&db).await.unwrap();
        for (t, before) in portable::TABLES.iter().zip(&counts) {
            assert_eq!(
                db.count(t).await.unwrap(),
                *before,
                "seeding twice changed {}",
                t.name
            );
        }

        let enti = ente::list_summaries(&db).await.unwrap();
        assert_eq!(enti.len(), 4);
        assert_eq!(enti[0].slug, "bassa-romagna", "aggregations come first");
        assert_eq!(enti[0].member_count, 3);
        assert!(enti[1..]
            .iter()
            .all(|e| e.parent_name.as_deref() == Some("Unione dei Comuni della Bassa Romagna")));

        let unione = ente::by_slug(&db, "bassa-romagna").await.unwrap().unwrap();
        let members: Vec<String> = ente::members(&db, unione.id)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.slug)
            .collect();
        assert_eq!(members, ["bagnacavallo", "cotignola", "lugo"]);

        for (slug, kit) in [
            ("lugo", Kit::Plus),
            ("bagnacavallo", Kit::Intermediate),
            ("cotignola", Kit::Basic),
        ] {
            let e = ente::by_slug(&db, slug).await.unwrap().unwrap();
            let modules: Vec<Module> = ente::modules(&db, e.id)
                .await
                .unwrap()
                .into_iter()
                .map(|m| m.module)
                .collect();
            assert_eq!(Kit::of(&modules), kit, "{slug}");
        }
    }
);

both!(content_queries_order_and_filter, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let lugo = ente::by_slug(&db, "lugo").await.unwrap().unwrap();
    // Every kind of news: three news items, two press releases, two notices.
    let news = content::latest_news(&db, lugo.id, chrono::Utc::now(), 10)
        .await
        .unwrap();
    assert_eq!(news.len(), 7);
    assert!(
        news.windows(2)
            .all(|w| w[0].published_at >= w[1].published_at),
        "newest first"
    );
    assert_eq!(
        content::latest_news(&db, lugo.id, chrono::Utc::now(), 2)
            .await
            .unwrap()
            .len(),
        2
    );

    let events = app::content::event_repo::upcoming(&db, lugo.id, chrono::Utc::now(), 10)
        .await
        .unwrap();
    assert_eq!(events.len(), 10, "the weekly market fills the list");
    let distinct: std::collections::BTreeSet<&str> =
        events.iter().map(|e| e.slug.as_str()).collect();
    assert_eq!(distinct.len(), 3, "{distinct:?}");
    assert!(
        events.windows(2).all(|w| w[0].starts_at <= w[1].starts_at),
        "soonest first"
    );
    assert!(events.iter().all(|e| e.place_name.is_some()));

    // Four places of the agenda, and the two seats of Lugo's offices.
    let places = content::places(&db, lugo.id).await.unwrap();
    assert_eq!(places.len(), 6);
    assert!(places
        .iter()
        .all(|p| (44.0..45.0).contains(&p.lat) && (11.0..13.0).contains(&p.lon)));

    let item = content::news_by_slug(&db, lugo.id, "consulta-giovani", chrono::Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(item.title, "Nasce la Consulta dei giovani");
    // Another ente's slug does not leak across tenants.
    let cotignola = ente::by_slug(&db, "cotignola").await.unwrap().unwrap();
    assert!(
        content::news_by_slug(&db, cotignola.id, "consulta-giovani", chrono::Utc::now())
            .await
            .unwrap()
            .is_none()
    );
});

both!(transactions_roll_back_when_dropped, |db: Db| async move {
    let mut tx = db.begin().await.unwrap();
    ente::ensure(&mut tx, &new_ente("prova")).await.unwrap();
    drop(tx);
    assert!(ente::by_slug(&db, "prova").await.unwrap().is_none());

    let mut tx = db.begin().await.unwrap();
    let id = ente::ensure(&mut tx, &new_ente("prova")).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        ente::by_slug(&db, "prova").await.unwrap().map(|e| e.id),
        Some(id)
    );
});

both!(constraints_are_reported_as_such, |db: Db| async move {
    let insert = || {
        sql("INSERT INTO ente (slug, name, kind, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)")
            .bind("doppio")
            .bind("Comune doppio")
            .bind("comune")
            .bind(chrono::Utc::now())
    };
    db.execute(insert()).await.unwrap();
    let err = db.execute(insert()).await.unwrap_err();
    assert!(err.is_unique_violation(), "{err}");

    let bad_kind = sql("INSERT INTO ente (slug, name, kind, created_at, updated_at) VALUES ('x1', 'X', 'villaggio', $1, $1)")
        .bind(chrono::Utc::now());
    let err = db.execute(bad_kind).await.unwrap_err();
    assert!(!err.is_unique_violation());
});

both!(values_round_trip_with_their_types, |db: Db| async move {
    let at = chrono::DateTime::parse_from_rfc3339("2026-03-29T01:30:00.123456789Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut tx = db.begin().await.unwrap();
    let id = ente::ensure(
        &mut tx,
        &NewEnte {
            lat: Some(44.123456789),
            ..new_ente("tipi")
        },
    )
    .await
    .unwrap();
    tx.execute(
        sql("INSERT INTO news (ente_id, slug, title, published_at, created_at, updated_at) VALUES ($1, 'n', 'È già l''ora', $2, $2, $2)")
            .bind(id)
            .bind(at),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let e = ente::by_slug(&db, "tipi").await.unwrap().unwrap();
    assert_eq!(e.lat, Some(44.123456789));
    assert_eq!(e.ipa_code, None);
    let n = content::news_by_slug(&db, id, "n", chrono::Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n.title, "È già l'ora");
    // Both databases keep microseconds.
    assert_eq!(n.published_at.timestamp_subsec_micros(), 123456);
    assert_eq!(n.published_at.timestamp(), at.timestamp());
});

both!(
    create_admin_makes_a_platform_administrator_once,
    |db: Db| async move {
        use app::account::{model::Email, password, repo as accounts};
        use app::auth::model::{Grant, Role, Scope};
        use piazza_server::admin::create_admin;

        let first = create_admin(&db, " Admin@Piazza.Example.IT ", "Anna Rossi", None)
            .await
            .unwrap();
        assert!(first.new_account && first.new_grant);
        let generated = first.generated_password.clone().unwrap();
        let email = Email::parse("admin@piazza.example.it").unwrap();
        let row = accounts::by_email(&db, &email).await.unwrap().unwrap();
        assert_eq!(row.display_name, "Anna Rossi");
        assert!(password::verify(
            &generated,
            row.password_hash.as_deref().unwrap()
        ));
        assert_eq!(
            app::auth::session::grants(&db, row.id).await.unwrap(),
            vec![Grant {
                role: Role::PlatformAdmin,
                scope: Scope::Platform
            }]
        );

        // Again: nothing new, and the password is not replaced.
        let again = create_admin(
            &db,
            "admin@piazza.example.it",
            "",
            Some("another-long-password"),
        )
        .await
        .unwrap();
        assert_eq!(
            (again.account_id, again.new_account, again.new_grant),
            (row.id, false, false)
        );
        let row = accounts::by_email(&db, &email).await.unwrap().unwrap();
        assert!(password::verify(
            &generated,
            row.password_hash.as_deref().unwrap()
        ));

        // Bad input is refused before anything is written.
        assert!(create_admin(&db, "not-an-email", "", None)
            .await
            .unwrap_err()
            .starts_with("--email"));
        assert!(create_admin(&db, "b@piazza.example.it", "", Some("short"))
            .await
            .unwrap_err()
            .contains("PIAZZA_ADMIN_PASSWORD"));
        assert!(
            accounts::by_email(&db, &Email::parse("b@piazza.example.it").unwrap())
                .await
                .unwrap()
                .is_none()
        );
    }
);
