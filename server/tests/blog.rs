//! The community blog through the router, on both databases: tutors and the
//! members they authorise write; anyone reads published posts (drafts stay with
//! their writers); members comment and tutors hide comments; feeds and sharing
//! metadata are well formed; hostile Markdown stays inert.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use common::people::{ELENA, MARCO, PAOLO, SARA};
use common::web::{app, signed_in, Client};

const COMMUNITY: &str = "comunicatori-riformattiva-2026";

async fn read(c: &mut Client, slug: &str) -> common::web::Response {
    c.call("blog/post", &[("community", COMMUNITY), ("post", slug)])
        .await
}

fn post_fields<'a>(title: &'a str, body: &'a str, publish: bool) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("community", COMMUNITY),
        ("post", ""),
        ("title", title),
        ("summary", "Che cosa abbiamo imparato."),
        ("body", body),
        ("tags", "Social media, buone pratiche"),
    ];
    if publish {
        f.push(("publish", "on"));
    }
    f
}

both!(
    tutors_and_authorised_members_write_anyone_reads,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut paolo = signed_in(&app, PAOLO, "10.5.0.1").await;
        let mut marco = signed_in(&app, MARCO, "10.5.0.2").await;
        let mut elena = signed_in(&app, ELENA, "10.5.0.3").await;
        let mut sara = signed_in(&app, SARA, "10.5.0.4").await;
        let mut nobody = Client::new(&app, "10.5.0.5");
        let body =
            "Abbiamo provato le **dirette** del consiglio comunale: <script>alert(1)</script> \
                    [link](javascript:alert(2)) e i risultati sono buoni.";

        // A tutor writes and publishes; the slug comes from the title.
        let res = paolo
            .call(
                "blog/save",
                &post_fields("Dirette del consiglio: un anno dopo", body, true),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let slug = res
            .json()
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        assert_eq!(slug, "dirette-del-consiglio-un-anno-dopo");
        // A member may not, until a tutor lets him.
        let res = marco
            .call(
                "blog/save",
                &post_fields("Il mio primo articolo sul blog", body, false),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let (marco_id,): (i64,) = db
            .fetch_one(sql("SELECT id FROM account WHERE email = $1").bind(MARCO))
            .await
            .unwrap();
        let author = [
            ("community", COMMUNITY),
            ("account", &marco_id.to_string()),
            ("on", "on"),
        ];
        assert_eq!(
            elena.call("blog/author", &author).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            paolo.call("blog/author", &author).await.status,
            StatusCode::OK
        );
        let res = marco
            .call(
                "blog/save",
                &post_fields("Il mio primo articolo sul blog", body, false),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let draft = res
            .json()
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        // Problems come back all at once.
        let res = marco
            .call("blog/save", &post_fields("Bo", "Corto", true))
            .await;
        let text = res.body.clone();
        assert!(
            text.contains("BlogTitleTooShort") && text.contains("BlogBodyTooShort"),
            "{text}"
        );

        // Anyone reads the published post, not the draft.
        let res = read(&mut nobody, &slug).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let page = res.json();
        let html = page["html"].as_str().unwrap();
        assert!(html.contains("<strong>dirette</strong>"), "{html}");
        assert!(
            !html.contains("<script") && !html.contains("javascript:"),
            "{html}"
        );
        assert_eq!(
            page["post"]["tags"],
            serde_json::json!(["buone pratiche", "social media"])
        );
        assert_eq!(page["may_comment"], false);
        assert_eq!(
            read(&mut nobody, &draft).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(read(&mut sara, &draft).await.status, StatusCode::NOT_FOUND);
        assert_eq!(read(&mut paolo, &draft).await.status, StatusCode::OK);
        let list = nobody
            .call("blog/index", &[("community", COMMUNITY)])
            .await
            .json();
        let slugs: Vec<&str> = list["posts"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["slug"].as_str().unwrap())
            .collect();
        assert!(
            slugs.contains(&slug.as_str()) && !slugs.contains(&draft.as_str()),
            "{slugs:?}"
        );
        let tagged = nobody
            .call(
                "blog/index",
                &[("community", COMMUNITY), ("tag", "buone pratiche")],
            )
            .await
            .json();
        assert!(tagged["posts"]["total"].as_i64().unwrap() >= 1);
        let none = nobody
            .call(
                "blog/index",
                &[("community", COMMUNITY), ("tag", "inesistente")],
            )
            .await
            .json();
        assert_eq!(none["posts"]["total"], 0);

        // The page is server-rendered with its sharing metadata.
        let res = nobody
            .get(&format!("/comunita/{COMMUNITY}/blog/{slug}"))
            .await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(
            res.body
                .contains("property=\"og:title\" content=\"Dirette del consiglio: un anno dopo\""),
            "og:title"
        );
        assert!(res
            .body
            .contains("property=\"og:type\" content=\"article\""));
        assert!(res
            .body
            .contains(&format!("/comunita/{COMMUNITY}/blog/{slug}\"")));

        // Members comment; the author hears of it; tutors hide.
        assert_eq!(
            sara.call(
                "blog/comment",
                &[
                    ("community", COMMUNITY),
                    ("post", &slug),
                    ("body", "Bello!")
                ]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let res = elena
            .call(
                "blog/comment",
                &[
                    ("community", COMMUNITY),
                    ("post", &slug),
                    ("body", "Anche noi: <img src=x onerror=alert(1)> funziona."),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let comment = res.json().as_i64().unwrap().to_string();
        let page = read(&mut nobody, &slug).await.json();
        let c = page["comments"][0]["html"].as_str().unwrap();
        assert!(!c.contains("<img") && !c.contains("onerror=\""), "{c}");
        let (n,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM notification n JOIN account a ON a.id = n.account_id WHERE a.email = $1 AND n.kind = 'blog_comment'").bind(PAOLO))
            .await
            .unwrap();
        assert_eq!(n, 1);
        let hide = [
            ("community", COMMUNITY),
            ("post", slug.as_str()),
            ("id", comment.as_str()),
        ];
        assert_eq!(
            marco.call("blog/hide-comment", &hide).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            paolo.call("blog/hide-comment", &hide).await.status,
            StatusCode::OK
        );
        let page = read(&mut nobody, &slug).await.json();
        assert!(
            page["comments"].as_array().unwrap().is_empty(),
            "hidden from readers"
        );
        // What each wrote is in their personal data export, hidden or not.
        let export: serde_json::Value =
            serde_json::from_str(&elena.get("/account/dati.json").await.body).unwrap();
        let comments = export["community"]["blog_comments"].as_array().unwrap();
        assert!(
            comments
                .iter()
                .any(|c| c["text"].as_str().unwrap().starts_with("Anche noi")),
            "{export}"
        );
        let export: serde_json::Value =
            serde_json::from_str(&paolo.get("/account/dati.json").await.body).unwrap();
        assert!(export["community"]["blog_posts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["title"] == "Dirette del consiglio: un anno dopo"));

        // Feeds: well formed, published posts only, text escaped.
        for (path, kind) in [
            ("feed.atom", "application/atom+xml"),
            ("rss.xml", "application/rss+xml"),
        ] {
            let res = nobody
                .get(&format!("/comunita/{COMMUNITY}/blog/{path}"))
                .await;
            assert_eq!(res.status, StatusCode::OK);
            assert!(res.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with(kind));
            assert!(res.body.contains("Dirette del consiglio: un anno dopo"));
            assert!(
                !res.body.contains("Il mio primo articolo"),
                "no drafts in {path}"
            );
            assert!(!res.body.contains("<script"), "{path} escapes HTML");
            assert!(
                res.body.contains("&lt;strong&gt;dirette&lt;/strong&gt;"),
                "{path} carries the text"
            );
        }
        assert_eq!(
            nobody.get("/comunita/nessuna/blog/feed.atom").await.status,
            StatusCode::NOT_FOUND
        );
    }
);
