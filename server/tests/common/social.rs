//! Calls to the social-media team's server functions of the demo Comune di Lugo.

use super::web::{Client, Response};
use app::db::{sql, Db};
use axum::http::StatusCode;

/// Calls a server function with `ente=lugo` and the pairs given.
pub async fn call(c: &mut Client, endpoint: &str, pairs: &[(&str, String)]) -> Response {
    let mut all = vec![("ente", "lugo".to_string())];
    all.extend(pairs.iter().map(|(k, v)| (*k, v.clone())));
    let borrowed: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.call(endpoint, &borrowed).await
}

/// …which must succeed: its JSON.
pub async fn ok(c: &mut Client, endpoint: &str, pairs: &[(&str, String)]) -> serde_json::Value {
    let res = call(c, endpoint, pairs).await;
    assert_eq!(res.status, StatusCode::OK, "{endpoint}: {}", res.body);
    res.json()
}

/// The id of Lugo's channel on `platform` ("Facebook", "X"…).
pub async fn channel(c: &mut Client, platform: &str) -> i64 {
    let page = ok(c, "social/channels", &[]).await;
    page["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|ch| ch["platform"] == platform)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// A count the query gives.
pub async fn count(db: &Db, query: &'static str) -> i64 {
    let (n,): (i64,) = db.fetch_one(sql(query)).await.unwrap();
    n
}
