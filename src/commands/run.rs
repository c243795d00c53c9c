//! `rehearse run ID --replies PATH…`: one scenario played for a whole group at
//! once, from reply files, folders or a CSV export, on every core, with the
//! results in the order the people were given.

use crate::journal::event::ScenarioRef;
use crate::journal::live;
use crate::journal::record::partner_line_before;
use crate::load;
use crate::load::Context;
use crate::outcome::{Failure, Outcome};
use crate::session::Session;
use crate::style::Style;
use crate::workshop::progress::Progress;
use crate::workshop::replies;
use crate::workshop::results::RunWriter;
use crate::workshop::run::{ParticipantResult, Worker};
use crate::workshop::text::{self, Tally};
use std::io::Write;
use std::path::PathBuf;

/// How `run` prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RunFormat {
    /// A block per participant, for reading.
    Text,
    /// One JSON document, for `rehearse report`.
    Json,
}

/// What `rehearse run` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub replies: Vec<PathBuf>,
    pub seed: u64,
    pub format: RunFormat,
    /// Threads; `None` is one per core.
    pub jobs: Option<usize>,
    /// Keep a session journal per participant.
    pub journal: bool,
}

pub fn run(cli: &dyn Context, id: &str, options: &Options) -> Outcome {
    // Tried once on a sample reply before any thread starts: a broken script is
    // reported now, and the patterns every worker shares are compiled once, not
    // by all the workers at once against each script's time limit.
    let scorer = load::tried_scorer(cli)?;
    let library = load::library(cli, &scorer)?;
    let scenario = crate::load::playable(&library, id)?;
    let participants = replies::read(&options.replies).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        Failure::new(format!(
            "the replies could not be read:\n{}\nNothing was run; fix the lines above and run again.",
            lines.join("\n")
        ))
    })?;
    let keep_journals = options.journal && !cli.no_journal();
    let jobs = options.jobs.unwrap_or_else(crate::parallel::default_jobs);
    let seed = options.seed;
    let partner = scenario.persona.name.clone();
    let style = Style::for_stdout();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let reference = ScenarioRef {
        id: scenario.id.clone(),
        title: scenario.title.clone(),
    };
    let mut sink = match options.format {
        RunFormat::Json => Sink::Json(RunWriter::start(&mut out, &reference, seed)?),
        RunFormat::Text => {
            write!(
                out,
                "{}",
                text::heading(&scenario.title, &scenario.id, seed, participants.len(), style)
            )?;
            Sink::Text(&mut out)
        }
    };
    let mut progress = Progress::on_terminal(participants.len());
    let mut tally = Tally::default();
    // The first write error (a closed pipe) stops the output; the run finishes quietly.
    let mut written: std::io::Result<()> = Ok(());
    crate::parallel::for_each_ordered(
        participants.iter(),
        jobs,
        || Worker::new(&scorer, scenario),
        |worker, participant| {
            let (mut result, session) = worker.play(scenario, seed, participant);
            if keep_journals {
                keep_journal(&session, &mut result);
            }
            result
        },
        |result| {
            progress.tick();
            tally.add(&result);
            if written.is_ok() {
                written = match &mut sink {
                    Sink::Json(writer) => writer.participant(&result),
                    Sink::Text(out) => write!(out, "{}", text::participant(&result, &partner, style)),
                };
            }
        },
    );
    progress.finish();
    written?;
    match sink {
        Sink::Json(writer) => {
            writer.finish()?;
        }
        Sink::Text(out) => {
            writeln!(out)?;
            writeln!(out, "{}", tally.line())?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Where results go as they come.
enum Sink<'a, W: Write> {
    Json(RunWriter<&'a mut W>),
    Text(&'a mut W),
}

/// Writes `session` as a normal journal in the data folder and notes its id in
/// `result`; a journal that cannot be written becomes a note, not a failure.
fn keep_journal(session: &Session, result: &mut ParticipantResult) {
    let mut writer = match live::start(true, session) {
        Ok(Some(writer)) => writer,
        Ok(None) => return,
        Err(problem) => {
            result.notes.push(problem);
            return;
        }
    };
    let turns = session.turns();
    for (i, turn) in turns.iter().enumerate() {
        if let Err(e) = writer.turn(partner_line_before(session.opening(), turns, i), turn) {
            result.notes.push(live::write_problem(writer.path(), &e));
            break;
        }
    }
    result.journal = Some(writer.id().to_string());
    if let Some(problem) = live::close(Some(writer)) {
        result.notes.push(problem);
    }
}
