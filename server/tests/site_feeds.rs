//! What an ente's site gives other programs, through the router on both databases:
//! news as Atom and RSS, the agenda and each event as iCalendar, places as GeoJSON,
//! the sitemap and robots.txt. Independent parsers (Python's feedparser, icalendar
//! and geojson, installed by scripts/test) must read them and see what the database
//! holds; the sitemap must name every public page, and each must answer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use app::ente::model::Module;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use common::web::{app, Client, SITE};
use serde_json::Value;

/// What the Python readers saw (server/tests/tools/read_feeds.py).
fn read_with_python(files: &[(&str, &str)], window: (DateTime<Utc>, DateTime<Utc>)) -> Value {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    let python = std::env::var("PIAZZA_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/read_feeds.py");
    let out = std::process::Command::new(&python)
        .arg(script)
        .arg(dir.path())
        .arg(window.0.to_rfc3339())
        .arg(window.1.to_rfc3339())
        .output()
        .unwrap_or_else(|e| panic!("{python}: {e} (scripts/test installs it)"));
    assert!(
        out.status.success(),
        "the readers refused a file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

async fn fetch(c: &mut Client, path: &str, kind: &str) -> String {
    let res = c.get(path).await;
    assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
    let got = res.headers["content-type"].to_str().unwrap();
    assert!(got.starts_with(kind), "{path}: {got}");
    res.body
}

fn z(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The `<loc>`s of a sitemap, as paths of this site.
fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap().replace("&amp;", "&"))
        .map(|url| {
            url.strip_prefix(SITE)
                .expect("an address of this site")
                .to_string()
        })
        .collect()
}

both!(
    feeds_parse_and_carry_what_the_database_holds,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, state) = app(db.clone());
        let mut nobody = Client::new(&app, "10.7.0.1");
        let lugo: (i64,) = db
            .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
            .await
            .unwrap();
        // A news item under embargo until tomorrow stays out of the feeds.
        let mut tx = db.begin().await.unwrap();
        app::content::repo::ensure_news(
            &mut tx,
            app::ids::EnteId(lugo.0),
            &app::content::repo::NewNews {
                slug: "bilancio-domani",
                title: "Il bilancio, da domani",
                summary: "Sotto embargo.",
                body: "Testo.",
                topic: "Bilancio",
                kind: app::content::model::NewsKind::News,
                published_at: state.clock.now() + Duration::days(1),
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();

        let atom = fetch(
            &mut nobody,
            "/lugo/notizie/feed.atom",
            "application/atom+xml",
        )
        .await;
        let rss = fetch(&mut nobody, "/lugo/notizie/rss.xml", "application/rss+xml").await;
        let agenda = fetch(
            &mut nobody,
            "/bassa-romagna/eventi/calendario.ics",
            "text/calendar",
        )
        .await;
        let places = fetch(
            &mut nobody,
            "/lugo/luoghi/mappa.geojson",
            "application/geo+json",
        )
        .await;
        let window = (state.clock.now(), state.clock.now() + Duration::days(200));
        let seen = read_with_python(
            &[
                ("news.atom", &atom),
                ("news.rss", &rss),
                ("agenda.ics", &agenda),
                ("places.geojson", &places),
            ],
            window,
        );

        // The feeds carry the published news, newest first, and not the embargoed one.
        let news: Vec<(String,)> = db
            .fetch_all(
                sql(
                    "SELECT slug FROM news WHERE ente_id = $1 AND published_at <= $2
                  ORDER BY published_at DESC, id DESC LIMIT 30",
                )
                .bind(lugo.0)
                .bind(state.clock.now()),
            )
            .await
            .unwrap();
        let expected: Vec<Value> = news
            .iter()
            .map(|(s,)| Value::from(format!("{SITE}/lugo/notizie/{s}")))
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(seen["atom"]["links"].as_array().unwrap(), &expected);
        assert_eq!(seen["rss"]["links"].as_array().unwrap(), &expected);
        assert!(!atom.contains("bilancio-domani"));

        // The Unione's agenda gathers the events of its Comuni whose agenda is on (not
        // Cotignola's, a BASIC kit), each at its time, in Rome's zone.
        let unione: (i64,) = db
            .fetch_one(sql("SELECT id FROM ente WHERE slug = 'bassa-romagna'"))
            .await
            .unwrap();
        let now = state.clock.now();
        let rows = app::content::event_repo::period(
            &db,
            app::ids::EnteId(unione.0),
            (now - Duration::days(90), now + Duration::days(3650)),
            &Default::default(),
        )
        .await
        .unwrap();
        let gathered: std::collections::BTreeSet<&str> =
            rows.iter().map(|r| r.ente_slug.as_str()).collect();
        assert_eq!(gathered, ["bagnacavallo", "bassa-romagna", "lugo"].into());
        let seen_events = seen["agenda"]["events"].as_object().unwrap();
        assert_eq!(seen["agenda"]["zones"], serde_json::json!(["Europe/Rome"]));
        assert_eq!(seen_events.len(), rows.len(), "{seen_events:?}");
        for r in &rows {
            let e = &seen_events[&format!("event-{}@piazza.test", r.id)];
            assert_eq!(e["start"], z(r.starts_at).as_str(), "{}", r.title);
            assert_eq!(e["end"], z(r.ends_at).as_str(), "{}", r.title);
            assert_eq!(e["tzid"], "Europe/Rome");
            assert_eq!(e["summary"], r.title.as_str());
        }

        // Their rules and skipped days give, read by another program, the occurrences
        // the agenda's pages show.
        let mut ours: Vec<Value> = rows
            .iter()
            .flat_map(|r| {
                r.occurrences(window, 1000).into_iter().map(move |(s, _)| {
                    serde_json::json!([format!("event-{}@piazza.test", r.id), z(s)])
                })
            })
            .collect();
        ours.sort_by_key(|v| v.to_string());
        let mut theirs = seen["agenda"]["occurrences"].as_array().unwrap().clone();
        theirs.sort_by_key(|v| v.to_string());
        assert!(
            ours.len() > rows.len() + 10,
            "the weekly ones repeat: {}",
            ours.len()
        );
        assert_eq!(theirs, ours);

        // The map's filters are the list's: a kind, words of the name or the address.
        for (query, expected) in [
            ("tipo=Monumento", vec!["rocca-estense"]),
            ("q=Baracca", vec!["pavaglione"]),
        ] {
            let body = fetch(
                &mut nobody,
                &format!("/lugo/luoghi/mappa.geojson?{query}"),
                "application/geo+json",
            )
            .await;
            let map: Value = serde_json::from_str(&body).unwrap();
            let ids: Vec<&str> = map["features"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["id"].as_str().unwrap())
                .collect();
            assert_eq!(ids, expected, "{query}");
        }

        // Every place, longitude first.
        let db_places = app::content::repo::places(&db, app::ids::EnteId(lugo.0))
            .await
            .unwrap();
        let seen_places = seen["places"].as_object().unwrap();
        assert_eq!(seen_places.len(), db_places.len());
        for p in &db_places {
            let at = seen_places[&p.slug].as_array().unwrap();
            assert!((at[0].as_f64().unwrap() - p.lon).abs() < 1e-6, "{}", p.slug);
            assert!((at[1].as_f64().unwrap() - p.lat).abs() < 1e-6, "{}", p.slug);
        }
    }
);

both!(one_event_and_sections_that_are_off, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, state) = app(db.clone());
    let mut nobody = Client::new(&app, "10.7.0.2");
    let (id, slug): (i64, String) = db
        .fetch_one(sql(
            "SELECT e.id, e.slug FROM event e JOIN ente n ON n.id = e.ente_id
              WHERE n.slug = 'lugo' ORDER BY e.id LIMIT 1",
        ))
        .await
        .unwrap();
    let res = nobody
        .get(&format!("/lugo/eventi/{slug}/calendario.ics"))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body.matches("BEGIN:VEVENT").count(), 1);
    assert!(res.body.contains(&format!("UID:event-{id}@piazza.test")));
    assert!(res.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains(&format!("{slug}.ics")));
    for path in [
        "/lugo/eventi/nessuno/calendario.ics".to_string(),
        "/nessuno/notizie/feed.atom".into(),
        "/nessuno/luoghi/mappa.geojson".into(),
        format!("/bassa-romagna/eventi/{slug}/calendario.ics"),
        "/sitemap.xml?ente=nessuno".into(),
        "/sitemap.xml?ente=lugo&notizie=2".into(),
        "/sitemap.xml?parte=altro".into(),
    ] {
        assert_eq!(
            nobody.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // The Unione's filters offer only what its agenda gathers: not Cotignola (a BASIC
    // kit, no agenda), nor the topic of Cotignola's only event.
    let unione = nobody.get("/bassa-romagna/eventi").await.body;
    assert!(unione.contains("<option value=\"lugo\""), "{unione}");
    assert!(!unione.contains("<option value=\"cotignola\""));
    assert!(!unione.contains("<option value=\"Sport\""));
    // A topic longer than any matches nothing (it is not dropped).
    let long = "a".repeat(300);
    let ics = nobody
        .get(&format!("/lugo/eventi/calendario.ics?argomento={long}"))
        .await;
    assert_eq!(ics.status, StatusCode::OK);
    assert_eq!(ics.body.matches("BEGIN:VEVENT").count(), 0);
    // Lugo's agenda ended yesterday: its calendars go with the section.
    let yesterday = app::i18n::Lang::local_date(state.clock.now()) - Duration::days(1);
    let mut tx = db.begin().await.unwrap();
    let lugo: (i64,) = tx
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
        .await
        .unwrap();
    app::ente::repo::enable_module(
        &mut tx,
        app::ids::EnteId(lugo.0),
        Module::Events,
        yesterday - Duration::days(30),
        Some(yesterday),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    for path in [
        format!("/lugo/eventi/{slug}/calendario.ics"),
        "/lugo/eventi/calendario.ics".into(),
    ] {
        assert_eq!(
            nobody.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let page = nobody.get("/lugo/notizie").await.body;
    assert!(
        page.contains("<link href=\"/lugo/notizie/rss.xml\" rel=\"alternate\""),
        "{page}"
    );
    assert!(
        !page.contains("text/calendar"),
        "no agenda while the section is off"
    );
    // A news item tells previews and search engines what it is, with its whole address.
    let news = nobody.get("/lugo/notizie/consulta-giovani").await.body;
    let canonical =
        format!("<link href=\"{SITE}/lugo/notizie/consulta-giovani\" rel=\"canonical\"");
    assert!(news.contains(&canonical), "{news}");
    assert!(news.contains("<meta property=\"og:type\" content=\"article\""));
    let ld = news
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("JSON-LD");
    let ld: Value = serde_json::from_str(ld).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "Nasce la Consulta dei giovani");
});

both!(the_sitemap_names_every_public_page, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let mut nobody = Client::new(&app, "10.7.0.3");
    let robots = fetch(&mut nobody, "/robots.txt", "text/plain").await;
    assert!(robots.contains(&format!("Sitemap: {SITE}/sitemap.xml")));
    assert!(robots.contains("Disallow: /gestione"));
    let index = fetch(&mut nobody, "/sitemap.xml", "application/xml").await;
    assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let mut pages = Vec::new();
    for map in locs(&index) {
        let set = fetch(&mut nobody, &map, "application/xml").await;
        assert!(set.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
        pages.extend(locs(&set));
    }
    // Published news, consultations that are not drafts, and blog posts are there…
    let expected: Vec<(String,)> = db
        .fetch_all(sql(
            "SELECT '/' || n.slug || '/notizie/' || x.slug FROM news x JOIN ente n ON n.id = x.ente_id
              WHERE x.published_at <= $1
             UNION ALL
             SELECT '/' || n.slug || '/consultazioni/' || c.slug FROM consultation c JOIN ente n ON n.id = c.ente_id
              WHERE c.status <> 'draft'
                AND EXISTS (SELECT 1 FROM ente_module m WHERE m.ente_id = n.id AND m.module = 'consultations')
             UNION ALL
             SELECT '/' || n.slug || '/eventi/' || e.slug FROM event e JOIN ente n ON n.id = e.ente_id
              WHERE EXISTS (SELECT 1 FROM ente_module m WHERE m.ente_id = n.id AND m.module = 'events')
             UNION ALL
             SELECT '/comunita/' || m.slug || '/blog/' || p.slug FROM blog_post p JOIN community m ON m.id = p.community_id
              WHERE p.state = 'published'
             UNION ALL
             SELECT '/' || n.slug || '/servizi/' || s.slug FROM service s JOIN ente n ON n.id = s.ente_id
             UNION ALL
             SELECT '/' || n.slug || '/amministrazione/'
                    || CASE u.kind WHEN 'organ' THEN 'organi-di-governo' WHEN 'area' THEN 'aree-amministrative' ELSE 'uffici' END
                    || '/' || u.slug FROM org_unit u JOIN ente n ON n.id = u.ente_id
             UNION ALL
             SELECT '/' || n.slug || '/amministrazione/'
                    || CASE p.kind WHEN 'political' THEN 'politici' ELSE 'personale-amministrativo' END
                    || '/' || p.slug FROM person p JOIN ente n ON n.id = p.ente_id",
        ).bind(Utc::now()))
        .await
        .unwrap();
    assert!(expected.len() > 10);
    for (path,) in &expected {
        assert!(pages.contains(path), "{path} is not in the sitemap");
    }
    for path in [
        "/",
        "/lugo",
        "/lugo/eventi",
        "/lugo/luoghi",
        "/bassa-romagna/privacy",
        "/lugo/amministrazione",
        "/lugo/amministrazione/uffici",
        "/lugo/novita",
        "/lugo/comunicati",
        "/lugo/avvisi",
        "/lugo/servizi",
        "/lugo/servizi/categoria/anagrafe-e-stato-civile",
        "/lugo/vivere-il-comune",
        "/lugo/argomenti",
        "/lugo/argomenti/anagrafe",
        "/lugo/note-legali",
        "/lugo/faq",
        "/lugo/prenota-appuntamento",
    ] {
        assert!(pages.contains(&path.to_string()), "{path}");
    }
    // …drafts are not, and every page named answers to anyone.
    let drafts: Vec<(String,)> = db
        .fetch_all(sql("SELECT slug FROM consultation WHERE status = 'draft'"))
        .await
        .unwrap();
    for (slug,) in drafts {
        assert!(!pages
            .iter()
            .any(|p| p.ends_with(&format!("/consultazioni/{slug}"))));
    }
    for path in &pages {
        assert_eq!(nobody.get(path).await.status, StatusCode::OK, "{path}");
    }
});
