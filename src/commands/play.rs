//! `rehearse play ID`: interactive on a terminal; with piped input, one reply per
//! line and the dialogue printed as plain text, so sessions can be scripted.

use crate::commands::start_options::{self, PlaySet};
use crate::input::{InputLine, Lines};
use crate::journal::transcript;
use crate::journal::{live, JournalWriter};
use crate::late_scorer::LateScorer;
use crate::load;
use crate::load::Context;
use crate::outcome::{self, Failure, Outcome};
use crate::render;
use crate::scenario::{Scenario, StartPoint};
use crate::session::{ReplyError, ScorerRef, Session};
use crate::style::Style;
use std::io::{IsTerminal, Write};

pub fn run(cli: &dyn Context, id: Option<&str>, seed: u64, from: Option<&str>, sets: &[String]) -> Outcome {
    // One flag, two meanings told apart by shape: `--set trust=3` starts a dial
    // at a value, `--set conflict-first-steps` plays an exercise set.
    let (dial_sets, exercise_sets): (Vec<String>, Vec<String>) = sets
        .iter()
        .cloned()
        .partition(|text| matches!(PlaySet::parse(text), PlaySet::Dial { .. }));
    let set_name = set_name(id, &exercise_sets)?;
    if let (Some(name), true) = (set_name, from.is_some() || !dial_sets.is_empty()) {
        return Err(Failure::new(format!(
            "`--from` and `--set DIAL=N` start one scenario somewhere else, and `--set {name}` plays a whole exercise set; use one or the other"
        )));
    }
    let piped = !std::io::stdin().is_terminal();
    if let (None, Some(id), true) = (set_name, id, piped) {
        // Piped play of one scenario uses nothing else of the library, and its
        // opening needs no score: the scorer loads meanwhile on another thread.
        let loading = load::scorer_in_background(cli)?;
        let loading = match load::scenario_while_scoring_loads(cli, loading, id)? {
            Ok((library, late)) => {
                let library = load::until_exit(library);
                let late = load::until_exit(late);
                let scenario = load::playable(library, id)?;
                return play_piped(cli, scenario, late, seed, (from, &dial_sets), Some(late));
            }
            Err(loading) => loading,
        };
        let scorer = load::until_exit(loading.wait()?);
        let library = load::until_exit(load::library(cli, scorer)?);
        let scenario = load::playable(library, id)?;
        return play_piped(cli, scenario, scorer, seed, (from, &dial_sets), None);
    }
    if let (None, Some(id)) = (set_name, id) {
        return play_on_terminal(cli, id, seed, (from, &dial_sets));
    }
    // One scenario, piped or on a terminal, went its own way above (`set_name`
    // refuses a scenario and a set together): what is left is a set, or nothing.
    let scorer = load::until_exit(load::scorer(cli)?);
    let library = load::until_exit(load::library(cli, scorer)?);
    match set_name {
        Some(name) => crate::commands::play_set::run(cli, scorer, library, name, seed),
        None => Err(Failure::new(
            "name a scenario to play (`rehearse list` shows them), or an exercise set with --set NAME",
        )),
    }
}

/// `play ID` on a terminal. As with piped input, the scenario's own file is
/// read and its opening shown while the scorer compiles on another thread;
/// the REPL waits for the scorer before it reads a reply (see
/// [`crate::repl::play_one_late`]). When the one file cannot stand for the
/// library, everything is loaded first, as before.
fn play_on_terminal(cli: &dyn Context, id: &str, seed: u64, (from, dial_sets): (Option<&str>, &[String])) -> Outcome {
    let loading = load::scorer_in_background(cli)?;
    let loading = match load::scenario_while_scoring_loads(cli, loading, id)? {
        Ok((one, late)) => {
            let one = load::until_exit(one);
            let late = load::until_exit(late);
            let scenario = load::playable(one, id)?;
            let scores = crate::session::scorer_for(scenario, late).names();
            let start = match start_options::start_point(scenario, scores, from, dial_sets) {
                Ok(start) => start,
                Err(failure) => {
                    // The scorer's problems come first, as when it loaded first.
                    late.ready()?;
                    return Err(failure);
                }
            };
            let whole = |scorer| load::library(cli, scorer).map(load::until_exit);
            let played = crate::repl::play_one_late(cli, late, scenario, (seed, start), whole);
            save_literal_sets_unless_private(cli);
            return played;
        }
        Err(loading) => loading,
    };
    let scorer = load::until_exit(loading.wait()?);
    let library = load::until_exit(load::library(cli, scorer)?);
    let scenario = load::playable(library, id)?;
    let scores = crate::session::scorer_for(scenario, scorer).names();
    let start = start_options::start_point(scenario, scores, from, dial_sets)?;
    load::warm_up_in_background(scorer);
    let played = crate::repl::play_one(cli, scorer, library, scenario, seed, start);
    save_literal_sets_unless_private(cli);
    played
}

/// After a session on a terminal: the literal sets its replies needed, kept for
/// the next session (the file is written only when sets were added, and never
/// under `--no-journal`).
fn save_literal_sets_unless_private(cli: &dyn Context) {
    if !cli.no_journal() {
        crate::score::literal_cache::save();
    }
}

/// Piped play of `scenario` with `scorer` from where `--from` and the dial
/// `--set`s say. When `scorer` is still loading (`late`), its problems come
/// before those of the options, as when it loaded before anything else.
fn play_piped(
    cli: &dyn Context,
    scenario: &Scenario,
    scorer: &dyn ScorerRef,
    seed: u64,
    (from, dial_sets): (Option<&str>, &[String]),
    late: Option<&LateScorer>,
) -> Outcome {
    let scores = crate::session::scorer_for(scenario, scorer).names();
    let start = match start_options::start_point(scenario, scores, from, dial_sets) {
        Ok(start) => start,
        Err(failure) => {
            if let Some(late) = late {
                late.ready()?;
            }
            return Err(failure);
        }
    };
    let stdout = std::io::stdout();
    play_started(cli, scenario, scorer, seed, start, late, &mut stdout.lock())
}

/// Plays `scenario` from `start` with piped replies, writing to `out`. The
/// opening is shown first; a scorer still loading (`late`) is then waited for,
/// and its problems reported, before any reply is read.
fn play_started(
    cli: &dyn Context,
    scenario: &Scenario,
    scorer: &dyn ScorerRef,
    seed: u64,
    start: StartPoint,
    late: Option<&LateScorer>,
    out: &mut impl Write,
) -> Outcome {
    let mut session = match Session::start_at(scenario, scorer, seed, start) {
        Ok(session) => session,
        Err(problem) => {
            if let Some(late) = late {
                late.ready()?;
            }
            return Err(Failure::new(problem));
        }
    };
    show_opening(&session, out, Style::PLAIN)?;
    if let Some(late) = late {
        late.ready()?;
    }
    let mut journal = live::start(!cli.no_journal(), &session).unwrap_or_else(|problem| {
        outcome::warn(format!("warning: {problem}"));
        None
    });
    let played = continue_lines(
        &mut session,
        Lines::new(std::io::stdin().lock()),
        out,
        Style::PLAIN,
        journal.as_mut(),
        AtEnding::CountTheRest,
    );
    if let Some(problem) = live::close(journal) {
        outcome::warn(format!("warning: {problem}"));
    }
    played?;
    Ok(())
}

/// The exercise set the `--set` values name, if any. A value with `=` in it
/// would change a dial (`--set tension=7`), which `play` does not do; a set and
/// a scenario id together are refused, since either alone says what to play.
/// The exercise set named by the `--set NAME` values (those without `=`), if any.
fn set_name<'a>(id: Option<&str>, values: &'a [String]) -> Result<Option<&'a str>, Failure> {
    match (values, id) {
        ([], _) => Ok(None),
        ([name], None) => Ok(Some(name.as_str())),
        ([name], Some(id)) => Err(Failure::new(format!(
            "give a scenario or an exercise set, not both: `rehearse play {id}` plays the scenario, `rehearse play --set {name}` plays the set"
        ))),
        (several, _) => Err(Failure::new(format!(
            "`--set` names one exercise set, and {} were given ({}); play them one after the other",
            several.len(),
            several.join(", ")
        ))),
    }
}

/// Plays piped lines through `session`, writing the dialogue to `out`; each turn is
/// saved to `journal` (when kept) before the next line is read. Problems with
/// single lines go to standard error; the session carries on.
pub fn play_lines<I: Iterator<Item = InputLine>, W: Write>(
    session: &mut Session,
    lines: I,
    out: &mut W,
    style: Style,
    journal: Option<&mut JournalWriter>,
) -> std::io::Result<()> {
    show_opening(session, out, style)?;
    continue_lines(session, lines, out, style, journal, AtEnding::CountTheRest)
}

/// The scenario's introduction and the partner's first line.
pub fn show_opening<W: Write>(session: &Session, out: &mut W, style: Style) -> std::io::Result<()> {
    let scenario = session.scenario();
    write!(out, "{}", render::introduction(scenario, style))?;
    if let Some(note) = render::start_note(session, style) {
        writeln!(out, "{note}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", render::partner(scenario, &session.opening().line, style))
}

/// What piped play does with the lines after the conversation's ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtEnding {
    /// Read on, to count and report lines that were not used (one scenario;
    /// `/undo` after the ending reopens the conversation).
    CountTheRest,
    /// Stop reading at once: the next lines are replies to the next scenario
    /// of an exercise set.
    Stop,
}

/// After the conversation ends (or `/quit`), at most this many more lines are
/// read, to count them: input that never ends (`yes | rehearse play …`) must
/// not keep the command running.
const MAX_UNUSED: usize = 1000;

/// The slash commands that mean something in piped play (a subset of the REPL's).
const PIPED_COMMANDS: [&str; 6] = ["/help", "/hint", "/score", "/undo", "/transcript", "/quit"];

/// Why the reply loop stopped taking replies, with the input line it happened on.
#[derive(Clone, Copy)]
enum Stop {
    Ended(usize),
    Quit(usize),
}

/// What to do after a piped slash command.
enum Flow {
    Go,
    Quit,
}

/// The reply loop of piped play, from wherever `session` is (a fresh start, or a
/// resumed session), then the closing summary.
///
/// A line starting with `/` is a command, exactly as in the REPL: `/hint`,
/// `/score`, `/undo`, `/transcript`, `/help` and `/quit` work; the ones that only
/// make sense at a keyboard (`/menu`, `/restart`, …) are refused on standard
/// error. No command is ever scored as a reply. Replies left after the ending or
/// after `/quit` are counted and reported, never dropped silently.
pub fn continue_lines<I: Iterator<Item = InputLine>, W: Write>(
    session: &mut Session,
    lines: I,
    out: &mut W,
    style: Style,
    mut journal: Option<&mut JournalWriter>,
    at_ending: AtEnding,
) -> std::io::Result<()> {
    let scenario = session.scenario();
    let mut stop: Option<Stop> = None;
    let mut unused = 0usize;
    let mut read_after = 0usize;
    let mut literals_saved = false;
    for line in lines {
        if stop.is_some() {
            read_after += 1;
            if read_after > MAX_UNUSED {
                break;
            }
        }
        let text = match line.text {
            Ok(text) => text,
            Err(problem) => {
                outcome::warn(format!("input line {}: {problem}", line.number));
                continue;
            }
        };
        let trimmed = text.trim();
        if matches!(stop, Some(Stop::Quit(_))) {
            if !trimmed.is_empty() {
                unused += 1;
            }
            continue;
        }
        if let Some(command) = trimmed.strip_prefix('/') {
            let (name, _) = command.split_once(char::is_whitespace).unwrap_or((command, ""));
            match piped_command(session, name, line.number, out, style, journal.as_deref_mut())? {
                Flow::Quit => stop = Some(Stop::Quit(line.number)),
                // `/undo` after the ending reopens the conversation.
                Flow::Go if matches!(stop, Some(Stop::Ended(_))) && !session.is_finished() => {
                    stop = None;
                    read_after = 0;
                }
                Flow::Go => {}
            }
            continue;
        }
        if session.is_finished() {
            if !trimmed.is_empty() {
                unused += 1;
            }
            continue;
        }
        let partner = session.current().map(|l| l.line.clone()).unwrap_or_default();
        match session.reply(&text) {
            Ok(turn) => {
                if let Some(writer) = journal.as_deref_mut() {
                    if let Err(e) = writer.turn(&partner, turn) {
                        outcome::warn(format!("warning: {}", live::write_problem(writer.path(), &e)));
                    }
                }
                writeln!(out)?;
                writeln!(out, "> {}", turn.reply)?;
                write!(out, "{}", render::turn(scenario, turn, style))?;
                if !literals_saved && journal.is_some() {
                    save_literal_sets(out)?;
                    literals_saved = true;
                }
            }
            Err(ReplyError::Empty) => continue,
            Err(ReplyError::Finished) => unused += 1,
            Err(err) => outcome::warn(format!("input line {}: {err}", line.number)),
        }
        if session.is_finished() && stop.is_none() {
            stop = Some(Stop::Ended(line.number));
            if at_ending == AtEnding::Stop {
                break;
            }
        }
    }
    if unused > 0 {
        let capped = read_after > MAX_UNUSED;
        let count = match (capped, unused) {
            (true, n) => format!("more than {n} lines"),
            (false, 1) => "1 line".to_string(),
            (false, n) => format!("{n} lines"),
        };
        let verb = if unused == 1 && !capped { "was" } else { "were" };
        let after = match stop {
            Some(Stop::Quit(n)) => format!(" after /quit (input line {n})"),
            Some(Stop::Ended(n)) => format!(" after the ending (input line {n})"),
            None => String::new(),
        };
        outcome::warn(format!("{count}{after} {verb} not used"));
    }
    writeln!(out)?;
    if !session.is_finished() {
        if let Some(current) = session.current() {
            let why = match stop {
                Some(Stop::Quit(_)) => "You stopped before the conversation ended",
                _ => "The replies ran out before the conversation ended",
            };
            writeln!(
                out,
                "({why}; {} is waiting for your reply to: \"{}\")",
                scenario.persona.name, current.line
            )?;
            // Only a journal with a reply in it is kept (an empty one is removed
            // on close), so only then is there something to resume.
            if let Some(writer) = journal.as_deref().filter(|_| !session.turns().is_empty()) {
                writeln!(out, "(`rehearse resume {}` carries on from here.)", writer.id())?;
            }
        }
    }
    if !session.turns().is_empty() {
        write!(out, "{}", render::summary(session.turns(), &session.summary(), style))?;
    }
    Ok(())
}

/// Keeps the literal sets worked out for the first reply in the data folder
/// (`score::literal_cache`), so the person's next session starts warm. Called
/// only when journaling is on (`--no-journal` writes nothing), after the turn
/// is shown (flushed first, so the reply is never held up by the write).
fn save_literal_sets<W: Write>(out: &mut W) -> std::io::Result<()> {
    out.flush()?;
    crate::score::literal_cache::save();
    Ok(())
}

/// Runs one piped slash command; commands go to `out` like the replies do,
/// echoed after `> ` so the output still reads as a transcript.
fn piped_command<W: Write>(
    session: &mut Session,
    name: &str,
    number: usize,
    out: &mut W,
    style: Style,
    journal: Option<&mut JournalWriter>,
) -> std::io::Result<Flow> {
    let scenario = session.scenario();
    let echo = |out: &mut W| -> std::io::Result<()> {
        writeln!(out)?;
        writeln!(out, "> /{name}")
    };
    match name {
        "quit" | "exit" | "q" => {
            echo(out)?;
            return Ok(Flow::Quit);
        }
        "help" | "h" | "?" => {
            echo(out)?;
            for (command, what) in crate::repl::COMMANDS.iter().filter(|(c, _)| PIPED_COMMANDS.contains(c)) {
                writeln!(out, "  {command:<11} {what}")?;
            }
            writeln!(out, "Every other line is your reply.")?;
        }
        "hint" => {
            echo(out)?;
            match session.coach_note() {
                Some(note) => writeln!(out, "{} {note}", style.cyan("coach:"))?,
                None if session.is_finished() => writeln!(out, "The conversation is over.")?,
                None => writeln!(
                    out,
                    "{} Try one feeling, one specific moment and one request.",
                    style.cyan("coach:")
                )?,
            }
        }
        "score" => {
            echo(out)?;
            match session.turns().last() {
                Some(turn) => write!(out, "{}", crate::render::scored_reply(&turn.reply, &turn.report, style))?,
                None => writeln!(out, "No reply yet: /score shows how the last reply read.")?,
            }
        }
        "undo" => {
            echo(out)?;
            let taken = session.turns().len();
            if session.undo() {
                if let Some(writer) = journal {
                    if let Err(e) = writer.undo(taken) {
                        outcome::warn(format!("warning: {}", live::write_problem(writer.path(), &e)));
                    }
                }
                writeln!(out, "(Taken back.)")?;
                if let Some(current) = session.current() {
                    writeln!(out, "{}", render::partner(scenario, &current.line, style))?;
                }
            } else {
                writeln!(out, "Nothing to take back yet.")?;
            }
        }
        "transcript" => {
            echo(out)?;
            write!(
                out,
                "{}",
                transcript::terminal(scenario, session.opening(), session.turns(), style)
            )?;
        }
        "restart" | "reload" | "save" | "menu" | "list" | "play" => outcome::warn(format!(
            "input line {number}: /{name} only works when playing at a terminal; ignored (it is not a reply). Piped input understands {}",
            PIPED_COMMANDS.join(", ")
        )),
        other => outcome::warn(format!(
            "input line {number}: unknown command /{other}; ignored (it is not a reply). Piped input understands {}",
            PIPED_COMMANDS.join(", ")
        )),
    }
    Ok(Flow::Go)
}
