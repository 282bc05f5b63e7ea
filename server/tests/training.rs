//! The training-needs analysis through the router, on both databases: the survey
//! made with the questionnaire engine, answers checked by it (and replaced when
//! given again), the levels required, the skills-gap matrix and the paths
//! suggested; only the ente's social team takes part.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::Db;
use axum::http::StatusCode;
use common::people::{MARCO, SARA};
use common::social::call;
use common::web::{app, signed_in};

/// Marco's answers: every skill at `level` but the last, left out when `skip`.
fn answers(level: &str, skip: bool) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&'static str, String)> = (1..=10)
        .filter(|i| !(skip && *i == 10))
        .map(|i| {
            (
                Box::leak(format!("answers[q1__s{i}]").into_boxed_str()) as &'static str,
                level.to_string(),
            )
        })
        .collect();
    f.push(("answers[q2]", "f1".into()));
    f.push(("answers[q3]", "Come si misura una campagna.".into()));
    f
}

both!(the_team_answers_and_sees_its_gaps, |db: Db| async move {
    piazza_server::demo::seed(&db).await.unwrap();
    let (app, _) = app(db.clone());
    let mut marco = signed_in(&app, MARCO, "10.6.0.1").await;
    let page = call(&mut marco, "social/training", &[]).await.json();
    let survey = &page["survey"];
    assert_eq!(survey["answered"], false);
    assert_eq!(survey["people"].as_array().unwrap().len(), 1);
    assert_eq!(survey["missing"], serde_json::json!(["Marco Bassi"]));
    // Starting it again starts nothing new.
    assert_eq!(
        call(&mut marco, "social/training-start", &[]).await.status,
        StatusCode::OK
    );
    let (surveys,): (i64,) = db
        .fetch_one(app::db::sql("SELECT COUNT(*) FROM training_survey"))
        .await
        .unwrap();
    assert_eq!(surveys, 1);

    // The engine checks the matrix: every skill needs an answer, and a real level.
    let res = call(&mut marco, "social/training-answer", &answers("l1", true)).await;
    assert!(
        matches!(res.error(), Some(app::error::AppError::Invalid(f)) if f[0].field == "q1"),
        "{}",
        res.body
    );
    let res = call(&mut marco, "social/training-answer", &answers("l9", false)).await;
    assert!(
        matches!(res.error(), Some(app::error::AppError::Invalid(f)) if f[0].field == "q1"),
        "{}",
        res.body
    );
    let ok = call(&mut marco, "social/training-answer", &answers("l1", false)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);

    // The required level is «Buona» (3) unless set: Marco is two short everywhere.
    let page = call(&mut marco, "social/training", &[]).await.json();
    let survey = &page["survey"];
    assert_eq!(survey["answered"], true);
    assert_eq!(survey["mine"]["q1__s3"], "l1");
    assert_eq!(survey["mine"]["q3"], "Come si misura una campagna.");
    let marco_row = survey["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Marco Bassi")
        .unwrap()
        .clone();
    assert_eq!(marco_row["levels"][0], 1);
    assert_eq!(marco_row["suggestions"].as_array().unwrap().len(), 10);
    assert_eq!(marco_row["suggestions"][0][1], 2);
    assert_eq!(marco_row["suggestions"][0][2], "TrainingPath2");
    // Paid promotion: Giulia 0, Marco 1, required 3 → 2.5 missing on average.
    assert_eq!(survey["gaps"][9]["value"], 2.5);
    assert_eq!(survey["priorities"][0][0], "Sponsorizzazioni");
    assert!(survey["missing"].as_array().unwrap().is_empty());

    // Answering again replaces the answers; the required levels change the gaps.
    call(&mut marco, "social/training-answer", &answers("l3", false)).await;
    let mut levels: Vec<(&str, String)> =
        vec![("levels[s1]", "l4".into()), ("levels[s10]", "l1".into())];
    let res = call(
        &mut marco,
        "social/training-required",
        &[levels.clone(), vec![("levels[s2]", "l7".into())]].concat(),
    )
    .await;
    assert!(
        matches!(res.error(), Some(app::error::AppError::Invalid(f)) if f[0].field == "levels[s2]")
    );
    levels.push(("levels[s2]", "l2".into()));
    assert_eq!(
        call(&mut marco, "social/training-required", &levels)
            .await
            .status,
        StatusCode::OK
    );
    let page = call(&mut marco, "social/training", &[]).await.json();
    let survey = &page["survey"];
    assert_eq!(survey["required"][0], 4);
    assert_eq!(survey["required"][3], 3);
    let marco_row = survey["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Marco Bassi")
        .unwrap()
        .clone();
    assert_eq!(
        marco_row["suggestions"].as_array().unwrap().len(),
        1,
        "only writing, one short"
    );
    assert_eq!(marco_row["suggestions"][0][2], "TrainingPath1");
    assert_eq!(survey["gaps"][9]["value"], 0.5);

    // The export carries one's answers; outsiders take no part.
    let export = marco.get("/account/dati.json").await;
    assert!(export.body.contains("training_needs"));
    let mut sara = signed_in(&app, SARA, "10.6.0.2").await;
    assert_eq!(
        call(&mut sara, "social/training", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(&mut sara, "social/training-answer", &answers("l1", false))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
});
