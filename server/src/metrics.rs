//! `GET /metrics`: the node's metrics in Prometheus' text format, for platform
//! admins (the policy's `ViewMetrics`) or a scraper holding `PIAZZA_METRICS_TOKEN`
//! (`Authorization: Bearer …`). Requests are counted and timed by matched route
//! (`/{ente}/notizie/{slug}`, never the raw path, so that the series stay few);
//! the rest is read when scraped: the database pool, the outbox, open live streams,
//! the leases of scheduled work. Each node has its own: scrape every node.

use crate::gate::{self, Login};
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::db::{sql, Db};
use app::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 11] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// Requests so far, by (method, route, status).
#[derive(Clone, Debug, Default)]
pub struct Metrics {
    series: Arc<Mutex<BTreeMap<(String, String, u16), Series>>>,
    /// The token scrapers send; none means only platform admins read the metrics.
    pub token: Option<String>,
}

#[derive(Clone, Debug, Default)]
struct Series {
    count: u64,
    seconds: f64,
    buckets: [u64; BUCKETS.len()],
}

impl Metrics {
    pub fn with_token(token: Option<String>) -> Metrics {
        Metrics {
            token: token.filter(|t| t.len() >= 16),
            ..Metrics::default()
        }
    }

    fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let Ok(mut series) = self.series.lock() else {
            return;
        };
        let s = series
            .entry((method.to_string(), route.to_string(), status))
            .or_default();
        s.count += 1;
        s.seconds += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                s.buckets[i] += 1;
            }
        }
    }
}

/// The route a request matched: its pattern, or what serves it when none did.
pub fn route_of(req: &Request) -> String {
    match req.extensions().get::<MatchedPath>() {
        Some(path) => path.as_str().to_string(),
        None if req.uri().path().starts_with("/pkg/") => "/pkg/*".to_string(),
        None => "other".to_string(),
    }
}

/// The method as a label: the standard ones, anything else `other` (a client may
/// send any token as a method; each would be a series kept for ever).
fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    for known in [
        Method::GET,
        Method::POST,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
    ] {
        if method == known {
            return match known.as_str() {
                "GET" => "GET",
                "POST" => "POST",
                "HEAD" => "HEAD",
                "PUT" => "PUT",
                "DELETE" => "DELETE",
                "PATCH" => "PATCH",
                _ => "OPTIONS",
            };
        }
    }
    "other"
}

/// Middleware: counts and times every request by its matched route.
pub async fn count(Extension(metrics): Extension<Metrics>, req: Request, next: Next) -> Response {
    let (method, route) = (method_label(req.method()), route_of(&req));
    let started = Instant::now();
    let res = next.run(req).await;
    metrics.record(
        method,
        &route,
        res.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    res
}

pub async fn serve(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Extension(metrics): Extension<Metrics>,
    headers: HeaderMap,
) -> Result<Response, Response> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let scraper = match (&metrics.token, bearer) {
        (Some(token), Some(given)) => constant_time_eq(token.as_bytes(), given.as_bytes()),
        _ => false,
    };
    if !scraper {
        gate::require(&info, Action::ViewMetrics, Target::Site, Login::Status)?;
    }
    let mut out = requests(&metrics);
    gauges(&state, &mut out).await;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        out,
    )
        .into_response())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The requests' counters and histograms.
fn requests(metrics: &Metrics) -> String {
    let mut out = String::from(
        "# HELP piazza_http_requests_total Requests answered, by method, matched route and status.\n\
         # TYPE piazza_http_requests_total counter\n",
    );
    let series = metrics.series.lock().map(|s| s.clone()).unwrap_or_default();
    for ((method, route, status), s) in &series {
        let _ = writeln!(
            out,
            "piazza_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {}",
            escape(route),
            s.count
        );
    }
    out.push_str(
        "# HELP piazza_http_request_duration_seconds Time to answer (until the headers), by method and matched route.\n\
         # TYPE piazza_http_request_duration_seconds histogram\n",
    );
    let mut by_route: BTreeMap<(&str, &str), Series> = BTreeMap::new();
    for ((method, route, _), s) in &series {
        let sum = by_route.entry((method, route)).or_default();
        sum.count += s.count;
        sum.seconds += s.seconds;
        for (i, b) in s.buckets.iter().enumerate() {
            sum.buckets[i] += b;
        }
    }
    for ((method, route), s) in by_route {
        let labels = format!("method=\"{method}\",route=\"{}\"", escape(route));
        for (bound, n) in BUCKETS.iter().zip(s.buckets) {
            let _ = writeln!(
                out,
                "piazza_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {n}"
            );
        }
        let _ = writeln!(
            out,
            "piazza_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
            s.count
        );
        let _ = writeln!(
            out,
            "piazza_http_request_duration_seconds_sum{{{labels}}} {:.6}",
            s.seconds
        );
        let _ = writeln!(
            out,
            "piazza_http_request_duration_seconds_count{{{labels}}} {}",
            s.count
        );
    }
    out
}

/// What is read when scraped.
async fn gauges(state: &AppState, out: &mut String) {
    let (size, idle) = match &state.db {
        Db::Sqlite(p) => (p.size(), p.num_idle()),
        Db::Postgres(p) => (p.size(), p.num_idle()),
    };
    let _ = write!(
        out,
        "# HELP piazza_db_connections Open database connections of this node's pool.\n\
         # TYPE piazza_db_connections gauge\n\
         piazza_db_connections{{state=\"open\"}} {size}\n\
         piazza_db_connections{{state=\"idle\"}} {idle}\n\
         # HELP piazza_live_streams Live event streams open on this node.\n\
         # TYPE piazza_live_streams gauge\n\
         piazza_live_streams {}\n",
        state.live.open_streams()
    );
    let outbox: Vec<(String, i64)> = state
        .db
        .fetch_all(sql(
            "SELECT status, COUNT(*) FROM outbox GROUP BY status ORDER BY status",
        ))
        .await
        .unwrap_or_default();
    out.push_str("# HELP piazza_outbox_messages Messages in the outbox, by status.\n# TYPE piazza_outbox_messages gauge\n");
    for (status, n) in outbox {
        let _ = writeln!(
            out,
            "piazza_outbox_messages{{status=\"{}\"}} {n}",
            escape(&status)
        );
    }
    let tasks: Vec<(String, i64, chrono::DateTime<chrono::Utc>)> = state
        .db
        .fetch_all(sql(
            "SELECT name, runs, last_run_at FROM task_lease ORDER BY name",
        ))
        .await
        .unwrap_or_default();
    out.push_str(
        "# HELP piazza_task_runs_total Runs of scheduled work, on any node.\n# TYPE piazza_task_runs_total counter\n",
    );
    for (name, runs, _) in &tasks {
        let _ = writeln!(
            out,
            "piazza_task_runs_total{{task=\"{}\"}} {runs}",
            escape(name)
        );
    }
    out.push_str(
        "# HELP piazza_task_last_run_seconds When scheduled work last ran (Unix time).\n# TYPE piazza_task_last_run_seconds gauge\n",
    );
    for (name, _, at) in &tasks {
        let _ = writeln!(
            out,
            "piazza_task_last_run_seconds{{task=\"{}\"}} {}",
            escape(name),
            at.timestamp()
        );
    }
}

/// A label value as Prometheus reads it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_by_route_with_their_histogram() {
        let m = Metrics::default();
        m.record("GET", "/{ente}", 200, 0.003);
        m.record("GET", "/{ente}", 200, 0.2);
        m.record("GET", "/{ente}", 404, 0.002);
        let text = requests(&m);
        assert!(
            text.contains(
                "piazza_http_requests_total{method=\"GET\",route=\"/{ente}\",status=\"200\"} 2"
            ),
            "{text}"
        );
        assert!(text.contains(
            "piazza_http_requests_total{method=\"GET\",route=\"/{ente}\",status=\"404\"} 1"
        ));
        assert!(text.contains("piazza_http_request_duration_seconds_bucket{method=\"GET\",route=\"/{ente}\",le=\"0.005\"} 2"));
        assert!(text.contains("piazza_http_request_duration_seconds_bucket{method=\"GET\",route=\"/{ente}\",le=\"0.25\"} 3"));
        assert!(text.contains(
            "piazza_http_request_duration_seconds_count{method=\"GET\",route=\"/{ente}\"} 3"
        ));
        assert!(!constant_time_eq(b"abc", b"abd") && constant_time_eq(b"abc", b"abc"));
        assert_eq!(escape("a\"b"), "a\\\"b");
        let odd = axum::http::Method::from_bytes(b"RND12345").unwrap();
        assert_eq!(method_label(&odd), "other");
        assert_eq!(method_label(&axum::http::Method::POST), "POST");
    }
}
