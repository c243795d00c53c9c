//! Writing a whole file so that nobody ever sees half of it: exports are written
//! to a private temporary file in the same folder, synced, then renamed over the
//! destination. A crash leaves the old file or the new one, never a torn one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Writes `bytes` to `path` atomically; the file is readable by its owner only (0600).
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a file name", path.display()),
        )
    })?;
    let temp = loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let candidate = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match create_new_private(&candidate) {
            Ok(file) => break (candidate, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    };
    let (temp_path, mut file) = temp;
    let written = file.write_all(bytes).and_then(|_| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|_| fs::rename(&temp_path, path)) {
        let _ = fs::remove_file(&temp_path);
        return Err(e);
    }
    sync_dir(&dir);
    Ok(())
}

/// The name of the file a temporary file is for: `NAME` for `NAME.<pid>.<n>.tmp`
/// (given without the leading dot), if that is the shape. `forget` uses it to
/// find the temporary files an interrupted export left.
pub fn temporary_target(hidden_name: &str) -> Option<&str> {
    let rest = hidden_name.strip_suffix(".tmp")?;
    let (rest, n) = rest.rsplit_once('.')?;
    let (name, pid) = rest.rsplit_once('.')?;
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (numeric(n) && numeric(pid) && !name.is_empty()).then_some(name)
}

/// Creates `path`, failing if it exists, with mode 0600 from the start (never
/// briefly readable by others).
pub fn create_new_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Makes a new or renamed directory entry durable. Best effort: not every
/// platform can sync a directory, and the data itself is already synced.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
