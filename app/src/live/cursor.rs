//! Where a node's bus is in the events table, and the ids it has not seen yet.
//!
//! On PostgreSQL two transactions may commit in the other order than they took their
//! ids: the bus can read event 11 while event 10 is still being written. An id
//! skipped over is a gap, looked for again on each read for a few seconds (a
//! transaction that rolled back leaves one for good), so that a late commit is still
//! delivered, once.

use super::repo::LiveEvent;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// How long a skipped id is looked for.
pub const GAP_WAIT: Duration = Duration::from_secs(3);

/// At most this many skipped ids are remembered (a larger jump is a restore, or ids
/// taken by rolled-back work: nothing to wait for).
const MAX_GAPS: i64 = 1000;

#[derive(Debug)]
pub struct Cursor {
    head: i64,
    gaps: BTreeMap<i64, Instant>,
}

impl Cursor {
    /// Starting after `head` (the newest id when the node starts: older events were
    /// for pages opened before, which replay from the table on reconnect).
    pub fn after(head: i64) -> Cursor {
        Cursor {
            head,
            gaps: BTreeMap::new(),
        }
    }

    #[cfg(test)]
    pub fn head(&self) -> i64 {
        self.head
    }

    /// The id to read after: before the oldest gap, if any.
    pub fn low(&self) -> i64 {
        self.gaps
            .keys()
            .next()
            .map_or(self.head, |first| (first - 1).min(self.head))
    }

    /// Takes the rows read after [`Cursor::low`] (in id order) and returns those not
    /// delivered before.
    pub fn take(&mut self, rows: Vec<LiveEvent>, now: Instant) -> Vec<LiveEvent> {
        self.gaps
            .retain(|_, since| now.duration_since(*since) < GAP_WAIT);
        let mut fresh = Vec::new();
        for event in rows {
            if event.id <= self.head {
                if self.gaps.remove(&event.id).is_some() {
                    fresh.push(event);
                }
                continue;
            }
            if event.id - self.head <= MAX_GAPS {
                for missing in self.head + 1..event.id {
                    self.gaps.insert(missing, now);
                }
            }
            self.head = event.id;
            fresh.push(event);
        }
        fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: i64) -> LiveEvent {
        LiveEvent {
            id,
            topic: "account:1".into(),
            kind: "notification".into(),
            subject: id,
        }
    }

    fn ids(events: &[LiveEvent]) -> Vec<i64> {
        events.iter().map(|e| e.id).collect()
    }

    #[test]
    fn a_late_commit_is_delivered_once_and_old_gaps_are_let_go() {
        let t0 = Instant::now();
        let mut c = Cursor::after(9);
        assert_eq!(c.low(), 9);
        // 11 committed before 10.
        assert_eq!(ids(&c.take(vec![ev(11)], t0)), vec![11]);
        assert_eq!((c.head(), c.low()), (11, 9));
        // 10 arrives with 12; 11 is not delivered again.
        let read = c.take(
            vec![ev(10), ev(11), ev(12)],
            t0 + Duration::from_millis(100),
        );
        assert_eq!(ids(&read), vec![10, 12]);
        assert_eq!(c.low(), 12);
        // 14 skips 13, which never comes: after GAP_WAIT it is no longer looked for.
        c.take(vec![ev(14)], t0);
        assert_eq!(c.low(), 12);
        assert!(c.take(vec![ev(14)], t0 + GAP_WAIT).is_empty());
        assert_eq!(c.low(), 14);
        // A jump (a restore) does not fill the memory with gaps.
        c.take(vec![ev(1_000_000)], t0);
        assert_eq!(c.low(), 1_000_000);
    }
}
