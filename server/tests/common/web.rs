//! A browser-like client for the assembled router: it keeps cookies, says where its
//! requests come from (as browsers do), and calls server functions the way the
//! wasm client does (form-encoded body, JSON answer).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use app::db::blobs::Storage;
use app::db::Db;
use app::state::AppState;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use leptos::prelude::LeptosOptions;
use std::collections::BTreeMap;
use tower::ServiceExt;

pub const SITE: &str = "http://piazza.test";

/// A PNG of one pixel.
pub const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE, 0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE,
    0x42, 0x60, 0x82,
];

/// The router and its state (the state's clock can be moved forward).
pub fn app(db: Db) -> (axum::Router, AppState) {
    app_storing(db, Storage::Database)
}

/// The same, with uploads' contents kept in `files`.
pub fn app_storing(db: Db, files: Storage) -> (axum::Router, AppState) {
    let site = tempfile::tempdir().unwrap().keep();
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let options = LeptosOptions::builder()
        .output_name("piazza")
        .site_root(site.display().to_string())
        .build();
    let mut state = AppState::new(db, SITE);
    // Tests give each client its own address through X-Forwarded-For.
    state.trust_proxy = true;
    // Rate limits count in fixed windows that start on the hour (and on the quarter).
    // A test that starts in a window's last five minutes starts instead a minute into
    // the next, so that no window ends halfway through its steps (one did, at 21:00,
    // and saw a sixth answer pass). Otherwise the clock is the real one: tests compare
    // with today's date.
    let left = 900 - chrono::Utc::now().timestamp().rem_euclid(900);
    if left < 300 {
        state.clock.advance(chrono::Duration::seconds(left + 60));
    }
    state.files = files;
    piazza_server::live::spawn_bus(&state);
    (piazza_server::router::app(state.clone(), options), state)
}

pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The `AppError` a server function answered with, if it failed.
    pub fn error(&self) -> Option<app::error::AppError> {
        if self.status.is_success() {
            None
        } else {
            serde_json::from_str(&self.body).ok()
        }
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(String::from))
            .collect()
    }
}

/// Every (method, path) the clients of a test binary sent: the authorization matrix
/// checks that each route of the router was among them.
pub static SENT: std::sync::Mutex<std::collections::BTreeSet<(String, String)>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// One browser: its cookies, its address, and whether it sends `Origin`.
#[derive(Clone)]
pub struct Client {
    pub app: axum::Router,
    pub cookies: BTreeMap<String, String>,
    pub ip: String,
    pub origin: Option<String>,
}

/// Form-encodes pairs.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl Client {
    pub fn new(app: &axum::Router, ip: &str) -> Client {
        Client {
            app: app.clone(),
            cookies: BTreeMap::new(),
            ip: ip.to_string(),
            origin: Some(SITE.to_string()),
        }
    }

    pub fn session(&self) -> Option<&String> {
        self.cookies.get(app::auth::session::COOKIE)
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> Response {
        if let Ok(mut sent) = SENT.lock() {
            sent.insert((req.method().to_string(), req.uri().path().to_string()));
        }
        let headers = req.headers_mut();
        if !self.cookies.is_empty() {
            headers.insert(header::COOKIE, self.cookie_header().parse().unwrap());
        }
        headers.insert("x-forwarded-for", self.ip.parse().unwrap());
        if let (Some(origin), false) = (&self.origin, headers.contains_key(header::ORIGIN)) {
            headers.insert(header::ORIGIN, origin.parse().unwrap());
        }
        let res = self.app.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), 20 << 20)
            .await
            .unwrap();
        let response = Response {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        };
        for cookie in response.set_cookies() {
            let pair = cookie.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || cookie.contains("Max-Age=0") {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_string(), value.to_string());
                }
            }
        }
        response
    }

    /// Opens a stream (Server-Sent Events) and keeps it open: its status and the
    /// frames as they come (`Events::next`).
    pub async fn open(&mut self, path: &str, last_id: Option<i64>) -> (StatusCode, Events) {
        if let Ok(mut sent) = SENT.lock() {
            sent.insert((
                "GET".to_string(),
                path.split('?').next().unwrap_or(path).to_string(),
            ));
        }
        let mut req = Request::get(path).body(Body::empty()).unwrap();
        let headers = req.headers_mut();
        if !self.cookies.is_empty() {
            headers.insert(header::COOKIE, self.cookie_header().parse().unwrap());
        }
        headers.insert("x-forwarded-for", self.ip.parse().unwrap());
        if let Some(id) = last_id {
            headers.insert("last-event-id", id.to_string().parse().unwrap());
        }
        let res = self.app.clone().oneshot(req).await.unwrap();
        let status = res.status();
        (
            status,
            Events {
                body: res.into_body().into_data_stream(),
                buffer: String::new(),
            },
        )
    }

    pub async fn get(&mut self, path: &str) -> Response {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// Calls a server function as the wasm client does.
    pub async fn call(&mut self, endpoint: &str, pairs: &[(&str, &str)]) -> Response {
        self.call_raw(endpoint, form(pairs)).await
    }

    pub async fn call_raw(&mut self, endpoint: &str, body: String) -> Response {
        let req = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Posts a multipart form as a browser does: its texts, then its files (each in
    /// a field named `file`, with the name the browser would give).
    pub async fn post_multipart(
        &mut self,
        path: &str,
        texts: &[(&str, &str)],
        files: &[(&str, &[u8])],
    ) -> Response {
        let mut body = Vec::new();
        for (field, value) in texts {
            body.extend(
                format!(
                    "--B\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n"
                )
                .bytes(),
            );
        }
        for (name, bytes) in files {
            body.extend(
                format!("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .bytes(),
            );
            body.extend(*bytes);
            body.extend(b"\r\n");
        }
        body.extend(b"--B--\r\n");
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=B")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Where a redirect goes.
    pub fn location(res: &Response) -> String {
        res.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }

    /// Posts a form as a browser without JavaScript does.
    pub async fn post_form(
        &mut self,
        endpoint: &str,
        pairs: &[(&str, &str)],
        referer: &str,
    ) -> Response {
        let req = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, format!("{SITE}{referer}"))
            .body(Body::from(form(pairs)))
            .unwrap();
        self.send(req).await
    }
}

/// A demo person (password `piazza-demo-2026`) signed in from `ip`.
pub async fn signed_in(app: &axum::Router, email: &str, ip: &str) -> Client {
    let mut c = Client::new(app, ip);
    let res = c
        .call(
            "account/login",
            &[("email", email), ("password", "piazza-demo-2026")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    c
}

/// The last mail queued for an address, and the link in it.
pub async fn last_mail_link(db: &Db, to: &str) -> Option<(String, String)> {
    let row: Option<(String, String)> = db
        .fetch_optional(
            app::db::sql("SELECT subject, body_text FROM outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1")
                .bind(to),
        )
        .await
        .unwrap();
    let (subject, body) = row?;
    let link = body
        .split_whitespace()
        .find(|w| w.starts_with(SITE))
        .map(|w| w.trim_start_matches(SITE).to_string())?;
    Some((subject, link))
}

/// The `token` query value of a link.
pub fn token_of(link: &str) -> String {
    link.split("token=").nth(1).unwrap_or_default().to_string()
}

/// The titles of the notifications of `kind` an address received, oldest first.
pub async fn notifications(db: &Db, email: &str, kind: &str) -> Vec<String> {
    let rows: Vec<(String,)> = db
        .fetch_all(
            app::db::sql(
                "SELECT n.title FROM notification n JOIN account a ON a.id = n.account_id
                  WHERE a.email = $1 AND n.kind = $2 ORDER BY n.id",
            )
            .bind(email)
            .bind(kind),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(t,)| t).collect()
}

/// The frames of an open stream.
pub struct Events {
    body: axum::body::BodyDataStream,
    buffer: String,
}

/// One event of a stream: its id (if any) and its data.
#[derive(Debug)]
pub struct Frame {
    pub id: Option<i64>,
    pub data: serde_json::Value,
}

impl Events {
    /// The next event within `wait`, skipping keep-alive comments; None when the
    /// stream ended or nothing came in time.
    pub async fn next(&mut self, wait: std::time::Duration) -> Option<Frame> {
        use futures::StreamExt;
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut frame = Frame {
                    id: None,
                    data: serde_json::Value::Null,
                };
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        frame.id = v.trim().parse().ok();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim());
                    }
                }
                if data.is_empty() {
                    continue;
                }
                frame.data = serde_json::from_str(&data).unwrap();
                return Some(frame);
            }
            match tokio::time::timeout_at(deadline, self.body.next()).await {
                Ok(Some(Ok(bytes))) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                _ => return None,
            }
        }
    }

    /// Whether the server ended the stream within `wait`, sending nothing more.
    pub async fn ends(&mut self, wait: std::time::Duration) -> bool {
        use futures::StreamExt;
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.body.next()).await {
                Ok(None) => return true,
                Ok(Some(Ok(bytes))) => {
                    let text = String::from_utf8_lossy(&bytes);
                    if text.lines().any(|l| l.starts_with("data:")) {
                        return false;
                    }
                }
                Ok(Some(Err(_))) => return true,
                Err(_) => return false,
            }
        }
    }
}
