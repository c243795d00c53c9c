//! `rehearse resume [SESSION]`: carry on with an unfinished session. The journal's
//! replies are replayed with its seed (so the partner says exactly what they said),
//! checked against the journal, and the session goes on — in the REPL on a
//! terminal, or like piped `play` otherwise — appending to the same journal.
//!
//! The journal is locked first (a session open in another rehearse is refused)
//! and read again under the lock, so the replay starts from exactly what is in
//! the file. A journal with lost turns is rebuilt from the replies that remain
//! (see [`crate::journal::replay`]).

use crate::input::Lines;
use crate::journal::record::Record;
use crate::journal::replay::replay;
use crate::journal::writer::is_open_elsewhere;
use crate::journal::{self, clock, live, store, Clock, JournalWriter};
use crate::load;
use crate::load::Context;
use crate::outcome::{Failure, Outcome};
use crate::render;
use crate::style::Style;
use std::io::{IsTerminal, Write};

pub fn run(cli: &dyn Context, wanted: Option<&str>) -> Outcome {
    let (_, listing) = store::list_data_dir()?;
    // When nothing is found, the journals that could not be read may be why.
    let with_problems = |failure: Failure| {
        for problem in &listing.problems {
            eprintln!("rehearse: warning: {problem}");
        }
        failure
    };
    let listed = match wanted {
        Some(wanted) => {
            store::resolve(&listing.records, wanted).map_err(|message| with_problems(Failure::new(message)))?
        }
        None => latest_unfinished(&listing.records).map_err(with_problems)?,
    };
    let path = listed
        .path
        .clone()
        .ok_or_else(|| Failure::new("this session has no journal file to continue"))?;
    let id = listed.id().to_string();

    // Lock the journal before reading it for the replay: another rehearse that
    // has this session open is refused here, and nothing can be appended between
    // reading the journal and carrying on from it.
    let mut journal = if cli.no_journal() {
        None
    } else {
        match JournalWriter::append_to(&path, &id, Clock::System) {
            Ok(writer) => Some(writer),
            Err(e) if is_open_elsewhere(&e) => {
                return Err(Failure::new(format!(
                    "session {id} is open in another rehearse right now ({}); carry on in that one, or quit it there and run `rehearse resume {id}` again",
                    path.display()
                )))
            }
            Err(e) => {
                eprintln!(
                    "rehearse: warning: could not open the journal {} to continue it ({e}); new replies are not being kept",
                    path.display()
                );
                None
            }
        }
    };
    let reread;
    let record: &Record = if journal.is_some() {
        reread = journal::load(&path).map_err(|e| Failure::new(format!("cannot resume {id}: {e}")))?;
        &reread
    } else {
        listed
    };

    for warning in &record.warnings {
        eprintln!("rehearse: warning: {warning}");
    }
    let header = &record.header;
    if let Some(ending) = record.ending() {
        return Err(Failure::new(format!(
            "session {} already ended ({}); `rehearse export {}` writes its transcript, `rehearse play {} --seed {}{}` plays it again",
            record.id(),
            ending.ending,
            record.id(),
            header.scenario.id,
            header.seed,
            header.start.as_options()
        )));
    }

    let scorer = load::scorer(cli)?;
    let library = load::library(cli, &scorer)?;
    let scenario = library.scenarios.iter().find(|s| s.id == header.scenario.id).ok_or_else(|| {
        Failure::new(format!(
            "session {} played the scenario `{}`, which is not in {}; if you played it with --scenarios DIR (or --scripts DIR), give the same options to resume",
            record.id(),
            header.scenario.id,
            library.origin
        ))
    })?;
    let replayed = replay(record, scenario, &scorer)
        .map_err(|message| Failure::new(format!("cannot resume {}: {message}", record.id())))?;
    if let Some(lost) = &replayed.lost {
        eprintln!("rehearse: warning: session {}: {lost}.", record.id());
    }
    if let Some(changed) = &replayed.changed {
        eprintln!(
            "rehearse: warning: the scenario or the scorer scripts changed since session {} was recorded: {changed}. It carries on from the conversation as it replays now.",
            record.id()
        );
    }
    let mut session = replayed.session;
    if let Some(ending) = session.ending() {
        return Err(Failure::new(format!(
            "with the scenario as it is now, session {} already ends (at `{}`), so there is nothing to carry on with; `rehearse play {} --seed {}{}` plays it again",
            record.id(),
            ending.ending,
            header.scenario.id,
            header.seed,
            header.start.as_options()
        )));
    }

    if let Some(writer) = journal.as_mut() {
        writer.set_number_offset(replayed.number_offset);
        let changed = match (&replayed.lost, &replayed.changed) {
            (Some(lost), _) => Some(lost.clone()),
            (None, changed) => changed.clone(),
        };
        if let Err(e) = writer.resumed(record.entries.len(), changed) {
            eprintln!("rehearse: warning: {}", live::write_problem(&path, &e));
        }
    }

    if std::io::stdin().is_terminal() {
        return crate::repl::resume_one(cli, &scorer, &library, session, journal);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let style = Style::PLAIN;
    write!(out, "{}", render::introduction(scenario, style))?;
    if let Some(note) = render::start_note(&session, style) {
        writeln!(out, "{note}")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "(Resuming session {} from {}: {} so far.)",
        record.id(),
        clock::display(&header.started),
        replies(record.entries.len())
    )?;
    writeln!(out)?;
    if let Some(current) = session.current() {
        writeln!(out, "{}", render::partner(scenario, &current.line, style))?;
    }
    let played = crate::commands::play::continue_lines(
        &mut session,
        Lines::new(std::io::stdin().lock()),
        &mut out,
        style,
        journal.as_mut(),
        crate::commands::play::AtEnding::CountTheRest,
    );
    if let Some(problem) = live::close(journal.take()) {
        eprintln!("rehearse: warning: {problem}");
    }
    played?;
    Ok(())
}

fn replies(n: usize) -> String {
    if n == 1 {
        "1 reply".to_string()
    } else {
        format!("{n} replies")
    }
}

fn latest_unfinished(records: &[Record]) -> Result<&Record, Failure> {
    records.iter().rev().find(|r| !r.is_finished()).ok_or_else(|| {
        Failure::new(if records.is_empty() {
            "there are no sessions to resume yet; play one with `rehearse` or `rehearse play ID`".to_string()
        } else {
            "every session has already ended; `rehearse history` lists them, `rehearse play ID` starts a new one"
                .to_string()
        })
    })
}
