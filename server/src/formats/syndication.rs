//! Atom 1.0 (RFC 4287) and RSS 2.0 feeds, from one list of entries: a community's
//! blog, an ente's news. Both name themselves (`rel="self"`), so that readers and
//! validators know where they were found.

use super::xml::escape;
use axum::response::Response;
use chrono::{DateTime, Utc};

/// The feed as a whole.
pub struct Feed<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    /// The page the feed follows.
    pub home: String,
    /// Where the Atom and the RSS versions are.
    pub atom: String,
    pub rss: String,
    /// Who publishes it, for entries without an author of their own.
    pub author: &'a str,
    /// When nothing is in it yet.
    pub now: DateTime<Utc>,
}

pub struct Entry {
    pub title: String,
    pub url: String,
    pub summary: String,
    /// The full text as HTML (already safe).
    pub html: String,
    pub author: Option<String>,
    pub category: Option<String>,
    pub published: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

pub fn atom(feed: &Feed<'_>, entries: &[Entry]) -> String {
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or(feed.now);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"it\">\n\
         <title>{}</title>\n<subtitle>{}</subtitle>\n<id>{}</id>\n<link href=\"{}\"/>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<updated>{}</updated>\n\
         <author><name>{}</name></author>\n",
        escape(feed.title),
        escape(feed.subtitle),
        escape(&feed.home),
        escape(&feed.home),
        escape(&feed.atom),
        updated.to_rfc3339(),
        escape(feed.author),
    );
    for e in entries {
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<published>{}</published>\n\
             <updated>{}</updated>\n",
            escape(&e.title),
            escape(&e.url),
            escape(&e.url),
            e.published.to_rfc3339(),
            e.updated.to_rfc3339(),
        ));
        if let Some(author) = &e.author {
            out.push_str(&format!(
                "<author><name>{}</name></author>\n",
                escape(author)
            ));
        }
        if let Some(category) = e.category.as_deref().filter(|c| !c.is_empty()) {
            out.push_str(&format!("<category term=\"{}\"/>\n", escape(category)));
        }
        out.push_str(&format!(
            "<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            escape(&e.summary),
            escape(&e.html)
        ));
    }
    out.push_str("</feed>\n");
    out
}

pub fn rss(feed: &Feed<'_>, entries: &[Entry]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>\n\
         <title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>it</language>\n\
         <atom:link rel=\"self\" type=\"application/rss+xml\" href=\"{}\"/>\n",
        escape(feed.title),
        escape(&feed.home),
        escape(if feed.subtitle.is_empty() { feed.title } else { feed.subtitle }),
        escape(&feed.rss),
    );
    if let Some(last) = entries.iter().map(|e| e.updated).max() {
        out.push_str(&format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            last.to_rfc2822()
        ));
    }
    for e in entries {
        out.push_str(&format!(
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"true\">{}</guid>\n\
             <pubDate>{}</pubDate>\n",
            escape(&e.title),
            escape(&e.url),
            escape(&e.url),
            e.published.to_rfc2822(),
        ));
        if let Some(category) = e.category.as_deref().filter(|c| !c.is_empty()) {
            out.push_str(&format!("<category>{}</category>\n", escape(category)));
        }
        out.push_str(&format!(
            "<description>{}</description>\n</item>\n",
            escape(&e.html)
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}

/// A public feed, which caches and readers may keep five minutes.
pub fn response(content_type: &'static str, body: String) -> Response {
    super::public(content_type, 300, body)
}

pub const ATOM: &str = "application/atom+xml; charset=utf-8";
pub const RSS: &str = "application/rss+xml; charset=utf-8";

#[cfg(test)]
mod tests {
    use super::*;

    fn feed() -> (Feed<'static>, Vec<Entry>) {
        let t = DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00")
            .unwrap()
            .with_timezone(&Utc);
        let f = Feed {
            title: "Notizie & avvisi",
            subtitle: "",
            home: "https://x.it/lugo/notizie".into(),
            atom: "https://x.it/lugo/notizie/feed.atom".into(),
            rss: "https://x.it/lugo/notizie/rss.xml".into(),
            author: "Comune di Lugo",
            now: t,
        };
        let e = Entry {
            title: "Strade <chiuse>".into(),
            url: "https://x.it/lugo/notizie/strade?a=1&b=2".into(),
            summary: "Lavori".into(),
            html: "<p>Lavori</p>".into(),
            author: None,
            category: Some("Mobilità".into()),
            published: t,
            updated: t,
        };
        (f, vec![e])
    }

    #[test]
    fn atom_names_itself_and_escapes() {
        let (f, e) = feed();
        let out = atom(&f, &e);
        assert!(out.contains("<title>Notizie &amp; avvisi</title>"));
        assert!(out.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://x.it/lugo/notizie/feed.atom\"/>"));
        assert!(out.contains("<id>https://x.it/lugo/notizie/strade?a=1&amp;b=2</id>"));
        assert!(out.contains("<content type=\"html\">&lt;p&gt;Lavori&lt;/p&gt;</content>"));
        assert!(out.contains("<updated>2026-03-01T09:00:00+00:00</updated>"));
    }

    #[test]
    fn rss_dates_are_rfc_822() {
        let (f, e) = feed();
        let out = rss(&f, &e);
        assert!(out.contains("<pubDate>Sun, 1 Mar 2026 09:00:00 +0000</pubDate>"));
        assert!(out.contains("<category>Mobilità</category>"));
        assert!(out.contains("<description>Notizie &amp; avvisi</description>"));
    }
}
