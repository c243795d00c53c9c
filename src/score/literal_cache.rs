//! Literal sets worked out by earlier runs, kept in the data folder.
//!
//! Working out which literals every match of a pattern needs means parsing the
//! pattern with the regex crate's parser, and for a one-off `score "…"` that
//! parsing was about a third of the run: the scorers search with a few hundred
//! patterns, long word lists among them. The answer depends only on the
//! pattern's text and on this program, so it is kept in a file: one line of
//! header naming the program build, then for each pattern its full text and
//! its set. A pattern is looked up by its whole text (no hash that could
//! collide), so a cached set is always the one this build would work out.
//!
//! The file is a convenience, never needed: missing, unreadable, written by
//! another build, truncated or corrupt, it is ignored as a whole and scoring
//! gives the same results, only slower. It is replaced atomically (a private
//! temporary file renamed over it), only when a run worked out sets it did
//! not hold, and never when the person asked to keep nothing (`--no-journal`).
//! A data folder that cannot be written is not an error.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// A pattern's literal set as [`super::patterns`] works it out: `None` when the
/// pattern has no useful set (or does not parse).
pub type LiteralSet = Option<Vec<Vec<u8>>>;

/// The first bytes of the file; a change in the layout changes them.
const MAGIC: &[u8] = b"rehearse literal sets 1\n";
/// The file is not read past this size (the bundled scripts make about 300 KB).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Default)]
struct Cache {
    known: HashMap<Box<str>, LiteralSet, ahash::RandomState>,
    /// Sets worked out in this run that the file does not hold yet.
    added: usize,
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(|| {
        let known = location()
            .and_then(|(path, stamp)| {
                let bytes = crate::content::read_capped(&path, MAX_FILE_BYTES).ok()?;
                decode(&bytes, &stamp)
            })
            .unwrap_or_default();
        Mutex::new(Cache { known, added: 0 })
    })
}

/// The set kept for `pattern`, if an earlier run worked it out.
pub fn lookup(pattern: &str) -> Option<LiteralSet> {
    cache().lock().ok()?.known.get(pattern).cloned()
}

/// Keeps the set just worked out for `pattern`, for [`save`] to write.
pub fn remember(pattern: &str, set: &LiteralSet) {
    if let Ok(mut cache) = cache().lock() {
        if cache.known.len() < super::patterns::MAX_CACHED_PATTERNS
            && cache.known.insert(pattern.into(), set.clone()).is_none()
        {
            cache.added += 1;
        }
    }
}

/// Writes the file if this run worked out sets it did not hold. Problems are
/// ignored: the file only saves time.
pub fn save() {
    let Some((path, stamp)) = location() else {
        return;
    };
    let bytes = {
        let Ok(mut cache) = cache().lock() else {
            return;
        };
        if cache.added == 0 {
            return;
        }
        cache.added = 0;
        encode(&cache.known, &stamp)
    };
    let Some(folder) = path.parent() else {
        return;
    };
    if crate::data_dir::ensure().is_ok() && crate::data_dir::ensure_private_dir(folder).is_ok() {
        let _ = crate::journal::atomic::write_private(&path, &bytes);
    }
}

/// Where the file is, and the stamp of this build that it must carry: the
/// program's version, size and modification time, so a file written by any
/// other build (whose sets could differ) is not used.
/// Where the file lives in the data folder `data` (`forget --all` removes it too:
/// an author's script could build a pattern from a reply's words).
pub fn file_in(data: &std::path::Path) -> PathBuf {
    data.join("cache").join("literal-sets")
}

fn location() -> Option<(PathBuf, String)> {
    let path = file_in(&crate::data_dir::location()?);
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = exe
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    let stamp = format!("{} {} {}", env!("CARGO_PKG_VERSION"), exe.len(), modified);
    Some((path, stamp))
}

/// The file's bytes: the magic line, the stamp line, then each pattern as its
/// length and text, a flag (1: has a set), the number of literals and each as
/// length and bytes; numbers are 4 bytes, little-endian.
fn encode(known: &HashMap<Box<str>, LiteralSet, ahash::RandomState>, stamp: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(MAGIC.len() + stamp.len() + 1 + known.len() * 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(stamp.as_bytes());
    out.push(b'\n');
    let chunk = |bytes: &[u8], out: &mut Vec<u8>| {
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(bytes);
    };
    for (pattern, set) in known {
        chunk(pattern.as_bytes(), &mut out);
        match set {
            None => out.push(0),
            Some(literals) => {
                out.push(1);
                out.extend_from_slice(&(literals.len() as u32).to_le_bytes());
                for literal in literals {
                    chunk(literal, &mut out);
                }
            }
        }
    }
    out
}

/// The sets in `bytes`, or `None` if the file is not one this build wrote
/// whole (another stamp, cut short, or damaged).
fn decode(bytes: &[u8], stamp: &str) -> Option<HashMap<Box<str>, LiteralSet, ahash::RandomState>> {
    let mut rest = bytes.strip_prefix(MAGIC)?;
    rest = rest.strip_prefix(stamp.as_bytes())?.strip_prefix(b"\n")?;
    let mut known = HashMap::default();
    fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        if rest.len() < n {
            return None;
        }
        let (head, tail) = rest.split_at(n);
        *rest = tail;
        Some(head)
    }
    fn number(rest: &mut &[u8]) -> Option<usize> {
        let bytes: [u8; 4] = take(rest, 4)?.try_into().ok()?;
        Some(u32::from_le_bytes(bytes) as usize)
    }
    while !rest.is_empty() {
        let len = number(&mut rest)?;
        let pattern = std::str::from_utf8(take(&mut rest, len)?).ok()?;
        let set = match take(&mut rest, 1)?[0] {
            0 => None,
            1 => {
                let count = number(&mut rest)?;
                let mut literals = Vec::with_capacity(count.min(1024));
                for _ in 0..count {
                    let len = number(&mut rest)?;
                    literals.push(take(&mut rest, len)?.to_vec());
                }
                Some(literals)
            }
            _ => return None,
        };
        known.insert(pattern.into(), set);
    }
    Some(known)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> HashMap<Box<str>, LiteralSet, ahash::RandomState> {
        let mut known = HashMap::default();
        known.insert(r"(?i)\bhow\s+convenient\b".into(), Some(vec![b"convenient".to_vec()]));
        known.insert(r"(?i)\b(?:you|u)\b".into(), None);
        known.insert(
            "(?i)caf\u{e9}|tea".into(),
            Some(vec!["caf\u{e9}".into(), b"tea".to_vec()]),
        );
        known
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let known = sample();
        let bytes = encode(&known, "0.1.0 123 456");
        assert_eq!(decode(&bytes, "0.1.0 123 456"), Some(known));
    }

    #[test]
    fn a_file_from_another_build_or_damaged_is_not_used() {
        let bytes = encode(&sample(), "0.1.0 123 456");
        assert_eq!(decode(&bytes, "0.1.0 123 457"), None, "another build");
        for cut in [1, 10, MAGIC.len() + 5, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut], "0.1.0 123 456"), None, "cut at {cut}");
        }
        let mut one = HashMap::default();
        one.insert("tea|caf\u{e9}".into(), Some(vec!["caf\u{e9}".into(), b"tea".to_vec()]));
        let mut flipped = encode(&one, "0.1.0 123 456");
        // The flag comes before the count and the two literals (length, bytes).
        let flag = flipped.len() - (1 + 4 + 4 + "caf\u{e9}".len() + 4 + "tea".len());
        assert_eq!(flipped[flag], 1);
        flipped[flag] = 7;
        assert_eq!(decode(&flipped, "0.1.0 123 456"), None, "an unknown flag");
        assert_eq!(decode(b"", "0.1.0 123 456"), None, "empty");
    }
}
