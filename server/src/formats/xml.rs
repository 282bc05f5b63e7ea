//! Text inside XML: escaped, and without the characters XML 1.0 forbids.

/// `text` with `& < > " '` escaped and control characters (but newline and tab) dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no place for control characters (but newline and tab), nor
            // for U+FFFE and U+FFFF: one of them would make a whole feed unreadable.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Plain text as HTML paragraphs (a blank line starts a new one), escaped.
pub fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            escape("<a href=\"x\">Tom & Jerry's</a>\u{7}"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;"
        );
    }

    #[test]
    fn characters_xml_forbids_are_dropped() {
        assert_eq!(
            escape("a\u{FFFE}b\u{FFFF}c\u{0}\u{1B}d\u{FFFD}"),
            "abcd\u{FFFD}"
        );
    }

    #[test]
    fn blank_lines_make_paragraphs() {
        assert_eq!(
            paragraphs("Uno <b>\n\n\n\nDue"),
            "<p>Uno &lt;b&gt;</p><p>Due</p>"
        );
    }
}
