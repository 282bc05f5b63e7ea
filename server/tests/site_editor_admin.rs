//! The site's editor writes the administration and free pages, on both databases:
//! an office in its area, refused field by field when wrong; a person seated in it;
//! a free page listed in its section, found by the search, named by the sitemap;
//! withdrawing a person takes their seats with them; a demo page opened in the
//! editor keeps what it said; a place's photo is public once the place is.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use common::editor::{id_from, state_of, step};
use common::people::GIULIA;
use common::social::{call, count};
use common::web::{app, signed_in, Client, PNG};

async fn id_of(db: &Db, query: &'static str) -> i64 {
    let (id,): (i64,) = db.fetch_one(sql(query)).await.unwrap();
    id
}

fn fields(kind: &str, pairs: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    let mut out = vec![("kind", kind.to_string())];
    for (k, v) in pairs {
        let key: &'static str = Box::leak(format!("f[{k}]").into_boxed_str());
        out.push((key, v.to_string()));
    }
    out
}

/// The token of an entry's image, if it has one.
async fn photo_of(db: &Db, id: i64) -> Option<String> {
    let (token,): (Option<String>,) = db
        .fetch_one(
            sql(
                "SELECT u.token FROM site_entry s LEFT JOIN upload u ON u.id = s.image_id
                  WHERE s.id = $1",
            )
            .bind(id),
        )
        .await
        .unwrap();
    token
}

/// An entry's values as its form holds them.
async fn fields_of(db: &Db, entry: i64) -> serde_json::Value {
    let (fields,): (String,) = db
        .fetch_one(sql("SELECT fields FROM site_entry WHERE id = $1").bind(entry))
        .await
        .unwrap();
    serde_json::from_str(&fields).unwrap()
}

fn problems(res: &common::web::Response) -> Vec<String> {
    match res.error() {
        Some(app::error::AppError::Invalid(p)) => p.into_iter().map(|p| p.field).collect(),
        other => panic!("{other:?}: {}", res.body),
    }
}

both!(
    offices_people_and_pages_go_live_from_the_editor,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut giulia = signed_in(&app, GIULIA, "10.9.0.1").await;
        let mut anon = Client::new(&app, "10.9.0.9");
        let area = id_of(
            &db,
            "SELECT u.id FROM org_unit u JOIN ente e ON e.id = u.ente_id
              WHERE e.slug = 'lugo' AND u.slug = 'area-servizi-cittadino'",
        )
        .await
        .to_string();
        let other_area = id_of(
            &db,
            "SELECT u.id FROM org_unit u JOIN ente e ON e.id = u.ente_id
              WHERE e.slug = 'cotignola' AND u.kind = 'area' ORDER BY u.id LIMIT 1",
        )
        .await
        .to_string();

        // Wrong: a name of invisible characters, a number and an address that are none,
        // an area inside an area; then another ente's area.
        let entries = count(&db, "SELECT COUNT(*) FROM site_entry").await;
        let mut office = vec![
            ("unit_kind", "area"),
            ("title", "\u{200B}\u{3164}\u{0301}"),
            (
                "summary",
                "Impianti sportivi, contributi alle società, eventi sportivi.",
            ),
            (
                "body",
                "Gestisce **palestre** e campi.<script>alert(1)</script>",
            ),
            ("parent", area.as_str()),
            ("place", "rocca-estense"),
            ("phone", "chiamami"),
            ("email", "sport..ufficio@comune.lugo.example.it"),
            ("opening_hours", "lun-ven 09:00-12:30\ngio 15:00-17:00"),
        ];
        let res = call(&mut giulia, "site-editor/save", &fields("unita", &office)).await;
        assert_eq!(
            problems(&res),
            ["f[title]", "f[phone]", "f[email]", "f[parent]"]
        );
        office[0] = ("unit_kind", "office");
        office[1] = ("title", "Ufficio sport");
        office[6] = ("phone", "+39 0545 38 500");
        office[7] = ("email", "Sport@Comune.Lugo.Example.it");
        office[4] = ("parent", other_area.as_str());
        let res = call(&mut giulia, "site-editor/save", &fields("unita", &office)).await;
        assert_eq!(problems(&res), ["f[parent]"]);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM site_entry").await, entries);

        // Right: an office of the citizens' area, at the Rocca.
        office[4] = ("parent", area.as_str());
        let res = call(&mut giulia, "site-editor/save", &fields("unita", &office)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let unit_entry = id_from(&res);
        let res = step(&mut giulia, &db, unit_entry, "publish", "").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(state_of(&db, unit_entry).await, "published");
        let page = anon.get("/lugo/amministrazione/uffici/ufficio-sport").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for shown in [
            "+39 0545 38 500",
            "sport@comune.lugo.example.it",
            "gio 15:00-17:00",
            "Area servizi al cittadino",
            "<strong>palestre</strong>",
        ] {
            assert!(page.body.contains(shown), "{shown}: {}", page.body);
        }
        assert!(!page.body.contains("<script>alert(1)"));
        let unit = id_of(&db, "SELECT id FROM org_unit WHERE slug = 'ufficio-sport'").await;

        // A person seated in it: a role without its office, an office named twice.
        let unit_id = unit.to_string();
        let mut person = vec![
            ("person_kind", "staff"),
            ("title", "Marta Gentilini"),
            ("role", "Responsabile dell'Ufficio sport"),
            ("summary", "Segue impianti e contributi."),
            ("seat_1", unit_id.as_str()),
            ("seat_role_1", "Responsabile"),
            ("seat_role_2", "Vice"),
        ];
        let res = call(&mut giulia, "site-editor/save", &fields("persone", &person)).await;
        assert_eq!(problems(&res), ["f[seat_2]"]);
        person.push(("seat_2", unit_id.as_str()));
        let res = call(&mut giulia, "site-editor/save", &fields("persone", &person)).await;
        assert_eq!(problems(&res), ["f[seat_2]"]);
        person.truncate(6);
        let res = call(&mut giulia, "site-editor/save", &fields("persone", &person)).await;
        let person_entry = id_from(&res);
        let res = step(&mut giulia, &db, person_entry, "publish", "").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let office_page = anon.get("/lugo/amministrazione/uffici/ufficio-sport").await;
        assert!(
            office_page.body.contains("Marta Gentilini"),
            "{}",
            office_page.body
        );
        let person_page = anon
            .get("/lugo/amministrazione/personale-amministrativo/marta-gentilini")
            .await;
        assert_eq!(person_page.status, StatusCode::OK);
        assert!(person_page.body.contains("Ufficio sport"));
        let found = anon.get("/lugo/cerca?q=Gentilini").await;
        assert!(found
            .body
            .contains("/lugo/amministrazione/personale-amministrativo/marta-gentilini"));

        // A free page in Vivere il Comune, with a topic.
        let page_fields = [
            ("page_section", "vivere-il-comune"),
            ("title", "I parchi di Lugo"),
            ("summary", "Dove sono i parchi e le aree verdi della città."),
            (
                "body",
                "Il **parco del Loto** è aperto tutto l'anno.\n\n<img src=x onerror=alert(1)>",
            ),
            ("topic", "spazio-verde"),
        ];
        let res = call(
            &mut giulia,
            "site-editor/save",
            &fields("pagine", &page_fields),
        )
        .await;
        let page_entry = id_from(&res);
        let res = step(&mut giulia, &db, page_entry, "publish", "").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let page = anon.get("/lugo/pagine/i-parchi-di-lugo").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<strong>parco del Loto</strong>"));
        assert!(!page.body.contains("<img src=x"), "{}", page.body);
        assert!(page.body.contains("/lugo/argomenti/spazio-verde"));
        let live = anon.get("/lugo/vivere-il-comune").await;
        assert!(live.body.contains("href=\"/lugo/pagine/i-parchi-di-lugo\""));
        let admin = anon.get("/lugo/amministrazione").await;
        assert!(!admin.body.contains("/lugo/pagine/i-parchi-di-lugo"));
        assert!(admin.body.contains("/lugo/pagine/statuto-comunale"));
        let found = anon.get("/lugo/cerca?q=parchi").await;
        assert!(found.body.contains("/lugo/pagine/i-parchi-di-lugo"));
        let sitemap = anon.get("/sitemap.xml?ente=lugo").await;
        assert!(
            sitemap.body.contains("/lugo/pagine/i-parchi-di-lugo"),
            "{}",
            sitemap.body
        );
        // Another ente's page is not Lugo's.
        assert_eq!(
            anon.get("/cotignola/pagine/i-parchi-di-lugo").await.status,
            StatusCode::NOT_FOUND
        );

        // Withdrawn, a person leaves their seats; the page comes down.
        let res = step(&mut giulia, &db, person_entry, "withdraw", "Trasferita").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let office_page = anon.get("/lugo/amministrazione/uffici/ufficio-sport").await;
        assert!(!office_page.body.contains("Marta Gentilini"));
        let (seats,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM unit_member WHERE unit_id = $1").bind(unit))
            .await
            .unwrap();
        assert_eq!(seats, 0);
        let res = step(&mut giulia, &db, page_entry, "withdraw", "Da rivedere").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            anon.get("/lugo/pagine/i-parchi-di-lugo").await.status,
            StatusCode::NOT_FOUND
        );
        let found = anon.get("/lugo/cerca?q=parchi").await;
        assert!(!found.body.contains("/lugo/pagine/i-parchi-di-lugo"));
    }
);

both!(
    what_the_demo_shows_opens_in_the_editor_with_its_seats,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut giulia = signed_in(&app, GIULIA, "10.9.1.1").await;
        let mut anon = Client::new(&app, "10.9.1.9");
        // The mayor sits in the Giunta and in the Consiglio: both seats come along.
        let res = call(
            &mut giulia,
            "site-editor/open",
            &[("kind", "persone".into()), ("slug", "elena-martini".into())],
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let entry = id_from(&res);
        let v = fields_of(&db, entry).await;
        assert_eq!(v["person_kind"], "political");
        assert_eq!(v["seat_role_1"], "Sindaca");
        assert_eq!(v["seat_role_2"], "Sindaca");
        // A new version, published: the role changes, the seats stay.
        let mut again: Vec<(&'static str, String)> =
            vec![("kind", "persone".into()), ("id", entry.to_string())];
        for (k, value) in v.as_object().unwrap() {
            let key: &'static str = Box::leak(format!("f[{k}]").into_boxed_str());
            let value = match k.as_str() {
                "role" => "Sindaca di Lugo".to_string(),
                _ => value.as_str().unwrap().to_string(),
            };
            again.push((key, value));
        }
        let res = call(&mut giulia, "site-editor/save", &again).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = step(&mut giulia, &db, entry, "publish", "").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let seats = count(
            &db,
            "SELECT COUNT(*) FROM unit_member m JOIN person p ON p.id = m.person_id
              WHERE p.slug = 'elena-martini' AND p.ente_id = (SELECT id FROM ente WHERE slug = 'lugo')",
        )
        .await;
        assert_eq!(seats, 2);
        let page = anon
            .get("/lugo/amministrazione/politici/elena-martini")
            .await;
        assert!(page.body.contains("Sindaca di Lugo"));
        // A demo page too: it opens with its section and its topic.
        let res = call(
            &mut giulia,
            "site-editor/open",
            &[("kind", "pagine".into()), ("slug", "storia-di-lugo".into())],
        )
        .await;
        let entry = id_from(&res);
        let v = fields_of(&db, entry).await;
        assert_eq!(v["page_section"], "vivere-il-comune");
        assert_eq!(v["topic"], "patrimonio-culturale");
    }
);

both!(
    a_place_shows_its_photo_once_it_is_live,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut giulia = signed_in(&app, GIULIA, "10.9.2.1").await;
        let mut anon = Client::new(&app, "10.9.2.9");
        let place = fields(
            "luoghi",
            &[
                ("title", "Parco del Loto"),
                ("place_kind", "Parco"),
                ("address", "Via Lumagni, Lugo"),
                ("lat", "44.4250"),
                ("lon", "11.9050"),
            ],
        );
        let id = id_from(&call(&mut giulia, "site-editor/save", &place).await);
        // Sent to the address of another kind, or without its text, it is not kept.
        for (kind, alt) in [("notizie", "Il laghetto"), ("luoghi", " ")] {
            let path = format!("/gestione/lugo/sito/{kind}/{id}/immagine");
            let res = giulia
                .post_multipart(&path, &[("alt", alt)], &[("loto.png", PNG)])
                .await;
            assert_ne!(res.status, StatusCode::OK, "{kind}");
            assert_eq!(photo_of(&db, id).await, None, "{kind}");
        }
        let path = format!("/gestione/lugo/sito/luoghi/{id}/immagine");
        let res = giulia
            .post_multipart(&path, &[("alt", "Il laghetto")], &[("loto.png", PNG)])
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let token = photo_of(&db, id).await.expect("the photo is the entry's");
        let file = format!("/file/{token}/foto");
        // A draft's photo is the site team's; once live, everyone's, on the places' list.
        assert_ne!(anon.get(&file).await.status, StatusCode::OK);
        assert_eq!(giulia.get(&file).await.status, StatusCode::OK);
        let res = step(&mut giulia, &db, id, "publish", "").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let list = anon.get("/lugo/luoghi").await;
        assert!(list.body.contains(&file), "{}", list.body);
        assert!(list.body.contains("alt=\"Il laghetto\""));
        assert_eq!(anon.get(&file).await.status, StatusCode::OK);
        // Opened again as content from before the editor, it keeps its photo.
        db.execute(sql("DELETE FROM site_entry WHERE id = $1").bind(id))
            .await
            .unwrap();
        let res = call(
            &mut giulia,
            "site-editor/open",
            &[("kind", "luoghi".into()), ("slug", "parco-del-loto".into())],
        )
        .await;
        assert_eq!(photo_of(&db, id_from(&res)).await, Some(token));
    }
);
