//! A process-wide cache of compiled regular expressions.
//!
//! Scorer scripts build patterns inside `score(text)`, which runs on every reply.
//! Compiling a regex costs far more than running it, so each distinct pattern is
//! compiled once and shared from then on.

use regex::Regex;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

/// Compiled patterns by source text; a bad pattern is cached as its error message.
/// Keys can be long (a word list as one alternation), so a fast hash matters: the
/// lookup happens on every search a script makes.
type Cache = RwLock<HashMap<String, Result<Arc<Regex>, String>, ahash::RandomState>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| RwLock::new(HashMap::default()))
}

/// The compiled form of `pattern`, compiling it on first use only.
pub fn compiled(pattern: &str) -> Result<Arc<Regex>, String> {
    if let Ok(map) = cache().read() {
        if let Some(found) = map.get(pattern) {
            return found.clone();
        }
    }
    let result = Regex::new(pattern)
        .map(Arc::new)
        .map_err(|e| format!("invalid pattern {pattern:?}: {e}"));
    if let Ok(mut map) = cache().write() {
        map.insert(pattern.to_string(), result.clone());
    }
    result
}

/// How many distinct patterns have been compiled so far (for tests and benchmarks).
pub fn cached_count() -> usize {
    cache().read().map(|m| m.len()).unwrap_or(0)
}
