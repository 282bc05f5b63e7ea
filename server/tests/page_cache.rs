//! The anonymous page cache, through the router, on both databases: a second
//! visitor gets the kept copy with a nonce and a ticket of their own (and both
//! tickets answer); a write on this node shows at once; a session, a cookie, a query
//! or a private area is never served from it; each language has its copy; another
//! node's write shows at once when it published an event, and within the TTL if not;
//! visitors who arrive together are served one render.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{Backend, Db};
use axum::http::{header, StatusCode};
use common::consult::{file_consultation, send_answer};
use common::people::GIULIA;
use common::web::{app, signed_in, Client, Response};
use piazza_server::page_cache::{STATE, TTL};
use std::time::Duration;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

/// Whether the page came from the cache (`hit`), was rendered and kept (`miss`),
/// or bypassed it (None).
fn cache(res: &Response) -> Option<&str> {
    res.headers.get(STATE).and_then(|v| v.to_str().ok())
}

fn nonce(res: &Response) -> String {
    let policy = res.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    let rest = policy.split("'nonce-").nth(1).unwrap();
    rest.split('\'').next().unwrap().to_string()
}

fn ticket(res: &Response) -> String {
    let rest = res.body.split("name=\"ticket\" value=\"").nth(1).unwrap();
    rest.split('"').next().unwrap().to_string()
}

/// The page with its per-visitor values blanked.
fn blanked(res: &Response) -> String {
    res.body
        .replace(&nonce(res), "NONCE")
        .replace(&ticket(res), "TICKET")
}

both!(a_kept_page_is_fresh_for_each_visitor, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (router, state) = app(db.clone());
    let mut giulia = signed_in(&router, GIULIA, "10.81.0.1").await;
    let slug = file_consultation(&mut giulia, "Alberi di via Mazzini", "anyone").await;
    let path = format!("/lugo/consultazioni/{slug}");

    // The first ticket ever creates the deployment's key, a write: after it, the page
    // can be kept.
    Client::new(&router, "10.81.0.9").get(&path).await;
    let mut anna = Client::new(&router, "10.81.0.2");
    let first = anna.get(&path).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(cache(&first), Some("miss"));
    let mut bruno = Client::new(&router, "10.81.0.3");
    let second = bruno.get(&path).await;
    assert_eq!(cache(&second), Some("hit"));
    // The same page, with a nonce and a ticket of its own.
    assert_ne!(nonce(&first), nonce(&second));
    assert!(second
        .body
        .contains(&format!("nonce=\"{}\"", nonce(&second))));
    assert!(!second.body.contains(&nonce(&first)));
    assert_ne!(ticket(&first), ticket(&second));
    assert_eq!(blanked(&first), blanked(&second));
    for res in [&first, &second] {
        assert!(!res.headers.contains_key(app::auth::ticket::ANNOUNCE));
    }
    // Both tickets answer (each is used once).
    state.clock.advance(chrono::Duration::seconds(
        app::auth::ticket::MIN_AGE_SECS + 1,
    ));
    let file = Some(("q2", "pianta.pdf", PDF));
    for (who, res) in [(&mut anna, &first), (&mut bruno, &second)] {
        let sent = send_answer(
            who,
            &slug,
            Some(&ticket(res)),
            &[("q1", "Via Mazzini")],
            file,
        )
        .await;
        let to = Client::location(&sent);
        assert!(to.contains("ricevuta="), "{to}: {}", sent.body);
    }

    // Let the bus hear of the answers (on SQLite it reads every 200 ms): each event
    // purges the cache, which would make the steps below racy.
    tokio::time::sleep(Duration::from_millis(600)).await;
    // A write on this node shows at once.
    assert_eq!(
        cache(&Client::new(&router, "10.81.0.4").get(&path).await),
        Some("miss")
    );
    assert_eq!(
        cache(&Client::new(&router, "10.81.0.4").get(&path).await),
        Some("hit")
    );
    let res = giulia
        .call(
            "consult/phase",
            &[
                ("ente", "lugo"),
                ("slug", &slug),
                ("to", "results"),
                ("outcome", "Grazie a tutti."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let after = Client::new(&router, "10.81.0.5").get(&path).await;
    assert_eq!(cache(&after), Some("miss"));
    assert!(!after.body.contains("name=\"ticket\""), "results: no form");
    assert!(after.body.contains("Grazie a tutti."));

    tokio::time::sleep(Duration::from_millis(600)).await;
    // Never from the cache: a session, another cookie, a query, a private area.
    assert_eq!(cache(&giulia.get(&path).await), None);
    let mut crumbs = Client::new(&router, "10.81.0.6");
    crumbs.cookies.insert("altro".into(), "1".into());
    assert_eq!(cache(&crumbs.get(&path).await), None);
    let mut visitor = Client::new(&router, "10.81.0.7");
    assert_eq!(cache(&visitor.get(&format!("{path}?pagina=1")).await), None);
    assert_eq!(cache(&visitor.get("/account/accedi").await), None);
    assert_eq!(cache(&visitor.get("/lugo/nessuna-pagina").await), None);

    // One copy per language.
    let mut english = Client::new(&router, "10.81.0.8");
    english
        .cookies
        .insert(app::i18n::LANG_COOKIE.into(), "en".into());
    let en = english.get("/lugo").await;
    let en_again = english.get("/lugo").await;
    assert_eq!((cache(&en), cache(&en_again)), (Some("miss"), Some("hit")));
    assert!(en_again.body.contains("<html lang=\"en\""));
    let it = visitor.get("/lugo").await;
    let it_again = visitor.get("/lugo").await;
    assert_eq!((cache(&it), cache(&it_again)), (Some("miss"), Some("hit")));
    assert!(it_again.body.contains("<html lang=\"it\""));
});

/// `n` anonymous visitors (from `net`.1, `net`.2, …) asking for `path` at the same time.
async fn at_once(router: &axum::Router, net: &str, n: u8, path: &str) -> Vec<Response> {
    let visits = (1..=n).map(|i| {
        let router = router.clone();
        async move { Client::new(&router, &format!("{net}.{i}")).get(path).await }
    });
    futures::future::join_all(visits).await
}

both!(arriving_together_one_render, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (router, _state) = app(db.clone());
    // Whatever a first visit to the site creates is written before they arrive.
    Client::new(&router, "10.82.0.100")
        .get("/lugo/notizie")
        .await;
    let pages = at_once(&router, "10.82.0", 8, "/lugo").await;
    let states: Vec<Option<&str>> = pages.iter().map(cache).collect();
    assert!(pages.iter().all(|p| p.status == StatusCode::OK));
    // Without a turn per page, each of them rendered /lugo (eight misses).
    assert_eq!(
        states.iter().filter(|s| **s == Some("miss")).count(),
        1,
        "{states:?}"
    );
    assert_eq!(
        states.iter().filter(|s| **s == Some("hit")).count(),
        7,
        "{states:?}"
    );
    let unique = |p: &Response| p.body.replace(&nonce(p), "NONCE");
    assert!(pages.iter().all(|p| unique(p) == unique(&pages[0])));
    // A page that is never kept is never queued: each visitor gets it rendered.
    for page in at_once(&router, "10.82.1", 4, "/lugo/nessuna-pagina").await {
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert_eq!(cache(&page), None);
    }
});

/// Writes as another node would: through a pool of its own, not this process's.
async fn as_another_node(url: &str, statements: &[&str]) {
    match Db::connect(url).await.unwrap() {
        Db::Sqlite(pool) => {
            for s in statements {
                sqlx::query(s).execute(&pool).await.unwrap();
            }
            pool.close().await;
        }
        Db::Postgres(pool) => {
            for s in statements {
                sqlx::query(s).execute(&pool).await.unwrap();
            }
            pool.close().await;
        }
    }
}

/// Reads the page until it shows `text`; how long that took.
async fn until_it_shows(
    router: &axum::Router,
    path: &str,
    text: &str,
    within: Duration,
) -> Duration {
    let started = std::time::Instant::now();
    loop {
        let res = Client::new(router, "10.82.0.9").get(path).await;
        if res.body.contains(text) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < within,
            "{text} did not show within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn another_nodes_writes_reach_the_cache(backend: Backend) {
    let t = common::TestDb::new(backend).await;
    piazza_server::demo::seed(&t.db).await.unwrap();
    let (router, _state) = app(t.db.clone());
    let path = "/lugo/consultazioni/piazza-baracca";
    let seen = Client::new(&router, "10.82.0.1").get(path).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    let kept = Client::new(&router, "10.82.0.2").get(path).await;
    assert_eq!(cache(&kept), Some("hit"));

    // A write that publishes no event shows within the TTL.
    as_another_node(
        &t.url,
        &["UPDATE consultation SET title = 'Piazza Baracca, titolo del nodo B' WHERE slug = 'piazza-baracca'"],
    )
    .await;
    let stale = Client::new(&router, "10.82.0.3").get(path).await;
    assert_eq!(cache(&stale), Some("hit"), "nothing told this node yet");
    let took = until_it_shows(
        &router,
        path,
        "titolo del nodo B",
        TTL + Duration::from_secs(1),
    )
    .await;
    assert!(
        took > Duration::from_millis(500),
        "shown after {took:?}: by the TTL"
    );

    // One that publishes an event shows as soon as the bus reads it.
    Client::new(&router, "10.82.0.4").get(path).await;
    assert_eq!(
        cache(&Client::new(&router, "10.82.0.5").get(path).await),
        Some("hit")
    );
    let mut write = vec![
        "UPDATE consultation SET title = 'Piazza Baracca, titolo annunciato' WHERE slug = 'piazza-baracca'",
        "INSERT INTO live_event (topic, kind, subject, created_at) SELECT 'results:' || id, 'answer', id, CURRENT_TIMESTAMP FROM consultation WHERE slug = 'piazza-baracca'",
    ];
    if backend == Backend::Postgres {
        write.push("SELECT pg_notify('piazza_live', '')");
    }
    as_another_node(&t.url, &write).await;
    let took = until_it_shows(&router, path, "titolo annunciato", Duration::from_secs(1)).await;
    assert!(took < TTL, "shown after {took:?}");
    t.finish().await;
}

#[tokio::test]
async fn another_nodes_writes_reach_the_cache_sqlite() {
    another_nodes_writes_reach_the_cache(Backend::Sqlite).await;
}

#[tokio::test]
async fn another_nodes_writes_reach_the_cache_postgres() {
    another_nodes_writes_reach_the_cache(Backend::Postgres).await;
}
