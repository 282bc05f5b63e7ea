//! An issue as a mail: HTML for the main mail clients (tables and inline styles, no
//! images, readable in dark mode, the language and a title set, links that say where
//! they go) and its plain-text alternative. Rendered once per issue; each
//! recipient's two links replace `PREFERENCES` and `LEAVE` when it is sent.

use super::model::Candidate;
use crate::i18n::{Lang, T};
use crate::markdown::escape;

/// Stands for the recipient's preferences link until the mail is sent.
pub const PREFERENCES: &str = "%%PIAZZA-PREFERENZE%%";
/// Stands for the recipient's leaving link.
pub const LEAVE: &str = "%%PIAZZA-CANCELLAZIONE%%";

/// What an issue is made of.
pub struct Parts<'a> {
    pub lang: Lang,
    pub ente: &'a str,
    pub list: &'a str,
    pub subject: &'a str,
    /// The free text as Markdown.
    pub intro: &'a str,
    pub cards: &'a [Candidate],
    /// The site's address, for the cards' links.
    pub site: &'a str,
}

const FONT: &str = "font-family:'Titillium Web',Arial,Helvetica,sans-serif;";
const DARK: &str = "@media (prefers-color-scheme: dark){.pz-bg{background:#121212 !important}\
.pz-card{background:#1e1e1e !important;color:#f0f0f0 !important}\
.pz-card a{color:#8ab4f8 !important}.pz-muted{color:#c5c7c9 !important}}";

fn when(lang: Lang, card: &Candidate) -> String {
    let kind = lang.t(card.kind.label());
    match card.when {
        Some(at) => format!("{kind} · {}", lang.datetime(at)),
        None => kind.to_string(),
    }
}

fn card_html(p: &Parts<'_>, card: &Candidate) -> String {
    let url = escape(&format!("{}{}", p.site, card.path));
    format!(
        "<tr><td style=\"padding:0 24px 16px\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"border:1px solid #d9dadb\"><tr><td style=\"padding:16px;{FONT}\">\
<p class=\"pz-muted\" style=\"margin:0;font-size:14px;color:#5c6f82\">{}</p>\
<h2 style=\"margin:4px 0 8px;font-size:20px;line-height:1.3\"><a href=\"{url}\" style=\"color:#0066cc\">{}</a></h2>\
<p style=\"margin:0;font-size:16px;line-height:1.5\">{}</p></td></tr></table></td></tr>",
        escape(&when(p.lang, card)),
        escape(&card.title),
        escape(&card.summary),
    )
}

/// The HTML part.
pub fn html(p: &Parts<'_>) -> String {
    let lang = p.lang;
    let intro = crate::markdown::render(p.intro, &Default::default());
    let cards: String = p.cards.iter().map(|c| card_html(p, c)).collect();
    let why = escape(&lang.tf(T::NewsletterMailWhy, &[("ente", p.ente), ("list", p.list)]));
    let prefs = escape(lang.t(T::NewsletterMailPreferences));
    let leave = escape(lang.t(T::NewsletterMailLeave));
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"color-scheme\" content=\"light dark\"><meta name=\"supported-color-schemes\" content=\"light dark\">\
<title>{subject}</title><style>{DARK}</style></head>\
<body class=\"pz-bg\" style=\"margin:0;padding:0;background:#f2f4f7\">\
<table role=\"presentation\" class=\"pz-bg\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f2f4f7\"><tr><td align=\"center\" style=\"padding:16px 8px\">\
<table role=\"presentation\" class=\"pz-card\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:600px;background:#ffffff;color:#1a1a1a\">\
<tr><td style=\"background:#0066cc;color:#ffffff;padding:16px 24px;{FONT}font-size:20px;font-weight:bold\">{ente}</td></tr>\
<tr><td style=\"padding:24px 24px 8px;{FONT}font-size:16px;line-height:1.5\"><h1 style=\"margin:0 0 16px;font-size:26px;line-height:1.25\">{subject}</h1>{intro}</td></tr>\
{cards}\
<tr><td class=\"pz-muted\" style=\"padding:16px 24px 24px;border-top:1px solid #d9dadb;{FONT}font-size:14px;line-height:1.5;color:#5c6f82\">\
<p style=\"margin:0 0 8px\">{why}</p>\
<p style=\"margin:0\"><a href=\"{PREFERENCES}\" style=\"color:#0066cc\">{prefs}</a> · <a href=\"{LEAVE}\" style=\"color:#0066cc\">{leave}</a></p>\
</td></tr></table></td></tr></table></body></html>",
        code = lang.code(),
        subject = escape(p.subject),
        ente = escape(p.ente),
    )
}

/// The plain-text part.
pub fn text(p: &Parts<'_>) -> String {
    let lang = p.lang;
    let mut out = format!("{}\n\n{}\n", p.ente, p.subject);
    let intro = crate::markdown::plain(p.intro);
    if !intro.trim().is_empty() {
        out.push('\n');
        out.push_str(intro.trim());
        out.push('\n');
    }
    for card in p.cards {
        out.push_str(&format!(
            "\n* {}\n  {}\n  {}\n  {}{}\n",
            card.title,
            when(lang, card),
            card.summary,
            p.site,
            card.path
        ));
    }
    out.push_str("\n-- \n");
    out.push_str(&lang.tf(T::NewsletterMailWhy, &[("ente", p.ente), ("list", p.list)]));
    out.push_str(&format!(
        "\n{}: {PREFERENCES}\n{}: {LEAVE}\n",
        lang.t(T::NewsletterMailPreferences),
        lang.t(T::NewsletterMailLeave)
    ));
    out
}

/// One recipient's copy of a part: their own links in place.
pub fn personal(part: &str, preferences: &str, leave: &str) -> String {
    part.replace(PREFERENCES, preferences).replace(LEAVE, leave)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::newsletter::model::PickKind;

    #[test]
    fn the_mail_escapes_what_people_wrote_and_carries_both_links() {
        let cards = [Candidate {
            kind: PickKind::News,
            slug: "x".into(),
            title: "Lavori <in> via Mazzini & co".into(),
            summary: "Dal \"lunedì\"".into(),
            when: None,
            path: "/lugo/notizie/x".into(),
        }];
        let p = Parts {
            lang: Lang::It,
            ente: "Comune di Lugo",
            list: "Generale",
            subject: "Numero <1>",
            intro: "Ciao **a tutti** <script>alert(1)</script>",
            cards: &cards,
            site: "https://piazza.test",
        };
        let html = html(&p);
        assert!(html.contains("Lavori &lt;in&gt; via Mazzini &amp; co"));
        assert!(html.contains("<title>Numero &lt;1&gt;</title>"));
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("<strong>a tutti</strong>"));
        assert!(html.contains("href=\"https://piazza.test/lugo/notizie/x\""));
        let mine = personal(&html, "https://p.test/pref", "https://p.test/leave");
        assert!(
            mine.contains("href=\"https://p.test/pref\"")
                && mine.contains("href=\"https://p.test/leave\"")
        );
        assert!(!mine.contains("%%PIAZZA"));
        let text = personal(&text(&p), "P", "L");
        assert!(
            text.contains("* Lavori <in> via Mazzini & co")
                && text.contains("https://piazza.test/lugo/notizie/x")
        );
        assert!(text.ends_with(": L\n"), "{text}");
    }
}
