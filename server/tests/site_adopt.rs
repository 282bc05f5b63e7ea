//! What an ente's site showed before the newsroom, on both databases: a live news
//! item opened into an entry, changed and published in place; and its image, which
//! the entry takes with it so that the next publication keeps it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use axum::http::StatusCode;
use common::editor::{id_from, state_of, step};
use common::people::CHIARA;
use common::social::call;
use common::web::{app, signed_in, PNG};

both!(
    what_the_site_showed_before_opens_and_changes_in_place,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let (app, _) = app(db.clone());
        let mut chiara = signed_in(&app, CHIARA, "10.8.3.1").await;
        let (news_id, slug): (i64, String) = db
            .fetch_one(sql(
                "SELECT n.id, n.slug FROM news n JOIN ente e ON e.id = n.ente_id
                         WHERE e.slug = 'lugo' ORDER BY n.id LIMIT 1",
            ))
            .await
            .unwrap();
        let home = call(
            &mut chiara,
            "site-editor/home",
            &[("kind", "notizie".into())],
        )
        .await;
        assert!(home.body.contains(&slug), "{}", home.body);
        let res = call(
            &mut chiara,
            "site-editor/open",
            &[("kind", "notizie".into()), ("slug", slug.clone())],
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let id = id_from(&res);
        assert_eq!(state_of(&db, id).await, "published");
        // Opening it again finds the same entry.
        let again = call(
            &mut chiara,
            "site-editor/open",
            &[("kind", "notizie".into()), ("slug", slug.clone())],
        )
        .await;
        assert_eq!(id_from(&again), id);
        let page = call(
            &mut chiara,
            "site-editor/entry",
            &[("kind", "notizie".into()), ("id", id.to_string())],
        )
        .await;
        let values = page.json()["values"].clone();
        let mut form: Vec<(&str, String)> =
            vec![("kind", "notizie".into()), ("id", id.to_string())];
        for key in ["news_kind", "title", "summary", "body", "topic"] {
            let input: &'static str = Box::leak(format!("f[{key}]").into_boxed_str());
            form.push((input, values[key].as_str().unwrap_or_default().to_string()));
        }
        form[3].1 = "Un titolo nuovo per una notizia di prima".into();
        if form[6].1.is_empty() {
            form[6].1 = "urbanizzazione".into();
        }
        let res = call(&mut chiara, "site-editor/save", &form).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        step(&mut chiara, &db, id, "publish", "").await;
        let (title,): (String,) = db
            .fetch_one(sql("SELECT title FROM news WHERE id = $1").bind(news_id))
            .await
            .unwrap();
        assert_eq!(title, "Un titolo nuovo per una notizia di prima");
        // Another ente's editor cannot open Lugo's entry.
        let page = call(
            &mut chiara,
            "site-editor/entry",
            &[("kind", "eventi".into()), ("id", id.to_string())],
        )
        .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    }
);

both!(an_opened_news_item_keeps_its_image, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let mut chiara = signed_in(&app, CHIARA, "10.8.4.1").await;
    // A news item with an image goes live through the editor…
    let item = [
        ("kind", "notizie".to_string()),
        ("f[news_kind]", "notizia".into()),
        ("f[title]", "La nuova piazza".into()),
        ("f[summary]", "Inaugurata la piazza rinnovata.".into()),
        ("f[body]", "Con nuove panchine.".into()),
        ("f[topic]", "urbanizzazione".into()),
    ];
    let id = id_from(&call(&mut chiara, "site-editor/save", &item).await);
    let res = chiara
        .post_multipart(
            &format!("/gestione/lugo/sito/notizie/{id}/immagine"),
            &[("alt", "La piazza dall'alto")],
            &[("piazza.png", PNG)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    step(&mut chiara, &db, id, "publish", "").await;
    let image = "SELECT i.upload_id, i.alt FROM news_image i JOIN news n ON n.id = i.news_id
                  WHERE n.slug = 'la-nuova-piazza'";
    let before: (i64, String) = db.fetch_one(sql(image)).await.unwrap();
    // …and then stands as content from before the editor (no entry holds it).
    db.execute(sql("DELETE FROM site_entry WHERE id = $1").bind(id))
        .await
        .unwrap();
    let res = call(
        &mut chiara,
        "site-editor/open",
        &[
            ("kind", "notizie".into()),
            ("slug", "la-nuova-piazza".into()),
        ],
    )
    .await;
    let opened = id_from(&res);
    let (held, alt): (Option<i64>, String) = db
        .fetch_one(sql("SELECT image_id, image_alt FROM site_entry WHERE id = $1").bind(opened))
        .await
        .unwrap();
    assert_eq!((held, alt), (Some(before.0), before.1.clone()));
    // Changed and published again, it still shows its image.
    let mut changed = item.to_vec();
    changed[2].1 = "La nuova piazza è aperta".into();
    changed.push(("id", opened.to_string()));
    call(&mut chiara, "site-editor/save", &changed).await;
    step(&mut chiara, &db, opened, "publish", "").await;
    assert_eq!(state_of(&db, opened).await, "published");
    let after: (i64, String) = db.fetch_one(sql(image)).await.unwrap();
    assert_eq!(after, before);
});
