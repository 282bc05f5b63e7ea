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
