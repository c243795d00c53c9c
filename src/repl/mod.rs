//! The interactive practice loop: a menu of scenarios, then a conversation with
//! feedback after each reply. It only displays what the [`Session`] produces.

mod helper;
mod menu;
mod reload;
mod screen;
mod source;

use crate::exercise_set::ExerciseSet;
use crate::journal::export::Format;
use crate::journal::{live, transcript, Clock, JournalWriter};
use crate::late_scorer::LateScorer;
use crate::load;
use crate::load::Context;
use crate::outcome::{self, Outcome};
use crate::render;
use crate::scenario::{Library, Scenario, StartPoint};
use crate::score::RhaiScorer;
use crate::session::{ReplyError, ScorerRef, Session};
use crate::style::Style;
use helper::ReplHelper;
pub use helper::COMMANDS;
use menu::Choice;
use reload::Reloaded;
use screen::Screen;
use source::{Read, Source};
use std::io;

/// What the person chose to do when a conversation stopped.
enum After {
    Menu,
    Play(String),
    /// `/next`: the next scenario of the exercise set being played.
    Next,
    Quit,
    /// `/reload` read the scenario and scorers again: go on with the same
    /// replies on the new content.
    Reload(Box<Reloaded>),
}

/// Where a conversation stands in an exercise set.
#[derive(Clone, Copy)]
struct SetStep<'a> {
    /// 1-based.
    number: usize,
    of: usize,
    next: Option<&'a Scenario>,
}

/// How a conversation begins.
enum Start<'a> {
    /// A new session of this scenario, with this seed, from this point.
    Fresh(&'a Scenario, u64, StartPoint),
    /// A new session of one scenario of an exercise set.
    Step(&'a Scenario, u64, SetStep<'a>),
    /// A session rebuilt from its journal by `rehearse resume`.
    Resumed(Box<Session<'a>>, Option<JournalWriter>),
    /// A fresh session whose opening is already on the screen (see
    /// [`play_one_late`]), with its journal and when it started.
    Shown(Box<Session<'a>>, Option<JournalWriter>, String),
}

/// The command history (typed lines, for the up arrow), in the data folder.
pub const HISTORY_FILE: &str = "history.txt";

/// The command history file, unless nothing is to be kept (`--no-journal`).
fn history_file(keep: bool) -> Option<std::path::PathBuf> {
    if !keep {
        return None;
    }
    crate::data_dir::ensure().ok().map(|dir| dir.join(HISTORY_FILE))
}

fn open_source(library: &Library, keep: bool) -> Source {
    let mut source = Source::open(ReplHelper::default(), history_file(keep));
    source.set_scenario_ids(library.ids());
    source
}

/// `rehearse` with no command: the menu.
///
/// The menu needs the scenarios' titles, not a score, so it is shown from the
/// library read against the score names ([`load::library_named`]) while the
/// scorer compiles and the whole library is read with it on another thread
/// ([`load::library_in_background`]). A choice waits for that, so the scorer
/// scripts' problems are reported, with file and line, before anything is
/// scored; leaving at once does not wait.
pub fn run(cli: &dyn Context) -> Outcome {
    let loading = load::scorer_in_background(cli)?;
    let listed = load::library_named(cli, loading.names())?;
    let loading = load::library_in_background(cli, loading)?;
    let style = Style::for_stdout();
    let keep = !cli.no_journal();
    let mut source = open_source(&listed, keep);
    let mut screen = Screen::default();
    screen.set_width(source.width());
    screen.line(&style.bold("rehearse — practise a hard conversation before you have it."))?;
    screen.line(&style.dim("Everything stays on this computer. /help lists commands; Ctrl-D leaves."))?;
    screen.blank()?;
    if listed.scenarios.is_empty() {
        // As before: the scorer's problems first, then the empty library.
        loading.wait()?;
        return Err(outcome::Failure::new(format!(
            "no playable scenarios in {}; `rehearse check` lists what is wrong",
            listed.origin
        )));
    }
    screen.print(&menu::render(&listed, style))?;
    let Some(choice) = read_choice(&mut source, &mut screen, &listed, style)? else {
        screen.line("Take care.")?;
        return Ok(());
    };
    let (scorer, library) = loading.wait()?;
    let (scorer, library) = (load::until_exit(scorer), load::until_exit(library));
    source.set_scenario_ids(library.ids());
    menu_loop(&mut source, &mut screen, scorer, library, style, Some(choice), cli)?;
    Ok(())
}

/// `rehearse play ID` on a terminal: straight into one scenario, then the menu.
pub fn play_one(
    cli: &dyn Context,
    scorer: &RhaiScorer,
    library: &Library,
    scenario: &Scenario,
    seed: u64,
    start: StartPoint,
) -> Outcome {
    one_then_menu(cli, scorer, library, Start::Fresh(scenario, seed, start))
}

/// `rehearse play ID` on a terminal with the scorer still loading (`late`,
/// see [`crate::late_scorer`]): the opening of `scenario` (read alone, from its
/// own file) is shown at once; then the scorer is waited for, before rustyline
/// reads the first reply, so a script's problems are reported with file and
/// line and nothing is scored by a scorer that is not there. The whole
/// `library` (for `/play` and the menu afterwards) is loaded then, with the
/// shared scorer. The conversation is scored with `late` throughout, which
/// holds the scenario's own scripts as well as the shared ones.
pub fn play_one_late<'a>(
    cli: &dyn Context,
    late: &'a LateScorer,
    scenario: &'a Scenario,
    (seed, start): (u64, StartPoint),
    library: impl FnOnce(&'a RhaiScorer) -> Result<&'a Library, outcome::Failure>,
) -> Outcome {
    let style = Style::for_stdout();
    let keep = !cli.no_journal();
    let mut source = Source::open(ReplHelper::default(), history_file(keep));
    let mut screen = Screen::default();
    screen.set_width(source.width());
    let session = match Session::start_at(scenario, late, seed, start.clone()) {
        Ok(session) => session,
        Err(_) => {
            // Said as before, over the whole library; the scorer's problems first.
            late.ready()?;
            let scorer = late.shared()?;
            let library = library(scorer)?;
            source.set_scenario_ids(library.ids());
            let first = Start::Fresh(scenario, seed, start);
            then_menu(cli, (&mut source, &mut screen), (late, scorer), library, first)?;
            return Ok(());
        }
    };
    let mut playing = Playing {
        session,
        journal: None,
        started: Clock::System.stamp(),
        step: None,
    };
    show_opening(&mut screen, &mut playing, Opening::Fresh, style, keep)?;
    load::warm_up_in_background(late.ready()?);
    let scorer = late.shared()?;
    let library = library(scorer)?;
    source.set_scenario_ids(library.ids());
    let first = Start::Shown(Box::new(playing.session), playing.journal, playing.started);
    then_menu(cli, (&mut source, &mut screen), (late, scorer), library, first)?;
    Ok(())
}

/// `rehearse resume` on a terminal: the rebuilt session, then the menu.
pub fn resume_one<'a>(
    cli: &dyn Context,
    scorer: &'a RhaiScorer,
    library: &'a Library,
    session: Session<'a>,
    journal: Option<JournalWriter>,
) -> Outcome {
    one_then_menu(cli, scorer, library, Start::Resumed(Box::new(session), journal))
}

/// `rehearse play --set NAME` on a terminal: the set's scenarios in order, each
/// ending offering the next with `/next`; then the menu.
pub fn play_set<'a>(
    cli: &dyn Context,
    scorer: &'a RhaiScorer,
    library: &'a Library,
    set: &ExerciseSet,
    scenarios: &[&'a Scenario],
    seed: u64,
) -> Outcome {
    let style = Style::for_stdout();
    let mut source = open_source(library, !cli.no_journal());
    let mut screen = Screen::default();
    screen.set_width(source.width());
    screen.line(&style.bold(&format!("{} ({} scenarios, in order)", set.title, scenarios.len())))?;
    if !set.summary.is_empty() {
        screen.line(&style.dim(&set.summary))?;
    }
    for (i, scenario) in scenarios.iter().enumerate() {
        let step = SetStep {
            number: i + 1,
            of: scenarios.len(),
            next: scenarios.get(i + 1).copied(),
        };
        let start = Start::Step(scenario, seed, step);
        match converse(&mut source, &mut screen, scorer, library, start, style, cli)? {
            After::Next => continue,
            After::Quit => {
                screen.line("Take care.")?;
                return Ok(());
            }
            After::Menu | After::Reload(_) => {
                return Ok(menu_loop(&mut source, &mut screen, scorer, library, style, None, cli)?)
            }
            After::Play(id) => {
                return Ok(menu_loop(
                    &mut source,
                    &mut screen,
                    scorer,
                    library,
                    style,
                    Some(id),
                    cli,
                )?)
            }
        }
    }
    menu_loop(&mut source, &mut screen, scorer, library, style, None, cli)?;
    Ok(())
}

fn one_then_menu<'a>(cli: &dyn Context, scorer: &'a RhaiScorer, library: &'a Library, start: Start<'a>) -> Outcome {
    let mut source = open_source(library, !cli.no_journal());
    let mut screen = Screen::default();
    screen.set_width(source.width());
    then_menu(cli, (&mut source, &mut screen), (scorer, scorer), library, start)?;
    Ok(())
}

/// One conversation, scored with `first` (a scenario's late scorer, or the
/// shared one), then the menu, whose scenarios are scored with `scorer`.
fn then_menu<'a>(
    cli: &dyn Context,
    (source, screen): (&mut Source, &mut Screen),
    (first, scorer): (&'a dyn ScorerRef, &'a RhaiScorer),
    library: &'a Library,
    start: Start<'a>,
) -> io::Result<()> {
    let style = Style::for_stdout();
    match converse(source, screen, first, library, start, style, cli)? {
        After::Quit | After::Next => Ok(()),
        After::Menu | After::Reload(_) => menu_loop(source, screen, scorer, library, style, None, cli),
        After::Play(id) => menu_loop(source, screen, scorer, library, style, Some(id), cli),
    }
}

fn menu_loop(
    source: &mut Source,
    screen: &mut Screen,
    scorer: &RhaiScorer,
    library: &Library,
    style: Style,
    mut chosen: Option<String>,
    cli: &dyn Context,
) -> io::Result<()> {
    loop {
        let choice = match chosen.take() {
            Some(choice) => choice,
            None => {
                screen.print(&menu::render(library, style))?;
                match read_choice(source, screen, library, style)? {
                    Some(choice) => choice,
                    None => return screen.line("Take care."),
                }
            }
        };
        let Some(scenario) = library.find(&choice) else {
            screen.line(&style.yellow(&format!("No scenario `{choice}`. Type its number or id.")))?;
            continue;
        };
        let seed: u64 = rand::random::<u32>() as u64;
        match converse(
            source,
            screen,
            scorer,
            library,
            Start::Fresh(scenario, seed, StartPoint::default()),
            style,
            cli,
        )? {
            After::Quit => return screen.line("Take care."),
            After::Menu | After::Next | After::Reload(_) => continue,
            After::Play(id) => chosen = Some(id),
        }
    }
}

/// Reads a line from `source`, first measuring the terminal again so a resized
/// window wraps the next output to its new width.
fn read(source: &mut Source, screen: &mut Screen, prompt: &str) -> Read {
    let read = source.read(prompt);
    screen.set_width(source.width());
    read
}

/// Says what `typed` fits when it is not exactly one scenario; returns the id
/// of the one it picks.
fn pick(screen: &Screen, library: &Library, typed: &str, style: Style) -> io::Result<Option<String>> {
    if typed.trim().is_empty() {
        screen.line("Which one? /play and a number, an id or words from a title: /play dishes")?;
        return Ok(None);
    }
    match menu::choose(library, typed) {
        Choice::One(scenario) => Ok(Some(scenario.id.clone())),
        Choice::Several(candidates) => {
            screen.print(&menu::several(typed, &candidates, style))?;
            Ok(None)
        }
        Choice::None => {
            screen.line(&style.yellow(&format!(
                "No scenario fits `{}`. Type a number from the list, an id, or words from a title.",
                typed.trim()
            )))?;
            Ok(None)
        }
    }
}

/// Reads a menu choice; `None` means leave.
fn read_choice(
    source: &mut Source,
    screen: &mut Screen,
    library: &Library,
    style: Style,
) -> io::Result<Option<String>> {
    loop {
        match read(source, screen, "choose> ") {
            Read::Eof => return Ok(None),
            Read::Interrupted => {
                screen.line(&style.dim("(Ctrl-C cancels the line; Ctrl-D or /quit leaves.)"))?;
            }
            Read::Problem(p) => screen.line(&style.yellow(&p))?,
            Read::Line(line) => {
                let line = line.trim();
                match line {
                    "" => continue,
                    "/quit" | "/exit" | "/q" => return Ok(None),
                    "/help" => print_help(screen, style)?,
                    "/menu" | "/list" => screen.print(&menu::render(library, style))?,
                    _ => {
                        let typed = line.strip_prefix("/play").unwrap_or(line);
                        if let Some(id) = pick(screen, library, typed, style)? {
                            return Ok(Some(id));
                        }
                    }
                }
            }
        }
    }
}

fn print_help(screen: &Screen, style: Style) -> io::Result<()> {
    screen.line(&style.bold("Commands"))?;
    for (command, what) in COMMANDS {
        screen.line(&format!("  {command:<11} {what}"))?;
    }
    screen.line("Anything else you type is your reply.")
}

/// Starts the journal of `session` (unless `keep` is off) and says where it is.
fn start_journal(screen: &Screen, keep: bool, session: &Session, style: Style) -> io::Result<Option<JournalWriter>> {
    Ok(match live::start(keep, session) {
        Ok(Some(journal)) => {
            let where_ = journal.path().display().to_string();
            screen.line(&style.dim(&format!(
                "(Kept privately in {where_}, readable only by you; --no-journal keeps nothing.)"
            )))?;
            Some(journal)
        }
        Ok(None) => {
            screen.line(&style.dim("(Nothing from this session is kept: --no-journal.)"))?;
            None
        }
        Err(problem) => {
            screen.line(&style.yellow(&problem))?;
            None
        }
    })
}

/// Saves a reply to the journal before the next prompt; a failure is shown, not fatal.
fn record_turn(
    screen: &Screen,
    journal: &mut Option<JournalWriter>,
    partner: &str,
    turn: &crate::session::Turn,
    style: Style,
) -> io::Result<()> {
    if let Some(writer) = journal.as_mut() {
        if let Err(e) = writer.turn(partner, turn) {
            screen.line(&style.yellow(&live::write_problem(writer.path(), &e)))?;
        }
    }
    Ok(())
}

/// `/save [md|html|json]`: the transcript so far, into the data folder's `exports/`.
fn save(
    screen: &Screen,
    session: &Session,
    journal: Option<&JournalWriter>,
    started: &str,
    arg: &str,
    style: Style,
) -> io::Result<()> {
    let format = match arg.trim() {
        "" => Format::Md,
        name => match Format::from_name(name) {
            Some(format) => format,
            None => {
                return screen.line(&style.yellow(&format!(
                    "No format `{name}`: /save writes Markdown; /save html or /save json for the others."
                )));
            }
        },
    };
    if session.turns().is_empty() {
        return screen.line("Nothing to save yet: reply first, then /save writes the transcript.");
    }
    match live::save(session, journal, started, format) {
        Ok(path) => screen.line(&style.dim(&format!("(Saved {}, readable only by you.)", path.display()))),
        Err(e) => screen.line(&style.yellow(&format!(
            "Could not save the transcript: {e}. Check that the data folder is writable."
        ))),
    }
}

/// The session being played and its journal.
struct Playing<'a> {
    session: Session<'a>,
    journal: Option<JournalWriter>,
    started: String,
    /// Set when the session is one step of an exercise set.
    step: Option<SetStep<'a>>,
}

/// How a conversation's screen begins.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// The introduction, a new journal and the partner's first line.
    Fresh,
    /// The introduction and the transcript so far (`rehearse resume`).
    Resumed,
    /// Nothing: `/reload` has already said where the conversation stands.
    Reloaded,
    /// Nothing: the opening was shown before the scorer had loaded.
    Shown,
}

/// Plays one conversation until it ends and the person chooses what next. The
/// journal is closed however the conversation stops, even when the screen
/// can no longer be written to.
///
/// Each `/reload` hands back newly read content; the conversation goes on with
/// the same replies on it, in the same journal.
fn converse<'a>(
    source: &mut Source,
    screen: &mut Screen,
    scorer: &'a dyn ScorerRef,
    library: &'a Library,
    start: Start<'a>,
    style: Style,
    cli: &dyn Context,
) -> io::Result<After> {
    let (session, journal, opening, step) = match start {
        Start::Fresh(scenario, seed, from) => match Session::start_at(scenario, scorer, seed, from) {
            Ok(session) => (session, None, Opening::Fresh, None),
            Err(problem) => {
                screen.line(&style.yellow(&problem))?;
                return Ok(After::Menu);
            }
        },
        Start::Step(scenario, seed, step) => (Session::new(scenario, scorer, seed), None, Opening::Fresh, Some(step)),
        Start::Resumed(session, journal) => (*session, journal, Opening::Resumed, None),
        Start::Shown(session, journal, started) => {
            let playing = Playing {
                session: *session,
                journal,
                started,
                step: None,
            };
            return converse_playing(source, screen, scorer, library, playing, Opening::Shown, style, cli);
        }
    };
    let playing = Playing {
        session,
        journal,
        started: Clock::System.stamp(),
        step,
    };
    converse_playing(source, screen, scorer, library, playing, opening, style, cli)
}

/// [`converse`] from a session already started.
#[allow(clippy::too_many_arguments)]
fn converse_playing<'a>(
    source: &mut Source,
    screen: &mut Screen,
    scorer: &'a dyn ScorerRef,
    library: &'a Library,
    mut playing: Playing<'a>,
    opening: Opening,
    style: Style,
    cli: &dyn Context,
) -> io::Result<After> {
    let step = playing.step;
    let mut after = conversation(source, screen, scorer, library, &mut playing, opening, style, cli);
    let (seed, start) = (playing.session.seed(), playing.session.start().clone());
    let mut unfinished = !playing.session.is_finished() && !playing.session.turns().is_empty();
    let (mut journal, started) = (playing.journal.take(), playing.started);
    drop(playing.session);
    let mut held: Option<Box<Reloaded>> = None;
    while let Ok(After::Reload(next)) = after {
        let reloaded = held.insert(next);
        let session = match reloaded.session(seed, start.clone()) {
            Ok(session) => session,
            Err(problem) => {
                screen.line(&style.yellow(&problem))?;
                after = Ok(After::Menu);
                break;
            }
        };
        let mut playing = Playing {
            session,
            journal: journal.take(),
            started: started.clone(),
            step,
        };
        let (scorer, library) = (&reloaded.scorer, &reloaded.library);
        after = conversation(
            source,
            screen,
            scorer,
            library,
            &mut playing,
            Opening::Reloaded,
            style,
            cli,
        );
        unfinished = !playing.session.is_finished() && !playing.session.turns().is_empty();
        journal = playing.journal.take();
    }
    let id = journal.as_ref().map(|j| j.id().to_string());
    if let Some(problem) = live::close(journal) {
        screen.line(&style.yellow(&problem))?;
    }
    let after = after?;
    // Leaving in the middle (Ctrl-D, /quit, /menu): say how to come back, when
    // the journal holds replies to come back to.
    if let (true, Some(id)) = (unfinished, id) {
        screen.line(&style.dim(&format!(
            "(Unfinished, and kept: `rehearse resume {id}` carries on from here.)"
        )))?;
    }
    Ok(after)
}

/// What a conversation's screen begins with (see [`Opening`]); a fresh one
/// starts its journal (kept when `keep`).
fn show_opening(
    screen: &mut Screen,
    playing: &mut Playing,
    opening: Opening,
    style: Style,
    keep: bool,
) -> io::Result<()> {
    let scenario = playing.session.scenario();
    let seed = playing.session.seed();
    let start = playing.session.start().clone();
    if !matches!(opening, Opening::Reloaded | Opening::Shown) {
        screen.blank()?;
        if let Some(step) = playing.step {
            screen.line(&style.dim(&format!("Step {} of {} of the set", step.number, step.of)))?;
        }
        screen.print(&render::introduction(scenario, style))?;
        screen.line(&style.dim(&format!(
            "(seed {seed}: `rehearse play {} --seed {seed}{}` replays these lines)",
            scenario.id,
            start.as_options()
        )))?;
        if let Some(note) = render::start_note(&playing.session, style) {
            screen.line(&note)?;
        }
    }
    match opening {
        Opening::Reloaded | Opening::Shown => {}
        Opening::Resumed => {
            match &playing.journal {
                Some(j) => screen.line(&style.dim(&format!(
                    "(Resumed; still kept privately in {}, readable only by you.)",
                    j.path().display()
                )))?,
                None => screen.line(&style.dim("(Resumed; new replies are not being kept.)"))?,
            }
            screen.blank()?;
            let session = &playing.session;
            screen.print(&transcript::terminal(
                scenario,
                session.opening(),
                session.turns(),
                style,
            ))?;
        }
        Opening::Fresh => {
            playing.journal = start_journal(screen, keep, &playing.session, style)?;
            screen.blank()?;
            screen.line(&render::partner(scenario, &playing.session.opening().line, style))?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn conversation<'a>(
    source: &mut Source,
    screen: &mut Screen,
    scorer: &'a dyn ScorerRef,
    library: &'a Library,
    playing: &mut Playing<'a>,
    opening: Opening,
    style: Style,
    cli: &dyn Context,
) -> io::Result<After> {
    let keep = !cli.no_journal();
    let scenario = playing.session.scenario();
    let seed = playing.session.seed();
    let start = playing.session.start().clone();
    show_opening(screen, playing, opening, style, keep)?;
    loop {
        let session = &mut playing.session;
        let prompt = if session.is_finished() { "next> " } else { "you> " };
        let line = match read(source, screen, prompt) {
            Read::Eof => return Ok(After::Quit),
            Read::Interrupted => {
                screen.line(&style.dim("(Line cleared. /quit or Ctrl-D leaves; /help lists commands.)"))?;
                continue;
            }
            Read::Problem(p) => {
                screen.line(&style.yellow(&p))?;
                continue;
            }
            Read::Line(line) => line,
        };
        let trimmed = line.trim();
        if let Some(command) = trimmed.strip_prefix('/') {
            let (name, arg) = command.split_once(' ').unwrap_or((command, ""));
            match name {
                "help" | "h" | "?" => print_help(screen, style)?,
                "hint" => match session.coach_note() {
                    Some(note) => screen.line(&format!("{} {note}", style.cyan("coach:")))?,
                    None if session.is_finished() => {
                        screen.line("The conversation is over; /restart to try it again.")?
                    }
                    None => screen.line(&format!(
                        "{} Try one feeling, one specific moment and one request.",
                        style.cyan("coach:")
                    ))?,
                },
                "score" => match session.turns().last() {
                    Some(turn) => screen.print(&crate::render::scored_reply(&turn.reply, &turn.report, style))?,
                    None => screen.line("No reply yet: type one, then /score shows how it read.")?,
                },
                "undo" => {
                    let number = session.turns().len();
                    if session.undo() {
                        if let Some(writer) = playing.journal.as_mut() {
                            if let Err(e) = writer.undo(number) {
                                screen.line(&style.yellow(&live::write_problem(writer.path(), &e)))?;
                            }
                        }
                        screen.line(&style.dim("(Taken back.)"))?;
                        if let Some(current) = session.current() {
                            screen.line(&render::partner(scenario, &current.line, style))?;
                        }
                    } else {
                        screen.line("Nothing to take back yet.")?;
                    }
                }
                "restart" => {
                    playing.session = match Session::start_at(scenario, scorer, seed, start.clone()) {
                        Ok(session) => session,
                        Err(problem) => {
                            screen.line(&style.yellow(&problem))?;
                            continue;
                        }
                    };
                    screen.line(&style.dim("(From the top.)"))?;
                    if let Some(problem) = live::close(playing.journal.take()) {
                        screen.line(&style.yellow(&problem))?;
                    }
                    playing.journal = start_journal(screen, keep, &playing.session, style)?;
                    playing.started = Clock::System.stamp();
                    screen.line(&render::partner(scenario, &playing.session.opening().line, style))?;
                }
                "save" => save(screen, session, playing.journal.as_ref(), &playing.started, arg, style)?,
                "transcript" => screen.print(&transcript::terminal(
                    scenario,
                    session.opening(),
                    session.turns(),
                    style,
                ))?,
                "menu" | "list" => return Ok(After::Menu),
                "next" => match playing.step {
                    Some(SetStep { next: Some(_), .. }) => return Ok(After::Next),
                    Some(_) => screen.line("This is the last scenario of the set; /menu picks another, /quit leaves.")?,
                    None => screen.line("/next goes on to the next scenario of an exercise set (`rehearse play --set NAME`); /menu picks another.")?,
                },
                "reload" => {
                    let before = session.turns().len();
                    if let Some(reloaded) = reload::reload(cli, session, screen, style)? {
                        if let Some(writer) = playing.journal.as_mut() {
                            // Replies the edited scenario no longer takes are taken
                            // back, as /undo would: still in the journal, no longer counted.
                            for number in (reloaded.replies.len() + 1..=before).rev() {
                                if let Err(e) = writer.undo(number) {
                                    screen.line(&style.yellow(&live::write_problem(writer.path(), &e)))?;
                                    break;
                                }
                            }
                        }
                        return Ok(After::Reload(Box::new(reloaded)));
                    }
                }
                "play" => {
                    if let Some(id) = pick(screen, library, arg, style)? {
                        return Ok(After::Play(id));
                    }
                }
                "quit" | "exit" | "q" => return Ok(After::Quit),
                other => screen.line(&style.yellow(&format!("Unknown command /{other}. /help lists them.")))?,
            }
            continue;
        }
        if session.is_finished() {
            if !trimmed.is_empty() {
                screen.line(&ReplyError::Finished.to_string())?;
            }
            continue;
        }
        let partner = session.current().map(|l| l.line.clone()).unwrap_or_default();
        match session.reply(&line) {
            Ok(turn) => {
                record_turn(screen, &mut playing.journal, &partner, turn, style)?;
                screen.print(&render::turn(scenario, turn, style))?;
                if session.is_finished() {
                    screen.blank()?;
                    screen.print(&render::summary(session.turns(), &session.summary(), style))?;
                    screen.blank()?;
                    match playing.step {
                        Some(SetStep { next: Some(next), .. }) => {
                            screen.line(&format!("Next in the set: {}. Type /next to start it.", next.title))?;
                            screen.line(&style.dim(
                                "/restart to try again · /undo to change your last reply · /save for a transcript · /menu · /quit",
                            ))?;
                        }
                        Some(_) => {
                            screen.line("That was the last scenario of the set.")?;
                            screen.line(&style.dim(
                                "/restart to try again · /save for a transcript · /menu for another · /quit",
                            ))?;
                        }
                        None => screen.line(&style.dim(
                            "/restart to try again · /undo to change your last reply · /save for a transcript · /menu for another · /quit",
                        ))?,
                    }
                }
            }
            Err(err) => screen.line(&style.yellow(&err.to_string()))?,
        }
    }
}
