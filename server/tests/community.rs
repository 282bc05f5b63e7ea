//! Communities end to end through the router, on both databases: a tutor creates
//! one and reviews requests to join; members share files with versions and counted
//! downloads, which nobody else can reach by guessing addresses; tutors see the
//! community's health. Forum posts with files are in `forum_files.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use common::people::{ELENA, GIULIA, LUCA, MARCO, PAOLO, SARA};
use common::web::{app, notifications, signed_in, Client};

const COMMUNITY: &str = "comunicatori-riformattiva-2026";

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE, 0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE,
    0x42, 0x60, 0x82,
];

async fn count(db: &Db, query: &'static str) -> i64 {
    let (n,): (i64,) = db.fetch_one(sql(query)).await.unwrap();
    n
}

both!(
    a_tutor_creates_a_community_and_reviews_requests,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut paolo = signed_in(&app, PAOLO, "10.2.0.1").await;
        let mut marco = signed_in(&app, MARCO, "10.2.0.2").await;
        let mut sara = signed_in(&app, SARA, "10.2.0.3").await;
        let mut luca = signed_in(&app, LUCA, "10.2.0.4").await;
        let mut giulia = signed_in(&app, GIULIA, "10.2.0.5").await;
        let create = |name: &'static str, runner: &'static str, visibility: &'static str| {
            [
                ("name", name),
                ("slug", ""),
                ("description", "Per chi cura l'accessibilità dei siti."),
                ("visibility", visibility),
                ("runner", runner),
            ]
        };

        // A tutor of the platform creates a community of the platform, not of an ente.
        let fields = create("Laboratorio accessibilità", "", "open");
        let res = paolo.call("community/create", &fields).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.json(), "/comunita/laboratorio-accessibilita/membri");
        let res = paolo.call("community/create", &fields).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("CommunitySlugTaken"), "{}", res.body);
        let res = paolo
            .call("community/create", &create("Ab", "", "open"))
            .await;
        assert!(res.body.contains("CommunityNameTooShort"), "{}", res.body);
        let res = paolo
            .call("community/create", &create("Di Lugo", "lugo", "open"))
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        // An ente admin creates one for her ente; a member or a citizen cannot.
        let res = giulia
            .call(
                "community/create",
                &create("Redazione di Lugo", "lugo", "invitation"),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        for who in [&mut marco, &mut sara] {
            let res = who
                .call("community/create", &create("Altra", "", "open"))
                .await;
            assert_eq!(res.status, StatusCode::FORBIDDEN);
        }
        let slug = "laboratorio-accessibilita";
        let res = paolo
            .call("community/members", &[("community", slug)])
            .await;
        let members = res.json();
        assert_eq!(members["members"].as_array().unwrap().len(), 1);
        assert_eq!(members["members"][0]["tutor"], true);

        // Sara, a citizen, finds it in the directory and asks to join, once.
        let res = sara.call("community/directory", &[]).await;
        let open: Vec<String> = res.json()["open"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["slug"].as_str().unwrap().to_string())
            .collect();
        assert!(open.contains(&slug.to_string()), "{open:?}");
        assert!(!open.contains(&"redazione-di-lugo".to_string()), "{open:?}");
        let ask = [
            ("community", slug),
            ("message", "Lavoro al sito del mio Comune."),
        ];
        assert_eq!(
            sara.call("community/ask", &ask).await.status,
            StatusCode::OK
        );
        let again = sara.call("community/ask", &ask).await;
        assert!(
            again.body.contains("CommunityAlreadyRequested"),
            "{}",
            again.body
        );
        let res = sara
            .call(
                "community/ask",
                &[("community", COMMUNITY), ("message", "")],
            )
            .await;
        assert!(res.body.contains("CommunityInvitationOnly"), "{}", res.body);
        assert_eq!(
            notifications(&db, PAOLO, "community_request").await,
            vec!["Sara Conti chiede di entrare in «Laboratorio accessibilità»".to_string()]
        );
        // Until a tutor says yes she stays outside.
        assert_eq!(
            sara.call("community/members", &[("community", slug)])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let res = paolo
            .call("community/members", &[("community", slug)])
            .await;
        let request = res.json()["requests"][0]["id"]
            .as_i64()
            .unwrap()
            .to_string();
        // A member of another community, or the requester, cannot decide.
        let decide = [
            ("community", slug),
            ("request", request.as_str()),
            ("decision", "approve"),
        ];
        assert_eq!(
            marco.call("community/decide", &decide).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            paolo.call("community/decide", &decide).await.status,
            StatusCode::OK
        );
        let twice = paolo.call("community/decide", &decide).await;
        assert!(
            twice.body.contains("CommunityRequestGone"),
            "{}",
            twice.body
        );
        assert_eq!(
            sara.call("community/members", &[("community", slug)])
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            notifications(&db, SARA, "community_request").await,
            vec![
                "La tua richiesta è stata accolta: ora fai parte di «Laboratorio accessibilità»"
                    .to_string()
            ]
        );

        // Luca is declined with a reason, which he is told.
        assert_eq!(
            luca.call("community/ask", &[("community", slug), ("message", "")])
                .await
                .status,
            StatusCode::OK
        );
        let res = paolo
            .call("community/members", &[("community", slug)])
            .await;
        let request = res.json()["requests"][0]["id"]
            .as_i64()
            .unwrap()
            .to_string();
        let res = paolo
            .call(
                "community/decide",
                &[
                    ("community", slug),
                    ("request", request.as_str()),
                    ("decision", "decline"),
                    ("reason", "È riservata ai Comuni"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(notifications(&db, LUCA, "community_request").await[0]
            .contains("È riservata ai Comuni"));
        assert_eq!(
            luca.call("community/members", &[("community", slug)])
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Profiles: what members see of each other.
        let res = sara
            .call(
                "account/profile",
                &[
                    ("name", "Sara Conti"),
                    ("language", "it"),
                    ("residence", ""),
                    ("birth_year", ""),
                    ("fiscal_code", ""),
                    ("job_title", "Web editor"),
                    ("skills", "accessibilità, WCAG,  , wcag"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = paolo
            .call("community/members", &[("community", slug)])
            .await;
        let members = res.json()["members"].clone();
        let sara_row = members
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == "Sara Conti")
            .unwrap()
            .clone();
        assert_eq!(sara_row["job_title"], "Web editor");
        assert_eq!(
            sara_row["skills"],
            serde_json::json!(["accessibilità", "WCAG"])
        );
        assert_eq!(sara_row["tutor"], false);

        // Settings are the tutors'; every step is in the audit log.
        let save = [
            ("community", slug),
            ("description", "Accessibilità dei siti della PA."),
            ("visibility", "invitation"),
            ("flag_threshold", "1"),
            ("approve_first_posts", "0"),
        ];
        assert_eq!(
            sara.call("community/save-settings", &save).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            paolo.call("community/save-settings", &save).await.status,
            StatusCode::OK
        );
        let res = luca.call("community/directory", &[]).await;
        assert!(
            !res.body.contains(slug),
            "invitation-only communities are not listed"
        );
        for action in [
            "community_created",
            "membership_approved",
            "membership_declined",
            "community_updated",
        ] {
            let (n,): (i64,) = db
                .fetch_one(sql("SELECT COUNT(*) FROM audit_log WHERE action = $1").bind(action))
                .await
                .unwrap();
            assert!(n >= 1, "{action} in the audit log");
        }
    }
);

both!(
    files_have_versions_counted_downloads_and_stay_among_members,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.3.0.1").await;
        let mut giulia = signed_in(&app, GIULIA, "10.3.0.2").await;
        let mut paolo = signed_in(&app, PAOLO, "10.3.0.3").await;
        let mut sara = signed_in(&app, SARA, "10.3.0.4").await;
        let mut nobody = Client::new(&app, "10.3.0.5");
        let upload_path = format!("/comunita/{COMMUNITY}/carica-file");

        // Marco uploads a PDF at the top level.
        let res = marco
            .post_multipart(
                &upload_path,
                &[
                    ("folder", ""),
                    ("title", "Linee guida social"),
                    ("description", "Bozza"),
                ],
                &[("linee-guida.pdf", PDF)],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let page = Client::location(&res);
        assert!(page.ends_with("?caricato=1"), "{page}");
        let id: i64 = page
            .trim_end_matches("?caricato=1")
            .rsplit('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();

        // What is not an accepted file is refused with its reason; nothing is stored.
        let before = count(&db, "SELECT COUNT(*) FROM community_file").await;
        let res = marco
            .post_multipart(
                &upload_path,
                &[("title", "Programma")],
                &[("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00")],
            )
            .await;
        assert!(
            Client::location(&res).contains("errore=tipo"),
            "{:?}",
            Client::location(&res)
        );
        let res = marco
            .post_multipart(
                &upload_path,
                &[("title", &"x".repeat(121))],
                &[("a.pdf", PDF)],
            )
            .await;
        assert!(
            Client::location(&res).contains("errore=lungo"),
            "{:?}",
            Client::location(&res)
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM community_file").await,
            before
        );

        // A new version: by its author (or a tutor), not by another member.
        let version_path = format!("/comunita/{COMMUNITY}/file/{id}/versione");
        let v2 = b"%PDF-1.7\n% seconda versione\n%%EOF\n";
        let res = giulia
            .post_multipart(&version_path, &[("note", "Mia")], &[("x.pdf", v2)])
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = marco
            .post_multipart(
                &version_path,
                &[("note", "Aggiunti gli esempi")],
                &[("linee-guida-v2.pdf", v2)],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let doc = giulia
            .call(
                "files/document",
                &[("community", COMMUNITY), ("id", &id.to_string())],
            )
            .await
            .json();
        assert_eq!(doc["doc"]["versions"], 2);
        assert_eq!(doc["versions"][0]["note"], "Aggiunti gli esempi");
        assert_eq!(doc["versions"][0]["by"], "Marco Bassi");
        assert_eq!(doc["versions"][1]["file"]["name"], "linee-guida.pdf");
        let old_token = doc["versions"][1]["file"]["token"]
            .as_str()
            .unwrap()
            .to_string();

        // Downloads are counted, of any version; the file itself is for members.
        let res = giulia
            .get(&format!(
                "/comunita/{COMMUNITY}/file/{id}/scarica?versione=1"
            ))
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let file_url = Client::location(&res);
        assert!(
            file_url.starts_with(&format!("/file/{old_token}/")),
            "{file_url}"
        );
        assert_eq!(giulia.get(&file_url).await.status, StatusCode::OK);
        let res = paolo
            .get(&format!("/comunita/{COMMUNITY}/file/{id}/scarica"))
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let doc = marco
            .call(
                "files/document",
                &[("community", COMMUNITY), ("id", &id.to_string())],
            )
            .await
            .json();
        assert_eq!(doc["doc"]["downloads"], 2);
        // Guessing addresses: the same URL says nothing to those outside.
        assert_eq!(sara.get(&file_url).await.status, StatusCode::NOT_FOUND);
        assert_eq!(nobody.get(&file_url).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            sara.get(&format!("/comunita/{COMMUNITY}/file/{id}/scarica"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            sara.call(
                "files/document",
                &[("community", COMMUNITY), ("id", &id.to_string())]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let other = format!("/comunita/urp-bassa-romagna/file/{id}/scarica");
        assert_eq!(marco.get(&other).await.status, StatusCode::FORBIDDEN);
        let res = elena_in_urp(&app).await.get(&other).await;
        assert_eq!(
            res.status,
            StatusCode::NOT_FOUND,
            "another community's document id"
        );
        let guessed = format!("/file/{}/x.pdf", "0".repeat(32));
        assert_eq!(giulia.get(&guessed).await.status, StatusCode::NOT_FOUND);

        // Folders are made by tutors; documents go into them.
        let folder = [
            ("community", COMMUNITY),
            ("parent", ""),
            ("name", "Webinar"),
        ];
        assert_eq!(
            marco.call("files/new-folder", &folder).await.status,
            StatusCode::FORBIDDEN
        );
        let res = paolo.call("files/new-folder", &folder).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let folder_id = res.json().as_i64().unwrap().to_string();
        let again = paolo.call("files/new-folder", &folder).await;
        assert!(again.body.contains("FilesFolderExists"), "{}", again.body);
        let res = giulia
            .post_multipart(
                &upload_path,
                &[("folder", &folder_id), ("title", "")],
                &[("slide.png", PNG)],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let listing = giulia
            .call(
                "files/page",
                &[("community", COMMUNITY), ("folder", &folder_id)],
            )
            .await
            .json();
        assert_eq!(listing["documents"][0]["title"], "slide.png");
        assert_eq!(listing["trail"][0][1], "Webinar");
        let top = giulia
            .call("files/page", &[("community", COMMUNITY)])
            .await
            .json();
        let webinar = top["folders"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "Webinar")
            .unwrap()
            .clone();
        assert_eq!(webinar["documents"], 1);

        // A tutor deletes a document; its address stops working for members.
        let id_text = id.to_string();
        let del = [("community", COMMUNITY), ("id", id_text.as_str())];
        assert_eq!(
            marco.call("files/delete", &del).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            paolo.call("files/delete", &del).await.status,
            StatusCode::OK
        );
        assert_eq!(giulia.get(&file_url).await.status, StatusCode::NOT_FOUND);
        let (n,): (i64,) = db
            .fetch_one(sql(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'file_deleted'",
            ))
            .await
            .unwrap();
        assert_eq!(n, 1);
    }
);

async fn elena_in_urp(app: &axum::Router) -> Client {
    signed_in(app, ELENA, "10.3.0.9").await
}

both!(tutors_see_the_communitys_health, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, state) = app(db.clone());
    let mut paolo = signed_in(&app, PAOLO, "10.6.0.1").await;
    let mut marco = signed_in(&app, MARCO, "10.6.0.2").await;
    let now = state.clock.now();
    // Luca joined three weeks ago and never wrote: at risk.
    db.execute(
            sql("UPDATE role_grant SET created_at = $1 WHERE account_id = (SELECT id FROM account WHERE email = $2)")
                .bind(now - chrono::Duration::days(21))
                .bind(LUCA),
        )
        .await
        .unwrap();
    db.execute(
        sql("DELETE FROM forum_post WHERE author_id = (SELECT id FROM account WHERE email = $1)")
            .bind(LUCA),
    )
    .await
    .unwrap();
    // Marco opens a thread nobody answers.
    let (category,): (i64,) = db
            .fetch_one(sql("SELECT k.id FROM forum_category k JOIN community c ON c.id = k.community_id WHERE c.slug = $1 ORDER BY k.id LIMIT 1").bind(COMMUNITY))
            .await
            .unwrap();
    let res = marco
        .call(
            "forum/new-thread",
            &[
                ("community", COMMUNITY),
                ("category", &category.to_string()),
                ("title", "Chi usa già Threads?"),
                ("body", "Vale la pena aprire un profilo dell'ente?"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);

    let res = marco
        .call("community/health", &[("community", COMMUNITY)])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "members do not see it");
    let res = paolo
        .call("community/health", &[("community", COMMUNITY)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let h = res.json();
    let sum = |key: &str| -> f64 {
        h[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["value"].as_f64().unwrap())
            .sum()
    };
    assert_eq!(h["threads"].as_array().unwrap().len(), 12);
    let (threads,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM forum_thread t JOIN community c ON c.id = t.community_id WHERE c.slug = $1").bind(COMMUNITY))
            .await
            .unwrap();
    assert_eq!(
        sum("threads") as i64,
        threads,
        "the demo threads are all within 12 weeks"
    );
    let (replies,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id JOIN community c ON c.id = t.community_id WHERE c.slug = $1 AND p.number > 1").bind(COMMUNITY))
            .await
            .unwrap();
    assert_eq!(sum("replies") as i64, replies);
    let this_week = h["active"].as_array().unwrap().last().unwrap()["value"]
        .as_f64()
        .unwrap();
    assert!(this_week >= 1.0, "Marco wrote this week");
    assert!(
        sum("first_reply") > 0.0,
        "demo threads were answered after some hours"
    );
    let waiting: Vec<&str> = h["unanswered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["title"].as_str().unwrap())
        .collect();
    assert!(waiting.contains(&"Chi usa già Threads?"), "{waiting:?}");
    let risk: Vec<&str> = h["at_risk"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert!(risk.contains(&"Luca Moretti"), "{risk:?}");
    assert!(!risk.contains(&"Marco Bassi"), "{risk:?}");
});
