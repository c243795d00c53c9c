//! One literal pass per text for every pattern at once.
//!
//! Each pattern with a literal set (see `patterns.rs`) can only match a text
//! that contains one of its literals. Checking that pattern by pattern meant
//! one Aho-Corasick pass over the same sentence for each of the hundreds of
//! patterns a reply meets. Here the literals of every pattern known so far
//! make one searcher; a text is scanned with it once, and the result, which
//! patterns may match it, is kept as a bitset while the reply is scored (the
//! scorers search the same reply, sentences and tails of sentences again and
//! again). A pattern is then answered with a table lookup.
//!
//! The answer is exactly the one the pattern's own literal check gives: the
//! same literals, searched the same way (ASCII case ignored). The searcher is
//! rebuilt when new patterns have appeared, which stops after the first
//! replies; patterns it does not cover yet are checked on their own as before.

use aho_corasick::{AhoCorasick, MatchKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

/// A pattern's place in the combined searcher.
pub type PatternId = u32;

/// Patterns the registry takes; past this (a script that builds a new pattern
/// on every call) patterns are checked on their own, as before.
const MAX_REGISTERED: usize = 8_192;

/// Texts whose bitsets one thread keeps at once; the table is cleared past
/// this (and before every reply), so a caller that never starts a reply
/// cannot grow it without bound.
const MAX_TEXTS: usize = 512;

/// Text bytes those bitsets may be keyed by, for the same reason.
const MAX_TEXT_BYTES: usize = 256 * 1024;

/// One pattern's literals (ASCII lower case).
type LiteralSet = Arc<[Vec<u8>]>;

/// The literal sets of every pattern given an id, in id order.
fn registry() -> &'static Mutex<Vec<LiteralSet>> {
    static REGISTRY: OnceLock<Mutex<Vec<LiteralSet>>> = OnceLock::new();
    REGISTRY.get_or_init(|| Mutex::new(Vec::new()))
}

/// An id for a pattern with this literal set, or `None` when the registry is full.
pub fn register(literals: &[Vec<u8>]) -> Option<PatternId> {
    let mut all = registry().lock().ok()?;
    if all.len() >= MAX_REGISTERED {
        return None;
    }
    all.push(literals.into());
    PatternId::try_from(all.len() - 1).ok()
}

/// The literals of patterns `0..covered`, as one searcher.
struct Combined {
    covered: usize,
    searcher: AhoCorasick,
    /// For each literal of the searcher, the patterns that have it.
    owners: Vec<Vec<PatternId>>,
}

impl Combined {
    fn build(sets: &[LiteralSet]) -> Option<Combined> {
        let mut index: HashMap<&[u8], usize> = HashMap::new();
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut owners: Vec<Vec<PatternId>> = Vec::new();
        for (id, set) in sets.iter().enumerate() {
            let id = PatternId::try_from(id).ok()?;
            for literal in set.iter() {
                let at = *index.entry(literal.as_slice()).or_insert_with(|| {
                    literals.push(literal.as_slice());
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                if owners[at].last() != Some(&id) {
                    owners[at].push(id);
                }
            }
        }
        let searcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .ok()?;
        Some(Combined {
            covered: sets.len(),
            searcher,
            owners,
        })
    }

    /// The patterns whose literals occur in `text`, as a bitset over ids.
    fn scan(&self, text: &str) -> Box<[u64]> {
        let mut bits = vec![0u64; self.covered.div_ceil(64)].into_boxed_slice();
        for found in self.searcher.find_overlapping_iter(text) {
            for &id in &self.owners[found.pattern().as_usize()] {
                bits[id as usize / 64] |= 1 << (id % 64);
            }
        }
        bits
    }
}

/// The searcher every thread uses, replaced (never changed) when rebuilt.
fn shared() -> &'static RwLock<Option<Arc<Combined>>> {
    static SHARED: OnceLock<RwLock<Option<Arc<Combined>>>> = OnceLock::new();
    SHARED.get_or_init(|| RwLock::new(None))
}

/// Taken by the one thread rebuilding the searcher; the others go on with the old one.
static BUILDING: Mutex<()> = Mutex::new(());

/// Replies started since the searcher was last rebuilt (by any thread).
static REPLIES_SINCE_BUILD: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Rebuild at the latest after this many replies when new patterns have
/// appeared: a rare pattern is then covered soon enough, and building (a few
/// milliseconds) stays a small share of the replies between builds.
const REBUILD_AFTER_REPLIES: usize = 64;

/// Whether `pending` new patterns justify a rebuild now.
fn worth_rebuilding(covered: usize, pending: usize, replies_since: usize) -> bool {
    pending > 0 && (covered == 0 || pending * 8 >= covered || replies_since >= REBUILD_AFTER_REPLIES)
}

#[derive(Default)]
struct ThreadScan {
    combined: Option<Arc<Combined>>,
    texts: HashMap<Box<str>, Box<[u64]>, ahash::RandomState>,
    text_bytes: usize,
}

thread_local! {
    static SCAN: RefCell<ThreadScan> = RefCell::new(ThreadScan::default());
}

/// Starts a reply on this thread: forgets the texts of the last one, and
/// picks up (or builds) a searcher covering the patterns registered since.
/// The first reply a process scores is never held up by a build: until a
/// pattern has been seen in a reply, nothing is worth combining.
pub fn new_reply() {
    let replies_since = REPLIES_SINCE_BUILD.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let registered = registry().lock().map(|all| all.len()).unwrap_or(0);
    let current = shared().read().ok().and_then(|s| s.clone());
    let covered = current.as_ref().map_or(0, |c| c.covered);
    let mut newest = current;
    if worth_rebuilding(covered, registered.saturating_sub(covered), replies_since) {
        if let Ok(_building) = BUILDING.try_lock() {
            let sets: Vec<LiteralSet> = registry().lock().map(|all| all.clone()).unwrap_or_default();
            if let Some(built) = Combined::build(&sets).map(Arc::new) {
                if let Ok(mut slot) = shared().write() {
                    *slot = Some(built.clone());
                }
                REPLIES_SINCE_BUILD.store(0, std::sync::atomic::Ordering::Relaxed);
                newest = Some(built);
            }
        }
    }
    SCAN.with(|scan| {
        let mut scan = scan.borrow_mut();
        scan.combined = newest;
        scan.texts.clear();
        scan.text_bytes = 0;
    });
}

/// Whether pattern `id` may match `text` (one of its literals occurs in it),
/// or `None` when this thread's searcher does not cover the pattern yet.
pub fn may_match(id: PatternId, text: &str) -> Option<bool> {
    SCAN.with(|scan| {
        let mut scan = scan.borrow_mut();
        let scan = &mut *scan;
        let combined = scan.combined.as_ref()?;
        let id = id as usize;
        if id >= combined.covered {
            return None;
        }
        let bit = |bits: &[u64]| bits[id / 64] & (1 << (id % 64)) != 0;
        if let Some(bits) = scan.texts.get(text) {
            return Some(bit(bits));
        }
        let bits = combined.scan(text);
        let answer = bit(&bits);
        if scan.texts.len() >= MAX_TEXTS || scan.text_bytes + text.len() > MAX_TEXT_BYTES {
            scan.texts.clear();
            scan.text_bytes = 0;
        }
        scan.text_bytes += text.len();
        scan.texts.insert(text.into(), bits);
        Some(answer)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> Vec<Vec<u8>> {
        words.iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    #[test]
    fn the_combined_scan_agrees_with_each_pattern_alone() {
        let sets: Vec<LiteralSet> = vec![
            set(&["medal", "cookie"]).into(),
            set(&["feel", "feeling"]).into(),
            set(&["eel"]).into(),
            set(&["convenient"]).into(),
        ];
        let combined = Combined::build(&sets).expect("builds");
        let text = "Do you want a MEDAL? I Feel fine.";
        let bits = combined.scan(text);
        let has = |id: usize| bits[id / 64] & (1 << (id % 64)) != 0;
        assert!(has(0), "medal, any case");
        assert!(has(1) && has(2), "overlapping literals both count");
        assert!(!has(3));
    }

    #[test]
    fn rebuilding_waits_for_enough_new_patterns() {
        assert!(worth_rebuilding(0, 5, 0), "the first searcher is built at once");
        assert!(!worth_rebuilding(800, 3, 1), "a few new patterns wait");
        assert!(worth_rebuilding(800, 3, REBUILD_AFTER_REPLIES), "but not for ever");
        assert!(worth_rebuilding(800, 100, 1), "many new patterns do not wait");
        assert!(!worth_rebuilding(800, 0, 1000), "nothing new, nothing to build");
    }
}
