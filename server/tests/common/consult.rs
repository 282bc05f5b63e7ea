//! Consultations with a file question, as the upload and abuse tests make and
//! answer them through the router.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use super::people::{DEMO, GIULIA};
use super::web::Client;
use axum::http::{header, StatusCode};

/// Makes, as the Lugo operator signed in on `c`, a published consultation open now
/// with two required questions: a short text (`q1`) and a file (`q2`); its slug.
pub async fn file_consultation(c: &mut Client, title: &str, participation: &str) -> String {
    let res = c
        .call("consult/create", &[("ente", "lugo"), ("title", title)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    // It answers with the consultation's page: /gestione/lugo/consultazioni/<slug>?…
    let page = res.json().as_str().unwrap().to_string();
    let after = page.split("/consultazioni/").nth(1).unwrap();
    let slug = after.split(['?', '/', '#']).next().unwrap().to_string();
    let opens = app::i18n::Lang::local_input(chrono::Utc::now() - chrono::Duration::hours(1));
    let closes = app::i18n::Lang::local_input(chrono::Utc::now() + chrono::Duration::days(5));
    let res = c
        .call(
            "consult/details",
            &[
                ("ente", "lugo"),
                ("slug", &slug),
                ("title", title),
                ("summary", ""),
                ("body", ""),
                ("opens", &opens),
                ("closes", &closes),
                ("participation", participation),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    for kind in ["short_text", "file_upload"] {
        let res = c
            .call(
                "consult/add-question",
                &[
                    ("ente", "lugo"),
                    ("slug", &slug),
                    ("section", "0"),
                    ("kind", kind),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    for (q, label) in [
        ("q1", "Dove si trova l'albero?"),
        ("q2", "Una foto o un documento"),
    ] {
        let res = c
            .call(
                "consult/save-question",
                &[
                    ("ente", "lugo"),
                    ("slug", &slug),
                    ("question", q),
                    ("label", label),
                    ("help", ""),
                    ("required", "si"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let res = c
        .call(
            "consult/phase",
            &[("ente", "lugo"), ("slug", &slug), ("to", "publish")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    slug
}

/// Posts a multipart answer form as a browser does, with its ticket when given.
pub async fn send_answer(
    client: &mut Client,
    slug: &str,
    ticket: Option<&str>,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> super::web::Response {
    let part = |name: &str, value: &str| {
        format!("--B\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
    };
    let mut body = Vec::new();
    if let Some(ticket) = ticket {
        body.extend(part("ticket", ticket).bytes());
    }
    for (field, value) in fields {
        body.extend(part(&format!("answers[{field}]"), value).bytes());
    }
    if let Some((question, name, bytes)) = file {
        body.extend(
            format!("--B\r\nContent-Disposition: form-data; name=\"file[{question}]\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(b"--B--\r\n");
    let req = axum::http::Request::post(format!("/lugo/consultazioni/{slug}/risposta"))
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=B")
        .body(axum::body::Body::from(body))
        .unwrap();
    client.send(req).await
}

/// Posts a multipart answer form without a ticket; where it goes back to.
pub async fn answer(
    client: &mut Client,
    slug: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> String {
    let res = send_answer(client, slug, None, fields, file).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.headers[header::LOCATION].to_str().unwrap().to_string()
}

/// Lugo's operator, signed in.
pub async fn giulia(app: &axum::Router) -> Client {
    let mut c = Client::new(app, "10.0.0.1");
    let res = c
        .call("account/login", &[("email", GIULIA), ("password", DEMO)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    c
}

/// Posts the upload form as a browser does; where it goes back to.
pub async fn upload(
    client: &mut Client,
    slug: &str,
    role: &str,
    label: &str,
    name: &str,
    bytes: &[u8],
) -> String {
    let res = client
        .post_multipart(
            &format!("/gestione/lugo/consultazioni/{slug}/file"),
            &[("role", role), ("label", label)],
            &[(name, bytes)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    Client::location(&res)
}
