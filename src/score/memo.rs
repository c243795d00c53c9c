//! Memoisation for scorer scripts: work done once instead of on every reply.
//!
//! Rhai functions cannot keep state between calls, so without help a script
//! rebuilds the same regex from a word list on every reply, and several scorers
//! recompute the same shared analysis (is this reply blaming?) for one reply.
//! `memo(key, f)` keeps `f()`'s result for the life of the process (for values
//! that depend only on the key, like patterns built from word lists);
//! `memo_reply(key, f)` keeps it only while one reply is being scored.

use rhai::{Dynamic, Engine, EvalAltResult, FnPtr, ImmutableString, NativeCallContext};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Entries a process-wide memo may hold; past this, values are computed but not kept,
/// so a script that memoises per-reply data by mistake cannot grow without bound.
pub const MAX_ENTRIES: usize = 10_000;

/// Bytes (roughly: text, plus a little per value) a memo may hold. Entries alone
/// do not bound memory: 10,000 entries of 256 KB strings would be 2.5 GB.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// A shared key → value store for one scorer.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    entries: Arc<RwLock<Entries>>,
}

#[derive(Debug, Default)]
struct Entries {
    /// ahash, not the standard hasher: per-reply keys hold the whole reply
    /// (`"blame_hits:" + text`), looked up by several scorers on every reply.
    map: HashMap<ImmutableString, Dynamic, ahash::RandomState>,
    bytes: usize,
}

/// About how much memory `value` holds: its text, its items, and a word for each.
fn size_of(value: &Dynamic) -> usize {
    const WORD: usize = 16;
    if let Some(s) = value.read_lock::<ImmutableString>() {
        return WORD + s.len();
    }
    if let Some(items) = value.read_lock::<rhai::Array>() {
        return WORD + items.iter().map(size_of).sum::<usize>();
    }
    if let Some(map) = value.read_lock::<rhai::Map>() {
        return WORD + map.iter().map(|(k, v)| k.len() + size_of(v)).sum::<usize>();
    }
    WORD
}

impl Memo {
    fn get(&self, key: &str) -> Option<Dynamic> {
        self.entries.read().ok()?.map.get(key).cloned()
    }

    fn put(&self, key: ImmutableString, value: Dynamic) {
        let size = key.len() + size_of(&value);
        if let Ok(mut entries) = self.entries.write() {
            if entries.map.len() < MAX_ENTRIES && entries.bytes + size <= MAX_BYTES {
                entries.bytes += size;
                entries.map.insert(key, value);
            }
        }
    }

    /// Forgets everything (called before each reply for the per-reply memo).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.write() {
            entries.map.clear();
            entries.bytes = 0;
        }
    }

    fn lookup_or_call(
        &self,
        ctx: &NativeCallContext,
        key: ImmutableString,
        f: &FnPtr,
    ) -> Result<Dynamic, Box<EvalAltResult>> {
        if let Some(value) = self.get(&key) {
            return Ok(value);
        }
        let value: Dynamic = f.call_within_context(ctx, ())?;
        self.put(key, value.clone());
        Ok(value)
    }
}

/// Registers `memo(key, f)` and `memo_reply(key, f)` on `engine`.
pub fn register(engine: &mut Engine, process: Memo, reply: Memo) {
    engine.register_fn("memo", move |ctx: NativeCallContext, key: ImmutableString, f: FnPtr| {
        process.lookup_or_call(&ctx, key, &f)
    });
    engine.register_fn(
        "memo_reply",
        move |ctx: NativeCallContext, key: ImmutableString, f: FnPtr| reply.lookup_or_call(&ctx, key, &f),
    );
}
