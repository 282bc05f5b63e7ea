//! Lists shown a page at a time: the rows of one page and what the pager needs.

use serde::{Deserialize, Serialize};

/// Rows per page unless a list says otherwise.
pub const PER_PAGE: i64 = 25;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: i64,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
}

impl<T> Paged<T> {
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page.max(1)).max(1)
    }
}

/// A requested page number made safe: at least 1, at most a bound that keeps the
/// offset sane. Returns (page, limit, offset).
pub fn window(page: Option<i64>, per_page: i64) -> (i64, i64, i64) {
    let page = page.unwrap_or(1).clamp(1, 100_000);
    (page, per_page, (page - 1) * per_page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_windows() {
        let p = Paged::<()> {
            items: vec![],
            total: 51,
            page: 1,
            per_page: 25,
        };
        assert_eq!(p.pages(), 3);
        assert_eq!(window(None, 25), (1, 25, 0));
        assert_eq!(window(Some(3), 25), (3, 25, 50));
        assert_eq!(window(Some(-4), 25), (1, 25, 0));
    }
}
