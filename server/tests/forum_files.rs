//! Forum posts with their files, as the plain multipart forms send them, on both
//! databases: replies and new threads carry files; whatever is refused keeps its
//! title and text as the writer's draft; a late draft save does not bring back
//! what was sent; a hidden post's files are hidden with it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use common::people::{ELENA, GIULIA, MARCO, SARA};
use common::web::{app, notifications, signed_in, Client};

const COMMUNITY: &str = "comunicatori-riformattiva-2026";

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE, 0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE,
    0x42, 0x60, 0x82,
];

both!(
    replies_carry_files_and_a_refused_reply_keeps_its_text,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.4.0.1").await;
        let mut elena = signed_in(&app, ELENA, "10.4.0.2").await;
        let mut sara = signed_in(&app, SARA, "10.4.0.3").await;
        let (thread,): (i64,) = db
            .fetch_one(
                sql(
                    "SELECT t.id FROM forum_thread t JOIN community c ON c.id = t.community_id
                             WHERE c.slug = $1 ORDER BY t.id LIMIT 1",
                )
                .bind(COMMUNITY),
            )
            .await
            .unwrap();
        let reply_path = format!("/comunita/{COMMUNITY}/forum/t/{thread}/rispondi");
        let posts = |db: Db| async move {
            let (n,): (i64,) = db
                .fetch_one(sql("SELECT post_count FROM forum_thread WHERE id = $1").bind(thread))
                .await
                .unwrap();
            n
        };
        let before = posts(db.clone()).await;

        // Too short: nothing is posted or stored, the text waits as a draft.
        let res = marco
            .post_multipart(&reply_path, &[("body", " ")], &[("schema.png", PNG)])
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert!(
            Client::location(&res).ends_with("errore=corto#rispondi"),
            "{}",
            Client::location(&res)
        );
        let res = marco
            .post_multipart(
                &reply_path,
                &[("body", "Ecco lo schema, quattro file però.")],
                &[
                    ("a.png", PNG),
                    ("b.png", PNG),
                    ("c.png", PNG),
                    ("d.png", PNG),
                ],
            )
            .await;
        assert!(
            Client::location(&res).contains("errore=troppi"),
            "{}",
            Client::location(&res)
        );
        assert_eq!(posts(db.clone()).await, before);
        let page = marco
            .call(
                "forum/thread",
                &[("community", COMMUNITY), ("thread", &thread.to_string())],
            )
            .await
            .json();
        assert_eq!(page["draft"], "Ecco lo schema, quattro file però.");

        // A reply with a mention and a file.
        let body = "Ecco lo schema che usiamo, @elena.fabbri: dimmi se torna.";
        let res = marco
            .post_multipart(
                &reply_path,
                &[("body", body)],
                &[("schema.png", PNG), ("note.pdf", PDF)],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        assert!(Client::location(&res).contains(&format!("/forum/t/{thread}")));
        assert_eq!(posts(db.clone()).await, before + 1);
        let page = elena
            .call(
                "forum/thread",
                &[
                    ("community", COMMUNITY),
                    ("thread", &thread.to_string()),
                    ("page", "99"),
                ],
            )
            .await
            .json();
        let last = page["posts"]["items"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(last["attachments"].as_array().unwrap().len(), 2);
        assert_eq!(last["attachments"][0]["name"], "schema.png");
        let url = format!(
            "/file/{}/schema.png",
            last["attachments"][0]["token"].as_str().unwrap()
        );
        assert_eq!(elena.get(&url).await.status, StatusCode::OK);
        assert_eq!(sara.get(&url).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            notifications(&db, ELENA, "forum_mention").await.len(),
            1,
            "the mention is notified"
        );
        // Sent, the draft is gone.
        let page = marco
            .call(
                "forum/thread",
                &[("community", COMMUNITY), ("thread", &thread.to_string())],
            )
            .await
            .json();
        assert_eq!(page["draft"], "");
        // A save from before the reply was sent (the box lost focus on the way to the
        // button) arrives late: it does not bring the text back.
        let before_text = before.to_string();
        let late = [
            ("community", COMMUNITY),
            ("thread", &thread.to_string()),
            ("body", body),
            ("seen", before_text.as_str()),
        ];
        assert_eq!(
            marco.call("forum/save-draft", &late).await.status,
            StatusCode::OK
        );
        let page = marco
            .call(
                "forum/thread",
                &[("community", COMMUNITY), ("thread", &thread.to_string())],
            )
            .await
            .json();
        assert_eq!(page["draft"], "", "a late save is ignored");
        // A hidden post's files are hidden with it (its author still reads them).
        db.execute(
            sql("UPDATE forum_post SET state = 'hidden' WHERE id = $1")
                .bind(last["id"].as_i64().unwrap()),
        )
        .await
        .unwrap();
        assert_eq!(elena.get(&url).await.status, StatusCode::NOT_FOUND);
        assert_eq!(marco.get(&url).await.status, StatusCode::OK);
        // Outsiders cannot post, with or without files.
        let res = sara
            .post_multipart(&reply_path, &[("body", "Posso scrivere anche io?")], &[])
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        // The draft saved when the box loses focus.
        let res = elena
            .call(
                "forum/save-draft",
                &[
                    ("community", COMMUNITY),
                    ("thread", &thread.to_string()),
                    ("body", "Ci penso e"),
                    ("seen", "99"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
        let page = elena
            .call(
                "forum/thread",
                &[("community", COMMUNITY), ("thread", &thread.to_string())],
            )
            .await
            .json();
        assert_eq!(page["draft"], "Ci penso e");
    }
);

/// The category the tests open threads in, as `c` sees it.
async fn category(c: &mut Client) -> serde_json::Value {
    c.call(
        "forum/category",
        &[("community", COMMUNITY), ("category", "piano-redazionale")],
    )
    .await
    .json()
}

both!(
    a_new_thread_carries_files_and_a_refused_one_keeps_its_draft,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.5.0.1").await;
        let mut giulia = signed_in(&app, GIULIA, "10.5.0.2").await;
        let mut sara = signed_in(&app, SARA, "10.5.0.3").await;
        let path = format!("/comunita/{COMMUNITY}/forum/piano-redazionale/apri");
        let threads = |db: Db| async move {
            let (n,): (i64,) = db
                .fetch_one(sql("SELECT COUNT(*) FROM forum_thread"))
                .await
                .unwrap();
            n
        };
        let before = threads(db.clone()).await;

        // A title too short: nothing is written, the title and text wait as a draft.
        let text = "Vi giro il calendario di gennaio, con le locandine.";
        let res = marco
            .post_multipart(
                &path,
                &[("title", "Gen"), ("body", text)],
                &[("locandina.png", PNG)],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert!(
            Client::location(&res).ends_with("errore=titolo#nuova-discussione"),
            "{}",
            Client::location(&res)
        );
        assert_eq!(threads(db.clone()).await, before);
        let page = category(&mut marco).await;
        assert_eq!(page["draft_title"], "Gen");
        assert_eq!(page["draft_body"], text);
        // Other members do not see someone else's draft.
        assert_eq!(category(&mut giulia).await["draft_body"], "");
        // A file that is not what it claims to be is refused too, and the draft stays.
        let res = marco
            .post_multipart(
                &path,
                &[("title", "Calendario di gennaio"), ("body", text)],
                &[("locandina.png", b"MZ\x90\x00 not an image")],
            )
            .await;
        assert!(
            Client::location(&res).contains("errore="),
            "{}",
            Client::location(&res)
        );
        assert_eq!(threads(db.clone()).await, before);

        // Sent with two files: the opening post carries them, the draft is gone.
        let res = marco
            .post_multipart(
                &path,
                &[("title", "Calendario di gennaio"), ("body", text)],
                &[("locandina.png", PNG), ("calendario.pdf", PDF)],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let location = Client::location(&res);
        let thread: i64 = location.rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(threads(db.clone()).await, before + 1);
        let page = giulia
            .call(
                "forum/thread",
                &[("community", COMMUNITY), ("thread", &thread.to_string())],
            )
            .await
            .json();
        let names: Vec<&str> = page["posts"]["items"][0]["attachments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["locandina.png", "calendario.pdf"]);
        let page = category(&mut marco).await;
        assert_eq!(page["draft_title"], "");
        assert_eq!(page["draft_body"], "");
        // A save from before it was sent arrives late and is ignored.
        let late = (page["started"].as_i64().unwrap() - 1).to_string();
        let res = marco
            .call(
                "forum/save-draft",
                &[
                    ("community", COMMUNITY),
                    ("title", "Calendario di gennaio"),
                    ("body", text),
                    ("seen", &late),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(category(&mut marco).await["draft_body"], "");
        // A save while writing keeps both fields.
        let started = page["started"].to_string();
        marco
            .call(
                "forum/save-draft",
                &[
                    ("community", COMMUNITY),
                    ("title", "Febbraio"),
                    ("body", "Appunti"),
                    ("seen", &started),
                ],
            )
            .await;
        let page = category(&mut marco).await;
        assert_eq!(
            (page["draft_title"].clone(), page["draft_body"].clone()),
            ("Febbraio".into(), "Appunti".into())
        );
        // Outsiders cannot open threads.
        let res = sara
            .post_multipart(
                &path,
                &[("title", "Posso aprire?"), ("body", "Una domanda.")],
                &[],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert!(notifications(&db, SARA, "forum_post").await.is_empty());
    }
);
