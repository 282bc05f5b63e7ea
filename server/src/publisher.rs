//! The site's publisher: every minute, on every node, approved entries whose date has
//! come go live and published ones past their expiry come down
//! (`app::editor::golive::run_due`). Two nodes may look at once: each entry is
//! claimed in its own transaction, so only one writes it.

use app::state::AppState;

/// One look; how many went live and how many came down.
pub async fn tick(state: &AppState) -> (usize, usize) {
    match app::editor::golive::run_due(state, state.clock.now()).await {
        Ok(done) => {
            if done != (0, 0) {
                tracing::info!(
                    published = done.0,
                    expired = done.1,
                    "site entries published or expired"
                );
            }
            done
        }
        Err(e) => {
            tracing::error!(error = %e, "the site's publisher failed");
            (0, 0)
        }
    }
}

pub async fn run(state: AppState) {
    loop {
        tick(&state).await;
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    }
}
