//! Where rehearse keeps a person's own files (history, journals): private by default.
//!
//! `$REHEARSE_HOME` when set, else the platform data directory (XDG on Linux).
//! The folder is created with mode 0700 and every file in it is 0600: what someone
//! types while rehearsing a painful conversation is theirs alone. Modes are set
//! at creation (not left to the umask, which may be 000) and again on the open
//! handle, never through a path that a symbolic link could redirect.

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

/// Creates `dir` (and any missing parents) and makes it readable by its owner only.
///
/// Every folder this creates is made with mode 0700 from the start, so neither a
/// permissive umask (000 would give 0777) nor the moment between creating and
/// chmodding leaves it open to others. Parents that already exist are not touched.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot create the folder {}: {e}", dir.display())))?;
    set_mode(dir, 0o700)
}

/// Refuses `path` if it is a symbolic link. rehearse never reads, appends to or
/// chmods a file through a link: the link could point out of the data folder
/// (at another file of the person's, or someone else's), and writing there would
/// put their private words where they did not choose.
pub fn refuse_symlink(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(symlink_error(path)),
        _ => Ok(()),
    }
}

/// The error for a file that is a symbolic link, naming where it points.
pub fn symlink_error(path: &Path) -> io::Error {
    let target = fs::read_link(path).map_or_else(|_| "somewhere else".to_string(), |t| t.display().to_string());
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{} is a symbolic link (to {target}); rehearse does not read or write through links, so its files cannot be redirected out of its data folder. Replace the link with the file itself, or remove it",
            path.display()
        ),
    )
}

/// Opens the existing file `path` for appending; refuses a symbolic link and
/// anything that is not a plain file, and makes the file private (0600) through
/// the open handle.
pub fn open_private_append(path: &Path) -> io::Result<File> {
    refuse_symlink(path)?;
    let mut options = OpenOptions::new();
    options.append(true);
    let file = options.open(path)?;
    check_same_file(path, &file)?;
    set_file_mode(&file, 0o600)?;
    Ok(file)
}

/// Opens `path` for reading, refusing a symbolic link and anything but a plain
/// file (a FIFO or a device would block or never end).
pub fn open_plain_file(path: &Path) -> io::Result<File> {
    refuse_symlink(path)?;
    let file = File::open(path)?;
    check_same_file(path, &file)?;
    Ok(file)
}

/// After opening: the handle must be a plain file and still the entry at `path`
/// (not a link swapped in between the check and the open).
fn check_same_file(path: &Path, file: &File) -> io::Result<()> {
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is not a plain file; rehearse only keeps plain files there",
                path.display()
            ),
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let entry = fs::symlink_metadata(path)?;
        if entry.file_type().is_symlink() || entry.dev() != opened.dev() || entry.ino() != opened.ino() {
            return Err(symlink_error(path));
        }
    }
    Ok(())
}

/// Makes an existing file private (0600). Refuses a symbolic link: chmodding
/// through one would change the mode of whatever it points at.
pub fn make_private(path: &Path) -> io::Result<()> {
    refuse_symlink(path)?;
    set_mode(path, 0o600)
}

/// Sets the mode of an open file (fchmod): no path, so no link to follow.
pub fn set_file_mode(file: &File, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, mode);
        Ok(())
    }
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
