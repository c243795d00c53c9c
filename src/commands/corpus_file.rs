//! Reading a labelled corpus file (JSON Lines), for `eval` and `train`: capped in
//! size and line length, so a wrong path ends with a message, not a full memory.

use crate::outcome::Failure;
use std::path::Path;

/// The largest corpus file `train` and `eval` read. The committed corpus files are under
/// 1 MiB; the cap is there so a wrong path (`/dev/zero`, a disk image) ends with
/// a message instead of filling the memory.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;
/// The longest line in a corpus file: one labelled reply as JSON.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Reads a corpus file, refusing one larger than [`MAX_INPUT_BYTES`] or with a
/// line longer than [`MAX_LINE_BYTES`] (the size of a file like `/dev/zero` is
/// not known in advance, so the read itself stops at the cap).
pub fn read_corpus(file: &Path) -> Result<String, Failure> {
    use std::io::Read;
    let cannot = |e: std::io::Error| Failure::new(format!("cannot read {}: {e}", file.display()));
    // A pipe would be read until its writer stops, and a folder not at all: both are
    // refused before opening. (`/dev/zero` is read, and stops at the cap.)
    let kind = std::fs::metadata(file).map_err(cannot)?.file_type();
    if kind.is_dir() || is_fifo(&kind) {
        return Err(Failure::new(format!(
            "{} is not a regular file; give a JSON Lines file of labelled replies",
            file.display()
        )));
    }
    let handle = std::fs::File::open(file).map_err(cannot)?;
    let mut bytes = Vec::new();
    handle
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Failure::new(format!(
            "{} is larger than {} MiB, which is more than any corpus file should be (one labelled reply per line); check the path, or split the file",
            file.display(),
            MAX_INPUT_BYTES / (1024 * 1024)
        )));
    }
    if let Some((index, line)) = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .find(|(_, l)| l.len() > MAX_LINE_BYTES)
    {
        return Err(Failure::new(format!(
            "{}:{}: this line is {} bytes long, more than the {} KiB a labelled reply may take; is it a corpus file (one JSON object per line)?",
            file.display(),
            index + 1,
            line.len(),
            MAX_LINE_BYTES / 1024
        )));
    }
    String::from_utf8(bytes)
        .map_err(|e| Failure::new(format!("cannot read {}: it is not UTF-8 text ({e})", file.display())))
}

#[cfg(unix)]
fn is_fifo(kind: &std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(kind)
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::FileType) -> bool {
    false
}
