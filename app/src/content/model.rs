//! The public content of an ente's site: news, events and places.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NewsCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub topic: String,
    pub published_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NewsItem {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub topic: String,
    pub published_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EventCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place_name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Place {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub address: String,
    pub lat: f64,
    pub lon: f64,
}
