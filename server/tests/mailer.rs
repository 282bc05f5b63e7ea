//! The outbox sender against a real SMTP conversation (a small sink in this test):
//! mail waits while the server is down and goes out when it is back; two senders
//! never send the same message twice; without SMTP, mail is captured.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Db};
use app::i18n::Lang;
use app::mail::model::MailKind;
use app::mail::outbox::{self, NewMail};
use app::state::AppState;
use piazza_server::mailer::{deliver_due, Transport};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server that accepts everything and keeps each message's DATA.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ready\r\n").await.unwrap();
                let mut in_data = false;
                let mut data = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            store.lock().unwrap().push(std::mem::take(&mut data));
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let verb = line
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "DATA" => {
                            in_data = true;
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            return;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

async fn queue(db: &Db, to: &str) {
    let mut tx = db.begin().await.unwrap();
    outbox::enqueue(
        &mut tx,
        NewMail {
            to,
            account_id: None,
            kind: MailKind::VerifyEmail,
            lang: Lang::It,
            values: &[
                ("name", "Maria"),
                ("link", "http://piazza.test/account/verifica?token=x"),
                ("site", "http://piazza.test"),
                ("days", "3"),
            ],
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn statuses(db: &Db) -> Vec<(String, i64)> {
    db.fetch_all(sql("SELECT status, attempts FROM outbox ORDER BY id"))
        .await
        .unwrap()
}

fn from() -> lettre::message::Mailbox {
    "Piazza <noreply@piazza.test>".parse().unwrap()
}

both!(
    mail_waits_while_smtp_is_down_and_goes_when_it_is_back,
    |db: Db| async move {
        let state = AppState::new(db.clone(), "http://piazza.test");
        queue(&db, "maria@example.it").await;
        // A port where nobody listens.
        let closed = {
            TcpListener::bind("127.0.0.1:0")
                .await
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        };
        let down = Transport::from_url(
            Some(&format!("smtp://127.0.0.1:{closed}")),
            1,
            std::time::Duration::from_secs(30),
        )
        .unwrap();
        assert_eq!(deliver_due(&state, &down, &from()).await, 1);
        assert_eq!(statuses(&db).await, vec![("pending".to_string(), 1)]);
        let (error,): (String,) = db
            .fetch_one(sql("SELECT last_error FROM outbox"))
            .await
            .unwrap();
        assert!(!error.is_empty());
        // Not due again before the backoff.
        assert_eq!(deliver_due(&state, &down, &from()).await, 0);

        let (port, received) = smtp_sink().await;
        let up = Transport::from_url(
            Some(&format!("smtp://127.0.0.1:{port}")),
            1,
            std::time::Duration::from_secs(30),
        )
        .unwrap();
        state.clock.advance(chrono::Duration::minutes(2));
        assert_eq!(deliver_due(&state, &up, &from()).await, 1);
        assert_eq!(statuses(&db).await, vec![("sent".to_string(), 2)]);
        let got = received.lock().unwrap().clone();
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("To: maria@example.it"), "{}", got[0]);
        assert!(
            got[0].contains("Subject: Conferma il tuo indirizzo email"),
            "{}",
            got[0]
        );
    }
);

both!(
    a_message_is_given_up_after_the_last_retry,
    |db: Db| async move {
        let state = AppState::new(db.clone(), "http://piazza.test");
        queue(&db, "nessuno@example.it").await;
        let closed = {
            TcpListener::bind("127.0.0.1:0")
                .await
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        };
        let down = Transport::from_url(
            Some(&format!("smtp://127.0.0.1:{closed}")),
            1,
            std::time::Duration::from_secs(30),
        )
        .unwrap();
        for _ in 0..outbox::MAX_ATTEMPTS {
            assert_eq!(deliver_due(&state, &down, &from()).await, 1);
            state.clock.advance(chrono::Duration::hours(7));
        }
        assert_eq!(
            statuses(&db).await,
            vec![("failed".to_string(), outbox::MAX_ATTEMPTS)]
        );
        assert_eq!(deliver_due(&state, &down, &from()).await, 0);
    }
);

both!(
    two_senders_never_send_one_message_twice,
    |db: Db| async move {
        let state = AppState::new(db.clone(), "http://piazza.test");
        for i in 0..12 {
            queue(&db, &format!("persona{i}@example.it")).await;
        }
        let (port, received) = smtp_sink().await;
        let up = Transport::from_url(
            Some(&format!("smtp://127.0.0.1:{port}")),
            1,
            std::time::Duration::from_secs(30),
        )
        .unwrap();
        let sender = from();
        let (a, b) = tokio::join!(
            deliver_due(&state, &up, &sender),
            deliver_due(&state, &up, &sender)
        );
        assert_eq!(a + b, 12);
        assert_eq!(received.lock().unwrap().len(), 12);
        assert!(statuses(&db)
            .await
            .iter()
            .all(|(s, n)| s == "sent" && *n == 1));
    }
);

both!(without_smtp_mail_is_captured, |db: Db| async move {
    let state = AppState::new(db.clone(), "http://piazza.test");
    queue(&db, "maria@example.it").await;
    assert_eq!(deliver_due(&state, &Transport::Capture, &from()).await, 1);
    assert_eq!(statuses(&db).await, vec![("captured".to_string(), 1)]);
});

/// The first token in a text, if any: a run of 64 or more hexadecimal digits (quoted-
/// printable's soft line breaks taken out first).
fn reset_token(text: &str) -> Option<String> {
    let text = text.replace("=\n", "");
    text.split(|c: char| !c.is_ascii_hexdigit())
        .find(|run| run.len() >= 64)
        .map(String::from)
}

// Hole 1: a platform admin asked a reset for someone else and read the link in the
// outbox, and backups carried it.
both!(
    sent_mail_keeps_no_usable_link_nor_do_backups,
    |db: Db| async move {
        use common::people::{ADMIN, MARCO};
        piazza_server::demo::seed(&db).await.unwrap();
        let (router, state) = common::web::app(db.clone());
        let mut admin = common::web::signed_in(&router, ADMIN, "10.9.0.1").await;
        let res = admin.call("account/forgot", &[("email", MARCO)]).await;
        assert!(res.status.is_success(), "{}", res.body);

        // The SMTP server gets the link; the outbox keeps none once it is sent.
        let (port, received) = smtp_sink().await;
        let smtp = Transport::from_url(
            Some(&format!("smtp://127.0.0.1:{port}")),
            1,
            std::time::Duration::from_secs(30),
        )
        .unwrap();
        assert!(deliver_due(&state, &smtp, &from()).await >= 1);
        let got = received.lock().unwrap().clone();
        let mailed = got
            .iter()
            .find(|m| m.contains(MARCO))
            .expect("the reset mail");
        assert!(reset_token(mailed).is_some(), "{mailed}");
        let bodies: Vec<(String,)> = db
            .fetch_all(sql("SELECT body_text FROM outbox WHERE to_address = $1").bind(MARCO))
            .await
            .unwrap();
        assert!(!bodies.is_empty());
        for (body,) in &bodies {
            assert_eq!(reset_token(body), None, "{body}");
            assert!(body.contains(app::text::HIDDEN), "{body}");
        }
        let page = admin.call("admin/outbox", &[("to", MARCO)]).await;
        assert!(page.status.is_success(), "{}", page.body);
        assert!(page.body.contains(MARCO));
        assert_eq!(
            reset_token(&page.body.replace("\\n", " ")),
            None,
            "{}",
            page.body
        );

        // Captured mail (no SMTP server) keeps its link for the page, but not in a backup.
        let res = admin.call("account/forgot", &[("email", MARCO)]).await;
        assert!(res.status.is_success(), "{}", res.body);
        deliver_due(&state, &Transport::Capture, &from()).await;
        let page = admin.call("admin/outbox", &[("to", MARCO)]).await;
        assert!(reset_token(&page.body.replace("\\n", " ")).is_some());
        let outbox = app::db::portable::table("outbox").unwrap();
        let (_, rows) = db.dump(outbox).await.unwrap();
        let dumped = serde_json::to_string(&rows).unwrap();
        assert!(dumped.contains(MARCO));
        assert_eq!(reset_token(&dumped.replace("\\n", " ")), None, "{dumped}");

        // Kept mail goes after its retention.
        let later = state.clock.now() + chrono::Duration::days(31);
        piazza_server::maintenance::sweep(&db, &Default::default(), later)
            .await
            .unwrap();
        let (left,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM outbox"))
            .await
            .unwrap();
        assert_eq!(left, 0);
    }
);
