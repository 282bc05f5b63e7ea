//! Accounts attacked from outside, on both databases: floods of bogus resets and
//! logins from many addresses (the hashing stays within its bound and pages keep
//! answering), racing the login lockout and using it to lock the owner out, trying
//! passwords on a stolen session's deletion form, and using someone else's
//! invitation link.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::account::password;
use app::auth::model::{Role, Scope};
use app::db::{sql, Db};
use app::error::AppError;
use app::i18n::T;
use axum::http::StatusCode;
use common::people::{ADMIN, DEMO, MARCO, SARA};
use common::web::{app, last_mail_link, signed_in, token_of, Client};
use tokio::task::JoinSet;

async fn login(c: &mut Client, email: &str, password: &str) -> common::web::Response {
    c.call("account/login", &[("email", email), ("password", password)])
        .await
}

async fn count(db: &Db, query: &'static str, value: &str) -> i64 {
    let (n,): (i64,) = db.fetch_one(sql(query).bind(value)).await.unwrap();
    n
}

// Hole 2: a reset hashed the new password before it looked at the link, and nothing
// bounded how many hashes ran at once.
both!(
    a_flood_of_bogus_resets_and_logins_leaves_pages_answering,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, _) = app(db.clone());
        let hashed_before = password::computed();
        // 200 bogus resets from 200 addresses: refused on the link, none hashed.
        let mut flood = JoinSet::new();
        for i in 0..200 {
            let mut bot = Client::new(&router, &format!("10.20.{}.{}", i / 250, i % 250 + 1));
            flood.spawn(async move {
                bot.call(
                    "account/reset",
                    &[
                        ("token", &format!("{i:064x}")),
                        ("password", "una password lunga abbastanza"),
                        ("password_confirm", "una password lunga abbastanza"),
                    ],
                )
                .await
            });
        }
        let mut visitor = Client::new(&router, "10.30.0.1");
        assert_eq!(visitor.get("/").await.status, StatusCode::OK);
        for res in flood.join_all().await {
            assert_eq!(res.error(), Some(AppError::Refused(T::AccountLinkInvalid)));
        }
        assert_eq!(
            password::computed(),
            hashed_before,
            "no bogus link costs a hash"
        );

        // 200 logins at once from 200 addresses: each costs a check, never more than
        // the bound at once; those that wait too long are told to come back.
        let mut flood = JoinSet::new();
        for i in 0..200 {
            let mut bot = Client::new(&router, &format!("10.21.{}.{}", i / 250, i % 250 + 1));
            flood.spawn(async move {
                login(&mut bot, &format!("nessuno{i}@example.it"), "a caso").await
            });
        }
        // Pages answer meanwhile (the checks run apart from the request threads).
        for page in ["/", "/lugo", "/account/accedi"] {
            let res = visitor.get(page).await;
            assert_eq!(res.status, StatusCode::OK, "{page}");
        }
        let mut busy = 0;
        for res in flood.join_all().await {
            match res.status {
                StatusCode::UNPROCESSABLE_ENTITY => {}
                StatusCode::SERVICE_UNAVAILABLE => {
                    busy += 1;
                    assert!(res.headers.contains_key("retry-after"), "{}", res.body);
                }
                other => panic!("{other}: {}", res.body),
            }
        }
        assert!(password::computed() > hashed_before);
        assert!(
            password::peak() <= password::bound(),
            "{} > {}",
            password::peak(),
            password::bound()
        );
        println!("busy answers: {busy} of 200, bound {}", password::bound());
        // The owner is not held up for long.
        let mut marco = Client::new(&router, "10.30.0.2");
        assert_eq!(login(&mut marco, MARCO, DEMO).await.status, StatusCode::OK);
    }
);

// Hole 3: check, verify, count let a burst pass the limit, and anyone could lock an
// address out from anywhere.
both!(
    the_lockout_counts_before_it_checks_and_stays_where_it_was_earned,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, _) = app(db.clone());
        let checks_before = password::computed();
        let mut burst = JoinSet::new();
        for _ in 0..20 {
            let mut attacker = Client::new(&router, "10.40.0.1");
            burst.spawn(async move { login(&mut attacker, MARCO, "indovino").await });
        }
        let statuses: Vec<StatusCode> = burst.join_all().await.iter().map(|r| r.status).collect();
        let limit = app::auth::ratelimit::LOGIN_FAILURES_PER_ACCOUNT.max;
        let checked = statuses
            .iter()
            .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
            .count();
        assert_eq!(checked as i64, limit, "{statuses:?}");
        // Only as many passwords were checked as the limit allows: a burst cannot
        // try more (before, each of the 20 was checked, and a right one let it in).
        let checks = password::computed() - checks_before;
        assert_eq!(checks as i64, limit, "passwords checked in the burst");
        let failed = count(
            &db,
            "SELECT COUNT(*) FROM audit_log WHERE target_label = $1 AND action = 'login_failed'",
            MARCO,
        )
        .await;
        assert_eq!(failed, limit);
        // Locked from there, even with the right password…
        let mut attacker = Client::new(&router, "10.40.0.1");
        assert_eq!(
            login(&mut attacker, MARCO, DEMO).await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
        // …also from another address of the same IPv6 /64…
        let mut v6 = Client::new(&router, "2001:db8:5:6::1");
        for _ in 0..limit {
            login(&mut v6, MARCO, "indovino").await;
        }
        let mut rotated = Client::new(&router, "2001:db8:5:6:ffff::9");
        assert_eq!(
            login(&mut rotated, MARCO, DEMO).await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
        // …but Marco, from his own address, comes in.
        let mut marco = Client::new(&router, "10.40.0.2");
        assert_eq!(login(&mut marco, MARCO, DEMO).await.status, StatusCode::OK);
    }
);

// Hole 7: the deletion form took wrong passwords without end.
both!(
    deleting_an_account_counts_wrong_passwords,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, _) = app(db.clone());
        let mut thief = signed_in(&router, SARA, "10.50.0.1").await;
        let limit = app::auth::ratelimit::LOGIN_FAILURES_PER_ACCOUNT.max;
        for _ in 0..limit {
            let res = thief
                .call("account/delete", &[("password", "forse questa")])
                .await;
            assert_eq!(
                res.error().and_then(|e| e.field("password")),
                Some(T::ValidationCurrentPassword)
            );
        }
        let res = thief.call("account/delete", &[("password", DEMO)]).await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
        let left = count(
            &db,
            "SELECT COUNT(*) FROM account WHERE email = $1 AND deleted_at IS NULL",
            SARA,
        )
        .await;
        assert_eq!(left, 1, "the account is still there");
    }
);

// Hole 4: an invitation gave its role to whoever was signed in.
both!(
    an_invitation_is_only_for_the_address_it_was_sent_to,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, _) = app(db.clone());
        let mut admin = signed_in(&router, ADMIN, "10.60.0.1").await;
        let res = admin
            .call(
                "team/invite",
                &[
                    ("scope", "ente:lugo"),
                    ("email", "Nuova.Operatrice@Example.it"),
                    ("role", "ente_operator"),
                    ("message", ""),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let (_, link) = last_mail_link(&db, "nuova.operatrice@example.it")
            .await
            .expect("the invitation");
        let token = token_of(&link);
        // Forwarded to Sara, signed in with her own account: refused, nothing granted.
        let mut sara = signed_in(&router, SARA, "10.60.0.2").await;
        let res = sara.call("invitation/accept", &[("token", &token)]).await;
        assert_eq!(res.error(), Some(AppError::Refused(T::InviteOtherAccount)));
        let (id,): (i64,) = db
            .fetch_one(sql("SELECT id FROM account WHERE email = $1").bind(SARA))
            .await
            .unwrap();
        let grants = app::auth::session::grants(&db, app::ids::AccountId(id))
            .await
            .unwrap();
        assert!(
            !grants.iter().any(|g| g.role == Role::EnteOperator),
            "{grants:?}"
        );
        assert!(grants.iter().all(|g| !matches!(g.scope, Scope::Ente(_))));
    }
);
