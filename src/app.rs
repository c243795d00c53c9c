//! The dispatcher: runs the command the command line names and turns its
//! outcome into a message and an exit code. Only `main` calls it; commands load
//! what they need through [`crate::load`] and never import this module.

use crate::cli::{Cli, Command};
use crate::outcome::warn;
use std::process::ExitCode;

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
            weight,
            class,
        }) => crate::commands::train::run(&cli, skill, files, exclude, weight, class, output.as_deref()),
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
