//! The scorer loading on another thread while a command shows its first line.
//!
//! Compiling the scorer scripts is most of what piped `play ID` used to do
//! before the partner's first line, yet that line needs no score: checking the
//! scenario needs only the score names, which are the script files' names
//! ([`score_names`]). So the scripts compile on a second thread
//! ([`ScorerLoading`]) while the scenario is read and its opening shown, and the
//! command waits for them ([`LateScorer::ready`]) before the first reply is
//! scored; their problems are reported then, with file and line, as they would
//! have been before anything was shown. The dialogue engine is not involved:
//! a [`Session`](crate::session::Session) is handed a [`LateScorer`] like any
//! other [`Scorer`], and the command makes sure it is ready first.

use crate::content::{read_files, ContentKind, ContentRoot};
use crate::diagnostic::Diagnostic;
use crate::outcome::Failure;
use crate::scenario::load::OwnScripts;
use crate::score::report::ScoreError;
use crate::score::rhai_scorer::{extended_names, score_names};
use crate::score::{RhaiScorer, ScoreReport, Scorer};
use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

/// The shared scorer of a scripts folder, compiling on its own thread.
pub struct ScorerLoading {
    root: ContentRoot,
    /// What the scorer's `names()` will be if its scripts load.
    names: Vec<String>,
    thread: JoinHandle<Result<RhaiScorer, Vec<Diagnostic>>>,
}

impl ScorerLoading {
    /// Reads the scripts folder `root` here (its file names give the score
    /// names) and compiles it on a new thread. A folder that cannot be read is
    /// a problem at once, as it is for [`crate::score::load_scorer`].
    pub fn start(root: ContentRoot) -> Result<ScorerLoading, Vec<Diagnostic>> {
        let files = read_files(ContentKind::Scripts, &root, &["rhai", "txt", "tsv"])
            .map_err(|e| vec![Diagnostic::whole_file(root.describe(), e.to_string())])?;
        let names = score_names(&files);
        // One thread compiles the scripts one after the other, so the main
        // thread, which reads the scenario and shows the first line, keeps a
        // core of its own on a two-core machine.
        let thread = std::thread::Builder::new()
            .name("scorer".into())
            .spawn(move || RhaiScorer::from_files_with_jobs(&files, 1))
            .map_err(|e| {
                vec![Diagnostic::whole_file(
                    root.describe(),
                    format!("could not start loading: {e}"),
                )]
            })?;
        Ok(ScorerLoading { root, names, thread })
    }

    /// The score names the scorer gives when it loads.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Waits for the scorer; its problems as one failure naming the folder.
    pub fn wait(self) -> Result<RhaiScorer, Failure> {
        let root = self.root;
        // A panic while loading is a bug, not a script's problem: pass it on.
        let loaded = self
            .thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        loaded.map_err(|problems| crate::load::scripts_failure(&root, problems))
    }

    /// The scorer a session of scenario `id` will use: this one, plus the
    /// scenario's own scripts `own` once this one has loaded.
    pub fn for_scenario(self, id: &str, own: Option<OwnScripts>) -> LateScorer {
        let names = match &own {
            Some(own) => extended_names(&self.names, own.files()),
            None => self.names.clone(),
        };
        LateScorer {
            names,
            cues: own.as_ref().map(OwnScripts::cue_names).unwrap_or_default(),
            scenario: id.to_string(),
            pending: Mutex::new(Some((self, own))),
            ready: OnceLock::new(),
        }
    }
}

/// A scenario's scorer that is still loading: its names and cues are known
/// now; scoring waits until it has loaded. A command calls [`LateScorer::ready`]
/// before the first reply, to report a script's problems instead of scoring.
pub struct LateScorer {
    names: Vec<String>,
    cues: BTreeSet<String>,
    /// The scenario's id, for the message when its own scripts have problems.
    scenario: String,
    pending: Mutex<Option<(ScorerLoading, Option<OwnScripts>)>>,
    /// The loaded scorer, or the failure's message.
    ready: OnceLock<Result<Loaded, String>>,
}

/// What a [`LateScorer`] loaded: the scenario's scorer, and the shared one it
/// was built on when the scenario brings scripts of its own (the rest of the
/// library is loaded with the shared one).
struct Loaded {
    scorer: RhaiScorer,
    shared: Option<RhaiScorer>,
}

impl std::fmt::Debug for LateScorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LateScorer").field("names", &self.names).finish()
    }
}

impl LateScorer {
    /// Waits for the scorer (at once if it has loaded): the scorer, or the
    /// problems of the shared scripts, or of the scenario's own, with file and
    /// line, worded as when they were found before the first line.
    pub fn ready(&self) -> Result<&RhaiScorer, Failure> {
        self.loaded().map(|loaded| &loaded.scorer)
    }

    /// Waits like [`LateScorer::ready`]; the shared scorer, without the
    /// scenario's own scripts: the one every other scenario is loaded with.
    pub fn shared(&self) -> Result<&RhaiScorer, Failure> {
        self.loaded()
            .map(|loaded| loaded.shared.as_ref().unwrap_or(&loaded.scorer))
    }

    fn loaded(&self) -> Result<&Loaded, Failure> {
        let done = self.ready.get_or_init(|| {
            let pending = self.pending.lock().ok().and_then(|mut p| p.take());
            let Some((loading, own)) = pending else {
                return Err("the scorer could not be loaded".to_string());
            };
            self.finish(loading, own).map_err(|failure| failure.message)
        });
        done.as_ref().map_err(|message| Failure::new(message.clone()))
    }

    fn finish(&self, loading: ScorerLoading, own: Option<OwnScripts>) -> Result<Loaded, Failure> {
        let shared = loading.wait()?;
        let (scorer, shared) = match own {
            None => (shared, None),
            Some(own) => {
                let scorer = own.add_to(&shared).map_err(|mut problems| {
                    // In file order, as the scenario's check lists them.
                    problems.sort_by_key(|d| (d.line, d.column));
                    crate::load::broken_scenario(&self.scenario, &problems)
                })?;
                (scorer, Some(shared))
            }
        };
        // The names conditions were checked against must be the ones scored.
        if scorer.names() != self.names.as_slice() {
            return Err(Failure::new(format!(
                "the scorer loaded with the scores {} where {} were expected; please report this",
                scorer.names().join(", "),
                self.names.join(", ")
            )));
        }
        Ok(Loaded { scorer, shared })
    }
}

impl Scorer for LateScorer {
    fn names(&self) -> &[String] {
        &self.names
    }

    fn is_cue(&self, name: &str) -> bool {
        self.cues.contains(name)
    }

    /// Scores with the loaded scorer, waiting for it if need be. Commands call
    /// [`LateScorer::ready`] first; if the scorer could not load, every score
    /// is an error saying why, never a panic.
    fn score(&self, text: &str) -> ScoreReport {
        match self.ready() {
            Ok(scorer) => scorer.score(text),
            Err(failure) => ScoreReport {
                errors: self
                    .names
                    .iter()
                    .map(|name| ScoreError {
                        score: name.clone(),
                        message: failure.message.clone(),
                    })
                    .collect(),
                cues: self.cues.clone(),
                ..ScoreReport::default()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load::SharedScorer;
    use crate::scenario::Library;

    fn bundled(name: &str) -> ContentRoot {
        ContentRoot::Folder(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
    }

    /// The rest of the library is loaded with the shared scorer: with the
    /// played scenario's cue scripts in it, every other scenario that brings
    /// the same scripts would be reported broken (a score named twice).
    #[test]
    fn the_shared_scorer_is_the_one_without_the_scenarios_own_scripts() {
        let loading = ScorerLoading::start(bundled("scripts")).expect("the scripts folder reads");
        let shared_names = loading.names().to_vec();
        let (_one, own) = Library::load_only_with(
            &bundled("scenarios"),
            SharedScorer::Named(&shared_names),
            "dishes-again",
        )
        .expect("the scenarios folder reads")
        .expect("dishes-again is read on its own");
        assert!(own.is_some(), "dishes-again brings cue scripts of its own");
        let late = loading.for_scenario("dishes-again", own);
        let played = late.ready().expect("loads").names().to_vec();
        let shared = late.shared().expect("loads").names().to_vec();
        assert_eq!(shared, shared_names);
        assert!(played.len() > shared.len(), "{played:?}");
        assert_eq!(late.names(), played.as_slice());
    }
}
