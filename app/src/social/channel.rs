//! The platforms a channel can be on, and how each counts a text against its limit.
//! Shared by browser and server: the counter under each text box and the check
//! that refuses a text too long are the same function ([`Platform::measure`]).

use crate::i18n::T;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Platform {
    Facebook,
    X,
    Instagram,
    YouTube,
    Flickr,
    LinkedIn,
    Telegram,
    WhatsApp,
    Threads,
    Mastodon,
    Bluesky,
}

/// How a platform counts the length of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counting {
    /// Unicode characters (code points).
    Chars,
    /// Characters, with every link counted as [`LINK_LENGTH`] (Mastodon).
    CharsShortLinks,
    /// What a reader sees as one character (grapheme clusters: Bluesky).
    Graphemes,
    /// UTF-16 code units (Telegram).
    Utf16,
    /// X's weighting: Latin and common punctuation 1, other scripts and emoji 2,
    /// every link [`LINK_LENGTH`].
    Weighted,
}

/// What a link counts on the platforms that shorten links (X, Mastodon).
pub const LINK_LENGTH: usize = 23;

impl Platform {
    pub const ALL: [Platform; 11] = [
        Platform::Facebook,
        Platform::X,
        Platform::Instagram,
        Platform::YouTube,
        Platform::Flickr,
        Platform::LinkedIn,
        Platform::Telegram,
        Platform::WhatsApp,
        Platform::Threads,
        Platform::Mastodon,
        Platform::Bluesky,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Platform::Facebook => "facebook",
            Platform::X => "x",
            Platform::Instagram => "instagram",
            Platform::YouTube => "youtube",
            Platform::Flickr => "flickr",
            Platform::LinkedIn => "linkedin",
            Platform::Telegram => "telegram",
            Platform::WhatsApp => "whatsapp",
            Platform::Threads => "threads",
            Platform::Mastodon => "mastodon",
            Platform::Bluesky => "bluesky",
        }
    }

    pub fn from_code(code: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            Platform::Facebook => T::PlatformFacebook,
            Platform::X => T::PlatformX,
            Platform::Instagram => T::PlatformInstagram,
            Platform::YouTube => T::PlatformYoutube,
            Platform::Flickr => T::PlatformFlickr,
            Platform::LinkedIn => T::PlatformLinkedin,
            Platform::Telegram => T::PlatformTelegram,
            Platform::WhatsApp => T::PlatformWhatsapp,
            Platform::Threads => T::PlatformThreads,
            Platform::Mastodon => T::PlatformMastodon,
            Platform::Bluesky => T::PlatformBluesky,
        }
    }

    /// The longest text the platform takes for a post, when it has a fixed one
    /// (a YouTube video's description; a Telegram message without media).
    /// A channel may set its own ([`effective_limit`]).
    pub fn default_limit(self) -> Option<usize> {
        match self {
            Platform::Facebook => Some(63_206),
            Platform::X => Some(280),
            Platform::Instagram => Some(2_200),
            Platform::YouTube => Some(5_000),
            Platform::LinkedIn => Some(3_000),
            Platform::Telegram => Some(4_096),
            Platform::Threads => Some(500),
            Platform::Mastodon => Some(500),
            Platform::Bluesky => Some(300),
            Platform::Flickr | Platform::WhatsApp => None,
        }
    }

    pub fn counting(self) -> Counting {
        match self {
            Platform::X => Counting::Weighted,
            Platform::Mastodon => Counting::CharsShortLinks,
            Platform::Bluesky => Counting::Graphemes,
            Platform::Telegram => Counting::Utf16,
            _ => Counting::Chars,
        }
    }

    /// The length of `text` as this platform counts it.
    pub fn measure(self, text: &str) -> usize {
        measure(self.counting(), text)
    }
}

/// The limit that applies on a channel: its own, or its platform's.
pub fn effective_limit(platform: Platform, own: Option<i64>) -> Option<usize> {
    own.and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n > 0)
        .or(platform.default_limit())
}

/// Splits a text into its links (http and https, up to the next space) and the rest.
fn split_links(text: &str) -> (usize, String) {
    let mut links = 0;
    let mut rest = String::with_capacity(text.len());
    for word in text.split_inclusive(char::is_whitespace) {
        let bare = word.trim_end_matches(char::is_whitespace);
        let lower = bare.to_ascii_lowercase();
        if (lower.starts_with("https://") || lower.starts_with("http://")) && bare.len() > 8 {
            links += 1;
            rest.push_str(&word[bare.len()..]);
        } else {
            rest.push_str(word);
        }
    }
    (links, rest)
}

/// X counts these code points as 1, everything else as 2.
fn light(c: char) -> bool {
    matches!(u32::from(c), 0..=4351 | 8192..=8205 | 8208..=8223 | 8242..=8247)
}

/// Whether a grapheme is an emoji (X counts any emoji sequence as 2).
fn emoji(g: &str) -> bool {
    g.chars()
        .any(|c| matches!(u32::from(c), 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0xFE0F | 0x200D))
}

pub fn measure(counting: Counting, text: &str) -> usize {
    // Browsers send line ends as CRLF; every platform counts one.
    let text = text.replace("\r\n", "\n");
    match counting {
        Counting::Chars => text.chars().count(),
        Counting::Graphemes => text.graphemes(true).count(),
        Counting::Utf16 => text.encode_utf16().count(),
        Counting::CharsShortLinks => {
            let (links, rest) = split_links(&text);
            links * LINK_LENGTH + rest.chars().count()
        }
        Counting::Weighted => {
            let (links, rest) = split_links(&text);
            let others: usize = rest
                .graphemes(true)
                .map(|g| {
                    if emoji(g) {
                        2
                    } else {
                        g.chars().map(|c| if light(c) { 1 } else { 2 }).sum()
                    }
                })
                .sum();
            links * LINK_LENGTH + others
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_counts_links_as_23_and_emoji_and_other_scripts_as_two() {
        let link = "Leggi https://www.comune.lugo.ra.it/notizie/una-notizia-con-un-indirizzo-lungo";
        assert_eq!(Platform::X.measure(link), 6 + 23);
        assert_eq!(Platform::X.measure("città"), 5);
        assert_eq!(Platform::X.measure("👍🏽"), 2);
        assert_eq!(Platform::X.measure("👨‍👩‍👧"), 2);
        assert_eq!(Platform::X.measure("日本"), 4);
        assert_eq!(Platform::X.measure(&"a".repeat(280)), 280);
    }

    #[test]
    fn bluesky_counts_what_a_reader_sees_telegram_utf16_units() {
        assert_eq!(Platform::Bluesky.measure("👨‍👩‍👧 e"), 3);
        assert_eq!(Platform::Telegram.measure("👍"), 2);
        assert_eq!(Platform::Instagram.measure("👍"), 1);
        assert_eq!(Platform::Facebook.measure("a\r\nb"), 3);
    }

    #[test]
    fn mastodon_shortens_links_but_counts_the_rest_as_characters() {
        assert_eq!(
            Platform::Mastodon.measure("Vai su http://esempio.it/abcdefghijklmnopqrstuvwxyz ora"),
            7 + 23 + 4
        );
        // A bare "https://" is not a link.
        assert_eq!(Platform::Mastodon.measure("https://"), 8);
    }

    #[test]
    fn a_channel_limit_overrides_the_platform() {
        assert_eq!(effective_limit(Platform::Mastodon, Some(1000)), Some(1000));
        assert_eq!(effective_limit(Platform::Mastodon, None), Some(500));
        assert_eq!(effective_limit(Platform::WhatsApp, None), None);
        assert_eq!(effective_limit(Platform::X, Some(0)), Some(280));
        for p in Platform::ALL {
            assert_eq!(Platform::from_code(p.code()), Some(p));
        }
    }
}
