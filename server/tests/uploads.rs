//! Files through the router, on both databases: an operator gives a consultation a
//! cover and a document; what is not an accepted file is refused with its reason;
//! photos lose their metadata; files of a draft are private, those of a published
//! consultation public; a file is served so that it can never run as a page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::{header, StatusCode};
use common::consult::{answer, file_consultation, giulia, upload};
use common::people::{DEMO, SARA};
use common::web::{app, Client};

/// A small JPEG whose EXIF says where the photo was taken.
fn photo() -> Vec<u8> {
    let mut b = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0x00,
    ];
    let exif = b"Exif\0\0GPSLatitude 44.4142";
    b.extend([0xFF, 0xE1, 0x00, (exif.len() + 2) as u8]);
    b.extend(exif);
    b.extend([0xFF, 0xDA, 0x00, 0x02, 0x01, 0x02, 0xFF, 0xD9]);
    b
}

both!(
    covers_and_documents_are_checked_cleaned_and_served_safely,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut giulia = giulia(&app).await;
        let res = giulia
            .call(
                "consult/create",
                &[("ente", "lugo"), ("title", "Nuovo parco")],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let s = "nuovo-parco";

        // Refusals come back to the form with their reason.
        let back = upload(&mut giulia, s, "cover", "", "parco.jpg", &photo()).await;
        assert!(back.ends_with("scheda=dettagli&errore=alt#file"), "{back}");
        let page = b"<html><script>alert('x')</script></html>";
        let back = upload(&mut giulia, s, "cover", "Il parco", "parco.jpg", page).await;
        assert!(back.contains("errore=tipo"), "{back}");
        let back = upload(
            &mut giulia,
            s,
            "attachment",
            "",
            "finto.pdf",
            b"MZ\x90\x00\x03",
        )
        .await;
        assert!(back.contains("errore=tipo"), "{back}");
        let big = vec![b'a'; app::upload::model::MAX_BYTES + 1];
        let back = upload(&mut giulia, s, "attachment", "", "tanti.csv", &big).await;
        assert!(back.contains("errore=dimensione"), "{back}");
        let back = upload(&mut giulia, s, "attachment", "", "", b"").await;
        assert!(back.contains("errore=file"), "{back}");
        let (stored,): (i64,) = db
            .fetch_one(sql(
                "SELECT COUNT(*) FROM upload u JOIN consultation_file f ON f.upload_id = u.id",
            ))
            .await
            .unwrap();
        let (loose,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM upload u WHERE NOT EXISTS (SELECT 1 FROM consultation_file f WHERE f.upload_id = u.id) AND NOT EXISTS (SELECT 1 FROM community_file_version v WHERE v.upload_id = u.id)"))
            .await
            .unwrap();
        assert_eq!((stored, loose), (0, 0), "nothing refused is stored");

        // A cover and a document.
        let back = upload(
            &mut giulia,
            s,
            "cover",
            "Bambini che giocano nel prato",
            "IMG_0042.jpg",
            &photo(),
        )
        .await;
        assert!(back.contains("caricato=1"), "{back}");
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
        let back = upload(
            &mut giulia,
            s,
            "attachment",
            "Relazione tecnica",
            "C:\\Documenti\\relazione è.pdf",
            pdf,
        )
        .await;
        assert!(back.contains("caricato=1"), "{back}");
        let editor = giulia
            .call("consult/admin", &[("ente", "lugo"), ("slug", s)])
            .await
            .json();
        let c = &editor["consultation"];
        assert_eq!(c["cover"]["label"], "Bambini che giocano nel prato");
        assert_eq!(c["attachments"][0]["name"], "relazione è.pdf");
        assert_eq!(c["attachments"][0]["mime"], "application/pdf");
        let cover = c["cover"]["token"].as_str().unwrap().to_string();
        let document = c["attachments"][0]["token"].as_str().unwrap().to_string();

        // The photo lost where it was taken; it is served as an image that cannot run.
        let res = giulia.get(&format!("/file/{cover}/IMG_0042.jpg")).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.headers[header::CONTENT_TYPE], "image/jpeg");
        assert!(!res.body.contains("GPSLatitude"));
        assert!(res.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("sandbox"));
        assert_eq!(res.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        // A PDF followed as a link (or typed, or framed by another site) downloads; only
        // a frame of this site's own pages shows it inline, without the sandbox that
        // Chromium's viewer refuses.
        let res = giulia.get(&format!("/file/{document}/x")).await;
        assert_eq!(
            res.headers[header::CONTENT_DISPOSITION],
            "attachment; filename=\"relazione _.pdf\"; filename*=UTF-8''relazione%20%C3%A8.pdf"
        );
        let policy = |res: &common::web::Response| {
            res.headers[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .to_string()
        };
        assert!(policy(&res).contains("sandbox"));
        assert_eq!(res.headers[header::X_FRAME_OPTIONS], "DENY");
        let framed = |site: &str| {
            axum::http::Request::get(format!("/file/{document}/x"))
                .header("sec-fetch-dest", "iframe")
                .header("sec-fetch-site", site)
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let res = giulia.send(framed("same-origin")).await;
        assert!(res.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("inline;"));
        assert!(!policy(&res).contains("sandbox"));
        assert!(policy(&res).contains("frame-ancestors 'self'"));
        assert_eq!(res.headers[header::X_FRAME_OPTIONS], "SAMEORIGIN");
        assert!(res.headers[header::VARY]
            .to_str()
            .unwrap()
            .contains("Sec-Fetch-Dest"));
        let res = giulia.send(framed("cross-site")).await;
        assert!(res.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment;"));
        assert!(policy(&res).contains("sandbox"));
        // Each variant is revalidated as itself: the preview's ETag gets no 304 (and
        // so no inline answer) for a link followed; a 304 carries its own headers.
        let inline_tag = giulia.send(framed("same-origin")).await.headers[header::ETAG].clone();
        let revalidate = |tag: &axum::http::HeaderValue, dest: &str| {
            axum::http::Request::get(format!("/file/{document}/x"))
                .header("sec-fetch-dest", dest)
                .header("sec-fetch-site", "same-origin")
                .header(header::IF_NONE_MATCH, tag)
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let res = giulia.send(revalidate(&inline_tag, "document")).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(policy(&res).contains("sandbox"));
        let res = giulia.send(revalidate(&inline_tag, "iframe")).await;
        assert_eq!(res.status, StatusCode::NOT_MODIFIED);
        assert_eq!(res.headers[header::X_FRAME_OPTIONS], "SAMEORIGIN");
        assert!(res.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("inline;"));

        // A draft's files are private; published, they are public.
        let mut visitor = Client::new(&app, "10.0.0.9");
        assert_eq!(
            visitor.get(&format!("/file/{cover}/a.jpg")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            visitor.get("/file/nonesiste/a.jpg").await.status,
            StatusCode::NOT_FOUND
        );
        db.execute(sql("UPDATE consultation SET status = 'published' WHERE slug = $1").bind(s))
            .await
            .unwrap();
        assert_eq!(
            visitor.get(&format!("/file/{cover}/a.jpg")).await.status,
            StatusCode::OK
        );
        let public = visitor
            .call("consult/show", &[("ente", "lugo"), ("slug", s)])
            .await
            .json();
        assert_eq!(
            public["consultation"]["attachments"][0]["label"],
            "Relazione tecnica"
        );

        // Taken off, the document is no longer the consultation's, nor public.
        let res = giulia
            .call(
                "consult/remove-file",
                &[("ente", "lugo"), ("slug", s), ("token", &document)],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            visitor.get(&format!("/file/{document}/x.pdf")).await.status,
            StatusCode::NOT_FOUND
        );
        let (audited,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'consultation_updated' AND (details LIKE '+ %' OR details LIKE '- %')"))
        .await
        .unwrap();
        assert_eq!(audited, 3);
    }
);

both!(
    a_file_question_is_answered_with_a_checked_file,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut giulia = giulia(&app).await;
        let slug = file_consultation(&mut giulia, "Segnalazioni alberi", "verified").await;
        assert_eq!(slug, "segnalazioni-alberi");
        let s = slug.as_str();

        // Not signed in: to the login, nothing stored.
        let mut visitor = Client::new(&app, "10.0.0.9");
        let back = answer(
            &mut visitor,
            s,
            &[("q1", "Via Emilia")],
            Some(("q2", "a.pdf", b"%PDF-1.7\n%%EOF")),
        )
        .await;
        assert!(back.starts_with("/account/accedi"), "{back}");

        // Sara sends a page disguised as a photo: refused next to the question, what she
        // typed kept.
        let mut sara = Client::new(&app, "10.0.0.2");
        let res = sara
            .call("account/login", &[("email", SARA), ("password", DEMO)])
            .await;
        assert_eq!(res.status, StatusCode::OK);
        let back = answer(
            &mut sara,
            s,
            &[("q1", "Via Emilia 12")],
            Some(("q2", "foto.jpg", b"<html>no</html>")),
        )
        .await;
        assert!(back.ends_with("?verifica=1#answer-title"), "{back}");
        let page = sara
            .call(
                "consult/show",
                &[("ente", "lugo"), ("slug", s), ("check", "true")],
            )
            .await
            .json();
        assert_eq!(page["draft"]["q1"], "Via Emilia 12");
        let problems = page["problems"]["Invalid"].as_array().unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0]["field"], "q2");
        assert_eq!(problems[0]["problem"], "UploadTypeRefused");

        // A PDF: the answer is stored with the file.
        let pdf: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
        let back = answer(
            &mut sara,
            s,
            &[("q1", "Via Emilia 12")],
            Some(("q2", "perizia.pdf", pdf)),
        )
        .await;
        assert!(back.contains("?ricevuta=PZ-"), "{back}");
        let (answers,): (String,) = db
        .fetch_one(sql("SELECT r.answers FROM response r JOIN consultation c ON c.id = r.consultation_id WHERE c.slug = $1").bind(s))
        .await
        .unwrap();
        let answers: serde_json::Value = serde_json::from_str(&answers).unwrap();
        let token = answers["q2"]["Text"].as_str().unwrap().to_string();
        assert_eq!(answers["q1"]["Text"], "Via Emilia 12");
        // Sara and the operators read it; nobody else.
        assert_eq!(
            sara.get(&format!("/file/{token}/x")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            giulia.get(&format!("/file/{token}/x")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            visitor.get(&format!("/file/{token}/x")).await.status,
            StatusCode::NOT_FOUND
        );
        let csv = giulia
            .get(&format!("/gestione/lugo/consultazioni/{s}/risposte.csv"))
            .await;
        assert!(
            csv.body.contains(&format!("/file/{token}/file")),
            "{}",
            csv.body
        );
    }
);
