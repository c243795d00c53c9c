//! `rehearse play ID`: interactive on a terminal; with piped input, one reply per
//! line and the dialogue printed as plain text, so sessions can be scripted.

use crate::app::{self, Failure, Outcome};
use crate::cli::Cli;
use crate::input::Lines;
use crate::journal::{live, JournalWriter};
use crate::render;
use crate::scenario::{Library, Scenario};
use crate::session::{ReplyError, Session};
use crate::style::Style;
use std::io::{IsTerminal, Write};

/// Finds `id` in the library, with a helpful message when it is not there.
pub fn find<'a>(library: &'a Library, id: &str) -> Result<&'a Scenario, Failure> {
    if let Some(s) = library.find(id) {
        return Ok(s);
    }
    if let Some(broken) = library.broken.iter().find(|b| b.id.as_deref() == Some(id)) {
        let mut message = format!("scenario `{id}` has problems and cannot be played:\n");
        for p in &broken.problems {
            message.push_str(&format!("{p}\n"));
        }
        return Err(Failure::new(message.trim_end().to_string()));
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

pub fn run(cli: &Cli, id: &str, seed: u64) -> Outcome {
    let scorer = app::scorer(cli)?;
    let library = app::library(cli, &scorer)?;
    let scenario = find(&library, id)?;
    if std::io::stdin().is_terminal() {
        return crate::repl::play_one(cli, &scorer, &library, scenario, seed);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut session = Session::new(scenario, &scorer, seed);
    let mut journal = live::start(!cli.no_journal, &session).unwrap_or_else(|problem| {
        eprintln!("rehearse: warning: {problem}");
        None
    });
    let played = play_lines(
        &mut session,
        Lines::new(std::io::stdin().lock()),
        &mut out,
        Style::PLAIN,
        journal.as_mut(),
    );
    if let Some(problem) = live::close(journal) {
        eprintln!("rehearse: warning: {problem}");
    }
    played?;
    Ok(())
}

/// Plays piped lines through `session`, writing the dialogue to `out`; each turn is
/// saved to `journal` (when kept) before the next line is read. Problems with
/// single lines go to standard error; the session carries on.
pub fn play_lines<R: std::io::BufRead, W: Write>(
    session: &mut Session,
    lines: Lines<R>,
    out: &mut W,
    style: Style,
    journal: Option<&mut JournalWriter>,
) -> std::io::Result<()> {
    let scenario = session.scenario();
    write!(out, "{}", render::introduction(scenario, style))?;
    writeln!(out)?;
    writeln!(out, "{}", render::partner(scenario, &session.opening().line, style))?;
    continue_lines(session, lines, out, style, journal)
}

/// The reply loop of piped play, from wherever `session` is (a fresh start, or a
/// resumed session), then the closing summary.
pub fn continue_lines<R: std::io::BufRead, W: Write>(
    session: &mut Session,
    lines: Lines<R>,
    out: &mut W,
    style: Style,
    mut journal: Option<&mut JournalWriter>,
) -> std::io::Result<()> {
    let scenario = session.scenario();
    for line in lines {
        let text = match line.text {
            Ok(text) => text,
            Err(problem) => {
                eprintln!("rehearse: input line {}: {problem}", line.number);
                continue;
            }
        };
        let partner = session.current().map(|l| l.line.clone()).unwrap_or_default();
        match session.reply(&text) {
            Ok(turn) => {
                if let Some(writer) = journal.as_deref_mut() {
                    if let Err(e) = writer.turn(&partner, turn) {
                        eprintln!("rehearse: warning: {}", live::write_problem(writer.path(), &e));
                    }
                }
                writeln!(out)?;
                writeln!(out, "> {}", turn.reply)?;
                write!(out, "{}", render::turn(scenario, turn, style))?;
            }
            Err(ReplyError::Empty) => continue,
            Err(ReplyError::Finished) => {
                eprintln!(
                    "rehearse: input line {}: the conversation has already ended; the remaining lines are ignored",
                    line.number
                );
                break;
            }
            Err(err) => eprintln!("rehearse: input line {}: {err}", line.number),
        }
        if session.is_finished() {
            break;
        }
    }
    writeln!(out)?;
    if !session.is_finished() {
        if let Some(current) = session.current() {
            writeln!(
                out,
                "(The replies ran out before the conversation ended; {} is waiting for your answer at `{}`.)",
                scenario.persona.name, current.beat
            )?;
        }
    }
    if !session.turns().is_empty() {
        write!(out, "{}", render::summary(session.turns(), &session.summary(), style))?;
    }
    Ok(())
}
