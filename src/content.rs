//! Where scenarios and scripts come from: a folder on disk, or the copy built into the binary.
//!
//! Content is data. A copy of the program with `scenarios/` and `scripts/` folders
//! beside it reads those; during development the repo's own folders are read at
//! run time, so an author sees an edit without rebuilding; an installed binary
//! falls back to the copy embedded at build time and works anywhere.

use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

static BUNDLED_SCENARIOS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/scenarios");
static BUNDLED_SCRIPTS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/scripts");
static BUNDLED_SETS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/sets");

/// One author file: the name shown in messages and its raw bytes.
#[derive(Debug, Clone, Default)]
pub struct SourceFile {
    /// The path as shown to the user (relative to the current directory when possible).
    pub display_path: String,
    pub bytes: Vec<u8>,
    /// Why the file could not be read (a dangling link, a pipe, too big): the file
    /// is reported on its own, and the rest of the library still loads.
    pub unreadable: Option<String>,
}

/// No content file (scenario, script, word list, model) is read past this size: a
/// scenario is a few kilobytes, and a file this big is a mistake or an attack.
pub const MAX_CONTENT_BYTES: u64 = 4 * 1024 * 1024;

impl SourceFile {
    /// Reads one file found in a library folder or named on the command line,
    /// refusing what is not a regular file or is too big, without reading it.
    pub fn read(path: &Path) -> SourceFile {
        let display_path = display_path(path);
        let (bytes, unreadable) = match read_limited(path) {
            Ok(bytes) => (bytes, None),
            Err(problem) => (Vec::new(), Some(problem)),
        };
        SourceFile {
            display_path,
            bytes,
            unreadable,
        }
    }
}

/// The bytes of a regular file of at most [`MAX_CONTENT_BYTES`], or why not, in words.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    read_capped(path, MAX_CONTENT_BYTES)
}

/// The bytes of a regular file of at most `max` bytes, or why not, in words. A
/// pipe, device or folder is refused without being opened, and a file that
/// grows while it is read stops at the cap.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound if path.is_symlink() => {
            "this is a link to a file that does not exist; remove the link or restore the file".to_string()
        }
        _ => format!("cannot be read: {e}"),
    })?;
    if !meta.is_file() {
        return Err(
            "this is not a regular file (a pipe, device or folder), so it is not read; rename or remove it".to_string(),
        );
    }
    if meta.len() > max {
        return Err(format!(
            "the file is {} KB; files of this kind can be at most {} KB, so this is not read",
            meta.len() / 1024,
            max / 1024
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "the file grew past {} KB while being read, so it is not used",
            max / 1024
        ));
    }
    Ok(bytes)
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
    /// Exercise sets: scenarios in order, for a workshop.
    Sets,
}

impl ContentKind {
    fn folder_name(self) -> &'static str {
        match self {
            ContentKind::Scenarios => "scenarios",
            ContentKind::Scripts => "scripts",
            ContentKind::Sets => "sets",
        }
    }

    fn bundled(self) -> &'static Dir<'static> {
        match self {
            ContentKind::Scenarios => &BUNDLED_SCENARIOS,
            ContentKind::Scripts => &BUNDLED_SCRIPTS,
            ContentKind::Sets => &BUNDLED_SETS,
        }
    }
}

/// The `scenarios/`, `scripts/` or `sets/` folder next to the running program, if
/// there is one.
fn beside_program(kind: ContentKind) -> Option<PathBuf> {
    let program = std::env::current_exe().ok()?;
    let folder = program.parent()?.join(kind.folder_name());
    folder.is_dir().then_some(folder)
}

impl ContentRoot {
    /// The folder named on the command line; else a folder of that name beside the
    /// program itself; else the source checkout's folder if it still exists
    /// (development); else the bundled copy.
    ///
    /// "Beside the program" comes before the checkout so that a copy of rehearse
    /// handed out with its own scenarios (a workshop folder on a USB stick, a frozen
    /// copy for a play-test) reads those, and not whatever checkout it was built
    /// from, which may be changing underneath it.
    pub fn resolve(kind: ContentKind, explicit: Option<&Path>) -> ContentRoot {
        if let Some(path) = explicit {
            return ContentRoot::Folder(path.to_path_buf());
        }
        if let Some(beside) = beside_program(kind) {
            return ContentRoot::Folder(beside);
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
    Ok(list_paths(paths, extensions)?
        .iter()
        .map(|p| SourceFile::read(p))
        .collect())
}

/// The files the given paths stand for, without reading them: files as they
/// are, and the files with one of `extensions` in each folder (below it too),
/// sorted by path within each folder.
pub fn list_paths(paths: &[PathBuf], extensions: &[&str]) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            list_from_disk(path, extensions, &mut found)?;
            found.sort_by_key(|p| display_path(p));
            files.extend(found);
        } else {
            files.push(path.clone());
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
    let mut found = Vec::new();
    list_from_disk(dir, extensions, &mut found)?;
    out.extend(found.iter().map(|p| SourceFile::read(p)));
    Ok(())
}

fn list_from_disk(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot read folder {}: {e}", display_path(dir))))?;
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        // `file_type` does not follow links: a linked folder is not entered, so a
        // link loop cannot make the walk endless or find each file many times.
        let kind = entry.file_type()?;
        if kind.is_dir() {
            list_from_disk(&path, extensions, out)?;
        } else if has_extension(&path, extensions) && !(kind.is_symlink() && path.is_dir()) {
            out.push(path);
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
                unreadable: None,
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
