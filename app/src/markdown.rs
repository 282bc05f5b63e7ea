//! Markdown to safe HTML (server only), for every place where people write
//! formatted text (forum posts now, blog posts next). Raw HTML in the source is
//! shown as text, never interpreted; images become links (no third-party requests
//! from a reader's browser); mentions of known people are marked; and the result
//! goes through ammonia's allow-list, so whatever slips past the first steps
//! still cannot run.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// The HTML of `source`. `known` are the handles that may be marked as mentions.
pub fn render(source: &str, known: &HashSet<String>) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    let mut in_code = false;
    let mut events: Vec<Event> = Vec::new();
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                events.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                events.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                ..
            }) => events.push(Event::Start(Tag::Link {
                link_type: pulldown_cmark::LinkType::Inline,
                dest_url,
                title,
                id,
            })),
            Event::End(TagEnd::Image) => events.push(Event::End(TagEnd::Link)),
            Event::Text(text) if !in_code && text.contains('@') => {
                mark_mentions(&text, known, &mut events)
            }
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    clean(&html)
}

/// Splits a text into plain parts and marked mentions of known handles.
fn mark_mentions<'a>(text: &str, known: &HashSet<String>, out: &mut Vec<Event<'a>>) {
    let mut rest = text;
    let mut plain = String::new();
    while let Some(at) = rest.find('@') {
        let (before, from) = rest.split_at(at);
        plain.push_str(before);
        let preceded = plain.chars().last().is_some_and(char::is_alphanumeric);
        let handle = crate::text::mentions(from)
            .into_iter()
            .next()
            .filter(|h| from[1..].to_ascii_lowercase().starts_with(h.as_str()));
        match handle {
            Some(h) if !preceded && known.contains(&h) => {
                if !plain.is_empty() {
                    out.push(Event::Text(CowStr::from(std::mem::take(&mut plain))));
                }
                let written = &from[..=h.len()];
                out.push(Event::Html(CowStr::from(format!(
                    "<span class=\"piazza-mention\">{}</span>",
                    escape(written)
                ))));
                rest = &from[h.len() + 1..];
            }
            _ => {
                plain.push('@');
                rest = &from[1..];
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Event::Text(CowStr::from(plain)));
    }
}

/// Text made safe inside HTML (elements and quoted attributes).
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The allow-list: text formatting, lists, quotes, code, tables and links to web
/// or mail addresses (opened without referrer and marked `nofollow`).
fn clean(html: &str) -> String {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "strong",
        "em",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
    ]
    .into_iter()
    .collect();
    let schemes: HashSet<&str> = ["http", "https", "mailto"].into_iter().collect();
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(schemes)
        .link_rel(Some("nofollow noopener noreferrer"))
        .add_allowed_classes("span", &["piazza-mention"])
        .clean(html)
        .to_string()
}

/// The text of a post without its markup, for search and notifications.
pub fn plain(source: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(handles: &[&str]) -> HashSet<String> {
        handles.iter().map(|h| h.to_string()).collect()
    }

    #[test]
    fn formatting_lists_and_links_survive() {
        let html = render(
            "**Bene** e _così_:\n\n- uno\n- [sito](https://www.comune.lugo.ra.it)",
            &known(&[]),
        );
        assert!(html.contains("<strong>Bene</strong>"), "{html}");
        assert!(html.contains("<em>così</em>"), "{html}");
        assert!(html.contains("<li>uno</li>"), "{html}");
        assert!(
            html.contains(
                "<a href=\"https://www.comune.lugo.ra.it\" rel=\"nofollow noopener noreferrer\">sito</a>"
            ),
            "{html}"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render(
            "<script>alert(1)</script> e <b onclick=x>b</b>",
            &known(&[]),
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn dangerous_links_and_images_lose_their_power() {
        let html = render(
            "[x](javascript:alert(1)) ![y](https://tracker.example/p.gif)",
            &known(&[]),
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("href=\"https://tracker.example/p.gif\""),
            "{html}"
        );
    }

    #[test]
    fn known_mentions_are_marked_outside_code() {
        let html = render(
            "Ciao @marco.bassi e @nessuno, `@marco.bassi`",
            &known(&["marco.bassi"]),
        );
        assert_eq!(
            html.matches("<span class=\"piazza-mention\">@marco.bassi</span>")
                .count(),
            1,
            "{html}"
        );
        assert!(html.contains("@nessuno"), "{html}");
        assert!(html.contains("<code>@marco.bassi</code>"), "{html}");
    }

    #[test]
    fn plain_text_drops_the_markup() {
        assert_eq!(
            plain("# Titolo\n\n**uno** [due](https://a.it)"),
            "Titolo uno due"
        );
    }
}
