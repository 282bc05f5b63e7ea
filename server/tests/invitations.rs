//! Invitations end to end on both databases: an administrator invites, the mail
//! carries the link, a new person accepts by creating an account (signed in at
//! once), an existing one by signing in first; revoked and expired links fail;
//! ente admins appoint only within their ente.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::model::{Grant, Role, Scope};
use app::db::{sql, Db};
use app::error::AppError;
use app::i18n::T;
use app::ids::{AccountId, EnteId};
use axum::http::StatusCode;
use common::web::{app, last_mail_link, token_of, Client};

const PASSWORD: &str = "amministratore-demo";

async fn admin(app: &axum::Router, db: &Db) -> Client {
    piazza_server::admin::create_admin(db, "capo@piazza.test", "Anna", Some(PASSWORD))
        .await
        .unwrap();
    let mut c = Client::new(app, "10.0.0.1");
    let res = c
        .call(
            "account/login",
            &[("email", "capo@piazza.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    c
}

async fn invite(c: &mut Client, scope: &str, email: &str, role: &str) -> common::web::Response {
    c.call(
        "team/invite",
        &[
            ("scope", scope),
            ("email", email),
            ("role", role),
            ("message", "Benvenuta in squadra"),
        ],
    )
    .await
}

async fn grants_of(db: &Db, email: &str) -> Vec<Grant> {
    let (id,): (AccountId,) = db
        .fetch_one(sql("SELECT id FROM account WHERE email = $1").bind(email))
        .await
        .unwrap();
    app::auth::session::grants(db, id).await.unwrap()
}

async fn ente_id(db: &Db, slug: &str) -> EnteId {
    db.fetch_one::<(EnteId,)>(sql("SELECT id FROM ente WHERE slug = $1").bind(slug))
        .await
        .unwrap()
        .0
}

both!(
    an_operator_invitation_is_accepted_with_a_new_account,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut anna = admin(&app, &db).await;
        let res = invite(
            &mut anna,
            "ente:lugo",
            "Sindaca@Lugo.example.it",
            "ente_admin",
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let (subject, link) = last_mail_link(&db, "sindaca@lugo.example.it")
            .await
            .unwrap();
        assert_eq!(subject, "Anna ti invita su Piazza: Comune di Lugo");
        let token = token_of(&link);

        let mut giulia = Client::new(&app, "10.0.0.2");
        let shown = giulia
            .call("invitation/show", &[("token", &token)])
            .await
            .json();
        assert_eq!(shown["state"], "Pending");
        assert_eq!(shown["account_exists"], false);
        assert_eq!(shown["role"], "EnteAdmin");

        let bad = giulia
            .call(
                "invitation/accept",
                &[
                    ("token", &token),
                    ("name", "G"),
                    ("password", "corta"),
                    ("password_confirm", "corta"),
                ],
            )
            .await;
        let Some(AppError::Invalid(fields)) = bad.error() else {
            panic!("{}", bad.body)
        };
        assert_eq!(
            fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(),
            ["name", "password", "privacy"]
        );

        let ok = giulia
            .call(
                "invitation/accept",
                &[
                    ("token", &token),
                    ("name", "Giulia Neri"),
                    ("password", "la squadra di Lugo"),
                    ("password_confirm", "la squadra di Lugo"),
                    ("privacy", "si"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert_eq!(ok.json(), "/gestione/lugo");
        let me = giulia.call("account/me", &[]).await.json();
        assert_eq!(me["email"], "sindaca@lugo.example.it");
        assert_eq!(me["verified"], true, "the invitation proved the address");
        let lugo = ente_id(&db, "lugo").await;
        assert_eq!(
            grants_of(&db, "sindaca@lugo.example.it").await,
            vec![Grant {
                role: Role::EnteAdmin,
                scope: Scope::Ente(lugo)
            }]
        );

        // The link works once.
        let again = Client::new(&app, "10.0.0.3")
            .call("invitation/accept", &[("token", &token)])
            .await;
        assert_eq!(again.error(), Some(AppError::Refused(T::InviteInvalid)));

        // The new ente admin builds her team, within Lugo only.
        assert_eq!(
            invite(&mut giulia, "ente:lugo", "urp@lugo.example.it", "urp")
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            invite(
                &mut giulia,
                "ente:cotignola",
                "x@cotignola.example.it",
                "urp"
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            invite(&mut giulia, "piattaforma", "x@example.it", "platform_admin")
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            invite(&mut giulia, "ente:lugo", "x@example.it", "community_member")
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let bad_email = invite(&mut giulia, "ente:lugo", "non-una-mail", "urp").await;
        assert_eq!(
            bad_email.error().and_then(|e| e.field("email")),
            Some(T::ValidationEmail)
        );
        let team = giulia
            .call("team/page", &[("scope", "ente:lugo")])
            .await
            .json();
        let members: Vec<&str> = team["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|m| m["email"].as_str())
            .collect();
        assert!(members.contains(&"sindaca@lugo.example.it"), "{members:?}");
        assert_eq!(members.len(), 4, "with the demo's three people of Lugo");
        assert_eq!(team["invitations"][0]["email"], "urp@lugo.example.it");
        assert_eq!(
            team["appointable"],
            serde_json::json!([
                "EnteAdmin",
                "EnteOperator",
                "SocialMedia",
                "PressOffice",
                "Urp"
            ])
        );
        // Everything is in the audit log, with the ente.
        let (n,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM audit_log WHERE ente_id = $1 AND action IN ('invited', 'invitation_accepted', 'role_granted')").bind(lugo))
        .await
        .unwrap();
        assert_eq!(n, 4);
    }
);

both!(
    an_existing_account_signs_in_before_accepting,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut anna = admin(&app, &db).await;
        // Luca already has an account.
        let mut luca = Client::new(&app, "10.0.0.2");
        luca.call(
            "account/register",
            &[
                ("email", "luca@example.it"),
                ("name", "Luca Verdi"),
                ("password", "la password di Luca"),
                ("password_confirm", "la password di Luca"),
                ("privacy", "si"),
            ],
        )
        .await;
        invite(
            &mut anna,
            "ente:cotignola",
            "luca@example.it",
            "social_media",
        )
        .await;
        let (_, link) = last_mail_link(&db, "luca@example.it").await.unwrap();
        let token = token_of(&link);
        let shown = luca
            .call("invitation/show", &[("token", &token)])
            .await
            .json();
        assert_eq!(shown["account_exists"], true);
        let refused = luca.call("invitation/accept", &[("token", &token)]).await;
        assert_eq!(
            refused.error(),
            Some(AppError::Refused(T::InviteSignInFirst))
        );
        luca.call(
            "account/login",
            &[
                ("email", "luca@example.it"),
                ("password", "la password di Luca"),
            ],
        )
        .await;
        // Signed in, but his address is not confirmed yet: the role waits for it.
        let early = luca.call("invitation/accept", &[("token", &token)]).await;
        assert_eq!(early.error(), Some(AppError::EmailNotVerified));
        let (body,): (String,) = db
            .fetch_one(
                sql("SELECT body_text FROM outbox WHERE to_address = $1 AND kind = 'verify_email'")
                    .bind("luca@example.it"),
            )
            .await
            .unwrap();
        let verify = body
            .split_whitespace()
            .find(|w| w.contains("token="))
            .unwrap();
        let res = luca
            .call("account/verify", &[("token", &token_of(verify))])
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let ok = luca.call("invitation/accept", &[("token", &token)]).await;
        assert_eq!(ok.json(), "/gestione/cotignola");
        let cotignola = ente_id(&db, "cotignola").await;
        assert_eq!(
            grants_of(&db, "luca@example.it").await,
            vec![Grant {
                role: Role::SocialMedia,
                scope: Scope::Ente(cotignola)
            }]
        );
    }
);

both!(
    revoked_and_expired_invitations_open_nothing,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, state) = app(db.clone());
        let mut anna = admin(&app, &db).await;
        invite(&mut anna, "ente:lugo", "revocata@example.it", "urp").await;
        let (_, revoked) = last_mail_link(&db, "revocata@example.it").await.unwrap();
        let (id,): (i64,) = db
            .fetch_one(sql(
                "SELECT id FROM invitation WHERE email = 'revocata@example.it'",
            ))
            .await
            .unwrap();
        let res = anna
            .call("team/revoke-invitation", &[("id", &id.to_string())])
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        invite(&mut anna, "ente:lugo", "scaduta@example.it", "urp").await;
        let (_, expired) = last_mail_link(&db, "scaduta@example.it").await.unwrap();
        // A second invitation to the same address and role replaces the first.
        invite(&mut anna, "ente:lugo", "doppia@example.it", "urp").await;
        let (_, first) = last_mail_link(&db, "doppia@example.it").await.unwrap();
        invite(&mut anna, "ente:lugo", "doppia@example.it", "urp").await;
        let (_, second) = last_mail_link(&db, "doppia@example.it").await.unwrap();
        assert_ne!(first, second);
        state.clock.advance(chrono::Duration::days(8));
        for (link, state_name) in [
            (revoked, "Revoked"),
            (expired, "Expired"),
            (first, "Revoked"),
        ] {
            let mut someone = Client::new(&app, "10.0.0.9");
            let shown = someone
                .call("invitation/show", &[("token", &token_of(&link))])
                .await
                .json();
            assert_eq!(shown["state"], state_name);
            let res = someone
                .call(
                    "invitation/accept",
                    &[
                        ("token", &token_of(&link)),
                        ("name", "Qualcuno"),
                        ("password", "una password lunga"),
                        ("password_confirm", "una password lunga"),
                        ("privacy", "si"),
                    ],
                )
                .await;
            assert_eq!(res.error(), Some(AppError::Refused(T::InviteInvalid)));
        }
        let (accounts,): (i64,) =
            db.fetch_one(sql("SELECT COUNT(*) FROM account WHERE email IN \
                 ('revocata@example.it', 'scaduta@example.it', 'doppia@example.it')"))
                .await
                .unwrap();
        assert_eq!(accounts, 0, "no link opened an account");
        // A made-up token is simply invalid.
        let res = Client::new(&app, "10.0.0.9")
            .call("invitation/show", &[("token", "inventato")])
            .await;
        assert_eq!(res.error(), Some(AppError::Refused(T::InviteInvalid)));
    }
);

both!(
    roles_are_revoked_but_never_the_last_platform_admin,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut anna = admin(&app, &db).await;
        invite(&mut anna, "ente:lugo", "urp@lugo.example.it", "urp").await;
        let (_, link) = last_mail_link(&db, "urp@lugo.example.it").await.unwrap();
        let mut urp = Client::new(&app, "10.0.0.2");
        urp.call(
            "invitation/accept",
            &[
                ("token", &token_of(&link)),
                ("name", "Ufficio URP"),
                ("password", "relazioni con il pubblico"),
                ("password_confirm", "relazioni con il pubblico"),
                ("privacy", "si"),
            ],
        )
        .await;
        let (grant,): (i64,) = db.fetch_one(sql("SELECT g.id FROM role_grant g JOIN account a ON a.id = g.account_id WHERE a.email = 'urp@lugo.example.it'")).await.unwrap();
        // The operator cannot remove roles, not even their own.
        assert_eq!(
            urp.call("team/revoke-role", &[("grant_id", &grant.to_string())])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            anna.call("team/revoke-role", &[("grant_id", &grant.to_string())])
                .await
                .status,
            StatusCode::OK
        );
        assert!(grants_of(&db, "urp@lugo.example.it").await.is_empty());
        assert_eq!(
            urp.call("team/page", &[("scope", "ente:lugo")])
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Anna is the only platform admin once the demo's has gone.
        db.execute(sql(
            "DELETE FROM role_grant WHERE role = 'platform_admin' AND account_id IN \
                        (SELECT id FROM account WHERE email <> 'capo@piazza.test')",
        ))
        .await
        .unwrap();
        let (own,): (i64,) = db
            .fetch_one(sql(
                "SELECT id FROM role_grant WHERE role = 'platform_admin'",
            ))
            .await
            .unwrap();
        let res = anna
            .call("team/revoke-role", &[("grant_id", &own.to_string())])
            .await;
        assert_eq!(res.error(), Some(AppError::Refused(T::TeamLastAdmin)));
        let (logged,): (i64,) = db
            .fetch_one(sql(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'role_revoked'",
            ))
            .await
            .unwrap();
        assert_eq!(logged, 1);
    }
);
