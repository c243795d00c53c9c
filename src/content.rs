//! Where scenarios and scripts come from: a folder on disk, or the copy built into the binary.
//!
//! Content is data. During development the repo's own `scenarios/` and `scripts/`
//! are read at run time, so an author sees an edit without rebuilding; an installed
//! binary falls back to the copy embedded at build time and works anywhere.

use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

static BUNDLED_SCENARIOS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/scenarios");
static BUNDLED_SCRIPTS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/scripts");

/// One author file: the name shown in messages and its raw bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to the user (relative to the current directory when possible).
    pub display_path: String,
    pub bytes: Vec<u8>,
}

/// Which library of content to read.
#[derive(Debug, Clone)]
pub enum ContentRoot {
    /// A folder on disk, read recursively.
    Folder(PathBuf),
    /// The copy embedded in the binary at build time.
    Bundled,
}

/// Which kind of content: decides the embedded fallback and the file extensions read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Scenarios,
    Scripts,
}

impl ContentKind {
    fn folder_name(self) -> &'static str {
        match self {
            ContentKind::Scenarios => "scenarios",
            ContentKind::Scripts => "scripts",
        }
    }

    fn bundled(self) -> &'static Dir<'static> {
        match self {
            ContentKind::Scenarios => &BUNDLED_SCENARIOS,
            ContentKind::Scripts => &BUNDLED_SCRIPTS,
        }
    }
}

impl ContentRoot {
    /// The folder named on the command line, else the source checkout's folder if it
    /// still exists (development), else the bundled copy.
    pub fn resolve(kind: ContentKind, explicit: Option<&Path>) -> ContentRoot {
        if let Some(path) = explicit {
            return ContentRoot::Folder(path.to_path_buf());
        }
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join(kind.folder_name());
        if checkout.is_dir() {
            ContentRoot::Folder(checkout)
        } else {
            ContentRoot::Bundled
        }
    }

    /// A short description for messages ("the bundled library" or the folder).
    pub fn describe(&self) -> String {
        match self {
            ContentRoot::Folder(path) => display_path(path),
            ContentRoot::Bundled => "the bundled library".to_string(),
        }
    }
}

/// Reads every file with one of `extensions` below `root`, sorted by path so that
/// everything downstream (menus, score order, snapshots) is deterministic.
pub fn read_files(kind: ContentKind, root: &ContentRoot, extensions: &[&str]) -> std::io::Result<Vec<SourceFile>> {
    let mut files = Vec::new();
    match root {
        ContentRoot::Folder(dir) => collect_from_disk(dir, extensions, &mut files)?,
        ContentRoot::Bundled => collect_bundled(kind.bundled(), kind.folder_name(), extensions, &mut files),
    }
    files.sort_by(|a, b| a.display_path.cmp(&b.display_path));
    Ok(files)
}

/// Reads the given paths: files are taken as they are, folders are searched for `extensions`.
pub fn read_paths(paths: &[PathBuf], extensions: &[&str]) -> std::io::Result<Vec<SourceFile>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            collect_from_disk(path, extensions, &mut found)?;
            found.sort_by(|a, b| a.display_path.cmp(&b.display_path));
            files.extend(found);
        } else {
            let bytes = std::fs::read(path)?;
            files.push(SourceFile {
                display_path: display_path(path),
                bytes,
            });
        }
    }
    Ok(files)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e))
}

fn collect_from_disk(dir: &Path, extensions: &[&str], out: &mut Vec<SourceFile>) -> std::io::Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot read folder {}: {e}", display_path(dir))))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            collect_from_disk(&path, extensions, out)?;
        } else if has_extension(&path, extensions) {
            let bytes = std::fs::read(&path)?;
            out.push(SourceFile {
                display_path: display_path(&path),
                bytes,
            });
        }
    }
    Ok(())
}

fn collect_bundled(dir: &Dir<'_>, prefix: &str, extensions: &[&str], out: &mut Vec<SourceFile>) {
    for file in dir.files() {
        if has_extension(file.path(), extensions) {
            out.push(SourceFile {
                display_path: format!("{prefix}/{}", file.path().display()),
                bytes: file.contents().to_vec(),
            });
        }
    }
    for sub in dir.dirs() {
        collect_bundled(sub, prefix, extensions, out);
    }
}

/// A path as the user should see it: relative to the current directory, or to the
/// source checkout, when it is inside one of them; as given otherwise.
pub fn display_path(path: &Path) -> String {
    let bases = [
        std::env::current_dir().ok(),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR"))),
    ];
    for base in bases.into_iter().flatten() {
        if let Ok(rel) = path.strip_prefix(&base) {
            if !rel.as_os_str().is_empty() {
                return rel.display().to_string();
            }
        }
    }
    path.display().to_string()
}
