//! Newsletters through the router, on both databases: subscribing without an
//! account (double opt-in, with the consent kept), refused field by field when
//! wrong; confirming by the mailed link (unknown and expired links said so); the
//! preferences page of a mail's link; leaving in one click as mail clients do it
//! (RFC 8058: a POST from elsewhere, no cookie, no redirect); one's lists from the
//! account. Sending is `newsletter_sending.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use app::error::AppError;
use axum::http::StatusCode;
use common::newsletter::{fields_of, lugo_list};
use common::people::SARA;
use common::social::call;
use common::web::{app, last_mail_link, signed_in, token_of, Client};

async fn state_of(db: &Db, email: &'static str) -> Vec<String> {
    let rows: Vec<(String,)> = db
        .fetch_all(
            sql("SELECT s.state FROM newsletter_subscription s
                   JOIN newsletter_subscriber p ON p.id = s.subscriber_id
                  WHERE p.email = $1 ORDER BY s.list_id")
            .bind(email),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(s,)| s).collect()
}

async fn consents(db: &Db, email: &'static str) -> Vec<(String, String, String)> {
    db.fetch_all(
        sql(
            "SELECT c.action, c.source, c.notice_version FROM newsletter_consent c
               JOIN newsletter_subscriber p ON p.id = c.subscriber_id
              WHERE p.email = $1 ORDER BY c.id",
        )
        .bind(email),
    )
    .await
    .unwrap()
}

both!(subscribing_confirming_and_leaving, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, state) = app(db.clone());
    let list = lugo_list(&db).await.to_string();
    let mut anna = Client::new(&app, "203.0.113.40");
    let ask = |email: &str, consent: bool| {
        let mut pairs = vec![("email", email.to_string()), ("liste[]", list.clone())];
        if consent {
            pairs.push(("consenso", "1".into()));
        }
        pairs
    };

    // Wrong: a malformed address, no consent, no list, a list of another ente.
    let res = call(&mut anna, "newsletter/subscribe", &ask("anna@", false)).await;
    assert_eq!(fields_of(&res), ["email", "consenso"]);
    let res = call(
        &mut anna,
        "newsletter/subscribe",
        &[
            ("email", "anna@example.it".into()),
            ("consenso", "1".into()),
        ],
    )
    .await;
    assert_eq!(fields_of(&res), ["liste"]);
    let (cotignola,): (app::ids::EnteId,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'cotignola'"))
        .await
        .unwrap();
    let theirs = common::newsletter::general_list(&db, cotignola)
        .await
        .to_string();
    let res = call(
        &mut anna,
        "newsletter/subscribe",
        &[
            ("email", "anna@example.it".into()),
            ("liste[]", theirs),
            ("consenso", "1".into()),
        ],
    )
    .await;
    assert_eq!(fields_of(&res), ["liste"]);
    assert!(
        state_of(&db, "anna@example.it").await.is_empty(),
        "nothing half-written"
    );

    // Right: asked, not yet on the list; the mail carries the link.
    let res = call(
        &mut anna,
        "newsletter/subscribe",
        &ask(" Anna@Example.it ", true),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        state_of(&db, "anna@example.it").await,
        Vec::<String>::new(),
        "not on the list before confirming"
    );
    let (subject, link) = last_mail_link(&db, "anna@example.it")
        .await
        .expect("a confirmation mail");
    assert!(subject.contains("Comune di Lugo"), "{subject}");
    assert!(
        link.starts_with("/lugo/newsletter/conferma?token="),
        "{link}"
    );
    let token = token_of(&link);

    // A wrong link is said so; the right one confirms, and again changes nothing.
    let res = call(
        &mut anna,
        "newsletter/confirm",
        &[("token", "x".repeat(43))],
    )
    .await;
    assert_eq!(
        res.error(),
        Some(AppError::Refused(app::i18n::T::NewsletterLinkUnknown))
    );
    let res = call(&mut anna, "newsletter/confirm", &[("token", token.clone())]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(state_of(&db, "anna@example.it").await, ["active"]);
    call(&mut anna, "newsletter/confirm", &[("token", token)]).await;
    let proof = consents(&db, "anna@example.it").await;
    assert_eq!(proof.len(), 2, "{proof:?}");
    assert_eq!(
        (proof[0].0.as_str(), proof[0].1.as_str()),
        ("requested", "form")
    );
    assert_eq!(
        (proof[1].0.as_str(), proof[1].1.as_str()),
        ("confirmed", "link")
    );
    assert!(proof
        .iter()
        .all(|p| p.2 == app::newsletter::model::NOTICE_VERSION));

    // A link past its week is said to be expired.
    call(
        &mut anna,
        "newsletter/subscribe",
        &ask("bruno@example.it", true),
    )
    .await;
    let (_, late) = last_mail_link(&db, "bruno@example.it").await.unwrap();
    state.clock.advance(chrono::Duration::days(8));
    let res = call(
        &mut anna,
        "newsletter/confirm",
        &[("token", token_of(&late))],
    )
    .await;
    assert_eq!(
        res.error(),
        Some(AppError::Refused(app::i18n::T::NewsletterLinkExpired))
    );
    assert!(state_of(&db, "bruno@example.it")
        .await
        .iter()
        .all(|s| s != "active"));

    // The preferences page of a mail shows the address half hidden.
    let (id,): (i64,) = db
        .fetch_one(sql(
            "SELECT id FROM newsletter_subscriber WHERE email = 'anna@example.it'",
        ))
        .await
        .unwrap();
    let prefs = common::newsletter::preferences_token(&db, id).await;
    let res = call(
        &mut anna,
        "newsletter/preferences",
        &[("token", prefs.clone())],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json()["email"], "a…@example.it");
    let forged = format!("{}-{}", id + 1, prefs.split_once('-').unwrap().1);
    let res = call(&mut anna, "newsletter/preferences", &[("token", forged)]).await;
    assert_eq!(
        res.error(),
        Some(AppError::Refused(app::i18n::T::NewsletterLinkUnknown))
    );

    // One click, as a mail client does it: from elsewhere, no cookie, no Origin.
    let leave = common::newsletter::leave_token(&db, id, list.parse().unwrap()).await;
    let mut mail_client = Client::new(&app, "198.51.100.7");
    mail_client.origin = None;
    let post = |token: &str| {
        axum::http::Request::post(format!("/newsletter/uscita/{token}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
            .unwrap()
    };
    let res = mail_client.send(post(&leave.replace('-', "-0"))).await;
    assert_eq!(
        res.status,
        StatusCode::NOT_FOUND,
        "a forged token leaves nobody"
    );
    let res = mail_client.send(post(&leave)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.headers.get("location").is_none(),
        "no redirect (RFC 8058)"
    );
    assert_eq!(state_of(&db, "anna@example.it").await, ["left"]);
    let proof = consents(&db, "anna@example.it").await;
    assert_eq!(proof.len(), 3, "the history stays and grows: {proof:?}");
    assert_eq!(
        (proof[2].0.as_str(), proof[2].1.as_str()),
        ("left", "one-click")
    );
    // Any other cross-site POST is still refused.
    let res = mail_client
        .send(
            axum::http::Request::post("/lang")
                .body(axum::body::Body::from("lang=en"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // From the preferences page she takes the list back, without a new confirmation.
    let res = call(
        &mut anna,
        "newsletter/choose",
        &[("token", prefs), ("liste[]", list.clone())],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(state_of(&db, "anna@example.it").await, ["active"]);
    // …but not a list of another ente.
    let token = common::newsletter::preferences_token(&db, id).await;
    let res = call(
        &mut anna,
        "newsletter/choose",
        &[("token", token), ("liste[]", theirs_again(&db).await)],
    )
    .await;
    assert_eq!(fields_of(&res), ["liste"]);

    // A list she never confirmed is not to be taken from a (perhaps forwarded) mail.
    let (culture,): (i64,) = db
        .fetch_one(sql(
            "SELECT l.id FROM newsletter_list l JOIN ente e ON e.id = l.ente_id
                         WHERE e.slug = 'lugo' AND NOT l.is_general",
        ))
        .await
        .unwrap();
    let token = common::newsletter::preferences_token(&db, id).await;
    let res = call(
        &mut anna,
        "newsletter/choose",
        &[
            ("token", token),
            ("liste[]", list.clone()),
            ("liste[]", culture.to_string()),
        ],
    )
    .await;
    assert_eq!(
        res.error().and_then(|e| e.field("liste")),
        Some(app::i18n::T::NewsletterNeedsConfirmation)
    );

    // A confirmation link sent before she left does not bring her back.
    call(
        &mut anna,
        "newsletter/subscribe",
        &ask("anna@example.it", true),
    )
    .await;
    let (_, older) = last_mail_link(&db, "anna@example.it").await.unwrap();
    let res = mail_client.send(post(&leave)).await;
    assert_eq!(res.status, StatusCode::OK);
    let res = call(
        &mut anna,
        "newsletter/confirm",
        &[("token", token_of(&older))],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(state_of(&db, "anna@example.it").await, ["left"]);

    // A signed-in citizen finds her lists on her account's page.
    let mut sara = signed_in(&app, SARA, "203.0.113.42").await;
    let res = sara.call("newsletter/mine", &[]).await;
    assert_eq!(
        res.json()["enti"].as_array().map(Vec::len),
        Some(0),
        "{}",
        res.body
    );
    let (lugo,): (app::ids::EnteId,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
        .await
        .unwrap();
    common::newsletter::subscriber(&db, lugo, SARA).await;
    let res = sara.call("newsletter/mine", &[]).await;
    let enti = res.json()["enti"].clone();
    assert_eq!(enti[0]["ente_name"], "Comune di Lugo", "{enti}");
    assert!(enti[0]["preferences"]
        .as_str()
        .unwrap()
        .starts_with("/lugo/newsletter/preferenze?token="));
});

async fn theirs_again(db: &Db) -> String {
    let (cotignola,): (app::ids::EnteId,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'cotignola'"))
        .await
        .unwrap();
    common::newsletter::general_list(db, cotignola)
        .await
        .to_string()
}
