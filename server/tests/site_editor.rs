//! The site's editor through the router, on both databases: a news item written by
//! the press office, refused field by field when wrong, approved by a colleague
//! (never by its author) where the ente asks for one, live with its Markdown made
//! safe, announced to the topic's followers; scheduled and expiring entries; a
//! recurring event at a new place; a service card; withdrawal. What the site showed
//! before the editor is `site_adopt.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use app::editor::model::EntryState;
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use chrono_tz::Europe::Rome;
use common::editor::{id_from, local, state_of, step, step_on, version_of};
use common::people::{CHIARA, GIULIA, SARA};
use common::social::{call, count};
use common::web::{app, notifications, signed_in, Client};

fn news(title: &str, topic: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "notizie".into()),
        ("f[news_kind]", "notizia".into()),
        ("f[title]", title.into()),
        ("f[summary]", "Lavori in via Mazzini da lunedì.".into()),
        (
            "f[body]",
            "I lavori durano **due settimane**.\n\n<script>alert(1)</script>\n\n- deviazione per via Emaldi".into(),
        ),
        ("f[topic]", topic.into()),
    ]
}

/// What a page's `<title>` holds, which must be text alone.
fn title_of(body: &str) -> &str {
    let start = body.find("<title>").unwrap() + "<title>".len();
    let end = start + body[start..].find("</title>").unwrap();
    let title = &body[start..end];
    assert!(!title.contains('<'), "{title}");
    title
}

both!(
    a_news_item_goes_live_after_a_colleague_approves_it,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut chiara = signed_in(&app, CHIARA, "10.8.0.1").await;
        let mut giulia = signed_in(&app, GIULIA, "10.8.0.2").await;
        db.execute(
        sql("INSERT INTO account_topic (account_id, topic_id)
             SELECT a.id, t.id FROM account a, topic t WHERE a.email = $1 AND t.slug = 'urbanizzazione'")
        .bind(SARA),
    )
    .await
    .unwrap();
        // Wrong: said at each field, nothing written.
        let entries = count(&db, "SELECT COUNT(*) FROM site_entry").await;
        let mut wrong = news("", "astrologia");
        wrong.push(("publish_at", "domani".into()));
        let res = call(&mut chiara, "site-editor/save", &wrong).await;
        match res.error().unwrap() {
            app::error::AppError::Invalid(problems) => {
                let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
                assert_eq!(
                    fields,
                    ["f[title]", "f[topic]", "publish_at"],
                    "{problems:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(count(&db, "SELECT COUNT(*) FROM site_entry").await, entries);

        // Giulia (the admin) asks for a second person; Chiara (press office) may not.
        let res = call(&mut chiara, "site-editor/review", &[("on", "1".into())]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = call(&mut giulia, "site-editor/review", &[("on", "1".into())]).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);

        let res = call(
            &mut chiara,
            "site-editor/save",
            &news("Cantiere in via Mazzini", "urbanizzazione"),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let id = id_from(&res);
        assert_eq!(state_of(&db, id).await, "draft");
        // With a second person asked for, its author cannot publish it nor approve it.
        assert_eq!(
            step(&mut chiara, &db, id, "publish", "").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let res = step(&mut chiara, &db, id, "submit", "").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = step(&mut chiara, &db, id, "approve", "").await;
        assert_eq!(
            res.error(),
            Some(app::error::AppError::Refused(
                app::i18n::T::SiteEditorOwnApproval
            ))
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM news WHERE slug = 'cantiere-in-via-mazzini'"
            )
            .await,
            0
        );
        let res = step(&mut giulia, &db, id, "approve", "Va bene").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.json().as_str().unwrap().ends_with("?stato=published"));
        assert_eq!(state_of(&db, id).await, EntryState::Published.code());

        // Live: the Markdown as safe HTML, the script as text; in the search; announced.
        let mut anon = Client::new(&app, "10.8.0.9");
        let page = anon.get("/lugo/notizie/cantiere-in-via-mazzini").await;
        let rows: Vec<(String, chrono::DateTime<Utc>)> = db
            .fetch_all(sql(
                "SELECT slug, published_at FROM news WHERE title LIKE 'Cantiere%'",
            ))
            .await
            .unwrap();
        assert_eq!(page.status, StatusCode::OK, "{rows:?} {}", page.body);
        assert!(
            page.body.contains("<strong>due settimane</strong>"),
            "{}",
            page.body
        );
        assert!(!page.body.contains("<script>alert(1)"));
        let found = anon.get("/lugo/cerca?q=Mazzini").await;
        assert!(found.body.contains("/lugo/notizie/cantiere-in-via-mazzini"));
        // The words found are marked, and the kinds are facets that narrow the search.
        assert!(found.body.contains("<mark>"), "{}", found.body);
        let narrowed = anon
            .call(
                "search/ente",
                &[("ente", "lugo"), ("q", "Mazzini"), ("tipo", "news")],
            )
            .await
            .json();
        assert_eq!(narrowed["kind"], "News");
        assert!(narrowed["facets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f[0] == "News"));
        let places = anon
            .call(
                "search/ente",
                &[("ente", "lugo"), ("q", "Mazzini"), ("tipo", "place")],
            )
            .await
            .json();
        assert_eq!(places["hits"]["total"], 0);
        let told = notifications(&db, SARA, "site").await;
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].contains("Cantiere in via Mazzini"), "{told:?}");
        assert!(told[0].contains("Urbanizzazione"), "{told:?}");

        // Every save and step is a version and an audit row.
        let versions = count(&db, "SELECT COUNT(*) FROM site_entry_version").await;
        assert!(versions >= 4, "{versions}");
        let audited = count(
            &db,
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'site_%'",
        )
        .await;
        assert!(audited >= 4, "{audited}");

        // A change is a draft again while the site keeps the published text; once
        // approved again it changes in place, and nobody is told twice.
        let mut changed = news("Cantiere in via Mazzini: nuove date", "urbanizzazione");
        changed.push(("id", id.to_string()));
        let res = call(&mut chiara, "site-editor/save", &changed).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(state_of(&db, id).await, "draft");
        let page = anon.get("/lugo/notizie/cantiere-in-via-mazzini").await;
        assert!(!page.body.contains("nuove date"));
        step(&mut chiara, &db, id, "submit", "").await;
        // An approval is of the version its reader saw: one changed since is refused.
        let seen = version_of(&db, id).await;
        let mut swapped = news("Cantiere in via Mazzini: nuove date", "urbanizzazione");
        swapped.push(("id", id.to_string()));
        swapped[4].1 = "Un testo che nessuno ha riletto.".into();
        call(&mut chiara, "site-editor/save", &swapped).await;
        step(&mut chiara, &db, id, "submit", "").await;
        let res = step_on(&mut giulia, id, seen, "approve", "").await;
        assert_eq!(
            res.error(),
            Some(app::error::AppError::Refused(
                app::i18n::T::SiteEditorChangedMeanwhile
            ))
        );
        let res = step(&mut giulia, &db, id, "approve", "").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let page = anon.get("/lugo/notizie/cantiere-in-via-mazzini").await;
        assert!(page.body.contains("nuove date"));
        assert_eq!(notifications(&db, SARA, "site").await.len(), 1);

        // Withdrawn, even with a draft on top: off the site and out of the search.
        let mut draft = news("Cantiere in via Mazzini: bozza", "urbanizzazione");
        draft.push(("id", id.to_string()));
        call(&mut chiara, "site-editor/save", &draft).await;
        assert_eq!(state_of(&db, id).await, "draft");
        let res = step(&mut giulia, &db, id, "withdraw", "Notizia superata").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            anon.get("/lugo/notizie/cantiere-in-via-mazzini")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let found = anon.get("/lugo/cerca?q=Mazzini").await;
        assert!(!found.body.contains("/lugo/notizie/cantiere-in-via-mazzini"));
    }
);

both!(hostile_text_stays_text_in_every_page, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let mut chiara = signed_in(&app, CHIARA, "10.8.4.1").await;
    let mut item = news(
        "Avviso</title><meta http-equiv=refresh content=0>",
        "urbanizzazione",
    );
    item[3].1 = "Nota</textarea><form action=/x><button>Ok</button></form>".into();
    let res = call(&mut chiara, "site-editor/save", &item).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let id = id_from(&res);
    // The editor's page: the title and the textarea hold the text, not markup.
    let editor = chiara
        .get(&format!("/gestione/lugo/sito/notizie/{id}"))
        .await;
    assert!(
        title_of(&editor.body).starts_with("Avviso&lt;/title&gt;"),
        "{}",
        editor.body
    );
    assert!(
        !editor.body.contains("</textarea><form action=/x>"),
        "{}",
        editor.body
    );
    assert!(editor
        .body
        .contains("Nota&lt;/textarea&gt;&lt;form action=/x&gt;"));
    step(&mut chiara, &db, id, "publish", "").await;
    let mut anon = Client::new(&app, "10.8.4.9");
    let (slug,): (String,) = db
        .fetch_one(sql("SELECT slug FROM site_entry WHERE id = $1").bind(id))
        .await
        .unwrap();
    let page = anon.get(&format!("/lugo/notizie/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        title_of(&page.body).starts_with("Avviso&lt;/title&gt;"),
        "{}",
        page.body
    );
    // Arguments that do not read are the caller's mistake (400), not the server's.
    for id in ["abc", "1.5", "99999999999999999999"] {
        let res = call(
            &mut chiara,
            "site-editor/entry",
            &[("kind", "notizie".into()), ("id", id.into())],
        )
        .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{id}: {}", res.body);
    }
    // Years outside a site's and direction overrides are refused at their field.
    let mut odd = news("Titolo \u{202E}rovescio", "urbanizzazione");
    odd.push(("publish_at", "0001-01-01T00:00".into()));
    let res = call(&mut chiara, "site-editor/save", &odd).await;
    match res.error().unwrap() {
        app::error::AppError::Invalid(problems) => {
            let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
            assert_eq!(fields, ["f[title]", "publish_at"], "{problems:?}");
        }
        other => panic!("{other:?}"),
    }
});

both!(
    scheduled_entries_go_live_and_expire_on_time,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, state) = app(db.clone());
        let mut chiara = signed_in(&app, CHIARA, "10.8.1.1").await;
        let mut item = news(
            "Avviso di chiusura della biblioteca",
            "patrimonio-culturale",
        );
        item.push(("publish_at", local(2, 9)));
        item.push(("expires_at", local(5, 9)));
        let res = call(&mut chiara, "site-editor/save", &item).await;
        let id = id_from(&res);
        // No second person asked for here: its author publishes, and it waits.
        let res = step(&mut chiara, &db, id, "publish", "").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(state_of(&db, id).await, "approved");
        let mut anon = Client::new(&app, "10.8.1.9");
        let path = "/lugo/notizie/avviso-di-chiusura-della-biblioteca";
        assert_eq!(anon.get(path).await.status, StatusCode::NOT_FOUND);
        let now = Utc::now();
        assert_eq!(
            app::editor::golive::run_due(&state, now).await.unwrap(),
            (0, 0)
        );
        assert_eq!(
            app::editor::golive::run_due(&state, now + Duration::days(3))
                .await
                .unwrap(),
            (1, 0)
        );
        assert_eq!(state_of(&db, id).await, "published");
        // Dated by its publication date (not by when it was approved).
        let (at,): (chrono::DateTime<Utc>,) = db
            .fetch_one(sql(
                "SELECT published_at FROM news WHERE slug = 'avviso-di-chiusura-della-biblioteca'",
            ))
            .await
            .unwrap();
        assert!(
            at > now + Duration::days(1) && at < now + Duration::days(3),
            "{at}"
        );
        assert_eq!(
            app::editor::golive::run_due(&state, now + Duration::days(6))
                .await
                .unwrap(),
            (0, 1)
        );
        assert_eq!(state_of(&db, id).await, "expired");
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM news WHERE slug = 'avviso-di-chiusura-della-biblioteca'"
            )
            .await,
            0
        );
        // An expiry before the publication is refused at its field.
        let mut wrong = news("Altro avviso", "patrimonio-culturale");
        wrong.push(("publish_at", local(5, 9)));
        wrong.push(("expires_at", local(4, 9)));
        let res = call(&mut chiara, "site-editor/save", &wrong).await;
        assert_eq!(
            res.error().unwrap().field("expires_at"),
            Some(app::i18n::T::SiteEditorExpiresBeforePublish)
        );
    }
);

both!(
    a_recurring_event_at_a_new_place_and_a_service_card,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut chiara = signed_in(&app, CHIARA, "10.8.2.1").await;
        let place = [
            ("kind", "luoghi".to_string()),
            ("f[title]", "Palestra comunale Gherardi".into()),
            ("f[place_kind]", "Impianto sportivo".into()),
            ("f[address]", "Via Sabbioni 4, Lugo".into()),
            ("f[lat]", "44,4162".into()),
            ("f[lon]", "11.9032".into()),
            ("f[opening_hours]", "lun-ven 15:00-22:00".into()),
            (
                "f[accessibility]",
                "Ingresso senza gradini, bagno accessibile".into(),
            ),
        ];
        let res = call(&mut chiara, "site-editor/save", &place).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let place_id = id_from(&res);
        step(&mut chiara, &db, place_id, "publish", "").await;
        let mut anon = Client::new(&app, "10.8.2.9");
        let places = anon.get("/lugo/luoghi").await;
        assert!(places.body.contains("Palestra comunale Gherardi"));
        assert!(places.body.contains("lun-ven 15:00-22:00"));
        let geo = anon.get("/lugo/luoghi/mappa.geojson").await;
        assert!(
            geo.body.contains("11.9032") && geo.body.contains("44.4162"),
            "{}",
            geo.body
        );

        let start = local(7, 18);
        let end = local(7, 20);
        let until = (Utc::now().with_timezone(&Rome) + Duration::days(60)).date_naive();
        let event = [
            ("kind", "eventi".to_string()),
            ("f[title]", "Ginnastica dolce".into()),
            ("f[summary]", "Ogni martedì e giovedì".into()),
            ("f[category]", "sport".into()),
            ("f[topic]", "sport".into()),
            ("f[starts]", start.clone()),
            ("f[ends]", end),
            ("f[place]", "palestra-comunale-gherardi".into()),
            ("f[repeat]", "weekly".into()),
            ("f[interval]", "1".into()),
            ("f[wd_tu]", "1".into()),
            ("f[wd_th]", "1".into()),
            ("f[until]", until.to_string()),
        ];
        let res = call(&mut chiara, "site-editor/save", &event).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let event_id = id_from(&res);
        step(&mut chiara, &db, event_id, "publish", "").await;
        let page = anon.get("/lugo/eventi/ginnastica-dolce").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Palestra comunale Gherardi"));
        let ics = anon
            .get("/lugo/eventi/ginnastica-dolce/calendario.ics")
            .await;
        assert!(
            ics.body
                .contains("RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU,TH;UNTIL="),
            "{}",
            ics.body
        );

        let mut service: Vec<(&str, String)> = vec![
            ("kind", "servizi".into()),
            ("f[title]", "Iscriversi ai corsi sportivi comunali".into()),
            (
                "f[summary]",
                "Corsi per tutte le età nelle palestre comunali.".into(),
            ),
            ("f[service_category]", "cultura-e-tempo-libero".into()),
            ("f[topic]", "sport".into()),
            ("f[active]", "1".into()),
            ("f[audience]", "Residenti di ogni età.".into()),
            ("f[how_to]", "Compila il modulo online.".into()),
            ("f[needed]", "Un documento d'identità.".into()),
            ("f[outcome]", "L'iscrizione al corso.".into()),
            ("f[times]", "Iscrizioni entro il 30 settembre.".into()),
        ];
        // The office in charge is one of Lugo's offices.
        let res = call(&mut chiara, "site-editor/save", &service).await;
        assert_eq!(
            res.error().unwrap().field("f[unit]"),
            Some(app::i18n::T::ValidationRequired)
        );
        let (unit,): (i64,) = db
            .fetch_one(sql(
                "SELECT u.id FROM org_unit u JOIN ente e ON e.id = u.ente_id
                         WHERE e.slug = 'lugo' AND u.kind = 'office' ORDER BY u.id LIMIT 1",
            ))
            .await
            .unwrap();
        let (elsewhere,): (i64,) = db
            .fetch_one(sql(
                "SELECT u.id FROM org_unit u JOIN ente e ON e.id = u.ente_id
                         WHERE e.slug <> 'lugo' AND u.kind = 'office' ORDER BY u.id LIMIT 1",
            ))
            .await
            .unwrap();
        service.push(("f[unit]", elsewhere.to_string()));
        let res = call(&mut chiara, "site-editor/save", &service).await;
        assert_eq!(
            res.error().unwrap().field("f[unit]"),
            Some(app::i18n::T::SiteEditorBadChoice)
        );
        service.pop();
        service.push(("f[unit]", unit.to_string()));
        let res = call(&mut chiara, "site-editor/save", &service).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        step(&mut chiara, &db, id_from(&res), "publish", "").await;
        let card = anon
            .get("/lugo/servizi/iscriversi-ai-corsi-sportivi-comunali")
            .await;
        assert_eq!(card.status, StatusCode::OK);
        assert!(card.body.contains("GovernmentService"));
        assert!(card.body.contains("Iscrizioni entro il 30 settembre."));
    }
);
