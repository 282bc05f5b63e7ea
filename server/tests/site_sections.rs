//! The model's sections of an ente's site on both databases: Amministrazione (its
//! sections, units with their people, offices and services, people with their
//! seats), Servizi (categories, a card's sections in the model's order, its office,
//! topics and JSON-LD), Novità by kind, the topics' vocabulary, and what is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::administration::model::{PersonKind, Section, UnitKind};
use app::catalogue::model::{Category, Part};
use app::db::{sql, Db};
use app::i18n::Lang::{En, It};
use app::ids::EnteId;
use axum::http::StatusCode;
use common::web::{app, Client};

async fn lugo(db: &Db) -> EnteId {
    let (id,): (i64,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
        .await
        .unwrap();
    EnteId(id)
}

both!(administration_lists_and_links, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let id = lugo(&db).await;
    let counts = app::administration::repo::counts(&db, id).await.unwrap();
    assert_eq!(
        counts,
        vec![
            (Section::Units(UnitKind::Organ), 2),
            (Section::Units(UnitKind::Area), 3),
            (Section::Units(UnitKind::Office), 7),
            (Section::People(PersonKind::Political), 4),
            (Section::People(PersonKind::Staff), 3),
        ]
    );
    // People as their units list them: the mayor first.
    let politicians =
        app::administration::repo::cards(&db, id, Section::People(PersonKind::Political))
            .await
            .unwrap();
    assert_eq!(politicians[0].name, "Elena Martini");
    assert_eq!(politicians[0].role, "Sindaca");
    // An office: its area, place, hours, people and the services it answers for.
    let html = |s: &str| format!("<p>{s}</p>");
    let office =
        app::administration::repo::unit(&db, id, UnitKind::Office, "ufficio-anagrafe", html)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(office.parent.unwrap().name, "Area servizi al cittadino");
    assert_eq!(office.place.unwrap().name, "Sportello polifunzionale");
    assert_eq!(
        office.contacts.hours,
        ["lun-sab 08:30-12:30", "gio 14:30-17:30"]
    );
    assert_eq!(
        office
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.role.as_str()))
            .collect::<Vec<_>>(),
        [("Anna Zani", "Responsabile")]
    );
    assert!(office
        .services
        .iter()
        .any(|(t, _)| t == "Richiedere la carta d'identità elettronica"));
    // An area lists its offices; a person the units they sit in.
    let area =
        app::administration::repo::unit(&db, id, UnitKind::Area, "area-servizi-cittadino", html)
            .await
            .unwrap()
            .unwrap();
    assert!(area
        .members
        .iter()
        .any(|m| m.section == Section::Units(UnitKind::Office) && m.slug == "urp"));
    let mayor =
        app::administration::repo::person(&db, id, PersonKind::Political, "elena-martini", html)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(mayor.members.len(), 2);
    // The wrong section finds nothing, even for a slug that exists elsewhere.
    assert!(
        app::administration::repo::unit(&db, id, UnitKind::Organ, "ufficio-anagrafe", html)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        app::administration::repo::person(&db, id, PersonKind::Staff, "elena-martini", html)
            .await
            .unwrap()
            .is_none()
    );
});

both!(a_service_card_in_the_models_order, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let id = lugo(&db).await;
    let all = app::catalogue::repo::cards(&db, id, None).await.unwrap();
    assert!(all.len() >= 10);
    let registry = app::catalogue::repo::cards(&db, id, Some(Category::Registry))
        .await
        .unwrap();
    assert_eq!(registry.len(), 3);
    assert!(registry.iter().all(|s| s.category == Category::Registry));
    let render = |s: &str| app::markdown::render(s, &Default::default());
    let card = app::catalogue::repo::detail(&db, id, "carta-identita-elettronica", It, render)
        .await
        .unwrap()
        .unwrap();
    let parts: Vec<Part> = card.parts.iter().map(|(p, _)| *p).collect();
    assert_eq!(parts, Part::ALL);
    let how_to = &card
        .parts
        .iter()
        .find(|(p, _)| *p == Part::HowTo)
        .unwrap()
        .1;
    assert!(how_to.starts_with("<ol>"), "{how_to}");
    assert_eq!(
        card.office.unwrap().address,
        "Piazza dei Martiri 1, 48022 Lugo (RA)"
    );
    assert_eq!(
        card.topics
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["Anagrafe"]
    );
    let english = app::catalogue::repo::detail(&db, id, "carta-identita-elettronica", En, render)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(english.topics[0].name, "Civil registry");
    // The same service in another Comune is that Comune's, with its own office.
    let (cotignola,): (i64,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'cotignola'"))
        .await
        .unwrap();
    let theirs =
        app::catalogue::repo::detail(&db, EnteId(cotignola), "cambio-residenza", It, render)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(
        theirs.office.unwrap().address,
        "Piazza Vittorio Emanuele II 31, 48033 Cotignola (RA)"
    );
    assert_eq!(
        theirs.access_url,
        "https://servizi.comune.cotignola.example.it"
    );
    // The Unione has no services of its own.
    let (unione,): (i64,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'bassa-romagna'"))
        .await
        .unwrap();
    assert!(
        app::catalogue::repo::detail(&db, EnteId(unione), "cambio-residenza", It, render)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        app::catalogue::repo::about(&db, id, "istruzione")
            .await
            .unwrap()
            .len(),
        2
    );
});

both!(the_pages_carry_the_models_marks, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let mut nobody = Client::new(&app, "10.7.1.1");
    let page = nobody.get("/lugo/servizi/cambio-residenza").await;
    assert_eq!(page.status, StatusCode::OK);
    for mark in [
        "service-title",
        "service-status",
        "service-description",
        "page-index",
        "service-addressed",
        "service-how-to",
        "service-needed",
        "service-achieved",
        "service-calendar-text",
        "service-generic-access",
        "service-online-access",
        "service-booking-access",
        "service-file",
        "service-area",
        "service-topic",
        "appointment-booking",
        "metatag",
        "breadcrumb",
    ] {
        assert!(
            page.body.contains(&format!("data-element=\"{mark}\"")),
            "{mark}"
        );
    }
    let ld = page
        .body
        .split("data-element=\"metatag\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(ld["@type"], "GovernmentService");
    assert_eq!(ld["serviceType"], "Anagrafe e stato civile");
    assert_eq!(
        ld["availableChannel"]["serviceLocation"]["address"]["postalCode"],
        "48022"
    );
    assert_eq!(ld["audience"]["audienceType"], "Chi si trasferisce a Lugo da un altro Comune o dall'estero, e chi cambia abitazione all'interno del Comune.");
    // The terms as a file.
    let terms = nobody
        .get("/lugo/servizi/cambio-residenza/condizioni.txt")
        .await;
    assert_eq!(terms.status, StatusCode::OK);
    assert!(terms.body.contains("regolamento comunale"));
    // Each menu mark once on every page; the Unione lives as an Unione.
    let home = nobody.get("/lugo").await.body;
    for mark in [
        "management",
        "news",
        "all-services",
        "live",
        "all-topics",
        "faq",
        "report-inefficiency",
        "privacy-policy-link",
        "legal-notes",
        "accessibility-link",
    ] {
        assert_eq!(
            home.matches(&format!("data-element=\"{mark}\"")).count(),
            1,
            "{mark}"
        );
    }
    let releases = nobody.get("/lugo/comunicati").await.body;
    assert!(releases.contains("Approvato il bilancio di previsione 2027"));
    assert!(
        !releases.contains("Nasce la Consulta dei giovani"),
        "news are not releases"
    );
    // What is not there is a 404, never an error.
    for path in [
        "/lugo/amministrazione/nessuna",
        "/lugo/amministrazione/uffici/nessuno",
        "/lugo/amministrazione/organi-di-governo/ufficio-anagrafe",
        "/lugo/servizi/nessuno",
        "/lugo/servizi/categoria/nessuna",
        "/lugo/argomenti/nessuno",
        "/nessuno/servizi",
        "/lugo/servizi/nessuno/condizioni.txt",
        "/bassa-romagna/servizi/cambio-residenza/condizioni.txt",
    ] {
        assert_eq!(
            nobody.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
});

both!(topics_are_the_models_vocabulary, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let topics = app::catalogue::repo::topics(&db, It).await.unwrap();
    assert_eq!(topics.len(), 64);
    assert!(topics.iter().any(|t| t.name == "Accesso all'informazione"));
    assert!(topics.iter().any(|t| t.name == "Mobilità sostenibile"));
    assert!(!topics.iter().any(|t| t.slug == "partecipazione"));
    // Sara follows two of them in the demo.
    let followed: Vec<(String,)> = db
        .fetch_all(sql("SELECT t.slug FROM account_topic a JOIN topic t ON t.id = a.topic_id
                         JOIN account p ON p.id = a.account_id WHERE p.email = 'sara.conti@example.it' ORDER BY t.slug"))
        .await
        .unwrap();
    assert_eq!(
        followed,
        [
            ("mobilita-sostenibile".to_string(),),
            ("sviluppo-sostenibile".to_string(),)
        ]
    );
});

/// Rates a page of Lugo: `/lugo/servizi/imu` with a query, or the fields given instead.
async fn rate(c: &mut Client, fields: &[(&str, &str)]) -> common::web::Response {
    let mut pairs: Vec<(&str, &str)> = vec![("ente", "lugo"), ("pagina", "/lugo/servizi/imu?x=1")];
    for (k, v) in fields {
        pairs.retain(|(key, _)| key != k);
        pairs.push((k, v));
    }
    c.call("feedback/rate", &pairs).await
}

fn refused(r: &common::web::Response) -> Vec<String> {
    match r.error() {
        Some(app::error::AppError::Invalid(list)) => list.into_iter().map(|f| f.field).collect(),
        other => panic!("{other:?}: {}", r.body),
    }
}

both!(
    a_page_is_rated_and_the_operators_read_it,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut nobody = Client::new(&app, "10.7.1.2");
        // What is refused, and at which field.
        let r = rate(&mut nobody, &[("voto", "2"), ("negativo", "chiare")]).await;
        assert_eq!(refused(&r), ["negativo"]);
        assert_eq!(
            refused(&rate(&mut nobody, &[("voto", "6")]).await),
            ["voto"]
        );
        assert_eq!(
            refused(
                &rate(
                    &mut nobody,
                    &[("voto", "5"), ("pagina", "/cotignola/servizi")]
                )
                .await
            ),
            ["pagina"]
        );
        assert_eq!(
            refused(&rate(&mut nobody, &[("voto", "5"), ("pagina", "/lugone")]).await),
            ["pagina"]
        );
        let long = "x".repeat(201);
        assert_eq!(
            refused(&rate(&mut nobody, &[("voto", "5"), ("dettagli", &long)]).await),
            ["dettagli"]
        );
        let r = rate(
            &mut nobody,
            &[("ente", "nessuno"), ("pagina", "/nessuno"), ("voto", "3")],
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        // Two ratings of one page (its query dropped; the answer of the other side is
        // ignored), one of another.
        let r = rate(
            &mut nobody,
            &[
                ("voto", "5"),
                ("positivo", "chiare"),
                ("negativo", "non-chiare"),
            ],
        )
        .await;
        assert!(r.status.is_success(), "{}", r.body);
        let r = rate(
            &mut nobody,
            &[
                ("voto", "2"),
                ("negativo", "problemi-tecnici"),
                ("dettagli", "  Il calcolatore   non funziona "),
            ],
        )
        .await;
        assert!(r.status.is_success(), "{}", r.body);
        assert!(rate(&mut nobody, &[("voto", "4"), ("pagina", "/lugo")])
            .await
            .status
            .is_success());
        let id = lugo(&db).await;
        let scores = app::feedback::repo::scores(&db, id).await.unwrap();
        let pages: Vec<(&str, i64)> = scores
            .iter()
            .map(|p| (p.path.as_str(), p.count()))
            .collect();
        assert_eq!(pages, [("/lugo/servizi/imu", 2), ("/lugo", 1)]);
        let imu = &scores[0];
        assert_eq!(imu.stars, [0, 1, 0, 0, 1]);
        assert!((imu.average() - 3.5).abs() < 1e-9);
        let mut answers: Vec<(&str, i64)> =
            imu.answers.iter().map(|(a, n)| (a.code(), *n)).collect();
        answers.sort();
        assert_eq!(answers, [("chiare", 1), ("problemi-tecnici", 1)]);
        assert_eq!(imu.details, ["Il calcolatore non funziona"]);
        // Only the ente's site team reads them.
        let r = nobody.call("feedback/results", &[("ente", "lugo")]).await;
        assert_eq!(r.error(), Some(app::error::AppError::Unauthorized));
    }
);

both!(
    the_search_finds_only_what_the_modules_on_show,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut nobody = Client::new(&app, "10.7.1.3");
        let found = |r: common::web::Response| r.json()["hits"]["total"].as_i64().unwrap();
        let ask = [("ente", "cotignola"), ("q", "residenza")];
        assert!(found(nobody.call("search/ente", &ask).await) >= 1);
        // With its site switched off, Cotignola's services, offices and people are gone
        // from its search as from its pages.
        db.execute(sql(
            "UPDATE ente_module SET ends_on = starts_on
              WHERE module = 'site' AND ente_id = (SELECT id FROM ente WHERE slug = 'cotignola')",
        ))
        .await
        .unwrap();
        assert_eq!(found(nobody.call("search/ente", &ask).await), 0);
        let r = nobody.get("/cotignola/servizi/cambio-residenza").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
);
