//! Computed values a node keeps while what they were computed from is unchanged
//! (server only), in `AppState.memo`. Each is stored under a key with a version that
//! the caller reads cheaply from the database (a consultation's count of answers, say)
//! and compares on every read: every node checks against the same database, so no node
//! needs telling when the data changes, and a stale value is never served. Bounded in
//! entries and in bytes (as the caller weighs its value): when full, it starts again
//! empty; a value larger than a quarter of the bytes is not kept at all.

use std::any::Any;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// How many values a node keeps at most, and how many bytes in all.
pub const CAPACITY: usize = 256;
pub const BYTES: usize = 64 << 20;

type Entry = (i64, Arc<dyn Any + Send + Sync>, usize);

#[derive(Debug, Default)]
struct Kept {
    map: HashMap<u64, Entry>,
    bytes: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Memo(Arc<Mutex<Kept>>);

/// One key from any hashable parts (a name first, so two uses never meet).
pub fn key(parts: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

impl Memo {
    /// The value kept under `key` if it was computed at `version`.
    pub fn get<V: Any + Send + Sync>(&self, key: u64, version: i64) -> Option<Arc<V>> {
        let kept = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let (at, value, _) = kept.map.get(&key)?;
        (*at == version).then(|| value.clone().downcast::<V>().ok())?
    }

    /// Keeps `value`, which weighs about `bytes`.
    pub fn put<V: Any + Send + Sync>(&self, key: u64, version: i64, value: Arc<V>, bytes: usize) {
        if bytes > BYTES / 4 {
            return;
        }
        let mut kept = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, _, old)) = kept.map.remove(&key) {
            kept.bytes -= old;
        }
        if kept.map.len() >= CAPACITY || kept.bytes + bytes > BYTES {
            kept.map.clear();
            kept.bytes = 0;
        }
        kept.map.insert(key, (version, value, bytes));
        kept.bytes += bytes;
    }

    /// The kept value, or the one `compute` makes (then kept, as `weigh` weighs it).
    pub async fn get_or<V, E, F>(
        &self,
        key: u64,
        version: i64,
        weigh: impl Fn(&V) -> usize,
        compute: F,
    ) -> Result<Arc<V>, E>
    where
        V: Any + Send + Sync,
        F: std::future::Future<Output = Result<V, E>>,
    {
        if let Some(v) = self.get(key, version) {
            return Ok(v);
        }
        let value = Arc::new(compute.await?);
        self.put(key, version, value.clone(), weigh(&value));
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
        memo.put(k, 3, Arc::new(String::from("tre")), 3);
        assert_eq!(
            memo.get::<String>(k, 3).as_deref().map(String::as_str),
            Some("tre")
        );
        assert!(
            memo.get::<String>(k, 4).is_none(),
            "a new answer, a new value"
        );
        assert!(
            memo.get::<i64>(k, 3).is_none(),
            "another type is not this one"
        );
        assert!(memo.get::<String>(key(("results", 8)), 3).is_none());
    }

    #[test]
    fn it_never_holds_more_than_its_capacity() {
        let memo = Memo::default();
        for n in 0..(CAPACITY as i64 * 3) {
            memo.put(key(n), 0, Arc::new(n), 8);
        }
        let held = memo.0.lock().map(|k| k.map.len()).unwrap_or_default();
        assert!(held <= CAPACITY, "{held}");
        let last = key(CAPACITY as i64 * 3 - 1);
        assert_eq!(
            memo.get::<i64>(last, 0).as_deref(),
            Some(&(CAPACITY as i64 * 3 - 1))
        );
    }

    #[test]
    fn it_never_holds_more_than_its_bytes() {
        let memo = Memo::default();
        memo.put(key("huge"), 0, Arc::new(0_i64), BYTES / 2);
        assert!(
            memo.get::<i64>(key("huge"), 0).is_none(),
            "too large to keep"
        );
        for n in 0..12_i64 {
            memo.put(key(n), 0, Arc::new(n), BYTES / 8);
            let bytes = memo.0.lock().map(|k| k.bytes).unwrap_or_default();
            assert!(bytes <= BYTES, "{bytes}");
        }
        assert_eq!(memo.get::<i64>(key(11_i64), 0).as_deref(), Some(&11));
        memo.put(key(11_i64), 1, Arc::new(12_i64), BYTES / 8);
        let bytes = memo.0.lock().map(|k| k.bytes).unwrap_or_default();
        assert!(
            bytes <= BYTES,
            "a replaced value's bytes are given back: {bytes}"
        );
    }
}
