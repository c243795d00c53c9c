//! How big a scenario may be. Scenario packs are shared between strangers, so a
//! file must not be able to exhaust the stack, memory or time of whoever opens
//! it. Every limit is far above what a real scenario needs (the largest bundled
//! one has about 15 beats, 2 dials and 30 tests), and is checked before the work
//! it protects: nesting and aliases while indexing positions, before serde_yaml
//! builds anything; counts before any condition is compiled.

/// Nesting of mappings and lists. A scenario nests about 6 deep (`beats` →
/// beat → `on_reply` → rule → `set` → dial).
pub const MAX_DEPTH: usize = 64;

/// Bytes that `*alias` references may add by repeating an anchored value. Real
/// scenarios use few or no anchors; an alias bomb repeats a large value thousands
/// of times to grow a small file into gigabytes.
pub const MAX_ALIAS_BYTES: u64 = 1024 * 1024;

/// Counts of the parts of a scenario.
pub const MAX_DIALS: usize = 32;
pub const MAX_BEATS: usize = 500;
pub const MAX_ENDINGS: usize = 100;
pub const MAX_RULES_PER_BEAT: usize = 100;
pub const MAX_VARIANTS: usize = 100;
pub const MAX_TESTS: usize = 1000;
