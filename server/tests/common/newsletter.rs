//! Newsletter fixtures: a subscriber of an ente's general list, the links a mail
//! carries, a confirmation link, a draft issue.

use app::db::{sql, Db};
use app::ids::{AccountId, EnteId};
use app::newsletter::issue_repo::{self, NewIssue};
use app::newsletter::links::Keys;
use app::newsletter::model::IssueState;
use app::newsletter::repo;

/// The ente's general list (the demo makes one for each Comune).
pub async fn general_list(db: &Db, ente: EnteId) -> i64 {
    let lists = repo::lists(db, ente).await.unwrap();
    lists
        .iter()
        .find(|l| l.is_general)
        .expect("a general list")
        .id
}

/// A confirmed subscriber of the general list.
pub async fn subscriber(db: &Db, ente: EnteId, email: &str) -> i64 {
    let list = general_list(db, ente).await;
    let now = chrono::Utc::now();
    let mut tx = db.begin().await.unwrap();
    let id = repo::subscriber(&mut tx, ente, email, "it", None, now)
        .await
        .unwrap();
    repo::set_state(&mut tx, id, list, "active", now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn preferences_token(db: &Db, subscriber: i64) -> String {
    Keys::load(db).await.unwrap().preferences(subscriber)
}

pub async fn leave_token(db: &Db, subscriber: i64, list: i64) -> String {
    Keys::load(db).await.unwrap().leave(subscriber, list)
}

/// A fresh confirmation link for `email` and the general list.
pub async fn confirm_token(db: &Db, ente: EnteId, email: &str) -> String {
    let list = general_list(db, ente).await;
    let now = chrono::Utc::now();
    let (token, digest) = app::auth::token::new_token();
    let mut tx = db.begin().await.unwrap();
    let id = repo::subscriber(&mut tx, ente, email, "it", None, now)
        .await
        .unwrap();
    repo::add_confirm(
        &mut tx,
        &digest,
        id,
        &[list],
        now + chrono::Duration::days(7),
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    token
}

/// A draft issue of the general list.
pub async fn draft(db: &Db, ente: EnteId, author: AccountId) -> i64 {
    let list = general_list(db, ente).await;
    let issue = NewIssue {
        list,
        subject: "Un numero di prova",
        intro: "Testo",
        items: "[]",
        body_html: "<p>Testo</p>",
        body_text: "Testo",
        state: IssueState::Draft,
        send_at: None,
    };
    let mut tx = db.begin().await.unwrap();
    let id = issue_repo::insert(&mut tx, ente, &issue, author, chrono::Utc::now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// The fields a refused call names.
pub fn fields_of(res: &super::web::Response) -> Vec<String> {
    match res.error() {
        Some(app::error::AppError::Invalid(problems)) => {
            problems.iter().map(|p| p.field.clone()).collect()
        }
        other => panic!("{other:?}: {}", res.body),
    }
}

/// Lugo's general list.
pub async fn lugo_list(db: &Db) -> i64 {
    let (lugo,): (app::ids::EnteId,) = db
        .fetch_one(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
        .await
        .unwrap();
    general_list(db, lugo).await
}
