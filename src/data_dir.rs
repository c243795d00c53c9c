//! Where rehearse keeps a person's own files (history, journals): private by default.
//!
//! `$REHEARSE_HOME` when set, else the platform data directory (XDG on Linux).
//! The folder is created with mode 0700 and every file in it is 0600: what someone
//! types while rehearsing a painful conversation is theirs alone.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

pub const ENV_VAR: &str = "REHEARSE_HOME";

/// The data directory, without creating it.
pub fn location() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(home));
    }
    dirs::data_dir().map(|d| d.join("rehearse"))
}

/// The data directory, created (0700) if needed.
pub fn ensure() -> io::Result<PathBuf> {
    let dir = location().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!("no data directory could be found; set {ENV_VAR} to a folder"),
        )
    })?;
    ensure_private_dir(&dir)?;
    Ok(dir)
}

/// Creates `dir` (and parents) and makes it readable by its owner only.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    set_mode(dir, 0o700)
}

/// Opens `path` for appending, creating it with mode 0600.
pub fn open_private_append(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    set_mode(path, 0o600)?;
    Ok(file)
}

/// Makes an existing file private (0600).
pub fn make_private(path: &Path) -> io::Result<()> {
    set_mode(path, 0o600)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}
