//! Scenario scripts compiled and tried once per process, not once per scenario.
//!
//! A scenario's own scripts (`scorers:` and `cues:`) are added to the shared
//! scorer with [`RhaiScorer::extended`](super::RhaiScorer::extended), which
//! compiles them with the prelude and tries them on a sample reply: about
//! 12 ms a scenario with the bundled prelude, most of a large library's
//! `check`. Many scenarios name the same scripts (a cue kept in a shared
//! folder, a family's `clarifies.rhai`, a library of copies), and the result
//! depends only on the shared scorer and those files' names and bytes, so it
//! is kept here and each later scenario gets a copy of it (its compiled
//! scripts shared, with an engine and reply memo of its own, as
//! [`RhaiScorer::worker`](super::RhaiScorer::worker) gives).

use super::lexicons::Lexicons;
use super::RhaiScorer;
use crate::content::SourceFile;
use crate::diagnostic::Diagnostic;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Extensions kept at most; past this, new ones are built and not kept.
const MAX_KEPT: usize = 512;

/// The shared scorer, by its word lists (a scorer loaded again, after `/reload`
/// say, has its own) and its score names (an extension shares the word lists
/// but adds names, so extending it is not extending the scorer it came from),
/// and the files' paths and bytes.
type Key = (usize, Vec<String>, Vec<(String, Vec<u8>)>);

/// What extending gave, with the word lists held so their address, part of
/// the key, cannot be reused by another scorer while the entry lives.
struct Kept {
    _lexicons: Arc<Lexicons>,
    result: Result<RhaiScorer, Vec<Diagnostic>>,
}

fn table() -> &'static Mutex<HashMap<Key, Kept>> {
    static TABLE: OnceLock<Mutex<HashMap<Key, Kept>>> = OnceLock::new();
    TABLE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// `build()`'s result for the shared scorer (its word lists `lexicons` and score
/// `names`) extended with `extra`, built once: later calls with the same scorer
/// and the same files get a copy.
pub fn extended_once(
    lexicons: &Arc<Lexicons>,
    names: &[String],
    extra: &[SourceFile],
    build: impl FnOnce() -> Result<RhaiScorer, Vec<Diagnostic>>,
) -> Result<RhaiScorer, Vec<Diagnostic>> {
    let key: Key = (
        Arc::as_ptr(lexicons) as usize,
        names.to_vec(),
        extra
            .iter()
            .map(|f| (f.display_path.clone(), f.bytes.clone()))
            .collect(),
    );
    if let Ok(kept) = table().lock() {
        if let Some(found) = kept.get(&key) {
            return copy(&found.result);
        }
    }
    // Built outside the lock: two threads may build the same one at once, and
    // both get the same answer.
    let result = build();
    let answer = copy(&result);
    if let Ok(mut kept) = table().lock() {
        if kept.len() < MAX_KEPT {
            kept.insert(
                key,
                Kept {
                    _lexicons: lexicons.clone(),
                    result,
                },
            );
        }
    }
    answer
}

fn copy(result: &Result<RhaiScorer, Vec<Diagnostic>>) -> Result<RhaiScorer, Vec<Diagnostic>> {
    match result {
        Ok(scorer) => Ok(scorer.worker()),
        Err(problems) => Err(problems.clone()),
    }
}
