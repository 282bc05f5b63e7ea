//! Live events in the browser: one hook for every module. `use_live(topics, f)`
//! opens a Server-Sent Events stream on `/live` (gloo's `EventSource`) and calls `f`
//! for each event of those topics; pages then ask their server functions for the
//! new state. The browser reconnects by itself after a network error (sending the
//! last id it had, so that the server replays what was missed); when the server
//! refused or closed the stream, the hook tries again after 1, 2, 4… up to 60
//! seconds (gloo's timers), asking for what came after the last id. Without
//! JavaScript nothing happens: the page shows the state as of its load.

use crate::live::LiveMessage;
#[cfg(feature = "hydrate")]
use leptos::prelude::on_cleanup;

/// The stream's address for some topics, e.g. `/live?t=me&t=results:5`.
pub fn live_url(topics: &[String], since: Option<i64>) -> String {
    let mut url = String::from("/live");
    for (i, t) in topics.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str("t=");
        url.push_str(t);
    }
    if let Some(id) = since {
        url.push_str("&since=");
        url.push_str(&id.to_string());
    }
    url
}

/// Calls `on_event` for every live event of `topics` while the component lives.
pub fn use_live(topics: Vec<String>, on_event: impl Fn(LiveMessage) + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use send_wrapper::SendWrapper;
        use std::cell::{Cell, RefCell};
        use std::rc::Rc;
        let open: Rc<RefCell<Option<gloo_net::eventsource::futures::EventSource>>> = Rc::default();
        let stopped = Rc::new(Cell::new(false));
        let on_cleanup_state = SendWrapper::new((open.clone(), stopped.clone()));
        on_cleanup(move || {
            let (open, stopped) = &*on_cleanup_state;
            stopped.set(true);
            // Dropping the last handle closes the stream.
            open.borrow_mut().take();
        });
        leptos::task::spawn_local(listen(topics, on_event, open, stopped));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (topics, on_event);
}

#[cfg(feature = "hydrate")]
async fn listen(
    topics: Vec<String>,
    on_event: impl Fn(LiveMessage) + 'static,
    open: std::rc::Rc<std::cell::RefCell<Option<gloo_net::eventsource::futures::EventSource>>>,
    stopped: std::rc::Rc<std::cell::Cell<bool>>,
) {
    use futures::StreamExt;
    use gloo_net::eventsource::futures::EventSource;
    let mut last: Option<i64> = None;
    let mut wait = 1_000u32;
    while !stopped.get() {
        let Ok(mut source) = EventSource::new(&live_url(&topics, last)) else {
            return;
        };
        let Ok(mut messages) = source.subscribe("message") else {
            return;
        };
        open.borrow_mut().replace(source);
        // Errors while the browser reconnects are not seen here; one that is
        // means the stream is closed for good.
        while let Some(Ok((_, event))) = messages.next().await {
            wait = 1_000;
            if let Ok(id) = event.last_event_id().parse::<i64>() {
                last = Some(id);
            }
            let Some(data) = event.data().as_string() else {
                continue;
            };
            if let Ok(message) = serde_json::from_str::<LiveMessage>(&data) {
                on_event(message);
            }
        }
        drop(messages);
        open.borrow_mut().take();
        if stopped.get() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(wait).await;
        wait = (wait * 2).min(60_000);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_lists_each_topic() {
        let topics = vec!["me".to_string(), "results:5".to_string()];
        assert_eq!(live_url(&topics, None), "/live?t=me&t=results:5");
        assert_eq!(live_url(&topics[..1], Some(42)), "/live?t=me&since=42");
    }
}
