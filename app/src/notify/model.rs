//! Notifications as pages show them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub title: String,
    pub url: String,
    /// When, as people read it.
    pub at: String,
    pub read: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationPage {
    pub items: Vec<NotificationView>,
    pub unread: i64,
    pub page: i64,
    pub pages: i64,
}

/// How many a page of the list shows.
pub const PER_PAGE: i64 = 30;

/// How notifications reach someone by mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Digest {
    /// One mail a minute at most, as they come.
    Immediately,
    Daily,
    Weekly,
    Never,
}

impl Digest {
    pub const ALL: [Digest; 4] = [
        Digest::Immediately,
        Digest::Daily,
        Digest::Weekly,
        Digest::Never,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Digest::Immediately => "immediately",
            Digest::Daily => "daily",
            Digest::Weekly => "weekly",
            Digest::Never => "never",
        }
    }

    pub fn from_code(code: &str) -> Option<Digest> {
        Digest::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn label(self) -> crate::i18n::T {
        use crate::i18n::T;
        match self {
            Digest::Immediately => T::NotifyDigestImmediately,
            Digest::Daily => T::NotifyDigestDaily,
            Digest::Weekly => T::NotifyDigestWeekly,
            Digest::Never => T::NotifyDigestNever,
        }
    }
}
