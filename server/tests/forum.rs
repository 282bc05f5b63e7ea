//! The community forum end to end through the router, on both databases: members
//! open threads and reply with quotes and mentions, unread counts and notifications
//! follow; hostile Markdown stays inert; flags hide a post until a tutor decides;
//! silences and suspensions are enforced and end on time; non-members are refused;
//! the forum's search stays inside its community.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use common::people::{DEMO, ELENA, GIULIA, MARCO, PAOLO, SARA};
use common::web::{app, notifications, signed_in, Client};

const COMMUNITY: &str = "comunicatori-riformattiva-2026";

async fn category_id(db: &Db, slug: &str) -> i64 {
    let (id,): (i64,) = db
        .fetch_one(sql("SELECT id FROM forum_category WHERE slug = $1").bind(slug))
        .await
        .unwrap();
    id
}

async fn account_id(db: &Db, email: &str) -> app::ids::AccountId {
    let (id,): (app::ids::AccountId,) = db
        .fetch_one(sql("SELECT id FROM account WHERE email = $1").bind(email))
        .await
        .unwrap();
    id
}

async fn start(c: &mut Client, category: i64, title: &str, body: &str) -> i64 {
    let res = c
        .call(
            "forum/new-thread",
            &[
                ("community", COMMUNITY),
                ("category", &category.to_string()),
                ("title", title),
                ("body", body),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json().as_i64().unwrap()
}

async fn reply(c: &mut Client, thread: i64, body: &str) -> StatusCode {
    c.call(
        "forum/reply",
        &[
            ("community", COMMUNITY),
            ("thread", &thread.to_string()),
            ("body", body),
        ],
    )
    .await
    .status
}

async fn thread_page(c: &mut Client, thread: i64, page: Option<i64>) -> serde_json::Value {
    let mut pairs = vec![
        ("community", COMMUNITY.to_string()),
        ("thread", thread.to_string()),
    ];
    if let Some(p) = page {
        pairs.push(("page", p.to_string()));
    }
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = c.call("forum/thread", &borrowed).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()
}

/// Calls a server function with owned values.
async fn send(c: &mut Client, endpoint: &str, pairs: &[(&str, String)]) -> common::web::Response {
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.call(endpoint, &borrowed).await
}

both!(
    members_write_quote_mention_and_track_unread,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.1.0.1").await;
        let mut elena = signed_in(&app, ELENA, "10.1.0.2").await;
        let mut giulia = signed_in(&app, GIULIA, "10.1.0.3").await;
        let category = category_id(&db, "piano-redazionale").await;

        // Giulia follows the category, so she hears of the new thread.
        let res = giulia
            .call(
                "forum/watch",
                &[
                    ("community", COMMUNITY),
                    ("category", &category.to_string()),
                    ("to", "segui"),
                    ("back", "/"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);

        // A thread with an empty title and body is refused field by field, and nothing is written.
        let before: (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM forum_thread"))
            .await
            .unwrap();
        let res = marco
            .call(
                "forum/new-thread",
                &[
                    ("community", COMMUNITY),
                    ("category", &category.to_string()),
                    ("title", "Ehi"),
                    ("body", " "),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        let error = res.error().unwrap();
        assert_eq!(error.field("title"), Some(app::i18n::T::ForumTitleTooShort));
        assert_eq!(error.field("body"), Some(app::i18n::T::ForumBodyTooShort));
        let after: (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM forum_thread"))
            .await
            .unwrap();
        assert_eq!(before, after);

        let thread = start(
            &mut marco,
            category,
            "Calendario editoriale di dicembre",
            "Vi condivido la **bozza** del calendario: eventi di Natale e avvisi sulla neve.",
        )
        .await;
        assert_eq!(
            notifications(&db, GIULIA, "forum_post").await,
            vec!["Marco Bassi ha aperto «Calendario editoriale di dicembre»"]
        );
        // Marco read his own thread; Elena has never opened it.
        let page = thread_page(&mut marco, thread, None).await;
        assert_eq!(page["posts"]["total"], 1);

        // Elena quotes Marco and mentions him.
        let opening = page["posts"]["items"][0]["id"].as_i64().unwrap();
        let res = elena
            .call(
                "forum/thread",
                &[
                    ("community", COMMUNITY),
                    ("thread", &thread.to_string()),
                    ("quote", &opening.to_string()),
                ],
            )
            .await;
        let draft = res.json()["draft"].as_str().unwrap().to_string();
        assert!(
            draft.starts_with("> **Marco Bassi:**\n> Vi condivido"),
            "{draft}"
        );
        let body = format!("{draft}Ottimo, @marco.bassi: aggiungi anche la raccolta rifiuti.");
        assert_eq!(reply(&mut elena, thread, &body).await, StatusCode::OK);
        assert_eq!(
            notifications(&db, MARCO, "forum_mention").await,
            vec!["Elena Fabbri ti ha menzionato in «Calendario editoriale di dicembre»"]
        );
        // Mentioned, Marco is not told twice for following the thread.
        assert!(notifications(&db, MARCO, "forum_post").await.is_empty());

        // Marco's category list shows one unread post; opening the thread reads it.
        let res = marco
            .call(
                "forum/category",
                &[("community", COMMUNITY), ("category", "piano-redazionale")],
            )
            .await;
        let threads = res.json()["threads"]["items"].clone();
        let mine = threads
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == thread)
            .unwrap();
        assert_eq!(mine["unread"], 1);
        assert_eq!(mine["is_new"], false);
        let page = thread_page(&mut marco, thread, None).await;
        let html = page["posts"]["items"][1]["html"].as_str().unwrap();
        assert!(html.contains("<blockquote>"), "{html}");
        assert!(
            html.contains("<span class=\"piazza-mention\">@marco.bassi</span>"),
            "{html}"
        );
        let res = marco
            .call(
                "forum/category",
                &[("community", COMMUNITY), ("category", "piano-redazionale")],
            )
            .await;
        let threads = res.json()["threads"]["items"].clone();
        let mine = threads
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == thread)
            .unwrap();
        assert_eq!(mine["unread"], 0);

        // Giulia (a member who never opened it) sees it as new.
        let res = giulia
            .call(
                "forum/category",
                &[("community", COMMUNITY), ("category", "piano-redazionale")],
            )
            .await;
        let threads = res.json()["threads"]["items"].clone();
        let hers = threads
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == thread)
            .unwrap();
        assert_eq!(hers["is_new"], true);

        // Reactions: once per kind, taken back by a second click; never on one's own post.
        let reply_id = page["posts"]["items"][1]["id"]
            .as_i64()
            .unwrap()
            .to_string();
        let like = [
            ("community", COMMUNITY),
            ("post", reply_id.as_str()),
            ("kind", "like"),
        ];
        assert_eq!(marco.call("forum/react", &like).await.json(), true);
        assert_eq!(giulia.call("forum/react", &like).await.json(), true);
        assert_eq!(giulia.call("forum/react", &like).await.json(), false);
        assert_eq!(
            elena.call("forum/react", &like).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let page = thread_page(&mut marco, thread, None).await;
        assert_eq!(
            page["posts"]["items"][1]["reactions"],
            serde_json::json!([["Like", 1, true]])
        );

        // Marco marks Elena's reply as the solution; Elena (not the author) may not.
        let solve = [("community", COMMUNITY), ("post", reply_id.as_str())];
        assert_eq!(
            elena.call("forum/solve", &solve).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            marco.call("forum/solve", &solve).await.status,
            StatusCode::OK
        );
        let page = thread_page(&mut giulia, thread, None).await;
        assert_eq!(page["thread"]["solved"], true);
        assert_eq!(page["posts"]["items"][1]["solution"], true);

        // The forum's search finds the reply; the Comune's site search does not.
        let res = giulia
            .call(
                "forum/search",
                &[("community", COMMUNITY), ("q", "raccolta rifiuti")],
            )
            .await;
        assert_eq!(res.json()["hits"]["total"], 1, "{}", res.body);
        let (lugo,): (app::ids::EnteId,) = db
            .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
            .await
            .unwrap();
        let (hits, _) = app::search::repo::search(
            &db,
            app::search::repo::Within::Ente(lugo),
            "raccolta rifiuti",
            chrono::Utc::now(),
            10,
            0,
        )
        .await
        .unwrap();
        assert!(hits
            .iter()
            .all(|h| h.kind != app::search::model::DocKind::ForumPost));

        // A locked thread takes no more replies from members.
        let mut paolo = signed_in(&app, PAOLO, "10.1.0.4").await;
        let res = paolo
            .call(
                "forum/thread-state",
                &[
                    ("community", COMMUNITY),
                    ("thread", &thread.to_string()),
                    ("category", &category.to_string()),
                    ("locked", "on"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            reply(&mut elena, thread, "Un'ultima cosa.").await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            reply(&mut paolo, thread, "Chiudo: grazie a tutti.").await,
            StatusCode::OK
        );
    }
);

both!(long_threads_are_paged_by_post_number, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let mut marco = signed_in(&app, MARCO, "10.2.0.1").await;
    let mut elena = signed_in(&app, ELENA, "10.2.0.2").await;
    let category = category_id(&db, "piano-redazionale").await;
    let thread = start(
        &mut marco,
        category,
        "Una discussione lunga",
        "Il primo messaggio.",
    )
    .await;
    for i in 2..=45 {
        assert_eq!(
            reply(&mut marco, thread, &format!("Risposta numero {i}.")).await,
            StatusCode::OK
        );
    }
    let page = thread_page(&mut elena, thread, Some(3)).await;
    assert_eq!(page["posts"]["total"], 45);
    let numbers: Vec<i64> = page["posts"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, (41..=45).collect::<Vec<_>>());
    // Elena read up to 45; Marco writes one more; opening without a page goes to page 3.
    assert_eq!(
        reply(&mut marco, thread, "La quarantaseiesima.").await,
        StatusCode::OK
    );
    let page = thread_page(&mut elena, thread, None).await;
    assert_eq!(page["posts"]["page"], 3);
    // A page past the end shows the last one.
    let page = thread_page(&mut elena, thread, Some(99)).await;
    assert_eq!(page["posts"]["page"], 3);
});

/// Payloads from the usual XSS cheat sheets, as Markdown or raw HTML.
const PAYLOADS: &[&str] = &[
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<p onclick=\"alert(1)\">cliccami</p>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style>",
    "`<script>` e ```\n<script>alert(1)</script>\n```",
    "<<script>script>alert(1)<</script>/script>",
    "[x](https://ok.example \"\\\" onmouseover=alert(1) x=\\\"\")",
    "<form action=https://evil.example><input name=p></form>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
];

const ALLOWED: &[&str] = &[
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
];

/// The tags of an HTML fragment with their attributes (name, value), lowercased names.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let end = after.find('>').expect("a tag that never closes");
        let inner = after[..end].trim_start_matches('/').trim_end_matches('/');
        rest = &after[end..];
        let name: String = inner
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let mut attrs = Vec::new();
        let mut a = inner[name.len()..].trim();
        while !a.is_empty() {
            let key: String = a
                .chars()
                .take_while(|c| *c != '=' && !c.is_whitespace())
                .collect();
            a = a[key.len()..].trim_start();
            let mut value = String::new();
            if let Some(v) = a.strip_prefix('=') {
                let v = v.trim_start();
                if let Some(q) = v.strip_prefix('"') {
                    let close = q.find('"').expect("an unterminated attribute");
                    value = q[..close].to_string();
                    a = q[close + 1..].trim_start();
                } else {
                    value = v.chars().take_while(|c| !c.is_whitespace()).collect();
                    a = v[value.len()..].trim_start();
                }
            }
            attrs.push((key.to_lowercase(), value));
        }
        out.push((name.to_lowercase(), attrs));
    }
    out
}

both!(hostile_markdown_stays_inert, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let mut marco = signed_in(&app, MARCO, "10.3.0.1").await;
    let category = category_id(&db, "piano-redazionale").await;
    let thread = start(
        &mut marco,
        category,
        "Prove di sicurezza",
        "Apro la discussione.",
    )
    .await;
    for p in PAYLOADS {
        assert_eq!(reply(&mut marco, thread, p).await, StatusCode::OK, "{p}");
    }
    let mut html = String::new();
    for page in [1, 2] {
        let data = thread_page(&mut marco, thread, Some(page)).await;
        for post in data["posts"]["items"].as_array().unwrap() {
            html.push_str(post["html"].as_str().unwrap());
        }
    }
    // Every `<` left is a real tag (text ones are escaped): each must be on the
    // allow-list, with only harmless attributes and links to web or mail addresses.
    for tag in tags(&html) {
        let (name, attrs) = tag;
        assert!(
            ALLOWED.contains(&name.as_str()),
            "tag <{name}> survived in: {html}"
        );
        for (attr, value) in attrs {
            assert!(
                ["href", "rel", "class", "title"].contains(&attr.as_str()),
                "attribute {attr} on <{name}> survived in: {html}"
            );
            if attr == "href" {
                let v = value.to_lowercase();
                assert!(
                    v.starts_with("https://")
                        || v.starts_with("http://")
                        || v.starts_with("mailto:"),
                    "link {value} survived in: {html}"
                );
            }
        }
    }
    // The words are still there, as text.
    assert!(html.contains("&lt;script&gt;"), "{html}");
    // The rendered page carries no script but Piazza's own.
    let res = marco
        .get(&format!("/comunita/{COMMUNITY}/forum/t/{thread}?page=2"))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        !res.body.contains("<script>alert"),
        "a payload reached the page"
    );
    assert!(
        !res.body.to_lowercase().contains("onerror=alert"),
        "a payload reached the page"
    );
});

/// A verified member of the community, signed in.
async fn new_member(db: &Db, app: &axum::Router, name: &str, ip: &str) -> Client {
    let email = format!("{}@test.it", name.to_lowercase().replace(' ', "."));
    let parsed = app::account::model::Email::parse(&email).unwrap();
    let hash = app::account::password::hash(DEMO).unwrap();
    let mut tx = db.begin().await.unwrap();
    let id = app::account::repo::create(
        &mut tx,
        app::account::repo::NewAccount {
            email: &parsed,
            name,
            password_hash: Some(&hash),
            language: "it",
            verified: true,
            privacy_accepted: true,
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap()
    .unwrap();
    let (community,): (app::ids::CommunityId,) = tx
        .fetch_one(sql("SELECT id FROM community WHERE slug = $1").bind(COMMUNITY))
        .await
        .unwrap();
    app::account::repo::grant(
        &mut tx,
        id,
        app::auth::model::Role::CommunityMember,
        app::auth::model::Scope::Community {
            id: community,
            ente: None,
        },
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    signed_in(app, &email, ip).await
}

both!(
    flags_hide_a_post_until_a_tutor_decides,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.4.0.1").await;
        let mut elena = signed_in(&app, ELENA, "10.4.0.2").await;
        let mut giulia = signed_in(&app, GIULIA, "10.4.0.3").await;
        let mut luca = new_member(&db, &app, "Luca Verdi", "10.4.0.4").await;
        let mut paolo = signed_in(&app, PAOLO, "10.4.0.5").await;
        let category = category_id(&db, "piano-redazionale").await;
        let thread = start(
            &mut marco,
            category,
            "Offerte imperdibili",
            "Compra follower a 1 euro!",
        )
        .await;
        let page = thread_page(&mut marco, thread, None).await;
        let post = page["posts"]["items"][0]["id"]
            .as_i64()
            .unwrap()
            .to_string();
        let flag = |reason: &str, note: &str| {
            vec![
                ("community", COMMUNITY.to_string()),
                ("post", post.clone()),
                ("reason", reason.to_string()),
                ("note", note.to_string()),
            ]
        };
        // "Other" needs a note; the author cannot flag their own post; once per person.
        assert_eq!(
            send(&mut elena, "forum/flag", &flag("other", ""))
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            send(&mut marco, "forum/flag", &flag("spam", ""))
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            send(&mut elena, "forum/flag", &flag("spam", ""))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            send(&mut elena, "forum/flag", &flag("spam", ""))
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            send(&mut giulia, "forum/flag", &flag("off_topic", ""))
                .await
                .status,
            StatusCode::OK
        );
        // Two flags: still visible.
        let page = thread_page(&mut luca, thread, None).await;
        assert_eq!(page["posts"]["items"][0]["state"], "Visible");
        assert_eq!(
            send(
                &mut luca,
                "forum/flag",
                &flag("other", "Vende account falsi")
            )
            .await
            .status,
            StatusCode::OK
        );
        // Three: hidden pending review, for everyone but its author and the tutors.
        let page = thread_page(&mut luca, thread, None).await;
        assert_eq!(page["posts"]["items"][0]["state"], "Pending");
        assert_eq!(page["posts"]["items"][0]["html"], "");
        let page = thread_page(&mut marco, thread, None).await;
        assert_ne!(page["posts"]["items"][0]["html"], "");
        // The tutor's queue lists it with its three flags.
        let res = paolo.call("forum/queue", &[("community", COMMUNITY)]).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let queue = res.json();
        let item = queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["post"]["id"].to_string() == post)
            .unwrap()
            .clone();
        assert_eq!(item["flags"].as_array().unwrap().len(), 3);
        // Members cannot open the queue or decide.
        assert_eq!(
            luca.call("forum/queue", &[("community", COMMUNITY)])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let approve = [
            ("community", COMMUNITY),
            ("post", post.as_str()),
            ("decision", "approva"),
        ];
        assert_eq!(
            luca.call("forum/decide", &approve).await.status,
            StatusCode::FORBIDDEN
        );
        // The tutor restores it: visible again, flags resolved, the queue empty, the log written.
        assert_eq!(
            paolo.call("forum/decide", &approve).await.status,
            StatusCode::OK
        );
        let page = thread_page(&mut luca, thread, None).await;
        assert_eq!(page["posts"]["items"][0]["state"], "Visible");
        let queue = paolo
            .call("forum/queue", &[("community", COMMUNITY)])
            .await
            .json();
        assert!(queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["post"]["id"].to_string() != post));
        let logged: (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'forum_post_restored' AND target_id = $1").bind(post.parse::<i64>().unwrap()))
        .await
        .unwrap();
        assert_eq!(logged.0, 1);
        // Hiding needs a reason, which replaces the text for members.
        let hide = [
            ("community", COMMUNITY),
            ("post", post.as_str()),
            ("decision", "nascondi"),
            ("reason", ""),
        ];
        assert_eq!(
            paolo.call("forum/decide", &hide).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let hide = [
            ("community", COMMUNITY),
            ("post", post.as_str()),
            ("decision", "nascondi"),
            ("reason", "Pubblicità non richiesta"),
        ];
        assert_eq!(
            paolo.call("forum/decide", &hide).await.status,
            StatusCode::OK
        );
        let page = thread_page(&mut luca, thread, None).await;
        assert_eq!(page["posts"]["items"][0]["state"], "Hidden");
        assert_eq!(
            page["posts"]["items"][0]["hidden_reason"],
            "Pubblicità non richiesta"
        );
        assert_eq!(page["posts"]["items"][0]["html"], "");
        // An edit by a tutor carries its note.
        let edit = [
            ("community", COMMUNITY),
            ("post", post.as_str()),
            ("body", "Testo rimosso."),
            ("note", "Tolto il link pubblicitario"),
        ];
        assert_eq!(paolo.call("forum/edit", &edit).await.status, StatusCode::OK);
        let page = thread_page(&mut paolo, thread, None).await;
        assert_eq!(
            page["posts"]["items"][0]["edit_note"],
            "Tolto il link pubblicitario"
        );
    }
);

both!(
    silences_and_suspensions_are_enforced_and_end,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, state) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.5.0.1").await;
        let mut paolo = signed_in(&app, PAOLO, "10.5.0.2").await;
        let mut elena = signed_in(&app, ELENA, "10.5.0.3").await;
        let category = category_id(&db, "piano-redazionale").await;
        let thread = start(
            &mut marco,
            category,
            "Prima del silenzio",
            "Scrivo finché posso.",
        )
        .await;
        let marco_id = account_id(&db, MARCO).await.to_string();
        let paolo_id = account_id(&db, PAOLO).await.to_string();
        let restrict = |who: &str, kind: &str, days: &str, reason: &str| {
            vec![
                ("community", COMMUNITY.to_string()),
                ("account", who.to_string()),
                ("kind", kind.to_string()),
                ("days", days.to_string()),
                ("reason", reason.to_string()),
            ]
        };
        // A silence needs a length; a tutor cannot be restricted; a member cannot restrict.
        let res = send(
            &mut paolo,
            "forum/restrict",
            &restrict(&marco_id, "silence", "", "Toni offensivi"),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        let res = send(
            &mut paolo,
            "forum/restrict",
            &restrict(&paolo_id, "silence", "2", "Prova su me"),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        let res = send(
            &mut elena,
            "forum/restrict",
            &restrict(&marco_id, "silence", "2", "Toni offensivi"),
        )
        .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = send(
            &mut paolo,
            "forum/restrict",
            &restrict(&marco_id, "silence", "2", "Toni offensivi verso i colleghi"),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let restriction = res.json().as_i64().unwrap();
        // Silenced: reads, follows, but cannot write, react or flag.
        let index = marco.call("forum/index", &[("community", COMMUNITY)]).await;
        assert_eq!(index.status, StatusCode::OK);
        assert_eq!(index.json()["bar"]["silenced"], true);
        assert_eq!(index.json()["bar"]["may_post"], false);
        assert_eq!(
            reply(&mut marco, thread, "Posso ancora scrivere?").await,
            StatusCode::FORBIDDEN
        );
        let page = thread_page(&mut marco, thread, None).await;
        let post = page["posts"]["items"][0]["id"]
            .as_i64()
            .unwrap()
            .to_string();
        let res = marco
            .call(
                "forum/react",
                &[
                    ("community", COMMUNITY),
                    ("post", post.as_str()),
                    ("kind", "like"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert_eq!(
            notifications(&db, MARCO, "community_restriction")
                .await
                .len(),
            1,
            "the member is told"
        );
        // Two days and a bit later it is over.
        state
            .clock
            .advance(chrono::Duration::days(2) + chrono::Duration::minutes(1));
        assert_eq!(
            reply(&mut marco, thread, "Di nuovo qui.").await,
            StatusCode::OK
        );
        // A suspension keeps them out of the community altogether, until lifted.
        let res = send(
            &mut paolo,
            "forum/restrict",
            &restrict(
                &marco_id,
                "suspension",
                "7",
                "Recidiva dopo il silenziamento",
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let suspension = res.json().as_i64().unwrap();
        assert_eq!(
            marco
                .call("forum/index", &[("community", COMMUNITY)])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            marco
                .call("work/community", &[("slug", COMMUNITY)])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            marco
                .get(&format!("/comunita/{COMMUNITY}/forum"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // The expired silence cannot be lifted again; the suspension can.
        let lift = |id: i64| {
            vec![
                ("community", COMMUNITY.to_string()),
                ("restriction", id.to_string()),
            ]
        };
        let res = send(&mut paolo, "forum/lift", &lift(restriction)).await;
        assert_eq!(
            res.status,
            StatusCode::NOT_FOUND,
            "an expired silence: {}",
            res.body
        );
        let res = send(&mut paolo, "forum/lift", &lift(suspension)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = send(&mut paolo, "forum/lift", &lift(suspension)).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        assert_eq!(
            marco
                .call("forum/index", &[("community", COMMUNITY)])
                .await
                .status,
            StatusCode::OK
        );
        let logged: (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM audit_log WHERE action IN ('member_restricted', 'restriction_lifted')"))
        .await
        .unwrap();
        assert_eq!(logged.0, 3);
    }
);

both!(non_members_are_refused_the_forum, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let mut sara = signed_in(&app, SARA, "10.6.0.1").await;
    let mut nobody = Client::new(&app, "10.6.0.2");
    let (thread,): (i64,) = db
        .fetch_one(sql("SELECT MIN(id) FROM forum_thread"))
        .await
        .unwrap();
    for (c, expected) in [
        (&mut sara, StatusCode::FORBIDDEN),
        (&mut nobody, StatusCode::UNAUTHORIZED),
    ] {
        assert_eq!(
            c.call("forum/index", &[("community", COMMUNITY)])
                .await
                .status,
            expected
        );
        assert_eq!(
            c.call(
                "forum/thread",
                &[("community", COMMUNITY), ("thread", &thread.to_string())]
            )
            .await
            .status,
            expected
        );
        assert_eq!(
            c.call("forum/search", &[("community", COMMUNITY), ("q", "policy")])
                .await
                .status,
            expected
        );
        assert_eq!(reply(c, thread, "Posso entrare?").await, expected);
    }
    // A thread of another community is not found through this one.
    let mut elena = signed_in(&app, ELENA, "10.6.0.3").await;
    let (other,): (i64,) = db
        .fetch_one(sql("SELECT t.id FROM forum_thread t JOIN community c ON c.id = t.community_id WHERE c.slug = 'urp-bassa-romagna'"))
        .await
        .unwrap();
    let res = elena
        .call(
            "forum/thread",
            &[("community", COMMUNITY), ("thread", &other.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
});

both!(
    posts_are_in_the_data_export_and_outlive_an_erased_account,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.7.0.1").await;
        let mut elena = signed_in(&app, ELENA, "10.7.0.2").await;
        let category = category_id(&db, "piano-redazionale").await;
        let thread = start(
            &mut marco,
            category,
            "Il mio ultimo messaggio",
            "Lascio il Comune a fine mese.",
        )
        .await;
        let marco_id = account_id(&db, MARCO).await;
        let export = marco.get("/account/dati.json").await;
        let data: serde_json::Value = serde_json::from_str(&export.body).unwrap();
        let posts = data["forum_posts"].as_array().unwrap();
        assert!(posts
            .iter()
            .any(|p| p["text"] == "Lascio il Comune a fine mese."
                && p["thread"] == "Il mio ultimo messaggio"));
        let res = marco.call("account/delete", &[("password", DEMO)]).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        // The post stays, signed as an erased account; what followed the person is gone.
        let page = thread_page(&mut elena, thread, None).await;
        assert_eq!(page["posts"]["items"][0]["author"], "Account eliminato");
        assert_eq!(page["posts"]["items"][0]["handle"], "");
        let (watches,): (i64,) = db
            .fetch_one(
                sql("SELECT COUNT(*) FROM forum_thread_watch WHERE account_id = $1").bind(marco_id),
            )
            .await
            .unwrap();
        assert_eq!(watches, 0);
    }
);
