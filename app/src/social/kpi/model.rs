//! KPIs of the ente's channels as the interface sees them: the metrics, the column
//! mapping of an import (saved per platform and guessed from the headers the
//! platforms' exports use), and the pages' data. Shared by browser and server.

use crate::components::chart::Bar;
use crate::i18n::T;
use crate::social::channel::Platform;
use crate::social::plan::model::Channel;
use crate::table_import::{DayOrder, Problem};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Metric {
    Followers,
    Reach,
    Impressions,
    Engagements,
    Clicks,
    Views,
}

impl Metric {
    pub const ALL: [Metric; 6] = [
        Metric::Followers,
        Metric::Reach,
        Metric::Impressions,
        Metric::Engagements,
        Metric::Clicks,
        Metric::Views,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Metric::Followers => "followers",
            Metric::Reach => "reach",
            Metric::Impressions => "impressions",
            Metric::Engagements => "engagements",
            Metric::Clicks => "clicks",
            Metric::Views => "views",
        }
    }

    pub fn from_code(code: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            Metric::Followers => T::KpiFollowers,
            Metric::Reach => T::KpiReach,
            Metric::Impressions => T::KpiImpressions,
            Metric::Engagements => T::KpiEngagements,
            Metric::Clicks => T::KpiClicks,
            Metric::Views => T::KpiViews,
        }
    }

    /// Header words that name this metric in the platforms' exports (lowercase,
    /// compared whole).
    fn names(self) -> &'static [&'static str] {
        match self {
            Metric::Followers => &[
                "followers",
                "follower",
                "fan",
                "page likes",
                "subscribers",
                "iscritti",
                "totale follower",
            ],
            Metric::Reach => &[
                "reach",
                "copertura",
                "persone raggiunte",
                "post reach",
                "account raggiunti",
            ],
            Metric::Impressions => &["impressions", "impression", "post impressions"],
            Metric::Engagements => &[
                "engagements",
                "engagement",
                "interazioni",
                "total engagements",
                "post engagements",
            ],
            Metric::Clicks => &[
                "total clicks",
                "clicks",
                "link clicks",
                "clic",
                "clic sul link",
                "url clicks",
            ],
            Metric::Views => &[
                "views",
                "video views",
                "visualizzazioni",
                "plays",
                "riproduzioni",
            ],
        }
    }
}

/// Which columns of a file hold what. Column names are the file's headers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    /// The day (or the moment) a row is about; required.
    pub date: String,
    /// A post's id: when set, each row is a post; otherwise each row is a day.
    pub post: String,
    pub link: String,
    pub text: String,
    /// Each metric's columns, added up (Meta's reactions, comments and shares).
    pub metrics: Vec<(Metric, Vec<String>)>,
    /// How slashed dates are written; None: read from the data when evident.
    pub order: Option<DayOrder>,
}

impl Mapping {
    pub fn columns(&self, metric: Metric) -> &[String] {
        self.metrics
            .iter()
            .find(|(m, _)| *m == metric)
            .map(|(_, c)| c.as_slice())
            .unwrap_or_default()
    }

    /// The mapping the headers suggest, for a file of `platform` without a saved one.
    pub fn guess(platform: Platform, headers: &[String]) -> Mapping {
        let find = |names: &[&str]| -> String {
            names
                .iter()
                .find_map(|n| headers.iter().find(|h| h.trim().to_lowercase() == *n))
                .cloned()
                .unwrap_or_default()
        };
        let mut metrics: Vec<(Metric, Vec<String>)> = Metric::ALL
            .into_iter()
            .filter_map(|m| {
                let c = find(m.names());
                (!c.is_empty()).then(|| (m, vec![c]))
            })
            .collect();
        if !metrics.iter().any(|(m, _)| *m == Metric::Engagements) {
            // Meta writes the parts of an engagement, not their sum.
            let parts: Vec<String> = [
                &["reactions", "reazioni", "likes", "mi piace"][..],
                &["comments", "commenti", "replies", "risposte"][..],
                &["shares", "condivisioni", "reposts", "retweets"][..],
                &["saves", "salvataggi"][..],
            ]
            .iter()
            .map(|names| find(names))
            .filter(|c| !c.is_empty())
            .collect();
            if !parts.is_empty() {
                metrics.push((Metric::Engagements, parts));
                metrics.sort();
            }
        }
        let post = find(&[
            "post id",
            "id post",
            "id del post",
            "tweet id",
            "post_id",
            "content",
            "id contenuto",
            "video id",
            "id",
        ]);
        if !post.is_empty() {
            // A post's row counts what the post gained, never the channel's followers.
            metrics.retain(|(m, _)| *m != Metric::Followers);
        }
        let date = find(&[
            "date",
            "data",
            "publish time",
            "ora di pubblicazione",
            "giorno",
            "day",
            "video publish time",
            "time",
            "orario di pubblicazione",
        ]);
        // A spreadsheet made by hand in Italian ("Data", "Giorno") writes day first, even
        // for a Meta channel; Meta's own exports (English or Italian headers) month first.
        let italian = matches!(date.trim().to_lowercase().as_str(), "data" | "giorno");
        Mapping {
            date,
            post,
            link: find(&["permalink", "link", "url", "post link", "link al post"]),
            // Meta's "Description" is the post's text ("Title" is mostly empty).
            text: find(&[
                "description",
                "descrizione",
                "post text",
                "tweet text",
                "testo",
                "video title",
                "title",
                "titolo",
            ]),
            metrics,
            order: match platform {
                _ if italian => Some(DayOrder::DayFirst),
                Platform::Facebook | Platform::Instagram | Platform::Threads => {
                    Some(DayOrder::MonthFirst)
                }
                _ => None,
            },
        }
    }
}

/// The import waiting for its mapping to be confirmed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportPage {
    pub ente_slug: String,
    pub ente_name: String,
    pub token: String,
    pub channel: Channel,
    pub file_name: String,
    pub headers: Vec<String>,
    /// The first rows, as read.
    pub sample: Vec<Vec<String>>,
    pub rows: usize,
    pub mapping: Mapping,
    /// The mapping is the one saved for this platform (not a guess).
    pub saved: bool,
}

/// A month of a channel (or of all), as the charts show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthKpi {
    pub label: String,
    /// `YYYY-MM`
    pub month: String,
    pub followers: Option<f64>,
    pub reach: f64,
    pub impressions: f64,
    pub engagements: f64,
    pub clicks: f64,
    pub views: f64,
}

impl MonthKpi {
    /// Engagements per 100 people reached (per 100 impressions without reach).
    pub fn engagement_rate(&self) -> Option<f64> {
        let base = if self.reach > 0.0 {
            self.reach
        } else {
            self.impressions
        };
        (base > 0.0).then(|| self.engagements * 100.0 / base)
    }
}

/// A post among the best of the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopPost {
    pub channel: String,
    pub day: String,
    pub text: String,
    pub link: String,
    pub reach: f64,
    pub engagements: f64,
    pub rate: Option<f64>,
}

/// An import done, for the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportDone {
    pub channel: String,
    pub file_name: String,
    pub rows: i64,
    pub first_day: String,
    pub last_day: String,
    pub by: String,
    pub at: String,
}

/// A chart of a metric over the months, with the target it is measured against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KpiChart {
    pub title: String,
    pub bars: Vec<Bar>,
    /// The strategy's target for this metric, and its deadline (label).
    pub target: Option<(f64, String)>,
}

/// The KPI page of an ente.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KpiPage {
    pub ente_slug: String,
    pub ente_name: String,
    pub channels: Vec<Channel>,
    /// The channel shown ("" for all).
    pub channel: String,
    pub months: Vec<MonthKpi>,
    pub charts: Vec<KpiChart>,
    pub top: Vec<TopPost>,
    pub imports: Vec<ImportDone>,
    /// The last import's problems, when one was refused: shown at the form.
    pub problems: Vec<Problem>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn meta_x_and_youtube_exports_are_recognised() {
        let meta = Mapping::guess(
            Platform::Facebook,
            &headers(&[
                "Post ID",
                "Page ID",
                "Publish time",
                "Permalink",
                "Post type",
                "Title",
                "Views",
                "Reach",
                "Reactions",
                "Comments",
                "Shares",
                "Total clicks",
            ]),
        );
        assert_eq!(meta.date, "Publish time");
        assert_eq!(meta.post, "Post ID");
        assert_eq!(meta.link, "Permalink");
        assert_eq!(
            meta.columns(Metric::Engagements),
            ["Reactions", "Comments", "Shares"]
        );
        assert_eq!(meta.columns(Metric::Clicks), ["Total clicks"]);
        assert_eq!(meta.order, Some(DayOrder::MonthFirst));
        // An Instagram sheet made by hand in Italian writes day first (03/12 is the
        // third of December there, whatever Meta's exports do).
        let by_hand = Mapping::guess(
            Platform::Instagram,
            &headers(&["Data", "Follower", "Copertura"]),
        );
        assert_eq!(by_hand.order, Some(DayOrder::DayFirst));
        let x = Mapping::guess(
            Platform::X,
            &headers(&[
                "Post id",
                "Date",
                "Post text",
                "Impressions",
                "Likes",
                "Engagements",
                "Reposts",
                "Replies",
                "New follows",
            ]),
        );
        assert_eq!(x.columns(Metric::Engagements), ["Engagements"]);
        assert_eq!(x.columns(Metric::Impressions), ["Impressions"]);
        assert!(x.columns(Metric::Followers).is_empty());
        let yt = Mapping::guess(
            Platform::YouTube,
            &headers(&[
                "Content",
                "Video title",
                "Video publish time",
                "Views",
                "Watch time (hours)",
                "Subscribers",
                "Likes",
            ]),
        );
        assert_eq!(
            (yt.date.as_str(), yt.post.as_str(), yt.text.as_str()),
            ("Video publish time", "Content", "Video title")
        );
        assert_eq!(yt.columns(Metric::Views), ["Views"]);
        // "Subscribers" of a video is what it gained, not the channel's followers.
        assert!(yt.columns(Metric::Followers).is_empty());
        let daily = Mapping::guess(
            Platform::Instagram,
            &headers(&["Data", "Follower", "Copertura"]),
        );
        assert_eq!(daily.columns(Metric::Followers), ["Follower"]);
        assert!(daily.post.is_empty());
    }

    #[test]
    fn the_engagement_rate_is_per_hundred_reached() {
        let mut m = MonthKpi {
            label: String::new(),
            month: String::new(),
            followers: None,
            reach: 2000.0,
            impressions: 5000.0,
            engagements: 90.0,
            clicks: 0.0,
            views: 0.0,
        };
        assert_eq!(m.engagement_rate(), Some(4.5));
        m.reach = 0.0;
        assert_eq!(m.engagement_rate(), Some(1.8));
        m.impressions = 0.0;
        assert_eq!(m.engagement_rate(), None);
    }
}
