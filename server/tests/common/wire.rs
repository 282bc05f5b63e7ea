//! A `piazza serve` process and a plain HTTP/1.1 client over TCP, for the tests that
//! need a real server: killed with SIGKILL, cut off from its database, run twice.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// An address on the loopback that nothing listens on (as of now).
pub fn free_address() -> String {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    taken.local_addr().unwrap().to_string()
}

/// A server process on a port of its own.
pub struct Node {
    pub addr: String,
    child: std::sync::Mutex<Child>,
    _site: tempfile::TempDir,
}

impl Node {
    /// Starts `piazza serve` on `database_url` and waits until it answers.
    pub async fn start(database_url: &str) -> Node {
        Node::start_with(database_url, &[]).await
    }

    /// The same, with more settings in its environment.
    pub async fn start_with(database_url: &str, settings: &[(&str, &str)]) -> Node {
        let addr = free_address();
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("pkg")).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_piazza"))
            .args(["serve", "--listen", &addr, "--site-root"])
            .arg(site.path())
            .env("DATABASE_URL", database_url)
            .env("PIAZZA_PUBLIC_URL", format!("http://{addr}"))
            .env("PIAZZA_LOG", "warn")
            .envs(settings.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let node = Node {
            addr,
            child: std::sync::Mutex::new(child),
            _site: site,
        };
        let started = Instant::now();
        loop {
            if let Ok(r) = node.request("GET", "/healthz", &[], "").await {
                if r.status == 200 {
                    return node;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the server did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// SIGKILL: no shutdown, no flush, nothing. (Requests still in flight then fail.)
    pub fn kill(&self) {
        let mut child = self.child.lock().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
    }

    /// One request on a new connection; an error when the server is not there.
    pub async fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> std::io::Result<Answer> {
        let mut stream = TcpStream::connect(&self.addr).await?;
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        Answer::parse(&raw).ok_or_else(|| std::io::Error::other("not an HTTP answer"))
    }

    /// Opens a stream (Server-Sent Events) and returns its `data:` lines as they come.
    pub async fn stream(&self, path: &str, cookie: &str) -> tokio::sync::mpsc::Receiver<String> {
        let mut stream = TcpStream::connect(&self.addr).await.unwrap();
        let head = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let (tx, rx) = tokio::sync::mpsc::channel(16);
        tokio::spawn(async move {
            let mut lines = tokio::io::BufReader::new(stream).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(data) = line.strip_prefix("data:") {
                    if tx.send(data.trim().to_string()).await.is_err() {
                        return;
                    }
                }
            }
        });
        rx
    }

    /// Calls a server function as the browser does, from the site's own origin.
    pub async fn call(&self, cookie: &str, endpoint: &str, form: &str) -> std::io::Result<Answer> {
        let origin = format!("http://{}", self.addr);
        let mut headers = vec![
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/json"),
            ("Origin", origin.as_str()),
        ];
        if !cookie.is_empty() {
            headers.push(("Cookie", cookie));
        }
        self.request("POST", &format!("/api/{endpoint}"), &headers, form)
            .await
    }

    /// Signs a demo person in; the session cookie (`name=value`).
    pub async fn sign_in(&self, email: &str) -> String {
        let form = super::web::form(&[("email", email), ("password", "piazza-demo-2026")]);
        let answer = self.call("", "account/login", &form).await.unwrap();
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer
            .header("set-cookie")
            .and_then(|c| c.split(';').next())
            .map(str::to_string)
            .expect("a session cookie")
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        if let Ok(child) = self.child.get_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// An HTTP answer, read whole (the server closes the connection).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    fn parse(raw: &[u8]) -> Option<Answer> {
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = std::str::from_utf8(&raw[..split]).ok()?;
        let body = &raw[split + 4..];
        let mut lines = head.lines();
        let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect::<Vec<_>>();
        let chunked = headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
        let body = if chunked {
            unchunk(body)
        } else {
            body.to_vec()
        };
        Some(Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..eol]).unwrap_or_default();
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        let rest = &body[eol + 2..];
        if n == 0 || rest.len() < n {
            break;
        }
        out.extend_from_slice(&rest[..n]);
        body = rest[n..].strip_prefix(b"\r\n").unwrap_or(&rest[n..]);
    }
    out
}
