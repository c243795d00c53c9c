//! `--watch` for `check` and `test`: run again each time a scenario or scorer
//! file is saved, so an author can keep an editor open beside the results.
//!
//! Files are polled by modification time and size (every [`POLL`]), which
//! works the same on every system and file system, network folders included.
//! A save is counted once the files have been still for [`QUIET`]: an editor
//! that saves by writing a temporary file and renaming it over the original
//! (or a folder of files saved at once) gives one run, not three.
//!
//! Ctrl-C ends the watch with the terminal's usual interrupt: between runs the
//! watch holds no file open and writes nothing, and it never changes the
//! terminal's mode, so there is nothing to tidy up.

use crate::cli::Cli;
use crate::content::{ContentKind, ContentRoot};
use crate::outcome::{self, Failure, Outcome};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How often the files are looked at.
pub const POLL: Duration = Duration::from_millis(300);
/// How long the files must stay unchanged after a change before the run starts.
pub const QUIET: Duration = Duration::from_millis(250);

/// The kinds of file a scenario library and the scorers are made of: scenarios,
/// scripts, word lists and phrase models.
const WATCHED_EXTENSIONS: [&str; 6] = ["yaml", "yml", "rhai", "txt", "tsv", "json"];

/// Each watched file's modification time and size when last looked at.
pub type Stamps = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

/// What happened to one file between two looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Saved,
    Removed,
}

/// The files that differ between two looks, in path order.
pub fn changes(before: &Stamps, after: &Stamps) -> BTreeMap<PathBuf, Change> {
    let mut out = BTreeMap::new();
    for (path, stamp) in after {
        match before.get(path) {
            None => {
                out.insert(path.clone(), Change::Added);
            }
            Some(old) if old != stamp => {
                out.insert(path.clone(), Change::Saved);
            }
            Some(_) => {}
        }
    }
    for path in before.keys().filter(|p| !after.contains_key(*p)) {
        out.insert(path.clone(), Change::Removed);
    }
    out
}

/// Gathers changes until the files have been still for a while, then hands
/// them over once. Changes to one file add up to what happened overall: a file
/// added and removed again (an editor's temporary copy) is no change at all, a
/// file removed and added again (saved by renaming over it) was saved.
#[derive(Debug)]
pub struct Debounce {
    quiet: Duration,
    pending: BTreeMap<PathBuf, Change>,
    last_change: Option<Instant>,
}

impl Debounce {
    pub fn new(quiet: Duration) -> Debounce {
        Debounce {
            quiet,
            pending: BTreeMap::new(),
            last_change: None,
        }
    }

    /// Adds what one look found at `now`; returns the changes to act on once
    /// nothing has changed for the quiet time.
    pub fn observe(&mut self, found: BTreeMap<PathBuf, Change>, now: Instant) -> Option<BTreeMap<PathBuf, Change>> {
        if !found.is_empty() {
            self.last_change = Some(now);
        }
        for (path, change) in found {
            let merged = match (self.pending.get(&path).copied(), change) {
                (None, change) => Some(change),
                (Some(Change::Added), Change::Removed) => None,
                (Some(Change::Added), _) => Some(Change::Added),
                (Some(Change::Removed), Change::Added) => Some(Change::Saved),
                (Some(_), change) => Some(change),
            };
            match merged {
                Some(change) => self.pending.insert(path, change),
                None => self.pending.remove(&path),
            };
        }
        let still = self.last_change.is_some_and(|at| now.duration_since(at) >= self.quiet);
        if still && !self.pending.is_empty() {
            self.last_change = None;
            return Some(std::mem::take(&mut self.pending));
        }
        if still {
            self.last_change = None;
        }
        None
    }
}

/// What to watch: folders (everything in them) and single files (with the
/// scorer scripts beside them, which a scenario may name in `scorers:`).
#[derive(Debug, Clone)]
pub struct Watched {
    folders: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

impl Watched {
    /// The given paths, or the scenario library when there are none, and the
    /// scorer scripts in use: whatever the command reads from disk.
    pub fn for_command(cli: &Cli, paths: &[PathBuf]) -> Watched {
        let mut watched = Watched {
            folders: Vec::new(),
            files: Vec::new(),
        };
        let scenarios = ContentRoot::resolve(ContentKind::Scenarios, cli.scenarios.as_deref());
        match (paths.is_empty(), scenarios) {
            (true, ContentRoot::Folder(folder)) => watched.folders.push(folder),
            (true, ContentRoot::Bundled) => {}
            (false, _) => {
                for path in paths {
                    if path.is_dir() {
                        watched.folders.push(path.clone());
                    } else {
                        watched.files.push(path.clone());
                    }
                }
            }
        }
        if let ContentRoot::Folder(folder) = ContentRoot::resolve(ContentKind::Scripts, cli.scripts.as_deref()) {
            watched.folders.push(folder);
        }
        watched
    }

    pub fn is_empty(&self) -> bool {
        self.folders.is_empty() && self.files.is_empty()
    }

    /// Every watched file as it is now. A file that cannot be read is left out
    /// (it counts as removed); the command run on it will say why.
    pub fn look(&self) -> Stamps {
        let mut stamps = Stamps::new();
        for folder in &self.folders {
            stamp_folder(folder, &mut stamps, 0);
        }
        for file in &self.files {
            stamp_file(file, &mut stamps);
            let folder = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            // Its scripts: beside it, and in the library's shared folder.
            let shared = crate::scenario::load::shared_scripts_folder(folder);
            for folder in std::iter::once(folder.to_path_buf()).chain(shared) {
                if let Ok(entries) = std::fs::read_dir(&folder) {
                    for entry in entries.flatten() {
                        let path = entry.path();
                        if path.extension().is_some_and(|e| e == "rhai") {
                            stamp_file(&path, &mut stamps);
                        }
                    }
                }
            }
        }
        stamps
    }
}

/// Deep enough for any library (`scenarios/family/…`), short of a link loop.
const MAX_DEPTH: usize = 8;

fn stamp_folder(folder: &Path, stamps: &mut Stamps, depth: usize) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() {
            if depth < MAX_DEPTH {
                stamp_folder(&path, stamps, depth + 1);
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| WATCHED_EXTENSIONS.contains(&e))
        {
            stamp_file(&path, stamps);
        }
    }
}

fn stamp_file(path: &Path, stamps: &mut Stamps) {
    if let Ok(meta) = std::fs::metadata(path) {
        stamps.insert(path.to_path_buf(), (meta.modified().ok(), meta.len()));
    }
}

/// `12:04:31 · scenarios/boundary/mum.yaml saved` (or `3 files changed`).
pub fn header(at: &str, changed: &BTreeMap<PathBuf, Change>) -> String {
    let what = match changed.len() {
        0 => "first run".to_string(),
        1 => {
            let (path, change) = changed
                .iter()
                .next()
                .map_or((Path::new(""), Change::Saved), |(p, c)| (p.as_path(), *c));
            let verb = match change {
                Change::Added => "added",
                Change::Saved => "saved",
                Change::Removed => "removed",
            };
            format!("{} {verb}", path.display())
        }
        n => format!("{n} files changed"),
    };
    format!("── {at} · {what} ──")
}

/// Runs `command` now and again after each save, until Ctrl-C. Its problems
/// (a scenario that fails, a script that does not load) are shown and the watch
/// goes on: the next save may fix them.
pub fn run(cli: &Cli, paths: &[PathBuf], mut command: impl FnMut() -> Outcome) -> Outcome {
    let watched = Watched::for_command(cli, paths);
    if watched.is_empty() {
        return Err(Failure::new(
            "there is nothing on disk to watch: these scenarios and scorers are built into rehearse. Give the files or folders you are editing, e.g. `rehearse check --watch my-scenarios/`, or `--scenarios DIR`",
        ));
    }
    let terminal = std::io::stdout().is_terminal();
    let mut stamps = watched.look();
    let mut debounce = Debounce::new(QUIET);
    let mut changed = BTreeMap::new();
    loop {
        {
            let mut out = std::io::stdout().lock();
            if terminal {
                // Clear the screen and go to its top, so each run reads alone.
                write!(out, "\x1b[2J\x1b[H")?;
            }
            let now = chrono::Local::now().format("%H:%M:%S").to_string();
            writeln!(out, "{}", header(&now, &changed))?;
            out.flush()?;
        }
        match command() {
            Ok(()) => {}
            Err(failure) if failure.code == 0 => return Err(failure),
            Err(failure) if !failure.message.is_empty() => outcome::warn(&failure.message),
            Err(_) => {}
        }
        {
            let mut out = std::io::stdout().lock();
            writeln!(out, "\n(Watching for saves; Ctrl-C stops.)")?;
            out.flush()?;
        }
        changed = loop {
            std::thread::sleep(POLL);
            let now = watched.look();
            let found = changes(&stamps, &now);
            stamps = now;
            if let Some(settled) = debounce.observe(found, Instant::now()) {
                break settled;
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamps(files: &[(&str, u64)]) -> Stamps {
        files
            .iter()
            .map(|(p, size)| (PathBuf::from(p), (Some(SystemTime::UNIX_EPOCH), *size)))
            .collect()
    }

    fn found(items: &[(&str, Change)]) -> BTreeMap<PathBuf, Change> {
        items.iter().map(|(p, c)| (PathBuf::from(p), *c)).collect()
    }

    #[test]
    fn changes_name_added_saved_and_removed_files() {
        let before = stamps(&[("a.yaml", 1), ("b.yaml", 1), ("c.rhai", 1)]);
        let after = stamps(&[("a.yaml", 1), ("b.yaml", 2), ("d.yaml", 1)]);
        assert_eq!(
            changes(&before, &after),
            found(&[
                ("b.yaml", Change::Saved),
                ("c.rhai", Change::Removed),
                ("d.yaml", Change::Added)
            ])
        );
        assert!(changes(&after, &after).is_empty());
    }

    #[test]
    fn a_save_counts_once_the_files_are_still() {
        let start = Instant::now();
        let mut debounce = Debounce::new(Duration::from_millis(250));
        assert_eq!(debounce.observe(found(&[("a.yaml", Change::Saved)]), start), None);
        // Another write to the same file within the quiet time: still waiting.
        let later = start + Duration::from_millis(100);
        assert_eq!(debounce.observe(found(&[("a.yaml", Change::Saved)]), later), None);
        assert_eq!(
            debounce.observe(BTreeMap::new(), later + Duration::from_millis(200)),
            None
        );
        assert_eq!(
            debounce.observe(BTreeMap::new(), later + Duration::from_millis(300)),
            Some(found(&[("a.yaml", Change::Saved)]))
        );
        // Handed over once: nothing more until the next change.
        assert_eq!(debounce.observe(BTreeMap::new(), later + Duration::from_secs(5)), None);
    }

    #[test]
    fn a_save_by_rename_is_one_save_of_the_original() {
        let start = Instant::now();
        let mut debounce = Debounce::new(Duration::from_millis(250));
        let soon = start + Duration::from_millis(50);
        debounce.observe(
            found(&[("a.yaml", Change::Removed), ("a.yaml.tmp", Change::Added)]),
            start,
        );
        debounce.observe(
            found(&[("a.yaml", Change::Added), ("a.yaml.tmp", Change::Removed)]),
            soon,
        );
        assert_eq!(
            debounce.observe(BTreeMap::new(), soon + Duration::from_millis(250)),
            Some(found(&[("a.yaml", Change::Saved)]))
        );
    }

    #[test]
    fn a_temporary_file_that_comes_and_goes_is_no_change() {
        let start = Instant::now();
        let mut debounce = Debounce::new(Duration::from_millis(250));
        debounce.observe(found(&[("x.yaml.swp", Change::Added)]), start);
        debounce.observe(
            found(&[("x.yaml.swp", Change::Removed)]),
            start + Duration::from_millis(50),
        );
        assert_eq!(debounce.observe(BTreeMap::new(), start + Duration::from_secs(1)), None);
    }

    #[test]
    fn the_header_says_when_and_what() {
        assert_eq!(header("12:04:31", &BTreeMap::new()), "── 12:04:31 · first run ──");
        assert_eq!(
            header("12:04:31", &found(&[("mum.yaml", Change::Saved)])),
            "── 12:04:31 · mum.yaml saved ──"
        );
        assert_eq!(
            header(
                "12:04:31",
                &found(&[("a.yaml", Change::Saved), ("b.rhai", Change::Added)])
            ),
            "── 12:04:31 · 2 files changed ──"
        );
    }
}
