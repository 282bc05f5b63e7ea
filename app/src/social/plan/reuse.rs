//! Drafts from the site's content (server only): a published news item, an upcoming
//! event or an open consultation becomes an item with a text for every active
//! channel, title, summary and link cut at a word to fit each platform's limit.

use super::channel_repo;
use crate::auth::model::Actor;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::social::plan::model::*;
use crate::social::plan::repo::{self, ItemInput};
use crate::state::AppState;
use chrono::{Duration, NaiveTime};

/// Makes a draft from a published news item, event or consultation (`news:12`),
/// with a text for every active channel that fits its limit.
pub async fn from_content(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    code: &str,
) -> Result<i64, AppError> {
    let (kind, id) = code
        .split_once(':')
        .and_then(|(k, id)| Some((k, id.parse::<i64>().ok()?)))
        .ok_or_else(|| AppError::invalid("source", T::EditorialSourceUnknown))?;
    let source = repo::source(&state.db, ente.id, kind, id)
        .await?
        .ok_or_else(|| AppError::invalid("source", T::EditorialSourceUnknown))?;
    let now = state.clock.now();
    let path = match kind {
        "news" => format!("/{}/notizie/{}", ente.slug, source.slug),
        "event" => crate::content::model::event_path(&ente.slug, &source.slug),
        _ => format!("/{}/consultazioni/{}", ente.slug, source.slug),
    };
    let address = state.link(&path);
    let tomorrow = Lang::local_date(now) + Duration::days(1);
    // An event is announced three days before, when there is time; the rest tomorrow.
    let day = match kind {
        "event" => (Lang::local_date(source.at) - Duration::days(3)).max(tomorrow),
        _ => tomorrow,
    };
    let planned = Lang::local_moment(day, NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default())
        .unwrap_or(now);
    let channels = channel_repo::channels(&state.db, ente.id).await?;
    let texts: Vec<(i64, String)> = channels
        .iter()
        .filter(|c| c.active)
        .map(|c| (c.id, fitted(c, &source.title, &source.summary, &address)))
        .collect();
    if texts.is_empty() {
        return Err(AppError::Refused(T::EditorialNoChannels));
    }
    let input = ItemInput {
        title: &source
            .title
            .chars()
            .take(super::service::TITLE_MAX)
            .collect::<String>(),
        campaign: "",
        media: "",
        planned_at: planned,
        due_on: None,
        texts: &texts,
    };
    let mut tx = state.db.begin().await?;
    let item = repo::insert_item(
        &mut tx,
        ente.id,
        actor.account_id,
        &input,
        None,
        (kind, Some(id)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(item)
}

/// Title, summary and link in one text within the channel's limit: the summary is
/// cut at a word (with "…") when the whole does not fit, then dropped.
fn fitted(c: &Channel, title: &str, summary: &str, link: &str) -> String {
    let limit = c.limit().unwrap_or(super::service::TEXT_MAX);
    let whole = |s: &str| {
        if s.is_empty() {
            format!("{title}\n\n{link}")
        } else {
            format!("{title}\n\n{s}\n\n{link}")
        }
    };
    let mut words: Vec<&str> = summary.split_whitespace().collect();
    let mut text = whole(summary.trim());
    while c.platform.measure(&text) > limit && !words.is_empty() {
        words.pop();
        let cut = words.join(" ");
        text = whole(&if cut.is_empty() {
            cut
        } else {
            format!("{cut}…")
        });
    }
    if c.platform.measure(&text) > limit {
        // Even title and link are too long: keep what fits of the title.
        let mut t: String = title.to_string();
        while c.platform.measure(&format!("{t}\n\n{link}")) > limit && t.pop().is_some() {}
        text = format!("{t}\n\n{link}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::social::channel::Platform;
    use crate::social::plan::model::sample_channel as channel;

    #[test]
    fn a_reused_text_fits_the_channel_cutting_the_summary_at_a_word() {
        let x = channel(Platform::X, None);
        let summary = "parola ".repeat(80);
        let text = fitted(&x, "Titolo", &summary, "https://esempio.it/notizie/uno");
        assert!(Platform::X.measure(&text) <= 280, "{text}");
        assert!(text.starts_with("Titolo\n\nparola parola"));
        assert!(text.ends_with("…\n\nhttps://esempio.it/notizie/uno"));
        let fb = channel(Platform::Facebook, None);
        assert_eq!(
            fitted(&fb, "Titolo", "Breve.", "https://e.it/a"),
            "Titolo\n\nBreve.\n\nhttps://e.it/a"
        );
        let tiny = channel(Platform::Mastodon, Some(30));
        let text = fitted(
            &tiny,
            "Un titolo molto lungo davvero",
            "Sommario",
            "https://e.it/a",
        );
        assert!(Platform::Mastodon.measure(&text) <= 30, "{text}");
    }
}
