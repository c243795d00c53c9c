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

/// Pattern text the cache may hold in all. The bundled scripts use about 250 KB in
/// some 300 patterns; a script that builds a new pattern on every call (by mistake
/// or on purpose) stops being cached here instead of filling memory.
pub const MAX_CACHED_PATTERN_BYTES: usize = 8 * 1024 * 1024;
/// Patterns the cache may hold.
pub const MAX_CACHED_PATTERNS: usize = 4_096;
/// The most memory one compiled pattern may take (the regex crate's default is
/// 10 MB); a word list of a few thousand words needs well under 1 MB.
pub const MAX_PATTERN_SIZE: usize = 4 * 1024 * 1024;

/// Pattern text held by the cache, kept beside it so the check costs nothing.
static CACHED_BYTES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The compiled form of `pattern`, compiling it on first use only.
pub fn compiled(pattern: &str) -> Result<Arc<Regex>, String> {
    use std::sync::atomic::Ordering;
    if let Ok(map) = cache().read() {
        if let Some(found) = map.get(pattern) {
            return found.clone();
        }
    }
    let result = regex::RegexBuilder::new(pattern)
        .size_limit(MAX_PATTERN_SIZE)
        .build()
        .map(Arc::new)
        .map_err(|e| format!("invalid pattern {pattern:?}: {e}"));
    if let Ok(mut map) = cache().write() {
        let bytes = CACHED_BYTES.load(Ordering::Relaxed);
        if map.len() < MAX_CACHED_PATTERNS && bytes + pattern.len() <= MAX_CACHED_PATTERN_BYTES {
            CACHED_BYTES.store(bytes + pattern.len(), Ordering::Relaxed);
            map.insert(pattern.to_string(), result.clone());
        }
    }
    result
}

/// How many distinct patterns have been compiled so far (for tests and benchmarks).
pub fn cached_count() -> usize {
    cache().read().map(|m| m.len()).unwrap_or(0)
}
