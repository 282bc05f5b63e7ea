//! Accounts and sessions end to end through the router, on both databases:
//! registration with the mailed link, login, session fixation, CSRF, rate limits,
//! password reset, logout everywhere, GDPR export and erasure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use app::error::AppError;
use app::i18n::T;
use axum::http::StatusCode;
use common::web::{app, last_mail_link, token_of, Client};

const PASSWORD: &str = "una piazza per tutti";

/// Registers and verifies an account through the pages' server functions.
async fn registered(client: &mut Client, db: &Db, email: &str) {
    let res = client
        .call(
            "account/register",
            &[
                ("email", email),
                ("name", "Maria Rossi"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("privacy", "si"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let (subject, link) = last_mail_link(db, email)
        .await
        .expect("a verification mail");
    assert_eq!(subject, "Conferma il tuo indirizzo email");
    assert!(link.starts_with("/account/verifica?token="), "{link}");
    let res = client
        .call("account/verify", &[("token", &token_of(&link))])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

async fn login(client: &mut Client, email: &str, password: &str) -> common::web::Response {
    client
        .call(
            "account/login",
            &[
                ("email", email),
                ("password", password),
                ("next", "/account"),
            ],
        )
        .await
}

async fn me(client: &mut Client) -> Option<String> {
    let res = client.call("account/me", &[]).await;
    res.json()["email"].as_str().map(String::from)
}

both!(register_verify_login_logout, |db: Db| async move {
    let (app, _) = app(db.clone());
    let mut maria = Client::new(&app, "10.0.0.1");
    registered(&mut maria, &db, "maria@example.it").await;
    // A verification link works once.
    let (_, link) = last_mail_link(&db, "maria@example.it").await.unwrap();
    let again = maria
        .call("account/verify", &[("token", &token_of(&link))])
        .await;
    assert_eq!(
        again.error(),
        Some(AppError::Refused(T::AccountLinkInvalid))
    );

    let wrong = login(&mut maria, "maria@example.it", "non è la password").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong.error(),
        Some(AppError::Refused(T::LoginWrongCredentials))
    );
    assert_eq!(me(&mut maria).await, None);

    let ok = login(&mut maria, "Maria@Example.it", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.json(), "/account");
    let cookie = ok
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("piazza_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_eq!(me(&mut maria).await.as_deref(), Some("maria@example.it"));
    let verified = maria.call("account/me", &[]).await.json()["verified"].as_bool();
    assert_eq!(verified, Some(true));

    maria.call("account/logout", &[]).await;
    assert_eq!(me(&mut maria).await, None);
});

both!(
    registering_a_taken_address_reveals_nothing,
    |db: Db| async move {
        let (app, _) = app(db.clone());
        let mut first = Client::new(&app, "10.0.0.1");
        registered(&mut first, &db, "anna@example.it").await;
        let mut other = Client::new(&app, "10.0.0.2");
        let res = other
            .call(
                "account/register",
                &[
                    ("email", "anna@example.it"),
                    ("name", "Qualcuno"),
                    ("password", "un'altra password"),
                    ("password_confirm", "un'altra password"),
                    ("privacy", "si"),
                ],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::OK,
            "the same answer as for a new address"
        );
        let (subject, link) = last_mail_link(&db, "anna@example.it").await.unwrap();
        assert_eq!(subject, "Hai già un account su Piazza");
        assert_eq!(link, "/account/password-dimenticata");
        let (n,): (i64,) = db
            .fetch_one(sql(
                "SELECT COUNT(*) FROM account WHERE email = 'anna@example.it'",
            ))
            .await
            .unwrap();
        assert_eq!(n, 1);
    }
);

both!(
    every_bad_registration_field_is_reported,
    |db: Db| async move {
        let (app, _) = app(db.clone());
        let mut c = Client::new(&app, "10.0.0.1");
        let res = c
            .call(
                "account/register",
                &[
                    ("email", "non-una-mail"),
                    ("name", "X"),
                    ("password", "corta"),
                    ("password_confirm", "diversa"),
                ],
            )
            .await;
        let Some(AppError::Invalid(fields)) = res.error() else {
            panic!("{}", res.body)
        };
        let problems: Vec<(String, T)> = fields.into_iter().map(|f| (f.field, f.problem)).collect();
        assert_eq!(
            problems,
            vec![
                ("email".into(), T::ValidationEmail),
                ("name".into(), T::ValidationName),
                ("password".into(), T::ValidationPasswordShort),
                ("password_confirm".into(), T::ValidationPasswordMismatch),
                ("privacy".into(), T::ValidationPrivacy),
            ]
        );
        let (n,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM account"))
            .await
            .unwrap();
        assert_eq!(n, 0, "nothing written");
    }
);

both!(session_fixation_is_prevented, |db: Db| async move {
    let (app, _) = app(db.clone());
    let mut victim = Client::new(&app, "10.0.0.1");
    registered(&mut victim, &db, "vittima@example.it").await;
    // An attacker plants a session cookie of their choosing before the victim logs in.
    victim
        .cookies
        .insert("piazza_session".into(), "scelto-dall-attaccante".into());
    let res = login(&mut victim, "vittima@example.it", PASSWORD).await;
    assert_eq!(res.status, StatusCode::OK);
    let issued = victim.session().cloned().unwrap();
    assert_ne!(
        issued, "scelto-dall-attaccante",
        "the server chooses the session token"
    );
    let mut attacker = Client::new(&app, "10.6.6.6");
    attacker
        .cookies
        .insert("piazza_session".into(), "scelto-dall-attaccante".into());
    assert_eq!(me(&mut attacker).await, None);
    // Logging in again rotates the token: the previous one stops working.
    let mut old = Client::new(&app, "10.0.0.1");
    old.cookies.insert("piazza_session".into(), issued.clone());
    login(&mut victim, "vittima@example.it", PASSWORD).await;
    assert_ne!(victim.session(), Some(&issued));
    assert_eq!(
        me(&mut old).await,
        None,
        "the old session ended at the new login"
    );
    assert_eq!(me(&mut victim).await.as_deref(), Some("vittima@example.it"));
    // The database keeps digests, not tokens.
    let (stored,): (String,) = db
        .fetch_one(sql("SELECT token_hash FROM session"))
        .await
        .unwrap();
    assert_ne!(&stored, victim.session().unwrap());
});

both!(cross_site_requests_are_refused, |db: Db| async move {
    let (app, _) = app(db.clone());
    let mut maria = Client::new(&app, "10.0.0.1");
    registered(&mut maria, &db, "maria@example.it").await;
    login(&mut maria, "maria@example.it", PASSWORD).await;

    // A form on another site posting with Maria's cookie.
    let mut forged = maria.clone();
    forged.origin = Some("https://evil.example".into());
    let res = forged.call("account/logout-everywhere", &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // No Origin and no fetch metadata: refused too.
    forged.origin = None;
    let res = forged.call("account/logout-everywhere", &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // A browser's own cross-site marker wins over a matching Origin.
    let req = axum::http::Request::post("/api/account/logout-everywhere")
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(maria.clone().send(req).await.status, StatusCode::FORBIDDEN);
    // A plain HTML form post from elsewhere gets a page that says why.
    let mut forged_form = maria.clone();
    forged_form.origin = Some("https://evil.example".into());
    let res = forged_form.post_form("account/logout", &[], "/").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res
        .body
        .contains("non proviene da una pagina di questo sito"));
    // Nothing happened: Maria is still signed in.
    assert_eq!(me(&mut maria).await.as_deref(), Some("maria@example.it"));
    // The same request from this site works.
    let res = maria.call("account/logout-everywhere", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(me(&mut maria).await, None);
});

both!(
    the_login_rate_limit_engages_and_releases,
    |db: Db| async move {
        let (app, state) = app(db.clone());
        let mut maria = Client::new(&app, "10.0.0.1");
        registered(&mut maria, &db, "maria@example.it").await;
        for _ in 0..5 {
            let res = login(&mut maria, "maria@example.it", "tentativo sbagliato").await;
            assert_eq!(
                res.error(),
                Some(AppError::Refused(T::LoginWrongCredentials))
            );
        }
        // Locked from that address: even the right password is refused, with the
        // wait; from another address Maria still comes in (nobody locks her out).
        let res = login(&mut maria, "maria@example.it", PASSWORD).await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
        let Some(AppError::RateLimited { minutes }) = res.error() else {
            panic!("{}", res.body)
        };
        assert!((1..=15).contains(&minutes), "{minutes}");
        assert!(AppError::RateLimited { minutes }
            .message(app::i18n::Lang::It)
            .contains("minuti"));
        let mut elsewhere = Client::new(&app, "10.0.0.99");
        let res = login(&mut elsewhere, "maria@example.it", PASSWORD).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        // Another account is not affected.
        let mut elsewhere = Client::new(&app, "10.0.0.98");
        registered(&mut elsewhere, &db, "luca@example.it").await;
        assert_eq!(
            login(&mut elsewhere, "luca@example.it", PASSWORD)
                .await
                .status,
            StatusCode::OK
        );
        // The lock expires by itself.
        state.clock.advance(chrono::Duration::minutes(16));
        let res = login(&mut maria, "maria@example.it", PASSWORD).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);

        // Per address: 30 attempts in a window, whatever the accounts.
        let mut bot = Client::new(&app, "10.9.9.9");
        for i in 0..30 {
            let res = login(
                &mut bot,
                &format!("nessuno{i}@example.it"),
                "password a caso",
            )
            .await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "attempt {i}");
        }
        assert_eq!(
            login(&mut bot, "altro@example.it", "password a caso")
                .await
                .status,
            StatusCode::TOO_MANY_REQUESTS
        );
        state.clock.advance(chrono::Duration::minutes(16));
        assert_eq!(
            login(&mut bot, "altro@example.it", "password a caso")
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
);

both!(
    password_reset_by_mail_ends_every_session,
    |db: Db| async move {
        let (app, state) = app(db.clone());
        let mut maria = Client::new(&app, "10.0.0.1");
        registered(&mut maria, &db, "maria@example.it").await;
        login(&mut maria, "maria@example.it", PASSWORD).await;

        let mut other = Client::new(&app, "10.0.0.2");
        // Unknown addresses get the same answer and no mail.
        let res = other
            .call("account/forgot", &[("email", "sconosciuto@example.it")])
            .await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(last_mail_link(&db, "sconosciuto@example.it")
            .await
            .is_none());

        let res = other
            .call("account/forgot", &[("email", "maria@example.it")])
            .await;
        assert_eq!(res.status, StatusCode::OK);
        let (subject, link) = last_mail_link(&db, "maria@example.it").await.unwrap();
        assert_eq!(subject, "Scegli una nuova password");
        let token = token_of(&link);
        let valid = other
            .call(
                "account/link-state",
                &[("token", &token), ("reset", "true")],
            )
            .await;
        assert_eq!(valid.json(), true);

        let short = other
            .call(
                "account/reset",
                &[
                    ("token", &token),
                    ("password", "corta"),
                    ("password_confirm", "corta"),
                ],
            )
            .await;
        assert_eq!(
            short.error().and_then(|e| e.field("password")),
            Some(T::ValidationPasswordShort)
        );
        let res = other
            .call(
                "account/reset",
                &[
                    ("token", &token),
                    ("password", "la nuova password"),
                    ("password_confirm", "la nuova password"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(me(&mut maria).await, None, "the old session ended");
        assert_eq!(
            login(&mut other, "maria@example.it", PASSWORD).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            login(&mut other, "maria@example.it", "la nuova password")
                .await
                .status,
            StatusCode::OK
        );
        // The link is spent, and a fresh one expires after two hours.
        let again = other
            .call(
                "account/reset",
                &[
                    ("token", &token),
                    ("password", "ancora un'altra"),
                    ("password_confirm", "ancora un'altra"),
                ],
            )
            .await;
        assert_eq!(
            again.error(),
            Some(AppError::Refused(T::AccountLinkInvalid))
        );
        other
            .call("account/forgot", &[("email", "maria@example.it")])
            .await;
        let (_, link) = last_mail_link(&db, "maria@example.it").await.unwrap();
        state.clock.advance(chrono::Duration::hours(3));
        let late = other
            .call(
                "account/reset",
                &[
                    ("token", &token_of(&link)),
                    ("password", "ancora un'altra"),
                    ("password_confirm", "ancora un'altra"),
                ],
            )
            .await;
        assert_eq!(late.error(), Some(AppError::Refused(T::AccountLinkInvalid)));
    }
);

both!(
    a_plain_form_post_redirects_and_keeps_the_error,
    |db: Db| async move {
        let (app, _) = app(db.clone());
        let mut maria = Client::new(&app, "10.0.0.1");
        registered(&mut maria, &db, "maria@example.it").await;
        let mut nojs = Client::new(&app, "10.0.0.2");
        let res = nojs
            .post_form(
                "account/login",
                &[
                    ("email", "maria@example.it"),
                    ("password", "sbagliata!!"),
                    ("next", "/account"),
                ],
                "/account/accedi?next=%2Faccount",
            )
            .await;
        assert_eq!(res.status, StatusCode::FOUND);
        let back = res.headers["location"].to_str().unwrap().to_string();
        assert!(
            back.starts_with("http://piazza.test/account/accedi?next=%2Faccount&__path="),
            "{back}"
        );
        let page = nojs
            .get(back.trim_start_matches("http://piazza.test"))
            .await;
        assert!(
            page.body.contains("Email o password non corretti"),
            "the form shows the error"
        );

        let res = nojs
            .post_form(
                "account/login",
                &[
                    ("email", "maria@example.it"),
                    ("password", PASSWORD),
                    ("next", "/account"),
                ],
                "/account/accedi",
            )
            .await;
        assert_eq!(res.status, StatusCode::FOUND);
        assert_eq!(res.headers["location"], "/account");
        assert!(nojs.session().is_some());
        let page = nojs.get("/account").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("maria@example.it"));
    }
);

both!(
    profile_changes_are_validated_and_saved,
    |db: Db| async move {
        let (app, _) = app(db.clone());
        piazza_server::demo::seed(&db).await.unwrap();
        let mut maria = Client::new(&app, "10.0.0.1");
        registered(&mut maria, &db, "maria@example.it").await;
        login(&mut maria, "maria@example.it", PASSWORD).await;
        let (lugo,): (i64,) = db
            .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
            .await
            .unwrap();
        let lugo = lugo.to_string();
        let bad = maria
            .call_raw(
                "account/profile",
                common::web::form(&[
                    ("name", "Maria Rossi"),
                    ("language", "xx"),
                    ("residence", "999999"),
                    ("birth_year", "1850"),
                    ("fiscal_code", "RSSMRA85T10A562T"),
                    ("topics[]", "inesistente"),
                ]),
            )
            .await;
        let Some(AppError::Invalid(fields)) = bad.error() else {
            panic!("{}", bad.body)
        };
        let names: Vec<String> = fields.into_iter().map(|f| f.field).collect();
        assert_eq!(
            names,
            [
                "language",
                "birth_year",
                "fiscal_code",
                "residence",
                "topics"
            ]
        );

        let good = maria
            .call_raw(
                "account/profile",
                common::web::form(&[
                    ("name", "Maria Bianchi"),
                    ("language", "en"),
                    ("residence", &lugo),
                    ("birth_year", "1984"),
                    ("fiscal_code", "rssmra85t10a562s"),
                    ("topics[]", "sviluppo-sostenibile"),
                    ("topics[]", "mobilita-sostenibile"),
                ]),
            )
            .await;
        assert_eq!(good.status, StatusCode::OK, "{}", good.body);
        assert!(
            good.set_cookies()
                .iter()
                .any(|c| c.starts_with("piazza_lang=en")),
            "the interface follows the profile's language"
        );
        let page = maria.call("account/page", &[]).await.json();
        assert_eq!(page["profile"]["name"], "Maria Bianchi");
        assert_eq!(page["profile"]["fiscal_code"], "RSSMRA85T10A562S");
        assert_eq!(
            page["profile"]["topics"],
            serde_json::json!(["mobilita-sostenibile", "sviluppo-sostenibile"])
        );
    }
);

both!(
    erasure_removes_personal_data_and_keeps_the_record,
    |db: Db| async move {
        let (app, _) = app(db.clone());
        piazza_server::demo::seed(&db).await.unwrap();
        let mut maria = Client::new(&app, "10.0.0.1");
        registered(&mut maria, &db, "maria@example.it").await;
        login(&mut maria, "maria@example.it", PASSWORD).await;
        maria
            .call_raw(
                "account/profile",
                common::web::form(&[
                    ("name", "Maria Rossi"),
                    ("language", "it"),
                    ("residence", ""),
                    ("birth_year", "1984"),
                    ("fiscal_code", "RSSMRA85T10A562S"),
                    ("topics[]", "sviluppo-sostenibile"),
                ]),
            )
            .await;
        let (id,): (i64,) = db
            .fetch_one(sql(
                "SELECT id FROM account WHERE email = 'maria@example.it'",
            ))
            .await
            .unwrap();

        // The export carries what Piazza keeps.
        let export = maria.get("/account/dati.json").await;
        assert_eq!(export.status, StatusCode::OK);
        assert!(export.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment"));
        let data = export.json();
        assert_eq!(data["account"]["email"], "maria@example.it");
        assert_eq!(data["account"]["fiscal_code"], "RSSMRA85T10A562S");
        assert_eq!(
            data["account"]["topics"],
            serde_json::json!(["sviluppo-sostenibile"])
        );
        assert!(!data["sessions"].as_array().unwrap().is_empty());
        assert!(data["activity"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["action"] == "login"));
        // Nobody else's: without a session it sends to the login page.
        let mut anonymous = Client::new(&app, "10.0.0.5");
        assert_eq!(
            anonymous.get("/account/dati.json").await.status,
            StatusCode::SEE_OTHER
        );

        let wrong = maria
            .call("account/delete", &[("password", "non è lei")])
            .await;
        assert_eq!(
            wrong.error().and_then(|e| e.field("password")),
            Some(T::ValidationCurrentPassword)
        );
        let res = maria
            .call("account/delete", &[("password", PASSWORD)])
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(me(&mut maria).await, None);

        #[derive(sqlx::FromRow, Debug)]
        struct Left {
            email: String,
            display_name: String,
            password_hash: Option<String>,
            fiscal_code: Option<String>,
            birth_year: Option<i64>,
            email_verified_at: Option<chrono::DateTime<chrono::Utc>>,
            deleted_at: Option<chrono::DateTime<chrono::Utc>>,
        }
        let left: Left = db
        .fetch_one(sql("SELECT email, display_name, password_hash, fiscal_code, birth_year, email_verified_at, deleted_at FROM account WHERE id = $1").bind(id))
        .await
        .unwrap();
        assert_eq!(left.email, format!("deleted-{id}@invalid"));
        assert_eq!(left.display_name, "");
        assert_eq!(
            (left.password_hash, left.fiscal_code, left.birth_year),
            (None, None, None)
        );
        assert!(left.email_verified_at.is_none() && left.deleted_at.is_some());
        for table in ["account_topic", "session", "account_token", "role_grant"] {
            let q = match table {
                "account_topic" => "SELECT COUNT(*) FROM account_topic WHERE account_id = $1",
                "session" => "SELECT COUNT(*) FROM session WHERE account_id = $1",
                "account_token" => "SELECT COUNT(*) FROM account_token WHERE account_id = $1",
                _ => "SELECT COUNT(*) FROM role_grant WHERE account_id = $1",
            };
            let (n,): (i64,) = db.fetch_one(sql(q).bind(id)).await.unwrap();
            assert_eq!(n, 0, "{table}");
        }
        // The audit log keeps what happened, not who it was.
        let (named,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM audit_log WHERE actor_email LIKE '%maria%' OR target_label LIKE '%maria%'"))
        .await
        .unwrap();
        assert_eq!(named, 0);
        let (kept,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM audit_log WHERE actor_id = $1 AND action = 'account_deleted'").bind(id))
        .await
        .unwrap();
        assert_eq!(kept, 1);
        // Only the goodbye mail still names the address, and it is unlinked from the account.
        let (mails,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM outbox WHERE to_address = 'maria@example.it' AND kind <> 'account_deleted'"))
        .await
        .unwrap();
        assert_eq!(mails, 0);
        // Public contributions keep pointing at the row, and show no name any more.
        let author = app::account::repo::author(&db, app::ids::AccountId(id))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(author.label(app::i18n::Lang::It), "Account eliminato");
        assert_eq!(author.label(app::i18n::Lang::En), "Deleted account");
        // The address is free for a new account, and the old password opens nothing.
        assert_eq!(
            login(&mut maria, "maria@example.it", PASSWORD).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        registered(&mut maria, &db, "maria@example.it").await;
    }
);

both!(
    the_language_switch_follows_a_signed_in_person,
    |db: Db| async move {
        let (app, _) = app(db.clone());
        let mut maria = Client::new(&app, "10.0.0.1");
        registered(&mut maria, &db, "maria@example.it").await;
        login(&mut maria, "maria@example.it", PASSWORD).await;
        let req = axum::http::Request::post("/lang")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from("lang=en&next=%2Faccount"))
            .unwrap();
        assert_eq!(maria.send(req).await.status, StatusCode::SEE_OTHER);
        let (language,): (String,) = db
            .fetch_one(sql(
                "SELECT language FROM account WHERE email = 'maria@example.it'",
            ))
            .await
            .unwrap();
        assert_eq!(language, "en");
        // The next login brings English back, whatever the browser prefers.
        let mut elsewhere = Client::new(&app, "10.0.0.2");
        let res = login(&mut elsewhere, "maria@example.it", PASSWORD).await;
        assert!(res
            .set_cookies()
            .iter()
            .any(|c| c.starts_with("piazza_lang=en")));
    }
);

both!(oversized_requests_are_refused, |db: Db| async move {
    let (app, _) = app(db.clone());
    let mut c = Client::new(&app, "10.0.0.1");
    let huge = format!(
        "email=a%40b.it&password={}",
        "x".repeat(piazza_server::router::MAX_BODY + 10)
    );
    // As browsers send it, with its length: refused before it is read.
    let req = axum::http::Request::post("/api/account/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("content-length", huge.len().to_string())
        .body(axum::body::Body::from(huge.clone()))
        .unwrap();
    assert_eq!(c.send(req).await.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Without a length, reading stops at the limit and the call fails.
    let res = c.call_raw("account/login", huge).await;
    assert!(
        res.status.is_server_error() || res.status.is_client_error(),
        "{}",
        res.status
    );
    assert!(c.session().is_none());
});
