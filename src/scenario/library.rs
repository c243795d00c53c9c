//! All the scenarios in a folder (or the bundled set): the ones that load, and
//! the ones that don't, with their problems. A broken file never hides the rest.

use super::load::{load_scenario_with, OwnScripts, SharedScorer};
use super::model::{Category, Scenario};
use crate::content::{read_files, read_paths, ContentKind, ContentRoot, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::score::RhaiScorer;
use std::path::PathBuf;

/// A file that failed to load, shown in the menu as broken.
#[derive(Debug, Clone)]
pub struct Broken {
    pub path: String,
    /// The `id:` line if it could be read, for the menu.
    pub id: Option<String>,
    pub problems: Vec<Diagnostic>,
}

#[derive(Debug, Default)]
pub struct Library {
    pub scenarios: Vec<Scenario>,
    pub broken: Vec<Broken>,
    /// Where it came from, for messages.
    pub origin: String,
}

pub const SCENARIO_EXTENSIONS: [&str; 2] = ["yaml", "yml"];
/// What a library folder holds: scenarios, and the scorer scripts some bring along.
const LIBRARY_EXTENSIONS: [&str; 3] = ["yaml", "yml", "rhai"];

impl Library {
    /// Loads every scenario under `root`.
    pub fn load(root: &ContentRoot, scorer: &RhaiScorer) -> Result<Library, Diagnostic> {
        Library::load_with(root, SharedScorer::Loaded(scorer))
    }

    /// Loads every scenario under `root`, checked against `shared`. With only
    /// the score names ([`SharedScorer::Named`]) nothing is compiled: the
    /// scenarios' conditions are checked, their own scripts are found but set
    /// aside, so a problem inside one of those scripts shows only when it is
    /// compiled (by `check`, or when the scenario is played). For what lists
    /// the library without scoring anything (`list`, the menu's first screen).
    pub fn load_with(root: &ContentRoot, shared: SharedScorer) -> Result<Library, Diagnostic> {
        let files = read_files(ContentKind::Scenarios, root, &LIBRARY_EXTENSIONS)
            .map_err(|e| Diagnostic::whole_file(root.describe(), e.to_string()))?;
        Ok(Library::from_files_with(files, shared, root.describe()))
    }

    /// Loads the given files and folders (as `rehearse check PATH…` does).
    pub fn load_paths(paths: &[PathBuf], scorer: &RhaiScorer) -> Result<Library, Diagnostic> {
        for path in paths {
            if !path.exists() {
                return Err(
                    Diagnostic::whole_file(path.display().to_string(), "no such file or folder").with_hint(
                        "check the spelling, or run `rehearse check` with no path for the bundled scenarios",
                    ),
                );
            }
        }
        // A single scenario file is read with the scorer scripts beside it, which
        // it may name in `scorers:` or `cues:`; a file or a family's folder also
        // with the library's shared scripts (`scenarios/shared/` for
        // `scenarios/conflict/`), which every family may name.
        let mut wanted: Vec<PathBuf> = paths.to_vec();
        let mut script_folders: Vec<PathBuf> = Vec::new();
        for path in paths {
            let folder = if path.is_file() {
                let folder = path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(std::path::Path::new("."));
                script_folders.push(folder.to_path_buf());
                folder
            } else {
                path.as_path()
            };
            script_folders.extend(super::load::shared_scripts_folder(folder));
        }
        for folder in &script_folders {
            if let Ok(entries) = std::fs::read_dir(folder) {
                let mut scripts: Vec<PathBuf> = entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "rhai"))
                    .collect();
                scripts.sort();
                for script in scripts {
                    if !wanted.contains(&script) && !wanted.iter().any(|w| w.is_dir() && script.starts_with(w)) {
                        wanted.push(script);
                    }
                }
            }
        }
        let files =
            read_paths(&wanted, &LIBRARY_EXTENSIONS).map_err(|e| Diagnostic::whole_file("scenarios", e.to_string()))?;
        let origin = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        Ok(Library::from_files(files, scorer, origin))
    }

    /// The library as [`Library::load`] would give it *as far as playing `id`
    /// goes*, reading only the file that holds `id`: `None` when that cannot be
    /// told for sure without loading everything (then the caller loads it all).
    ///
    /// Playing one scenario needs that scenario, not the other files' checks,
    /// which are most of the wait before the first line. The file is picked
    /// only when its first top-level `id:` line names `id` and the scenario
    /// loaded from it really has that id and no problems; and, since a whole
    /// library plays the first file in path order with a given id, only when
    /// no file before it could have that id: its text does not contain `id` at
    /// all, nor a YAML escape that could spell it ([`may_spell`]). Duplicate ids
    /// are still reported by `check` and `list`, which load everything.
    pub fn load_only(root: &ContentRoot, scorer: &RhaiScorer, id: &str) -> Result<Option<Library>, Diagnostic> {
        Ok(Library::load_only_with(root, SharedScorer::Loaded(scorer), id)?.map(|(library, _)| library))
    }

    /// [`Library::load_only`] checked against `shared`, which may be still
    /// loading ([`SharedScorer::Named`]): then the scenario's own scorer
    /// scripts come back set aside, to be added once the shared scorer is there.
    pub fn load_only_with(
        root: &ContentRoot,
        shared: SharedScorer,
        id: &str,
    ) -> Result<Option<(Library, Option<OwnScripts>)>, Diagnostic> {
        let files = read_files(ContentKind::Scenarios, root, &LIBRARY_EXTENSIONS)
            .map_err(|e| Diagnostic::whole_file(root.describe(), e.to_string()))?;
        let (scenarios, siblings) = split_scripts(files);
        let Some(at) = scenarios.iter().position(|f| guess_id(&f.bytes).as_deref() == Some(id)) else {
            return Ok(None);
        };
        let could_be_it = |f: &SourceFile| {
            f.unreadable.is_none() && (memchr::memmem::find(&f.bytes, id.as_bytes()).is_some() || may_spell(&f.bytes))
        };
        if id.is_empty() || scenarios[..at].iter().any(could_be_it) {
            return Ok(None);
        }
        match load_scenario_with(&scenarios[at], shared, &siblings) {
            Ok((scenario, own)) if scenario.id == id => Ok(Some((
                Library {
                    scenarios: vec![scenario],
                    broken: Vec::new(),
                    origin: root.describe(),
                },
                own,
            ))),
            _ => Ok(None),
        }
    }

    pub fn from_files(files: Vec<SourceFile>, scorer: &RhaiScorer, origin: String) -> Library {
        Library::from_files_with(files, SharedScorer::Loaded(scorer), origin)
    }

    /// [`Library::from_files`] checked against `shared` (see [`Library::load_with`]).
    fn from_files_with(files: Vec<SourceFile>, shared: SharedScorer, origin: String) -> Library {
        let mut library = Library {
            origin,
            ..Library::default()
        };
        let (scenarios, siblings) = split_scripts(files);
        // Files are read and checked on every core (each is independent of the
        // others); ids are then compared in file order, so which of two files
        // with the same id is reported does not depend on timing.
        let mut loaded = Vec::with_capacity(scenarios.len());
        let jobs = crate::parallel::default_jobs().min(scenarios.len());
        crate::parallel::for_each_ordered(
            scenarios.into_iter(),
            jobs,
            || (),
            |(), file| {
                let result = load_scenario_with(&file, shared, &siblings).map(|(scenario, _)| scenario);
                (file, result)
            },
            |pair| loaded.push(pair),
        );
        for (file, result) in loaded {
            match result {
                Ok(scenario) => {
                    if let Some(first) = library.scenarios.iter().find(|s| s.id == scenario.id) {
                        let d = Diagnostic::new(
                            &file.display_path,
                            1,
                            1,
                            format!("the id `{}` is already used by {}", scenario.id, first.source),
                        )
                        .with_hint("every scenario needs its own id");
                        library.broken.push(Broken {
                            path: file.display_path.clone(),
                            id: Some(scenario.id),
                            problems: vec![d],
                        });
                    } else {
                        library.scenarios.push(scenario);
                    }
                }
                Err(problems) => library.broken.push(Broken {
                    id: guess_id(&file.bytes),
                    path: file.display_path,
                    problems,
                }),
            }
        }
        library
    }

    /// Finds a scenario by id, or by its number in [`Library::menu_order`] (1-based).
    pub fn find(&self, key: &str) -> Option<&Scenario> {
        if let Ok(n) = key.trim().parse::<usize>() {
            return self.menu_order().get(n.wrapping_sub(1)).copied();
        }
        self.scenarios.iter().find(|s| s.id == key.trim())
    }

    /// Scenarios grouped by family, then by difficulty and title: the menu's order.
    pub fn menu_order(&self) -> Vec<&Scenario> {
        let mut all: Vec<&Scenario> = self.scenarios.iter().collect();
        all.sort_by(|a, b| (a.category, a.difficulty, &a.title).cmp(&(b.category, b.difficulty, &b.title)));
        all
    }

    pub fn in_category(&self, category: Category) -> impl Iterator<Item = &Scenario> {
        self.menu_order().into_iter().filter(move |s| s.category == category)
    }

    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.broken.iter().flat_map(|b| b.problems.iter())
    }

    pub fn ids(&self) -> Vec<String> {
        self.scenarios.iter().map(|s| s.id.clone()).collect()
    }
}

/// Whether a double-quoted YAML string in `bytes` could spell an id with an
/// escape: `\x2D`, `\u0064`, `\U…` stand for any character, and a backslash
/// at the end of a line joins it to the next without a space. (The other
/// escapes stand for characters no id has; `\\x` is counted too, which only
/// means the whole library is read.)
fn may_spell(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|pair| pair[0] == b'\\' && matches!(pair[1], b'x' | b'u' | b'U' | b'\n' | b'\r'))
}

/// A library folder's files: the scenarios, and the rest (the scorer scripts
/// that scenarios may name).
fn split_scripts(files: Vec<SourceFile>) -> (Vec<SourceFile>, Vec<SourceFile>) {
    files.into_iter().partition(|f| {
        SCENARIO_EXTENSIONS
            .iter()
            .any(|e| f.display_path.ends_with(&format!(".{e}")))
    })
}

/// The `id:` of a file, read without loading it, if a top-level `id:` line is
/// there: for the menu's broken files, and for shell completion, which must be
/// quick and must work while a file has mistakes.
pub fn guess_id(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    text.lines()
        .find_map(|l| l.trim_start_matches('\u{feff}').strip_prefix("id:"))
        .map(|v| v.trim().trim_matches('"').to_string())
        .filter(|v| !v.is_empty())
}
