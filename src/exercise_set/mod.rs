//! Exercise sets: a facilitator's running order for a session. A set is a YAML
//! file in `sets/` (next to `scenarios/`) with a title, a summary, notes for
//! whoever runs the session and the scenarios to play, in order, each with an
//! optional note of its own. The set's name is its file name: `sets/conflict-
//! first-steps.yaml` is played with `rehearse play --set conflict-first-steps`.
//!
//! Sets are checked against the scenario library they are played with, so a
//! misspelt id is found by `rehearse check`, not in front of a group.

pub mod load;

pub use load::{load_set, set_name};

use crate::content::{read_files, read_paths, ContentKind, ContentRoot, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::scenario::library::SCENARIO_EXTENSIONS;
use std::path::{Path, PathBuf};

/// One scenario of a set.
#[derive(Debug, Clone)]
pub struct Step {
    pub id: String,
    /// The facilitator's note for this step, if any.
    pub notes: Option<String>,
    /// Where the step is written, for messages.
    pub line: usize,
}

/// A checked set: every step names a scenario of the library, once.
#[derive(Debug, Clone)]
pub struct ExerciseSet {
    /// The file name without `.yaml`: what `--set` takes.
    pub name: String,
    pub title: String,
    pub summary: String,
    pub for_facilitators: Option<String>,
    pub steps: Vec<Step>,
    /// The file it came from, as shown to the user.
    pub source: String,
}

/// A set file that failed to load, with its problems.
#[derive(Debug, Clone)]
pub struct BrokenSet {
    pub path: String,
    pub name: String,
    pub problems: Vec<Diagnostic>,
}

/// Every set of a folder (or the bundled ones): those that load, and those that don't.
#[derive(Debug, Default)]
pub struct SetLibrary {
    pub sets: Vec<ExerciseSet>,
    pub broken: Vec<BrokenSet>,
    /// Where the sets came from, for messages.
    pub origin: String,
}

/// Where the sets are read from: `--sets DIR` when given; else, with
/// `--scenarios DIR`, the `sets` folder beside DIR (the sets that belong to that
/// library, if it has any); else the source checkout's `sets/` or the bundled copy.
/// The bundled sets name the bundled scenarios, so they are not paired with
/// another library.
pub fn sets_root(sets: Option<&Path>, scenarios: Option<&Path>) -> ContentRoot {
    match (sets, scenarios) {
        (Some(dir), _) => ContentRoot::Folder(dir.to_path_buf()),
        (None, Some(scenarios)) => {
            let parent = scenarios
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            ContentRoot::Folder(parent.join("sets"))
        }
        (None, None) => ContentRoot::resolve(ContentKind::Sets, None),
    }
}

impl SetLibrary {
    /// Loads every set under `root`, checked against the scenario ids in `known`.
    /// A folder that does not exist holds no sets (most libraries have none).
    pub fn load(root: &ContentRoot, known: &[&str]) -> Result<SetLibrary, Diagnostic> {
        if let ContentRoot::Folder(dir) = root {
            if !dir.exists() {
                return Ok(SetLibrary {
                    origin: root.describe(),
                    ..SetLibrary::default()
                });
            }
        }
        let files = read_files(ContentKind::Sets, root, &SCENARIO_EXTENSIONS)
            .map_err(|e| Diagnostic::whole_file(root.describe(), e.to_string()))?;
        Ok(SetLibrary::from_files(files, known, root.describe()))
    }

    /// Loads the given set files and folders (as `rehearse check sets/x.yaml` does).
    pub fn load_paths(paths: &[PathBuf], known: &[&str]) -> Result<SetLibrary, Diagnostic> {
        let files =
            read_paths(paths, &SCENARIO_EXTENSIONS).map_err(|e| Diagnostic::whole_file("sets", e.to_string()))?;
        let origin = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        Ok(SetLibrary::from_files(files, known, origin))
    }

    pub fn from_files(files: Vec<SourceFile>, known: &[&str], origin: String) -> SetLibrary {
        let mut library = SetLibrary {
            origin,
            ..SetLibrary::default()
        };
        for file in files {
            match load_set(&file, known) {
                Ok(set) => match library.sets.iter().find(|s| s.name == set.name) {
                    Some(first) => {
                        let d = Diagnostic::new(
                            &file.display_path,
                            1,
                            1,
                            format!("the set name `{}` is already taken by {}", set.name, first.source),
                        )
                        .with_hint("a set is named by its file name; rename one of the two files");
                        library.broken.push(BrokenSet {
                            path: file.display_path.clone(),
                            name: set.name,
                            problems: vec![d],
                        });
                    }
                    None => library.sets.push(set),
                },
                Err(problems) => library.broken.push(BrokenSet {
                    name: set_name(&file.display_path),
                    path: file.display_path,
                    problems,
                }),
            }
        }
        library
    }

    /// The set called `name`, or a message that says what there is instead.
    pub fn find(&self, name: &str) -> Result<&ExerciseSet, String> {
        let name = name.trim();
        if let Some(set) = self.sets.iter().find(|s| s.name == name) {
            return Ok(set);
        }
        if let Some(broken) = self.broken.iter().find(|b| b.name == name) {
            let mut message = format!("the exercise set `{name}` has problems and cannot be played:\n");
            for p in &broken.problems {
                message.push_str(&format!("{p}\n"));
            }
            return Err(message.trim_end().to_string());
        }
        let names: Vec<&str> = self
            .sets
            .iter()
            .map(|s| s.name.as_str())
            .chain(self.broken.iter().map(|b| b.name.as_str()))
            .collect();
        let hint = match crate::diagnostic::did_you_mean(name, names.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None if names.is_empty() => "there are no sets there yet (docs/authoring.md shows how to write one)".into(),
            None => "`rehearse list --sets` shows the sets".into(),
        };
        Err(format!(
            "there is no exercise set `{}` in {}; {hint}",
            crate::safe_text::visible(name),
            self.origin
        ))
    }

    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.broken.iter().flat_map(|b| b.problems.iter())
    }
}
