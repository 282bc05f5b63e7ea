//! Full-text search of an ente's site on both databases: words in any order, prefixes,
//! accents, ranking of titles, unpublished news hidden, other enti's content kept
//! apart, hostile queries harmless, results narrowed by topic, and the index rebuilt
//! after a restore.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use app::ids::EnteId;
use app::search::repo::{search, Within};
use chrono::{Duration, Utc};

async fn ente(db: &Db, slug: &str) -> EnteId {
    db.fetch_one::<(EnteId,)>(sql("SELECT id FROM ente WHERE slug = $1").bind(slug))
        .await
        .unwrap()
        .0
}

async fn titles(db: &Db, ente_id: EnteId, q: &str) -> Vec<String> {
    let (hits, total) = search(db, Within::Ente(ente_id), q, Utc::now(), 20, 0)
        .await
        .unwrap();
    assert_eq!(total as usize, hits.len(), "{q}");
    hits.into_iter().map(|h| h.title).collect()
}

/// What Lugo's demo holds about its market: the event (its title says so) first.
fn assert_market(mut found: Vec<String>) {
    assert_eq!(
        found.first().map(String::as_str),
        Some("Mercato del Pavaglione")
    );
    found.sort();
    assert_eq!(
        found,
        ["La storia di Lugo", "Mercato del Pavaglione", "Pavaglione"]
    );
}

both!(the_site_search_finds_what_it_should, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let lugo = ente(&db, "lugo").await;
    // The event with the word in its title first, then the square whose description
    // mentions the market and the page of the town's history (in the order each
    // engine ranks them).
    assert_market(titles(&db, lugo, "mercato").await);
    // Every word must match, in any order; a prefix is enough.
    assert_eq!(
        titles(&db, lugo, "giovani consulta").await,
        ["Nasce la Consulta dei giovani"]
    );
    assert_eq!(
        titles(&db, lugo, "consul giovan").await,
        ["Nasce la Consulta dei giovani"]
    );
    assert!(titles(&db, lugo, "consulta zanzare").await.is_empty());
    // Places are found by their address and kind too.
    assert!(titles(&db, lugo, "rocca")
        .await
        .contains(&"Rocca estense".to_string()));
    // Another ente's content stays on its own site.
    let cotignola = ente(&db, "cotignola").await;
    assert!(titles(&db, cotignola, "pavaglione").await.is_empty());

    // A news item scheduled for tomorrow is not found until then.
    let tomorrow = Utc::now() + Duration::days(1);
    let mut tx = db.begin().await.unwrap();
    app::content::repo::ensure_news(
        &mut tx,
        lugo,
        &app::content::repo::NewNews {
            slug: "bilancio-partecipativo",
            title: "Bilancio partecipativo: si vota",
            summary: "Le proposte dei quartieri",
            body: "Si vota online e ai seggi.",
            topic: "Partecipazione",
            kind: app::content::model::NewsKind::News,
            published_at: tomorrow,
        },
    )
    .await
    .unwrap();
    app::search::repo::reindex_content(&mut tx, Some(lugo))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(titles(&db, lugo, "bilancio partecipativo").await.is_empty());
    let (later, _) = search(
        &db,
        Within::Ente(lugo),
        "bilancio partecipativo",
        tomorrow + Duration::hours(1),
        10,
        0,
    )
    .await
    .unwrap();
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].url, "/lugo/notizie/bilancio-partecipativo");

    // Hostile input is only words: punctuation alone finds nothing, operators are
    // words like any other (every one must match), and nothing reaches the SQL.
    let news_before: (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM news"))
        .await
        .unwrap();
    for q in ["\"", "*", ":*&|!", "", "()"] {
        assert!(
            titles(&db, lugo, q).await.is_empty(),
            "{q:?} found something"
        );
    }
    assert_eq!(
        titles(&db, lugo, "NEAR(").await,
        titles(&db, lugo, "near").await
    );
    let with_or = titles(&db, lugo, "mercato OR").await;
    let or_alone = titles(&db, lugo, "or").await;
    assert!(
        with_or.iter().all(|t| or_alone.contains(t)),
        "OR widened the search: {with_or:?}"
    );
    assert!(
        titles(&db, lugo, "'; DROP TABLE news; --").await.is_empty(),
        "no document has all of drop, table and news"
    );
    let news_after: (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM news"))
        .await
        .unwrap();
    assert_eq!(news_after, news_before);
    assert!(news_after.0 > 0);
});

both!(the_index_is_rebuilt_after_a_restore, |db: Db| async move {
    let source = common::TestDb::new(db.backend()).await;
    piazza_server::demo::seed(&source.db).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.jsonl");
    piazza_server::backup::backup(&source.db, &file)
        .await
        .unwrap();
    piazza_server::backup::restore(&db, &file).await.unwrap();
    let lugo = ente(&db, "lugo").await;
    assert_market(titles(&db, lugo, "mercato").await);
    source.finish().await;
});

both!(the_site_search_narrows_by_topic, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let lugo = ente(&db, "lugo").await;
    let yesterday = Utc::now() - Duration::days(1);
    let mut tx = db.begin().await.unwrap();
    for (slug, title, topic) in [
        (
            "cantiere-palestra",
            "Cantiere alla palestra Gherardi",
            "Sport",
        ),
        (
            "cantiere-viale",
            "Cantiere in viale Orsini",
            "Urbanizzazione",
        ),
        (
            "cantiere-stadio",
            "Cantiere allo stadio Muccinelli",
            "Sport",
        ),
    ] {
        let news = app::content::repo::NewNews {
            slug,
            title,
            summary: "I lavori del cantiere",
            body: "Il cantiere dura un mese.",
            topic,
            kind: app::content::model::NewsKind::News,
            published_at: yesterday,
        };
        app::content::repo::ensure_news(&mut tx, lugo, &news)
            .await
            .unwrap();
    }
    app::search::repo::reindex_content(&mut tx, Some(lugo))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (app, _) = common::web::app(db.clone());
    let mut nobody = common::web::Client::new(&app, "10.7.5.1");
    let ask = |argomento: &'static str| {
        [
            ("ente", "lugo"),
            ("q", "cantiere"),
            ("argomento", argomento),
        ]
    };
    let all = nobody.call("search/ente", &ask("")).await.json();
    let topics: Vec<(String, i64)> = all["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t[0].as_str().unwrap().to_string(), t[2].as_i64().unwrap()))
        .collect();
    assert!(topics.contains(&("sport".to_string(), 2)), "{topics:?}");
    assert!(
        topics.iter().any(|(t, n)| t == "urbanizzazione" && *n >= 1),
        "{topics:?}"
    );
    assert!(
        topics.windows(2).all(|w| w[0].1 >= w[1].1),
        "most first: {topics:?}"
    );
    let sport = nobody.call("search/ente", &ask("sport")).await.json();
    assert_eq!(sport["hits"]["total"], 2);
    assert_eq!(sport["topic"], "sport");
    let kinds: i64 = sport["facets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f[1].as_i64().unwrap())
        .sum();
    assert_eq!(kinds, 2, "kinds counted within the topic");
    // A topic that is not in the vocabulary narrows nothing.
    let bogus = nobody.call("search/ente", &ask("astrologia")).await.json();
    assert_eq!(bogus["hits"]["total"], all["hits"]["total"]);
    assert!(bogus["topic"].is_null());
    // The page offers the topics as links that keep the query.
    let page = nobody.get("/lugo/cerca?q=cantiere").await.body;
    assert!(
        page.contains("href=\"/lugo/cerca?q=cantiere&amp;argomento=sport\""),
        "{page}"
    );
});
