//! Computed values a node keeps while what they were computed from is unchanged
//! (server only), in `AppState.memo`. Each is stored under a key with a version that
//! the caller reads cheaply from the database (a consultation's count of answers, say)
//! and compares on every read: every node checks against the same database, so no node
//! needs telling when the data changes, and a stale value is never served. Bounded:
//! when full, it starts again empty.

use std::any::Any;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// How many values a node keeps at most.
pub const CAPACITY: usize = 256;

type Entry = (i64, Arc<dyn Any + Send + Sync>);

#[derive(Clone, Debug, Default)]
pub struct Memo(Arc<Mutex<HashMap<u64, Entry>>>);

/// One key from any hashable parts (a name first, so two uses never meet).
pub fn key(parts: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

impl Memo {
    /// The value kept under `key` if it was computed at `version`.
    pub fn get<V: Any + Send + Sync>(&self, key: u64, version: i64) -> Option<Arc<V>> {
        let map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let (kept, value) = map.get(&key)?;
        (*kept == version).then(|| value.clone().downcast::<V>().ok())?
    }

    pub fn put<V: Any + Send + Sync>(&self, key: u64, version: i64, value: Arc<V>) {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= CAPACITY && !map.contains_key(&key) {
            map.clear();
        }
        map.insert(key, (version, value));
    }

    /// The kept value, or the one `compute` makes (then kept).
    pub async fn get_or<V, E, F>(&self, key: u64, version: i64, compute: F) -> Result<Arc<V>, E>
    where
        V: Any + Send + Sync,
        F: std::future::Future<Output = Result<V, E>>,
    {
        if let Some(v) = self.get(key, version) {
            return Ok(v);
        }
        let value = Arc::new(compute.await?);
        self.put(key, version, value.clone());
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_served_only_at_its_version() {
        let memo = Memo::default();
        let k = key(("results", 7));
        memo.put(k, 3, Arc::new(String::from("tre")));
        assert_eq!(memo.get::<String>(k, 3).as_deref().map(String::as_str), Some("tre"));
        assert!(memo.get::<String>(k, 4).is_none(), "a new answer, a new value");
        assert!(memo.get::<i64>(k, 3).is_none(), "another type is not this one");
        assert!(memo.get::<String>(key(("results", 8)), 3).is_none());
    }

    #[test]
    fn it_never_holds_more_than_its_capacity() {
        let memo = Memo::default();
        for n in 0..(CAPACITY as i64 * 3) {
            memo.put(key(n), 0, Arc::new(n));
        }
        let held = memo.0.lock().map(|m| m.len()).unwrap_or_default();
        assert!(held <= CAPACITY, "{held}");
        let last = key(CAPACITY as i64 * 3 - 1);
        assert_eq!(memo.get::<i64>(last, 0).as_deref(), Some(&(CAPACITY as i64 * 3 - 1)));
    }
}
