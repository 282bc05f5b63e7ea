//! Plain-text helpers every module shares: a text whose length is known to be within
//! bounds (parse, don't validate), the short excerpt that names a text elsewhere (the
//! audit log, a notification), people's `@` handles and the mentions in a text, and
//! bytes as hexadecimal. Lengths are counted in characters, as people count them,
//! not in bytes.

/// A text of `MIN..=MAX` characters. The only way to get one is [`Bounded::parse`]
/// (or `Bounded::field`, in `error.rs`, which names the field that was refused): the
/// length check is the parse, and a function that takes a `Bounded<0, 2000>` rather
/// than a `&str` says that its text was checked.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Bounded<const MIN: usize, const MAX: usize>(String);

/// Why a text is not within its bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    Short,
    Long,
}

impl<const MIN: usize, const MAX: usize> Bounded<MIN, MAX> {
    /// The text as given (callers trim or tidy it first, as their form needs).
    pub fn parse(text: &str) -> Result<Self, Length> {
        let n = text.chars().count();
        if n < MIN {
            Err(Length::Short)
        } else if n > MAX {
            Err(Length::Long)
        } else {
            Ok(Bounded(text.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl<const MIN: usize, const MAX: usize> std::ops::Deref for Bounded<MIN, MAX> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

/// The first 80 characters of a text, with "…" when it went on: how the audit log
/// and notifications name a comment or a post.
pub fn excerpt(body: &str) -> String {
    let mut s: String = body.chars().take(80).collect();
    if body.chars().nth(80).is_some() {
        s.push('…');
    }
    s
}

/// The name to type after `@` to mention someone: the words of their name,
/// lowercased, accents removed, joined by dots ("Marco Bassi" → `marco.bassi`).
pub fn handle_of(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' => 'a',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'Ò' | 'Ó' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' => 'u',
            other => other,
        })
        .collect();
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join(".")
}

/// The handles mentioned in a text (`@marco.bassi`), each once, in order.
pub fn mentions(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i] == '@' && (i == 0 || !chars[i - 1].is_alphanumeric());
        if starts {
            let mut j = i + 1;
            while j < chars.len()
                && (chars[j].is_ascii_alphanumeric()
                    || (chars[j] == '.'
                        && j + 1 < chars.len()
                        && chars[j + 1].is_ascii_alphanumeric()))
            {
                j += 1;
            }
            let handle: String = chars[i + 1..j]
                .iter()
                .collect::<String>()
                .to_ascii_lowercase();
            if !handle.is_empty() && !found.contains(&handle) {
                found.push(handle);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    found
}

/// Bytes as lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Line ends as `\n` and no blank around: how a multi-line field is kept.
pub fn tidy(text: &str) -> String {
    text.trim().replace("\r\n", "\n")
}

/// A control character, or one that turns or hides text: zero-width spaces and
/// joiners, direction marks, overrides and isolates, the byte-order mark. A name, a
/// one-line detail or an email address never needs one.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Whether a text shows nothing: every character is a space, an invisible one, a
/// filler (U+3164 and its kin), a tag character or a combining mark with nothing to
/// combine with. A required field so written is empty.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || is_invisible(c)
            || matches!(c,
                '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{180E}' | '\u{3164}' | '\u{FFA0}'
                | '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
                | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}'
                | '\u{E0000}'..='\u{E007F}')
    })
}

/// Whether a text holds a character no field should: a control character (a line
/// end or a tab allowed when `single_line` is false), U+FFFE and U+FFFF, which XML
/// forbids (the site's feeds would become unreadable), or a direction override or
/// isolate, which makes a text read otherwise than it is written.
pub fn has_control_chars(text: &str, single_line: bool) -> bool {
    text.chars().any(|c| {
        (c.is_control() && (single_line || !matches!(c, '\n' | '\t')))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// A text that Leptos writes into the page as it is, without escaping it: the
/// content of a `<textarea>` (tachys treats it as raw text, like a script's) and the
/// `<title>` (leptos_meta). On the server it is escaped, so `</textarea>` or
/// `</title>` in it stays text; in the browser, where it becomes a text node or the
/// document's title, it stays as written.
pub fn raw_text(text: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    #[cfg(not(feature = "ssr"))]
    {
        text.to_string()
    }
}

/// What stands for a secret taken out of a text.
pub const HIDDEN: &str = "••••••";

/// The text with every secret token taken out: any run of 32 or more hexadecimal
/// digits (our tokens are 32 or 64), so that a kept mail or a backup opens nothing.
pub fn hide_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        out.push_str(if run.len() >= 32 { HIDDEN } else { run });
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A URL name from a title: lowercase ASCII letters and digits, accents dropped,
/// words joined by single hyphens, at most 60 characters; `fallback` when
/// fewer than two are left.
pub fn slug_of(title: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.len() < 2 {
        fallback.to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_hidden_and_nothing_else() {
        let token = "0123456789abcdef".repeat(4);
        let mail = format!("Apri https://x.it/account/reset?token={token} entro 2 ore (PZ-AB12).");
        assert_eq!(
            hide_tokens(&mail),
            format!("Apri https://x.it/account/reset?token={HIDDEN} entro 2 ore (PZ-AB12).")
        );
        assert_eq!(hide_tokens("cafe 2026 deadbeef"), "cafe 2026 deadbeef");
    }

    #[test]
    fn bounds_count_characters_not_bytes() {
        assert_eq!(
            Bounded::<0, 3>::parse("àèì").map(|b| b.into_string()),
            Ok("àèì".into())
        );
        assert_eq!(Bounded::<0, 3>::parse("àèìò"), Err(Length::Long));
        assert_eq!(Bounded::<2, 3>::parse("a"), Err(Length::Short));
        assert_eq!(Bounded::<0, 0>::parse("").map(|b| b.len()), Ok(0));
    }

    #[test]
    fn handles_fold_accents_and_join_words() {
        assert_eq!(handle_of("Marco Bassi"), "marco.bassi");
        assert_eq!(handle_of("Niccolò D'Amico"), "niccolo.d.amico");
        assert_eq!(handle_of("  "), "");
    }

    #[test]
    fn mentions_are_found_once_and_not_inside_addresses() {
        assert_eq!(
            mentions("Ciao @marco.bassi e @Elena.Fabbri, vedi @marco.bassi."),
            vec!["marco.bassi", "elena.fabbri"]
        );
        assert!(mentions("scrivi a info@comune.lugo.it").is_empty());
        assert!(mentions("@ solo").is_empty());
    }

    #[test]
    fn excerpts_stop_at_eighty_characters() {
        assert_eq!(excerpt("breve"), "breve");
        let long = "è".repeat(81);
        assert_eq!(excerpt(&long).chars().count(), 81);
        assert!(excerpt(&long).ends_with('…'));
        assert_eq!(excerpt(&"a".repeat(80)), "a".repeat(80));
    }
}
