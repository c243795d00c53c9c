//! Loading what a command needs: the scorer, the scenario library, the exercise
//! sets. Commands and front ends ask here; this module sits below them and
//! imports none of them, so data flows one way (`main` → `app` dispatches →
//! commands → `load` → scenario, score, exercise_set).
//!
//! What it reads from the command line comes as a [`Context`], which
//! `cli::Cli` provides: the command line names the commands' own option
//! types, so a loader that took `Cli` would import upward.

use crate::content::{ContentKind, ContentRoot};
use crate::exercise_set::SetLibrary;
use crate::late_scorer::{LateScorer, ScorerLoading};
use crate::outcome::Failure;
use crate::scenario::load::SharedScorer;
use crate::scenario::{Library, Scenario};
use crate::score::{load_scorer, RhaiScorer};

/// What every command is run with: where the content is read from, and
/// whether anything may be kept. The loader and the commands take this instead
/// of the parsed command line (`cli::Cli` implements it), so neither imports
/// the module that names them.
pub trait Context {
    /// `--scenarios DIR`, if given.
    fn scenarios(&self) -> Option<&std::path::Path>;
    /// `--scripts DIR`, if given.
    fn scripts(&self) -> Option<&std::path::Path>;
    /// `--sets-dir DIR`, if given.
    fn sets_dir(&self) -> Option<&std::path::Path>;
    /// `--no-journal`: keep nothing.
    fn no_journal(&self) -> bool;
}

/// Loads the scorer scripts, turning script errors into one readable failure.
pub fn scorer(cli: &dyn Context) -> Result<RhaiScorer, Failure> {
    let root = ContentRoot::resolve(ContentKind::Scripts, cli.scripts());
    load_scorer(&root).map_err(|problems| scripts_failure(&root, problems))
}

/// Only the word lists of the scorer scripts folder, for `rehearse train`.
pub fn word_lists(cli: &dyn Context) -> Result<crate::score::lexicons::Lexicons, Failure> {
    let root = ContentRoot::resolve(ContentKind::Scripts, cli.scripts());
    crate::score::load_word_lists(&root).map_err(|problems| scripts_failure(&root, problems))
}

/// Keeps `value` until the process ends instead of freeing it: a loaded
/// scorer or library is many thousands of small allocations (compiled scripts,
/// scenarios), and freeing them one by one was about a tenth of a short
/// command's time. For what a command loads once and uses to its end; the
/// operating system takes the memory back when the process exits.
pub fn until_exit<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

/// Starts loading the scorer scripts on another thread (see
/// [`crate::late_scorer`]); a scripts folder that cannot be read fails now.
pub fn scorer_in_background(cli: &dyn Context) -> Result<ScorerLoading, Failure> {
    let root = ContentRoot::resolve(ContentKind::Scripts, cli.scripts());
    ScorerLoading::start(root.clone()).map_err(|problems| scripts_failure(&root, problems))
}

/// The scenario `id` to play from piped input, checked while `loading` still
/// compiles, with the scorer its session will use; `None` when that cannot be
/// done from the one file that holds it (see [`Library::load_only`]), and the
/// caller waits for the scorer and loads the library as before.
pub fn scenario_while_scoring_loads(
    cli: &dyn Context,
    loading: ScorerLoading,
    id: &str,
) -> Result<Result<(Library, LateScorer), ScorerLoading>, Failure> {
    // A number is a place in the menu, which needs every scenario.
    if id.trim().parse::<usize>().is_ok() {
        return Ok(Err(loading));
    }
    let root = ContentRoot::resolve(ContentKind::Scenarios, cli.scenarios());
    match Library::load_only_with(&root, SharedScorer::Named(loading.names()), id.trim())? {
        Some((one, own)) => {
            let late = loading.for_scenario(id.trim(), own);
            Ok(Ok((one, late)))
        }
        None => Ok(Err(loading)),
    }
}

/// One failure listing every problem of the scorer scripts in `root`.
pub(crate) fn scripts_failure(root: &ContentRoot, problems: Vec<crate::diagnostic::Diagnostic>) -> Failure {
    let mut message = format!("the scorer scripts in {} have problems:\n", root.describe());
    for p in problems {
        message.push_str(&p.to_string());
        message.push('\n');
    }
    Failure::new(message.trim_end().to_string())
}

/// The scorer, with every script tried once on a sample reply, so a script that
/// fails when run is reported now, with its file and line (`check`, `test`).
pub fn tried_scorer(cli: &dyn Context) -> Result<RhaiScorer, Failure> {
    tried_scorer_alongside(cli, |_| ()).map(|(scorer, ())| scorer)
}

/// Like [`tried_scorer`], with `work` (loading the library, say) done on this
/// thread while the scripts are tried on another: trying them compiles a few
/// hundred patterns, which need not hold up reading the scenario files. The
/// scripts' problems come first, as if they had been tried before `work`.
pub fn tried_scorer_alongside<T>(
    cli: &dyn Context,
    work: impl FnOnce(&RhaiScorer) -> T,
) -> Result<(RhaiScorer, T), Failure> {
    let scorer = scorer(cli)?;
    let (problems, done) = std::thread::scope(|scope| {
        let trying = scope.spawn(|| scorer.try_every_script());
        let done = work(&scorer);
        // A panic while trying is a bug, not a script's problem: pass it on.
        let problems = trying.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (problems, done)
    });
    if problems.is_empty() {
        return Ok((scorer, done));
    }
    let root = ContentRoot::resolve(ContentKind::Scripts, cli.scripts());
    Err(scripts_failure(&root, problems))
}

/// Prepares the scorers' patterns on a background thread while the person reads
/// the menu or the partner's first line, so the first reply is answered about
/// as fast as the rest. Patterns are cached for the whole process, so a copy of
/// `scorer` (its compiled scripts shared, not rebuilt) warms them for the real
/// one; nothing it finds is reported (the real scorer reports its own problems).
/// Only worth it on a terminal: piped input is read at once.
pub fn warm_up_in_background(scorer: &RhaiScorer) {
    let worker = scorer.worker();
    let _ = std::thread::Builder::new()
        .name("warm-up".into())
        .spawn(move || worker.warm_up());
}

/// Loads the scenario library (broken files included, as `Broken`).
pub fn library(cli: &dyn Context, scorer: &RhaiScorer) -> Result<Library, Failure> {
    let root = ContentRoot::resolve(ContentKind::Scenarios, cli.scenarios());
    let library = Library::load(&root, scorer)?;
    Ok(library)
}

/// The scenario library as `list` and the menu's first screen show it: checked
/// against the score names (the scripts folder's file names), with no script
/// compiled, so it comes in a few milliseconds instead of after the scorer
/// (see [`Library::load_with`]). A scorer script's own problems are reported
/// by what scores (`play`, `score`, `check`), with file and line.
pub fn library_unscored(cli: &dyn Context) -> Result<Library, Failure> {
    let scripts = ContentRoot::resolve(ContentKind::Scripts, cli.scripts());
    let files = crate::content::read_files(ContentKind::Scripts, &scripts, &["rhai"]).map_err(|e| {
        scripts_failure(
            &scripts,
            vec![crate::diagnostic::Diagnostic::whole_file(
                scripts.describe(),
                e.to_string(),
            )],
        )
    })?;
    library_named(cli, &crate::score::rhai_scorer::score_names(&files))
}

/// The scenario library checked against the score `names` alone (see
/// [`library_unscored`]).
pub fn library_named(cli: &dyn Context, names: &[String]) -> Result<Library, Failure> {
    let root = ContentRoot::resolve(ContentKind::Scenarios, cli.scenarios());
    Ok(Library::load_with(&root, SharedScorer::Named(names))?)
}

/// The scorer and the whole library it checks, loading on another thread
/// while the menu is shown (see [`library_in_background`]).
pub struct LibraryLoading {
    thread: std::thread::JoinHandle<Result<(RhaiScorer, Library), Failure>>,
}

impl LibraryLoading {
    /// Waits for the scorer and the library: the scorer scripts' problems
    /// first, with file and line, as when they loaded before anything else.
    pub fn wait(self) -> Result<(RhaiScorer, Library), Failure> {
        // A panic while loading is a bug, not a script's problem: pass it on.
        self.thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

/// Compiles the scorer (`loading`) and then reads the library with it, on
/// another thread; the patterns are warmed once the scorer is there, as
/// [`warm_up_in_background`] does.
pub fn library_in_background(cli: &dyn Context, loading: ScorerLoading) -> Result<LibraryLoading, Failure> {
    let root = ContentRoot::resolve(ContentKind::Scenarios, cli.scenarios());
    let thread = std::thread::Builder::new()
        .name("library".into())
        .spawn(move || {
            let scorer = loading.wait()?;
            warm_up_in_background(&scorer);
            let library = Library::load(&root, &scorer)?;
            Ok((scorer, library))
        })
        .map_err(|e| Failure::new(format!("could not start loading the scorer: {e}")))?;
    Ok(LibraryLoading { thread })
}

/// The exercise sets that go with the scenario `library` (see
/// [`crate::exercise_set::sets_root`] for where they are read from).
pub fn sets(cli: &dyn Context, library: &Library) -> Result<SetLibrary, Failure> {
    // A folder named on purpose must be there; the default ones may well not be.
    if let Some(dir) = cli.sets_dir().filter(|d| !d.is_dir()) {
        return Err(Failure::new(format!(
            "there is no folder {}; --sets-dir names the folder that holds your exercise sets",
            dir.display()
        )));
    }
    let root = crate::exercise_set::sets_root(cli.sets_dir(), cli.scenarios());
    Ok(SetLibrary::load(&root, &known_ids(library))?)
}

/// Every scenario id of `library`, broken files included: a set naming a broken
/// scenario is not wrong itself (the scenario's own problems are reported).
pub fn known_ids(library: &Library) -> Vec<&str> {
    library
        .scenarios
        .iter()
        .map(|s| s.id.as_str())
        .chain(library.broken.iter().filter_map(|b| b.id.as_deref()))
        .collect()
}

/// The files and folders named on the command line, or the library when none are
/// (as `check` and `test` take them).
pub fn library_or_paths(
    cli: &dyn Context,
    scorer: &RhaiScorer,
    paths: &[std::path::PathBuf],
) -> Result<Library, Failure> {
    if paths.is_empty() {
        library(cli, scorer)
    } else {
        Ok(Library::load_paths(paths, scorer)?)
    }
}

/// Whether the command-line word names a file rather than a scenario id.
fn is_path(key: &str) -> bool {
    let path = std::path::Path::new(key);
    key.contains('/')
        || key.contains(std::path::MAIN_SEPARATOR)
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| crate::scenario::library::SCENARIO_EXTENSIONS.contains(&e))
}

/// The library holding the scenario `key` names: its own file when `key` is a
/// path to a `.yaml`, else the scenario library in use.
pub fn library_for(cli: &dyn Context, scorer: &RhaiScorer, key: &str) -> Result<Library, Failure> {
    if is_path(key) {
        let path = std::path::Path::new(key);
        if !path.is_file() {
            return Err(Failure::new(format!(
                "there is no scenario file {key}; give a scenario's id (see `rehearse list`) or the path of its .yaml file"
            )));
        }
        Ok(Library::load_paths(&[path.to_path_buf()], scorer)?)
    } else {
        library(cli, scorer)
    }
}

/// The scenario `key` names in `library` (built by [`library_for`]), or a
/// message listing its problems when it does not load.
pub fn scenario_in<'a>(library: &'a Library, key: &str) -> Result<&'a Scenario, Failure> {
    if !is_path(key) {
        return playable(library, key);
    }
    if let Some(broken) = library.broken.first() {
        let mut message = format!("{key} has problems, so it cannot be read (`rehearse check {key}` lists them):\n");
        for p in &broken.problems {
            message.push_str(&format!("{p}\n"));
        }
        return Err(Failure::new(message.trim_end().to_string()));
    }
    library
        .scenarios
        .first()
        .ok_or_else(|| Failure::new(format!("{key} holds no scenario")))
}

/// Finds `id` in the library, with a helpful message when it is not there.
pub fn playable<'a>(library: &'a Library, id: &str) -> Result<&'a Scenario, Failure> {
    if let Some(s) = library.find(id) {
        return Ok(s);
    }
    if let Some(broken) = library.broken.iter().find(|b| b.id.as_deref() == Some(id)) {
        return Err(broken_scenario(id, &broken.problems));
    }
    let ids = library.ids();
    let hint = match crate::diagnostic::did_you_mean(id, ids.iter().map(String::as_str)) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "`rehearse list` shows the scenarios".to_string(),
    };
    Err(Failure::new(format!(
        "there is no scenario `{id}` in {}; {hint}",
        library.origin
    )))
}

/// Why scenario `id` cannot be played: its `problems`, one a line.
pub(crate) fn broken_scenario(id: &str, problems: &[crate::diagnostic::Diagnostic]) -> Failure {
    let mut message = format!("scenario `{id}` has problems and cannot be played:\n");
    for p in problems {
        message.push_str(&format!("{p}\n"));
    }
    Failure::new(message.trim_end().to_string())
}
