//! The social-media team's editorial plan through the router, on both databases:
//! an item drafted for three channels, its texts checked against each channel's
//! limit, approved by a colleague (never by its author), shown in the calendar and
//! in the CSV and iCalendar exports; recurring items, conflicts and gaps, moving by
//! day, re-using the site's news, and the channels' own checks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use chrono::{Datelike, Duration, Utc};
use chrono_tz::Europe::Rome;
use common::people::{GIULIA, MARCO, SARA};
use common::social::{call, channel, count, ok};
use common::web::{app, notifications, signed_in, Client};

fn error(res: &common::web::Response) -> app::error::AppError {
    res.error()
        .unwrap_or_else(|| panic!("expected an error: {} {}", res.status, res.body))
}

/// `datetime-local` text for `days` from today at `hour`, Rome time.
fn local(days: i64, hour: u32) -> String {
    let day = (Utc::now().with_timezone(&Rome) + Duration::days(days)).date_naive();
    format!("{day}T{hour:02}:00")
}

fn id_from(path: &serde_json::Value) -> i64 {
    let path = path.as_str().unwrap();
    let tail = path.rsplit('/').next().unwrap();
    tail.split('?').next().unwrap().parse().unwrap()
}

both!(
    an_item_goes_out_after_a_colleague_approves_it,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.9.0.1").await;
        let mut giulia = signed_in(&app, GIULIA, "10.9.0.2").await;
        let mut sara = signed_in(&app, SARA, "10.9.0.3").await;
        let (fb, ig, x) = (
            channel(&mut marco, "Facebook").await,
            channel(&mut marco, "Instagram").await,
            channel(&mut marco, "X").await,
        );
        let items = count(&db, "SELECT COUNT(*) FROM editorial_item").await;
        let planned = local(10, 9);
        let mut fields = vec![
            ("title", "Open day del nido comunale".to_string()),
            ("campaign", "Servizi educativi".to_string()),
            ("planned", planned.clone()),
            ("due", String::new()),
            (
                Box::leak(format!("texts[{fb}]").into_boxed_str()),
                "Sabato open day al nido Il Girasole: visite guidate dalle 9 alle 12.".to_string(),
            ),
            (
                Box::leak(format!("texts[{ig}]").into_boxed_str()),
                "Open day al nido 🌻 sabato 9-12".to_string(),
            ),
            (
                Box::leak(format!("texts[{x}]").into_boxed_str()),
                "é".repeat(281),
            ),
        ];

        // X counts 281 characters: refused at that text, with the limit, and nothing saved.
        let res = call(&mut marco, "social/save-item", &fields).await;
        match error(&res) {
            app::error::AppError::Invalid(problems) => {
                assert_eq!(problems.len(), 1, "{problems:?}");
                assert_eq!(problems[0].field, format!("texts[{x}]"));
                assert_eq!(problems[0].limit, Some(280));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM editorial_item").await,
            items
        );
        // A link counts 23 on X, whatever its length.
        fields[6].1 = format!(
        "Open day al nido comunale, sabato dalle 9 alle 12: {}",
        "https://www.comune.lugo.ra.it/notizie/open-day-nido-il-girasole-visite-guidate-sabato-mattina"
    );
        let id = id_from(&ok(&mut marco, "social/save-item", &fields).await);
        let page = ok(&mut marco, "social/item", &[("id", id.to_string())]).await;
        assert_eq!(page["state"], "Draft");
        assert_eq!(page["planned_input"], planned);
        let written: Vec<i64> = page["texts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["body"] != "")
            .map(|t| t["channel"]["id"].as_i64().unwrap())
            .collect();
        assert_eq!(written.len(), 3);
        assert!(written.contains(&fb) && written.contains(&ig) && written.contains(&x));

        // Marco sends it for review; Giulia hears of it; Marco may not approve his own.
        ok(
            &mut marco,
            "social/step",
            &[("id", id.to_string()), ("step", "submit".into())],
        )
        .await;
        assert!(notifications(&db, GIULIA, "editorial_review")
            .await
            .iter()
            .any(|t| t.contains("Open day del nido comunale")));
        let res = call(
            &mut marco,
            "social/step",
            &[("id", id.to_string()), ("step", "approve".into())],
        )
        .await;
        assert_eq!(
            error(&res),
            app::error::AppError::Refused(app::i18n::T::EditorialOwnApproval)
        );
        let page = ok(&mut marco, "social/item", &[("id", id.to_string())]).await;
        assert!(!page["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Approve"));
        // Sending it back needs a reason.
        let res = call(
            &mut giulia,
            "social/step",
            &[("id", id.to_string()), ("step", "return".into())],
        )
        .await;
        assert!(matches!(error(&res), app::error::AppError::Invalid(f) if f[0].field == "note"));
        ok(
            &mut giulia,
            "social/step",
            &[
                ("id", id.to_string()),
                ("step", "approve".into()),
                ("note", "Perfetto.".into()),
            ],
        )
        .await;
        assert_eq!(
            notifications(&db, MARCO, "editorial_decided").await.len(),
            1
        );
        let page = ok(&mut marco, "social/item", &[("id", id.to_string())]).await;
        assert_eq!(page["state"], "Approved");
        assert_eq!(page["approved_by"], "Giulia Neri");
        assert_eq!(page["notes"].as_array().unwrap().len(), 2);
        // Approved texts do not change; a step out of order is refused.
        let res = call(
            &mut marco,
            "social/save-item",
            &[fields.clone(), vec![("id", id.to_string())]].concat(),
        )
        .await;
        assert_eq!(
            error(&res),
            app::error::AppError::Refused(app::i18n::T::EditorialNotEditable)
        );
        let res = call(
            &mut marco,
            "social/step",
            &[("id", id.to_string()), ("step", "submit".into())],
        )
        .await;
        assert_eq!(
            error(&res),
            app::error::AppError::Refused(app::i18n::T::EditorialStepNotNow)
        );

        // In the calendar of its month, on its day, with its three channels.
        let day = (Utc::now().with_timezone(&Rome) + Duration::days(10)).date_naive();
        let plan = ok(
            &mut marco,
            "social/plan",
            &[
                ("view", "mese".into()),
                ("day", day.to_string()),
                ("channel", String::new()),
                ("state", String::new()),
            ],
        )
        .await;
        let entry = plan["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .expect("in the calendar")
            .clone();
        assert_eq!(entry["day"], day.to_string());
        assert_eq!(entry["time"], "09:00");
        assert_eq!(entry["tags"].as_array().unwrap().len(), 3);
        // Filtered by another channel, it is not there.
        let tg = channel(&mut marco, "Telegram").await;
        let filtered = ok(
            &mut marco,
            "social/plan",
            &[
                ("view", "mese".into()),
                ("day", day.to_string()),
                ("channel", tg.to_string()),
                ("state", String::new()),
            ],
        )
        .await;
        assert!(!filtered["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == id));

        // Published, with its link (a link is required).
        let res = call(
            &mut marco,
            "social/step",
            &[
                ("id", id.to_string()),
                ("step", "publish".into()),
                ("link", "non un link".into()),
            ],
        )
        .await;
        assert!(matches!(error(&res), app::error::AppError::Invalid(f) if f[0].field == "link"));
        ok(
            &mut marco,
            "social/step",
            &[
                ("id", id.to_string()),
                ("step", "publish".into()),
                (
                    "link",
                    "https://www.facebook.com/comunedilugo/posts/42".into(),
                ),
            ],
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'editorial_step'"
            )
            .await,
            3
        );

        // The exports: one CSV row per channel; one event with a stable UID.
        let csv = marco.get("/gestione/lugo/social/piano.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        let mut reader =
            csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<csv::StringRecord> = reader
            .records()
            .map(Result::unwrap)
            .filter(|r| r.get(0) == Some(id.to_string().as_str()))
            .collect();
        assert_eq!(rows.len(), 3);
        assert!(rows
            .iter()
            .all(|r| r.get(1) == Some(day.to_string().as_str())));
        assert!(rows
            .iter()
            .all(|r| r.get(13) == Some("https://www.facebook.com/comunedilugo/posts/42")));
        let ics = marco.get("/gestione/lugo/social/piano.ics").await;
        assert_eq!(ics.status, StatusCode::OK);
        assert!(ics.body.starts_with("BEGIN:VCALENDAR"));
        let unfolded = ics.body.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("UID:editorial-{id}@")));
        assert!(unfolded.contains("SUMMARY:Open day del nido comunale"));
        let again = marco.get("/gestione/lugo/social/piano.ics").await;
        assert_eq!(again.body, ics.body, "the same plan gives the same file");
        // Others get nothing.
        assert_eq!(
            sara.get("/gestione/lugo/social/piano.csv").await.status,
            StatusCode::FORBIDDEN
        );
        let mut nobody = Client::new(&app, "10.9.0.9");
        assert_eq!(
            nobody.get("/gestione/lugo/social/piano.ics").await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            call(
                &mut sara,
                "social/plan",
                &[
                    ("view", "mese".into()),
                    ("day", String::new()),
                    ("channel", String::new()),
                    ("state", String::new())
                ]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
    }
);

both!(series_conflicts_gaps_and_moves, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let mut marco = signed_in(&app, MARCO, "10.9.1.1").await;
    let tg = channel(&mut marco, "Telegram").await;
    let text = Box::leak(format!("texts[{tg}]").into_boxed_str());
    let base = vec![
        ("title", "Scadenza TARI".to_string()),
        ("planned", local(40, 8)),
        (text, "Ricorda: la rata TARI scade a fine mese.".to_string()),
        ("repeat", "weekly".to_string()),
    ];
    // The end of the repetitions must come after the first one.
    let res = call(
        &mut marco,
        "social/save-item",
        &[
            base.clone(),
            vec![("until", local(30, 8)[..10].to_string())],
        ]
        .concat(),
    )
    .await;
    assert!(matches!(error(&res), app::error::AppError::Invalid(f) if f[0].field == "until"));
    let first = id_from(
        &ok(
            &mut marco,
            "social/save-item",
            &[
                base.clone(),
                vec![("until", local(61, 8)[..10].to_string())],
            ]
            .concat(),
        )
        .await,
    );
    let series: Vec<(i64, chrono::DateTime<Utc>)> = db
        .fetch_all(sql("SELECT id, planned_at FROM editorial_item WHERE series_id = $1 ORDER BY planned_at").bind(first))
        .await
        .unwrap();
    assert_eq!(series.len(), 4, "days 40, 47, 54 and 61");
    assert!(series
        .windows(2)
        .all(|w| w[1].1.with_timezone(&Rome).date_naive()
            - w[0].1.with_timezone(&Rome).date_naive()
            == Duration::days(7)));
    assert!(series
        .iter()
        .all(|(_, at)| at.with_timezone(&Rome).format("%H:%M").to_string() == "08:00"));
    let page = ok(&mut marco, "social/item", &[("id", first.to_string())]).await;
    assert_eq!(page["series"].as_array().unwrap().len(), 3);

    // A second Telegram item on the first's day is a conflict for both.
    let other = id_from(
        &ok(
            &mut marco,
            "social/save-item",
            &[
                ("title", "Allerta neve".to_string()),
                ("planned", local(40, 18)),
                (text, "Neve in arrivo.".to_string()),
            ],
        )
        .await,
    );
    let day = (Utc::now().with_timezone(&Rome) + Duration::days(40)).date_naive();
    let plan_of = |view: &'static str| {
        vec![
            ("view", view.to_string()),
            ("day", day.to_string()),
            ("channel", String::new()),
            ("state", String::new()),
        ]
    };
    let plan = ok(&mut marco, "social/plan", &plan_of("settimana")).await;
    let warned: Vec<i64> = plan["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["warning"].is_null())
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert!(
        warned.contains(&first) && warned.contains(&other),
        "{warned:?}"
    );
    assert_eq!(plan["conflicts"], 2);
    // The working days of that week with nothing planned are the gaps.
    let gaps: Vec<String> = plan["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap().to_string())
        .collect();
    assert!(!gaps.contains(&day.to_string()));
    assert!(gaps.iter().all(|g| {
        let d = chrono::NaiveDate::parse_from_str(g, "%Y-%m-%d").unwrap();
        d.weekday().num_days_from_monday() < 5
    }));

    // Moving the second to the next day keeps its time and ends the conflict.
    let next = day + Duration::days(1);
    ok(
        &mut marco,
        "social/move",
        &[("id", other.to_string()), ("day", next.to_string())],
    )
    .await;
    let page = ok(&mut marco, "social/item", &[("id", other.to_string())]).await;
    assert_eq!(page["planned_input"], format!("{next}T18:00"));
    let plan = ok(&mut marco, "social/plan", &plan_of("settimana")).await;
    assert_eq!(plan["conflicts"], 0);
    // A dropped item does not move.
    ok(
        &mut marco,
        "social/step",
        &[
            ("id", other.to_string()),
            ("step", "drop".into()),
            ("note", "Nessuna allerta".into()),
        ],
    )
    .await;
    let res = call(
        &mut marco,
        "social/move",
        &[("id", other.to_string()), ("day", day.to_string())],
    )
    .await;
    assert_eq!(
        error(&res),
        app::error::AppError::Refused(app::i18n::T::EditorialNotMovable)
    );
    // Another ente's item is not found from Lugo.
    let res = call(&mut marco, "social/item", &[("id", "999999".into())]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
});

both!(
    site_content_becomes_a_draft_that_fits_every_channel,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.9.2.1").await;
        let plan = ok(
            &mut marco,
            "social/plan",
            &[
                ("view", "elenco".into()),
                ("day", String::new()),
                ("channel", String::new()),
                ("state", String::new()),
            ],
        )
        .await;
        let news = plan["reusable"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r[0].as_str().unwrap().starts_with("news:"))
            .expect("a news item to re-use")[0]
            .as_str()
            .unwrap()
            .to_string();
        let id = id_from(
            &ok(
                &mut marco,
                "social/from-content",
                &[("source", news.clone())],
            )
            .await,
        );
        let page = ok(&mut marco, "social/item", &[("id", id.to_string())]).await;
        assert_eq!(page["state"], "Draft");
        assert!(page["source"][1]
            .as_str()
            .unwrap()
            .starts_with("/lugo/notizie/"));
        let texts = page["texts"].as_array().unwrap();
        assert_eq!(texts.len(), 5, "one for every active channel");
        for t in texts {
            let body = t["body"].as_str().unwrap();
            assert!(body.contains("/lugo/notizie/"), "{body}");
            let platform = app::social::channel::Platform::ALL
                .into_iter()
                .find(|p| serde_json::to_value(p).unwrap() == t["channel"]["platform"])
                .unwrap();
            let limit = app::social::channel::effective_limit(
                platform,
                t["channel"]["char_limit"].as_i64(),
            );
            assert!(limit.is_none_or(|l| platform.measure(body) <= l), "{body}");
        }
        // It goes to review as it is.
        ok(
            &mut marco,
            "social/step",
            &[("id", id.to_string()), ("step", "submit".into())],
        )
        .await;
        let res = call(
            &mut marco,
            "social/from-content",
            &[("source", "news:999999".into())],
        )
        .await;
        assert!(matches!(error(&res), app::error::AppError::Invalid(f) if f[0].field == "source"));
        let res = call(
            &mut marco,
            "social/from-content",
            &[("source", "sindaco".into())],
        )
        .await;
        assert!(matches!(error(&res), app::error::AppError::Invalid(f) if f[0].field == "source"));
    }
);

both!(channels_are_checked, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let mut marco = signed_in(&app, MARCO, "10.9.3.1").await;
    let sara_id: (i64,) = db
        .fetch_one(sql("SELECT id FROM account WHERE email = $1").bind(SARA))
        .await
        .unwrap();
    let good = vec![
        ("platform", "whatsapp".to_string()),
        ("name", "Canale WhatsApp Lugo".to_string()),
        ("handle", String::new()),
        ("url", "https://whatsapp.com/channel/0029VaLugo".to_string()),
        ("goal", "Avvisi brevi".to_string()),
        ("char_limit", "700".to_string()),
        ("owner", String::new()),
        ("active", "1".to_string()),
    ];
    let with = |k: &'static str, v: &str| -> Vec<(&'static str, String)> {
        good.iter()
            .map(|(key, val)| {
                (
                    *key,
                    if *key == k {
                        v.to_string()
                    } else {
                        val.clone()
                    },
                )
            })
            .collect()
    };
    for (field, value, expected) in [
        ("url", "javascript:alert(1)", "url"),
        ("name", "Facebook Comune di Lugo", "name"),
        ("char_limit", "0", "char_limit"),
        ("char_limit", "molti", "char_limit"),
        ("platform", "myspace", "platform"),
        ("name", "", "name"),
    ] {
        let res = call(&mut marco, "social/save-channel", &with(field, value)).await;
        assert!(
            matches!(error(&res), app::error::AppError::Invalid(ref f) if f[0].field == expected),
            "{field}={value}: {}",
            res.body
        );
    }
    let res = call(
        &mut marco,
        "social/save-channel",
        &with("owner", &sara_id.0.to_string()),
    )
    .await;
    assert!(matches!(error(&res), app::error::AppError::Invalid(f) if f[0].field == "owner"));
    ok(&mut marco, "social/save-channel", &good).await;
    let page = ok(&mut marco, "social/channels", &[]).await;
    let wa = page["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["platform"] == "WhatsApp")
        .unwrap()
        .clone();
    assert_eq!(wa["char_limit"], 700);
    // Its own limit is the one the editor enforces.
    let text = Box::leak(format!("texts[{}]", wa["id"]).into_boxed_str());
    let res = call(
        &mut marco,
        "social/save-item",
        &[
            ("title", "Prova".to_string()),
            ("planned", local(5, 9)),
            (text, "a".repeat(701)),
        ],
    )
    .await;
    assert!(matches!(error(&res), app::error::AppError::Invalid(f) if f[0].limit == Some(700)));
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'social_channel_saved'"
        )
        .await,
        1
    );
});

/// A small PNG: the signature, a header and the end (what the upload check reads).
fn png() -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    b.extend([0, 0, 0, 13]);
    b.extend(b"IHDR");
    b.extend([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    b.extend([0x90, 0x77, 0x53, 0xDE]);
    b.extend([0, 0, 0, 0]);
    b.extend(b"IEND");
    b.extend([0xAE, 0x42, 0x60, 0x82]);
    b
}

both!(
    an_item_carries_images_with_their_alternative_text,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut marco = signed_in(&app, MARCO, "10.9.4.1").await;
        let fb = channel(&mut marco, "Facebook").await;
        let text = Box::leak(format!("texts[{fb}]").into_boxed_str());
        let id = id_from(
            &ok(
                &mut marco,
                "social/save-item",
                &[
                    ("title", "Festa della Liberazione".to_string()),
                    ("planned", local(9, 10)),
                    (text, "Il programma del 25 aprile.".to_string()),
                ],
            )
            .await,
        );
        let path = format!("/gestione/lugo/social/piano/{id}/immagini");
        // Without its alternative text, an image is refused before it is stored.
        let uploads = count(&db, "SELECT COUNT(*) FROM upload").await;
        let res = marco
            .post_multipart(&path, &[("alt", " ")], &[("corteo.png", &png())])
            .await;
        assert_eq!(
            Client::location(&res),
            format!("/gestione/lugo/social/piano/{id}?errore=alt#immagini")
        );
        assert_eq!(count(&db, "SELECT COUNT(*) FROM upload").await, uploads);
        // Not an image: refused by its content, whatever its name.
        let res = marco
            .post_multipart(
                &path,
                &[("alt", "Il corteo")],
                &[("corteo.png", b"%PDF-1.4 non un'immagine")],
            )
            .await;
        assert!(
            Client::location(&res).contains("errore=tipo"),
            "{}",
            Client::location(&res)
        );
        for n in 0..4 {
            let res = marco
                .post_multipart(
                    &path,
                    &[("alt", &format!("Il corteo in piazza, foto {n}"))],
                    &[("corteo.png", &png())],
                )
                .await;
            assert_eq!(
                Client::location(&res),
                format!("/gestione/lugo/social/piano/{id}?immagine=1#immagini")
            );
        }
        let res = marco
            .post_multipart(
                &path,
                &[("alt", "Una di troppo")],
                &[("corteo.png", &png())],
            )
            .await;
        assert!(
            Client::location(&res).contains("errore=pieno"),
            "a fifth image is refused"
        );
        let page = ok(&mut marco, "social/item", &[("id", id.to_string())]).await;
        let images = page["images"].as_array().unwrap();
        assert_eq!(images.len(), 4);
        assert_eq!(images[0][1]["label"], "Il corteo in piazza, foto 0");
        // The team reads the file; nobody else does (the address is no key).
        let url = format!(
            "/file/{}/corteo.png",
            images[0][1]["token"].as_str().unwrap()
        );
        assert_eq!(marco.get(&url).await.status, StatusCode::OK);
        let mut sara = signed_in(&app, SARA, "10.9.4.2").await;
        assert_eq!(sara.get(&url).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            sara.post_multipart(&path, &[("alt", "x")], &[("a.png", &png())])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // One is taken off; once approved, images stay as they are.
        ok(
            &mut marco,
            "social/remove-image",
            &[("id", id.to_string()), ("position", "2".into())],
        )
        .await;
        let page = ok(&mut marco, "social/item", &[("id", id.to_string())]).await;
        assert_eq!(page["images"].as_array().unwrap().len(), 3);
        ok(
            &mut marco,
            "social/step",
            &[("id", id.to_string()), ("step", "submit".into())],
        )
        .await;
        let mut giulia = signed_in(&app, GIULIA, "10.9.4.3").await;
        ok(
            &mut giulia,
            "social/step",
            &[("id", id.to_string()), ("step", "approve".into())],
        )
        .await;
        let res = call(
            &mut marco,
            "social/remove-image",
            &[("id", id.to_string()), ("position", "1".into())],
        )
        .await;
        assert_eq!(
            error(&res),
            app::error::AppError::Refused(app::i18n::T::EditorialNotEditable)
        );
        let res = marco
            .post_multipart(
                &path,
                &[("alt", "Dopo l'approvazione")],
                &[("corteo.png", &png())],
            )
            .await;
        assert!(Client::location(&res).contains("errore=approvato"));
    }
);
