//! The assembled router: health checks, pages rendered on the server, languages,
//! status codes. Runs on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::Db;
use app::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

fn router(db: Db) -> axum::Router {
    let site = tempfile::tempdir().unwrap().keep();
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let options = LeptosOptions::builder()
        .output_name("piazza")
        .site_root(site.display().to_string())
        .build();
    piazza_server::router::app(AppState::new(db, "http://piazza.test"), options)
}

async fn get(
    app: &axum::Router,
    path: &str,
    lang: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut req = Request::get(path);
    if let Some(lang) = lang {
        req = req.header(header::ACCEPT_LANGUAGE, lang);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 10 << 20)
        .await
        .unwrap();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

both!(health_and_readiness, |db: Db| async move {
    let app = router(db);
    let (status, headers, body) = get(&app, "/healthz", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers.contains_key("x-request-id"),
        "every response carries a request id"
    );
    assert!(body.contains("ok"));
    let (status, _, body) = get(&app, "/readyz", None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["migrations_applied"], true);
});

both!(readiness_fails_without_a_database, |db: Db| async move {
    db.close().await;
    let app = router(db);
    let (status, _, body) = get(&app, "/readyz", None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
});

both!(pages_render_on_the_server, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let app = router(db);

    let (status, _, body) = get(&app, "/", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<html lang=\"it\""));
    assert!(body.contains("Unione dei Comuni della Bassa Romagna"));
    assert!(body.contains("Enti su Piazza"));

    let (status, _, body) = get(&app, "/lugo", None).await;
    assert_eq!(status, StatusCode::OK);
    for text in [
        "Comune di Lugo",
        "Rocca estense",
        "Nasce la Consulta dei giovani",
        "Mercato del Pavaglione",
    ] {
        assert!(body.contains(text), "missing {text}");
    }
    assert!(
        body.contains("href=\"/bassa-romagna\""),
        "the slim header links the Unione"
    );

    let (status, _, body) = get(&app, "/bassa-romagna", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Comuni aderenti"));
    assert!(body.contains("href=\"/cotignola\""));

    let (status, _, body) = get(&app, "/lugo/notizie/consulta-giovani", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("La Consulta proporrà"));
    assert!(
        body.contains("href=\"/bassa-romagna\""),
        "news pages keep the ente's header"
    );
    assert!(
        body.contains("urp@comune.lugo.example.it"),
        "and its footer contacts"
    );
});

both!(
    an_ente_logo_replaces_the_generic_emblem,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        db.execute(
            app::db::sql("UPDATE ente SET logo_path = $1 WHERE slug = 'cotignola'")
                .bind("/static/stemma-cotignola.svg"),
        )
        .await
        .unwrap();
        let app = router(db);
        let (_, _, body) = get(&app, "/cotignola", None).await;
        assert!(body.contains("src=\"/static/stemma-cotignola.svg\""));
        let (_, _, body) = get(&app, "/lugo", None).await;
        assert!(
            !body.contains("piazza-logo"),
            "no logo set: the generic emblem"
        );
    }
);

both!(unknown_pages_are_404, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let app = router(db);
    for path in [
        "/non-esiste",
        "/lugo/notizie/non-esiste",
        "/cotignola/notizie/consulta-giovani",
        "/a/b/c/d",
    ] {
        let (status, _, body) = get(&app, path, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains("Pagina non trovata"), "{path}");
    }
});

both!(
    english_from_accept_language_and_cookie,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let app = router(db);
        let (_, _, body) = get(&app, "/", Some("en-GB,en;q=0.9")).await;
        assert!(body.contains("<html lang=\"en\""));
        assert!(body.contains("Administrations on Piazza"));

        let form = Request::post("/lang")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, "http://piazza.test")
            .body(Body::from("lang=en&next=%2Flugo"))
            .unwrap();
        let res = app.clone().oneshot(form).await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()[header::LOCATION], "/lugo");
        let cookie = res.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .to_string();
        assert!(cookie.starts_with("piazza_lang=en"));

        let req = Request::get("/lugo")
            .header(header::COOKIE, "piazza_lang=en")
            .header(header::ACCEPT_LANGUAGE, "it")
            .body(Body::empty())
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        let body = String::from_utf8_lossy(
            &axum::body::to_bytes(res.into_body(), 10 << 20)
                .await
                .unwrap(),
        )
        .into_owned();
        assert!(
            body.contains("Latest news"),
            "the cookie wins over Accept-Language"
        );
    }
);

both!(pages_carry_a_content_security_policy, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let app = router(db);
    let (_, headers, body) = get(&app, "/lugo", None).await;
    let csp = headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"),
        "{csp}"
    );
    // The hydration script carries the nonce the policy names.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(nonce.len() >= 16);
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "the page's scripts carry the nonce"
    );
    let (_, again, _) = get(&app, "/lugo", None).await;
    assert_ne!(
        again["content-security-policy"], headers["content-security-policy"],
        "a new nonce per page"
    );
});

both!(
    metrics_by_route_for_admins_and_the_scraper,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("pkg")).unwrap();
        let options = LeptosOptions::builder()
            .output_name("piazza")
            .site_root(site.path().display().to_string())
            .build();
        let token = "a-scraper-token-of-32-characters".to_string();
        let metrics = piazza_server::metrics::Metrics::with_token(Some(token.clone()));
        let app = piazza_server::router::app_with(
            AppState::new(db, "http://piazza.test"),
            options,
            metrics,
        );
        assert_eq!(get(&app, "/lugo", None).await.0, StatusCode::OK);
        assert_eq!(get(&app, "/cotignola", None).await.0, StatusCode::OK);
        assert_eq!(
            get(&app, "/metrics", None).await.0,
            StatusCode::UNAUTHORIZED
        );
        let scrape = |bearer: String| {
            let app = app.clone();
            async move {
                let req = Request::get("/metrics")
                    .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
                    .body(Body::empty())
                    .unwrap();
                let res = app.oneshot(req).await.unwrap();
                let status = res.status();
                let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
                    .await
                    .unwrap();
                (status, String::from_utf8_lossy(&bytes).into_owned())
            }
        };
        assert_eq!(
            scrape("wrong-token-of-32-characters-xx".into()).await.0,
            StatusCode::UNAUTHORIZED
        );
        let (status, text) = scrape(token).await;
        assert_eq!(status, StatusCode::OK);
        // Both Comuni's homes are one series: the route, not the path.
        assert!(
            text.contains(
                "piazza_http_requests_total{method=\"GET\",route=\"/{ente}\",status=\"200\"} 2"
            ),
            "{text}"
        );
        assert!(!text.contains("/lugo\""), "no raw path in a label");
        assert!(text.contains("piazza_db_connections{state=\"open\"}"));
        assert!(text.contains("piazza_live_streams 0"));
        assert!(text.contains("piazza_outbox_messages"));
    }
);
