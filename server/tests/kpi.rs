//! KPIs, the strategy and the policies through the router, on both databases:
//! a realistic Meta export (UTF-16, Excel's `sep=` line, month-first dates) is
//! uploaded, mapped (the mapping is saved for the platform and proposed next time)
//! and charted; a malformed Italian export is refused naming each line and column,
//! and nothing is imported; manual entry; the strategy's versions and objectives
//! (targets drawn on the charts); the external policy online as a public page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use chrono::{Datelike, Duration, Utc};
use chrono_tz::Europe::Rome;
use common::people::{MARCO, SARA};
use common::social::{call, channel, count, ok};
use common::web::{app, signed_in, Client};

/// Uploads a file for a channel; where the server sends the browser next.
async fn upload(c: &mut Client, channel: i64, name: &str, bytes: &[u8]) -> String {
    let res = c
        .post_multipart(
            "/gestione/lugo/social/kpi/carica",
            &[("channel", &channel.to_string())],
            &[(name, bytes)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    Client::location(&res)
}

fn utf16(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend(u.to_le_bytes());
    }
    out
}

/// A Rome day `days` ago, and how Meta writes it (month first).
fn ago(days: i64) -> (chrono::NaiveDate, String) {
    let d = (Utc::now().with_timezone(&Rome) - Duration::days(days)).date_naive();
    (d, d.format("%m/%d/%Y 10:30").to_string())
}

/// The import form's fields from a mapping page, as the browser would send them.
fn mapping_fields(page: &serde_json::Value) -> Vec<(&'static str, String)> {
    let m = &page[0]["mapping"];
    let mut f = vec![
        ("token", page[0]["token"].as_str().unwrap().to_string()),
        ("date", m["date"].as_str().unwrap().to_string()),
        ("post", m["post"].as_str().unwrap().to_string()),
        ("link", m["link"].as_str().unwrap().to_string()),
        ("text", m["text"].as_str().unwrap().to_string()),
        (
            "order",
            m["order"]
                .as_str()
                .map(|o| if o == "MonthFirst" { "mdy" } else { "dmy" })
                .unwrap_or("")
                .to_string(),
        ),
    ];
    for pair in m["metrics"].as_array().unwrap() {
        let key: &'static str = match pair[0].as_str().unwrap() {
            "Followers" => "followers[]",
            "Reach" => "reach[]",
            "Impressions" => "impressions[]",
            "Engagements" => "engagements[]",
            "Clicks" => "clicks[]",
            _ => "views[]",
        };
        for col in pair[1].as_array().unwrap() {
            f.push((key, col.as_str().unwrap().to_string()));
        }
    }
    f
}

both!(
    a_meta_export_becomes_charts_and_its_mapping_is_kept,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.8.0.1").await;
        let fb = channel(&mut marco, "Facebook").await;
        let (d1, t1) = ago(5);
        let (_, t2) = ago(4);
        let (_, t3) = ago(3);
        let csv = format!(
        "sep=,\nPost ID,Page ID,Page name,Title,Description,Publish time,Permalink,Post type,Views,Reach,Reactions,Comments,Shares,Total clicks\n\
         9001,123,Comune di Lugo,,\"Lavori in viale Orsini, come cambia la viabilità\",{t1},https://www.facebook.com/comunedilugo/posts/9001,Photos,\"5,120\",\"3,210\",140,22,31,96\n\
         9002,123,Comune di Lugo,,Mercatino di Natale in Pavaglione,{t2},https://www.facebook.com/comunedilugo/posts/9002,Photos,\"2,400\",\"1,650\",80,5,12,40\n\
         9003,123,Comune di Lugo,,Allerta meteo arancione,{t3},https://www.facebook.com/comunedilugo/posts/9003,Links,\"9,900\",\"7,020\",60,48,210,350\n"
    );
        let posts = count(&db, "SELECT COUNT(*) FROM kpi_post").await;
        let next = upload(&mut marco, fb, "Post-Facebook.csv", &utf16(&csv)).await;
        let token = next.rsplit('/').next().unwrap().to_string();
        assert!(
            next.starts_with("/gestione/lugo/social/kpi/importa/"),
            "{next}"
        );
        let page = ok(
            &mut marco,
            "social/kpi-import-page",
            &[("token", token.clone())],
        )
        .await;
        assert_eq!(page[0]["rows"], 3);
        assert_eq!(page[0]["saved"], false);
        assert_eq!(page[0]["mapping"]["date"], "Publish time");
        assert_eq!(page[0]["mapping"]["post"], "Post ID");
        let fields = mapping_fields(&page);
        assert!(fields.contains(&("engagements[]", "Shares".to_string())));
        // Someone else's upload is not theirs to see.
        let mut sara = signed_in(&app, SARA, "10.8.0.2").await;
        assert_eq!(
            call(
                &mut sara,
                "social/kpi-import-page",
                &[("token", token.clone())]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );

        let done = ok(&mut marco, "social/kpi-import", &fields).await;
        assert_eq!(done, "/gestione/lugo/social/kpi?importate=3");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM kpi_post").await, posts + 3);
        let (reach, engagements): (f64, f64) = db
            .fetch_one(sql(
                "SELECT reach, engagements FROM kpi_post WHERE post_key = '9001'",
            ))
            .await
            .unwrap();
        assert_eq!((reach, engagements), (3210.0, 193.0));
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'kpi_imported'"
            )
            .await,
            1
        );

        // The charts carry it: this month's reach, the best posts, the import listed.
        let kpi = ok(
            &mut marco,
            "social/kpi",
            &[("channel", fb.to_string()), ("refused", String::new())],
        )
        .await;
        let month = format!("{:04}-{:02}", d1.year(), d1.month());
        let this = kpi["months"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["month"] == month)
            .unwrap()
            .clone();
        assert!(this["reach"].as_f64().unwrap() >= 3210.0 + 1650.0 + 7020.0 - 1.0);
        assert_eq!(kpi["charts"].as_array().unwrap().len(), 3);
        assert_eq!(kpi["charts"][1]["bars"].as_array().unwrap().len(), 12);
        assert_eq!(kpi["top"][0]["text"], "Allerta meteo arancione");
        assert_eq!(kpi["imports"][0]["file_name"], "Post-Facebook.csv");
        // The strategy's Facebook followers target is drawn on that channel's chart.
        assert_eq!(kpi["charts"][0]["target"][0], 5800.0);

        // Importing the same posts again updates them; the mapping is proposed as saved.
        let next = upload(
            &mut marco,
            fb,
            "Post-Facebook-2.csv",
            &utf16(&csv.replace("\"3,210\"", "\"3,500\"")),
        )
        .await;
        let token = next.rsplit('/').next().unwrap().to_string();
        let page = ok(&mut marco, "social/kpi-import-page", &[("token", token)]).await;
        assert_eq!(page[0]["saved"], true);
        ok(&mut marco, "social/kpi-import", &mapping_fields(&page)).await;
        assert_eq!(count(&db, "SELECT COUNT(*) FROM kpi_post").await, posts + 3);
        let (reach,): (f64,) = db
            .fetch_one(sql("SELECT reach FROM kpi_post WHERE post_key = '9001'"))
            .await
            .unwrap();
        assert_eq!(reach, 3500.0);
        // The monthly report has the month.
        let report = ok(&mut marco, "social/kpi-report", &[("month", month.clone())]).await;
        assert_eq!(report["month"], month);
        assert!(report["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r[0] == "Facebook Comune di Lugo"));
    }
);

both!(
    a_malformed_export_is_refused_by_line_and_column,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.8.1.1").await;
        let ig = channel(&mut marco, "Instagram").await;
        let day = |n: i64| {
            (Utc::now().with_timezone(&Rome) - Duration::days(n))
                .date_naive()
                .format("%d/%m/%Y")
                .to_string()
        };
        // Italian Excel: semicolons, Windows-1252, day-first dates.
        let text = format!(
        "Data;Follower;Copertura;Interazioni\r\n{};2.410;1.200;88\r\n{};2.415;1.350;91\r\n{};duemila;1.100;70\r\n{};2.430;980;65\r\n31/02/2026;2.431;900;60\r\n",
        day(5), day(4), day(3), day(2)
    );
        let bytes: Vec<u8> = text.bytes().collect();
        let values = count(&db, "SELECT COUNT(*) FROM kpi_value").await;
        let imports = count(&db, "SELECT COUNT(*) FROM kpi_import").await;
        let next = upload(&mut marco, ig, "insights-instagram.csv", &bytes).await;
        let token = next.rsplit('/').next().unwrap().to_string();
        let page = ok(
            &mut marco,
            "social/kpi-import-page",
            &[("token", token.clone())],
        )
        .await;
        assert_eq!(page[0]["mapping"]["date"], "Data");
        let res = call(&mut marco, "social/kpi-import", &mapping_fields(&page)).await;
        assert_eq!(
            res.error(),
            Some(app::error::AppError::Refused(
                app::i18n::T::KpiImportRefused
            ))
        );
        // Nothing was written; the problems wait on the mapping page, line by line.
        assert_eq!(count(&db, "SELECT COUNT(*) FROM kpi_value").await, values);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM kpi_import").await, imports);
        let page = ok(&mut marco, "social/kpi-import-page", &[("token", token)]).await;
        let problems: Vec<(i64, String, String)> = page[1]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["line"].as_i64().unwrap(),
                    p["column"].as_str().unwrap().to_string(),
                    p["value"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            problems,
            vec![
                (4, "Follower".to_string(), "duemila".to_string()),
                (6, "Data".to_string(), "31/02/2026".to_string())
            ]
        );

        // A file whose lines do not fit its header is refused at upload, naming them.
        let broken = "Data,Follower\n2026-11-01,10\n2026-11-02\n2026-11-03,12,5\n";
        let next = upload(&mut marco, ig, "rotto.csv", broken.as_bytes()).await;
        assert!(
            next.starts_with("/gestione/lugo/social/kpi?rifiutato="),
            "{next}"
        );
        let refused = next.split("rifiutato=").nth(1).unwrap().to_string();
        let kpi = ok(
            &mut marco,
            "social/kpi",
            &[("channel", String::new()), ("refused", refused)],
        )
        .await;
        let lines: Vec<i64> = kpi["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["line"].as_i64().unwrap())
            .collect();
        assert_eq!(lines, vec![3, 4]);
        // Not a text file at all.
        let next = upload(
            &mut marco,
            ig,
            "grafico.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        )
        .await;
        let refused = next.split("rifiutato=").nth(1).unwrap().to_string();
        let kpi = ok(
            &mut marco,
            "social/kpi",
            &[("channel", String::new()), ("refused", refused)],
        )
        .await;
        assert_eq!(kpi["problems"][0]["problem"], "ImportNotText");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM kpi_value").await, values);

        // Typed in: a future day and a word are refused; a number is kept.
        let tomorrow = (Utc::now().with_timezone(&Rome) + Duration::days(1))
            .date_naive()
            .to_string();
        let res = call(
            &mut marco,
            "social/kpi-entry",
            &[
                ("channel", ig.to_string()),
                ("day", tomorrow),
                ("followers", "2500".into()),
            ],
        )
        .await;
        assert!(
            matches!(res.error(), Some(app::error::AppError::Invalid(f)) if f[0].field == "day")
        );
        let today = Utc::now().with_timezone(&Rome).date_naive().to_string();
        let res = call(
            &mut marco,
            "social/kpi-entry",
            &[
                ("channel", ig.to_string()),
                ("day", today.clone()),
                ("reach", "molta".into()),
            ],
        )
        .await;
        assert!(
            matches!(res.error(), Some(app::error::AppError::Invalid(f)) if f[0].field == "reach")
        );
        ok(
            &mut marco,
            "social/kpi-entry",
            &[
                ("channel", ig.to_string()),
                ("day", today),
                ("followers", "2.512".into()),
            ],
        )
        .await;
        let kpi = ok(
            &mut marco,
            "social/kpi",
            &[("channel", ig.to_string()), ("refused", String::new())],
        )
        .await;
        assert_eq!(kpi["months"][11]["followers"], 2512.0);
        // Outsiders upload nothing.
        let mut sara = signed_in(&app, SARA, "10.8.1.2").await;
        let res = sara
            .post_multipart(
                "/gestione/lugo/social/kpi/carica",
                &[("channel", &ig.to_string())],
                &[("a.csv", b"Data,Follower\n2026-11-01,1\n")],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
);

both!(
    the_strategy_keeps_its_versions_and_the_policy_goes_online,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.8.2.1").await;
        let page = ok(&mut marco, "social/strategy", &[]).await;
        assert_eq!(page["doc"]["latest"], 2);
        assert_eq!(
            page["doc"]["history"][0]["changed"],
            serde_json::json!(["Channels"])
        );
        let sections = |tone: &str| {
            let s = &page["doc"]["sections"];
            let text = |i: usize| s[i]["source"].as_str().unwrap().to_string();
            vec![
                ("kind", "strategy".to_string()),
                ("sections[audiences]", text(0)),
                ("sections[tone]", tone.to_string()),
                ("sections[channels]", text(2)),
                ("sections[body]", text(3)),
                ("note", "Tono più diretto".to_string()),
            ]
        };
        let same = sections(page["doc"]["sections"][1]["source"].as_str().unwrap());
        let res = call(&mut marco, "social/save-doc", &same).await;
        assert_eq!(
            res.error(),
            Some(app::error::AppError::Refused(
                app::i18n::T::StrategyUnchanged
            ))
        );
        ok(
            &mut marco,
            "social/save-doc",
            &sections("Diretto e cortese."),
        )
        .await;
        let page = ok(&mut marco, "social/strategy", &[]).await;
        assert_eq!(page["doc"]["latest"], 3);
        assert_eq!(
            page["doc"]["history"][0]["changed"],
            serde_json::json!(["Tone"])
        );
        assert_eq!(page["doc"]["history"][0]["author"], "Marco Bassi");
        assert_eq!(page["doc"]["history"][0]["note"], "Tono più diretto");
        let old = ok(&mut marco, "social/strategy", &[("version", "1".into())]).await;
        assert_eq!(old["doc"]["version"], 1);
        assert!(!old["doc"]["sections"][2]["source"]
            .as_str()
            .unwrap()
            .contains("Telegram"));

        // Objectives: a target must be a positive number, a rate at most 100.
        let objective = |target: &str, goal: &str| {
            vec![
                ("title", "Più iscritti al canale Telegram".to_string()),
                ("goal", goal.to_string()),
                ("channel", String::new()),
                ("target", target.to_string()),
                ("deadline", "2027-06-30".to_string()),
                ("active", "1".to_string()),
            ]
        };
        for (target, goal, field) in [
            ("zero", "followers", "target"),
            ("-3", "followers", "target"),
            ("120", "engagement_rate", "target"),
            ("100", "fans", "goal"),
        ] {
            let res = call(
                &mut marco,
                "social/save-objective",
                &objective(target, goal),
            )
            .await;
            assert!(
                matches!(res.error(), Some(app::error::AppError::Invalid(ref f)) if f[0].field == field),
                "{target} {goal}: {}",
                res.body
            );
        }
        ok(
            &mut marco,
            "social/save-objective",
            &objective("1.500", "followers"),
        )
        .await;
        let page = ok(&mut marco, "social/strategy", &[]).await;
        assert!(page["objectives"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["target"] == 1500.0));
        assert!(page["changes"].as_array().unwrap().len() >= 2);

        // The external policy: v1 is online; v2 is not until it is put online.
        let public = marco.get("/lugo/social-media-policy").await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(public.body.contains("Non sono ammessi insulti"));
        let policy = ok(&mut marco, "social/policy", &[]).await;
        assert_eq!(policy["external"]["published"], 1);
        let fields = vec![
        ("kind", "policy_external".to_string()),
        ("sections[conduct]", "Sono graditi domande e opinioni espresse con rispetto; non sono ammessi insulti né spam.".to_string()),
        ("sections[moderation]", "I commenti contrari alle regole vengono nascosti.".to_string()),
        ("sections[response_times]", "Rispondiamo entro due giorni lavorativi.".to_string()),
        ("note", "Tempi di risposta aggiornati".to_string()),
    ];
        ok(&mut marco, "social/save-doc", &fields).await;
        let mut anyone = Client::new(&app, "10.8.2.9");
        let public = anyone.get("/lugo/social-media-policy").await;
        assert!(!public.body.contains("entro due giorni lavorativi"));
        ok(
            &mut marco,
            "social/publish-policy",
            &[("version", "2".into())],
        )
        .await;
        let public = anyone.get("/lugo/social-media-policy").await;
        assert!(public.body.contains("entro due giorni lavorativi"));
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'social_policy_published'"
            )
            .await,
            1
        );
        // The ente's footer links it; an ente without one has no such link and answers 404.
        assert!(anyone
            .get("/lugo")
            .await
            .body
            .contains("href=\"/lugo/social-media-policy\""));
        assert!(!anyone
            .get("/bagnacavallo")
            .await
            .body
            .contains("social-media-policy"));
        // A version that does not exist cannot go online.
        let res = anyone
            .call("social/public-policy", &[("ente", "bagnacavallo")])
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        assert_eq!(
            call(
                &mut marco,
                "social/publish-policy",
                &[("version", "99".into())]
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        // Markup in a policy is text, never HTML.
        let mut evil = fields.clone();
        evil[1].1 = "Regole **chiare**.\n\n<script>alert(1)</script>".into();
        ok(&mut marco, "social/save-doc", &evil).await;
        ok(
            &mut marco,
            "social/publish-policy",
            &[("version", "3".into())],
        )
        .await;
        let public = anyone.get("/lugo/social-media-policy").await;
        assert!(!public.body.contains("<script>alert(1)"));
        assert!(public.body.contains("<strong>chiare</strong>"));
    }
);
