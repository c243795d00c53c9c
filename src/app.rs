//! Loading what a command needs and running it; errors become messages and exit codes.

use crate::cli::{Cli, Command};
use crate::content::{ContentKind, ContentRoot};
use crate::diagnostic::Diagnostic;
use crate::exercise_set::SetLibrary;
use crate::scenario::Library;
use crate::score::{load_scorer, RhaiScorer};
use std::process::ExitCode;

/// Exit codes: 0 done, 1 the thing checked has problems, 2 could not run at all.
pub const EXIT_PROBLEMS: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

/// A command's failure: a message for standard error and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: EXIT_FAILURE,
        }
    }

    /// The checked content has problems (already printed); exit 1 without more text.
    pub fn problems() -> Failure {
        Failure {
            message: String::new(),
            code: EXIT_PROBLEMS,
        }
    }

    /// Standard output was closed by its reader (`rehearse history | head -1`).
    /// That is how pipes end, not a failure: stop quietly, with success, as
    /// `cat` or `grep` do. Anything already journaled stays (each turn is synced
    /// before it is printed).
    pub fn output_closed() -> Failure {
        Failure {
            message: String::new(),
            code: 0,
        }
    }
}

/// Every command's output goes through `?` on an `io::Result`, so this is the
/// one place a closed pipe is told apart from a real error.
impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Failure {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::output_closed()
        } else {
            Failure::new(err.to_string())
        }
    }
}

/// Writes `rehearse: MESSAGE` to standard error. Unlike `eprintln!` it cannot
/// panic: if standard error is closed too (`rehearse … 2>&1 | head`), there is
/// nowhere left to say anything, and the command goes on.
pub fn warn(message: impl std::fmt::Display) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "rehearse: {message}");
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Failure {
        Failure::new(d.to_string())
    }
}

pub type Outcome = Result<(), Failure>;

/// Loads the scorer scripts, turning script errors into one readable failure.
pub fn scorer(cli: &Cli) -> Result<RhaiScorer, Failure> {
    let root = ContentRoot::resolve(ContentKind::Scripts, cli.scripts.as_deref());
    load_scorer(&root).map_err(|problems| {
        let mut message = format!("the scorer scripts in {} have problems:\n", root.describe());
        for p in problems {
            message.push_str(&p.to_string());
            message.push('\n');
        }
        Failure::new(message.trim_end().to_string())
    })
}

/// The scorer, with every script tried once on a sample reply, so a script that
/// fails when run is reported now, with its file and line (`check`, `test`).
pub fn tried_scorer(cli: &Cli) -> Result<RhaiScorer, Failure> {
    let scorer = scorer(cli)?;
    let problems = scorer.try_every_script();
    if problems.is_empty() {
        return Ok(scorer);
    }
    let root = ContentRoot::resolve(ContentKind::Scripts, cli.scripts.as_deref());
    let mut message = format!("the scorer scripts in {} have problems:\n", root.describe());
    for p in problems {
        message.push_str(&p.to_string());
        message.push('\n');
    }
    Err(Failure::new(message.trim_end().to_string()))
}

/// Compiles the scorers' patterns on a background thread while the person reads
/// the menu or the partner's first line, so the first reply is answered as fast
/// as the rest. Patterns are cached for the whole process, so a throwaway scorer
/// warms them for the real one; nothing it finds is reported (the real scorer
/// reports its own problems). Only worth it on a terminal: piped input is read
/// at once.
pub fn warm_up_in_background(cli: &Cli) {
    let root = ContentRoot::resolve(ContentKind::Scripts, cli.scripts.as_deref());
    let _ = std::thread::Builder::new().name("warm-up".into()).spawn(move || {
        if let Ok(scorer) = load_scorer(&root) {
            let _ = scorer.try_every_script();
        }
    });
}

/// Loads the scenario library (broken files included, as `Broken`).
pub fn library(cli: &Cli, scorer: &RhaiScorer) -> Result<Library, Failure> {
    let root = ContentRoot::resolve(ContentKind::Scenarios, cli.scenarios.as_deref());
    let library = Library::load(&root, scorer)?;
    Ok(library)
}

/// The exercise sets that go with the scenario `library` (see
/// [`crate::exercise_set::sets_root`] for where they are read from).
pub fn sets(cli: &Cli, library: &Library) -> Result<SetLibrary, Failure> {
    // A folder named on purpose must be there; the default ones may well not be.
    if let Some(dir) = cli.sets_dir.as_deref().filter(|d| !d.is_dir()) {
        return Err(Failure::new(format!(
            "there is no folder {}; --sets-dir names the folder that holds your exercise sets",
            dir.display()
        )));
    }
    let root = crate::exercise_set::sets_root(cli.sets_dir.as_deref(), cli.scenarios.as_deref());
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
pub fn library_or_paths(cli: &Cli, scorer: &RhaiScorer, paths: &[std::path::PathBuf]) -> Result<Library, Failure> {
    if paths.is_empty() {
        library(cli, scorer)
    } else {
        Ok(Library::load_paths(paths, scorer)?)
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let result = match &cli.command {
        None => crate::repl::run(&cli),
        Some(Command::List { json, sets: false }) => crate::commands::list::run(&cli, *json),
        Some(Command::List { json, sets: true }) => crate::commands::list::run_sets(&cli, *json),
        Some(Command::Play { id, seed, from, set }) => {
            crate::commands::play::run(&cli, id.as_deref(), *seed, from.as_deref(), set)
        }
        Some(Command::Handout {
            scenario,
            format,
            no_answers,
            output,
            force,
        }) => crate::commands::handout::run(
            &cli,
            scenario,
            *format,
            crate::commands::handout::Options {
                answers: !*no_answers,
                output: output.as_deref(),
                force: *force,
            },
        ),
        Some(Command::Check { paths, watch: false }) => crate::commands::check::run(&cli, paths),
        Some(Command::Check { paths, watch: true }) => {
            crate::watch::run(&cli, paths, || crate::commands::check::run(&cli, paths))
        }
        Some(Command::Run {
            id,
            replies,
            seed,
            format,
            jobs,
            journal,
        }) => crate::commands::run::run(
            &cli,
            id,
            &crate::commands::run::Options {
                replies: replies.clone(),
                seed: *seed,
                format: *format,
                jobs: jobs.map(usize::from),
                journal: *journal,
            },
        ),
        Some(Command::Report {
            paths,
            format,
            output,
            min_group,
            names,
            set,
            force,
        }) => crate::commands::report::run(
            &cli,
            &crate::commands::report::Request {
                paths,
                format: *format,
                output: output.as_deref(),
                min_group: *min_group,
                names: *names,
                set: set.as_deref(),
                force: *force,
            },
        ),
        Some(Command::Test {
            paths,
            coverage,
            only,
            verbose,
            watch,
            jobs,
        }) => {
            let options = crate::commands::test::Options {
                coverage: *coverage,
                only: only.as_deref(),
                verbose: *verbose,
                jobs: jobs.map(usize::from),
            };
            if *watch {
                crate::watch::run(&cli, paths, || crate::commands::test::run(&cli, paths, options))
            } else {
                crate::commands::test::run(&cli, paths, options)
            }
        }
        Some(Command::New { id, family, output }) => crate::commands::new::run(&cli, id, *family, output.as_deref()),
        Some(Command::Graph {
            scenario,
            format,
            coverage,
        }) => crate::commands::graph::run(&cli, scenario, *format, *coverage),
        Some(Command::Why {
            scenario,
            beat,
            reply,
            set,
        }) => crate::commands::why::run(&cli, scenario, beat, reply, set),
        Some(Command::Score {
            json,
            text,
            scenario,
            jobs,
        }) => crate::commands::score::run(&cli, *json, text, scenario.as_deref(), jobs.map(usize::from)),
        Some(Command::Eval {
            file,
            errors,
            json,
            by,
            jobs,
        }) => crate::commands::eval::run(&cli, file, *errors, *json, by.as_deref(), jobs.map(usize::from)),
        Some(Command::Train {
            skill,
            files,
            output,
            exclude,
        }) => crate::commands::train::run(skill, files, exclude, output.as_deref()),
        Some(Command::Resume { session }) => crate::commands::resume::run(&cli, session.as_deref()),
        Some(Command::History { json }) => crate::commands::history::run(*json),
        Some(Command::Progress { scenario, skill }) => {
            crate::commands::progress::run(scenario.as_deref(), skill.as_deref())
        }
        Some(Command::Export {
            session,
            format,
            output,
            force,
        }) => crate::commands::export::run(&cli, session, *format, output.as_deref(), *force),
        Some(Command::Forget { session, all, yes }) => crate::commands::forget::run(session.as_deref(), *all, *yes),
        Some(Command::Schema) => crate::commands::schema::run(),
        Some(Command::Completions { shell }) => crate::commands::completions::run(*shell),
        Some(Command::CompleteIds { kind }) => crate::commands::completions::ids(&cli, *kind),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                warn(&failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}
