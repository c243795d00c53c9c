//! The interactive practice loop: a menu of scenarios, then a conversation with
//! feedback after each reply. It only displays what the [`Session`] produces.

mod helper;
mod menu;
mod source;

use crate::app::{self, Outcome};
use crate::cli::Cli;
use crate::journal::export::Format;
use crate::journal::{live, transcript, Clock, JournalWriter};
use crate::render;
use crate::scenario::{Library, Scenario};
use crate::score::RhaiScorer;
use crate::session::{ReplyError, Session};
use crate::style::Style;
use helper::{ReplHelper, COMMANDS};
use source::{Read, Source};

/// What the person chose to do when a conversation stopped.
enum After {
    Menu,
    Play(String),
    Quit,
}

/// How a conversation begins.
enum Start<'a> {
    /// A new session of this scenario, with this seed.
    Fresh(&'a Scenario, u64),
    /// A session rebuilt from its journal by `rehearse resume`.
    Resumed(Box<Session<'a>>, Option<JournalWriter>),
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
pub fn run(cli: &Cli) -> Outcome {
    let scorer = app::scorer(cli)?;
    let library = app::library(cli, &scorer)?;
    let style = Style::for_stdout();
    let keep = !cli.no_journal;
    let mut source = open_source(&library, keep);
    println!(
        "{}",
        style.bold("rehearse — practise a hard conversation before you have it.")
    );
    println!(
        "{}",
        style.dim("Everything stays on this computer. /help lists commands; Ctrl-D leaves.")
    );
    println!();
    if library.scenarios.is_empty() {
        return Err(app::Failure::new(format!(
            "no playable scenarios in {}; `rehearse check` lists what is wrong",
            library.origin
        )));
    }
    menu_loop(&mut source, &scorer, &library, style, None, keep)
}

/// `rehearse play ID` on a terminal: straight into one scenario, then the menu.
pub fn play_one(cli: &Cli, scorer: &RhaiScorer, library: &Library, scenario: &Scenario, seed: u64) -> Outcome {
    one_then_menu(cli, scorer, library, Start::Fresh(scenario, seed))
}

/// `rehearse resume` on a terminal: the rebuilt session, then the menu.
pub fn resume_one<'a>(
    cli: &Cli,
    scorer: &'a RhaiScorer,
    library: &'a Library,
    session: Session<'a>,
    journal: Option<JournalWriter>,
) -> Outcome {
    one_then_menu(cli, scorer, library, Start::Resumed(Box::new(session), journal))
}

fn one_then_menu<'a>(cli: &Cli, scorer: &'a RhaiScorer, library: &'a Library, start: Start<'a>) -> Outcome {
    let style = Style::for_stdout();
    let keep = !cli.no_journal;
    let mut source = open_source(library, keep);
    match converse(&mut source, scorer, library, start, style, keep) {
        After::Quit => Ok(()),
        After::Menu => menu_loop(&mut source, scorer, library, style, None, keep),
        After::Play(id) => menu_loop(&mut source, scorer, library, style, Some(id), keep),
    }
}

fn menu_loop(
    source: &mut Source,
    scorer: &RhaiScorer,
    library: &Library,
    style: Style,
    mut chosen: Option<String>,
    keep: bool,
) -> Outcome {
    loop {
        let choice = match chosen.take() {
            Some(choice) => choice,
            None => {
                print!("{}", menu::render(library, style));
                match read_choice(source, library, style) {
                    Some(choice) => choice,
                    None => {
                        println!("Take care.");
                        return Ok(());
                    }
                }
            }
        };
        let Some(scenario) = library.find(&choice) else {
            println!(
                "{}",
                style.yellow(&format!("No scenario `{choice}`. Type its number or id."))
            );
            continue;
        };
        let seed: u64 = rand::random::<u32>() as u64;
        match converse(source, scorer, library, Start::Fresh(scenario, seed), style, keep) {
            After::Quit => {
                println!("Take care.");
                return Ok(());
            }
            After::Menu => continue,
            After::Play(id) => chosen = Some(id),
        }
    }
}

/// Reads a menu choice; `None` means leave.
fn read_choice(source: &mut Source, library: &Library, style: Style) -> Option<String> {
    loop {
        match source.read("choose> ") {
            Read::Eof => return None,
            Read::Interrupted => {
                println!("{}", style.dim("(Ctrl-C cancels the line; Ctrl-D or /quit leaves.)"));
            }
            Read::Problem(p) => println!("{}", style.yellow(&p)),
            Read::Line(line) => {
                let line = line.trim();
                match line {
                    "" => continue,
                    "/quit" | "/exit" | "/q" => return None,
                    "/help" => print_help(style),
                    "/menu" | "/list" => print!("{}", menu::render(library, style)),
                    _ => {
                        let choice = line.strip_prefix("/play").unwrap_or(line).trim();
                        if library.find(choice).is_some() {
                            return Some(choice.to_string());
                        }
                        println!(
                            "{}",
                            style.yellow(&format!(
                                "No scenario `{choice}`. Type a number from the list, or an id."
                            ))
                        );
                    }
                }
            }
        }
    }
}

fn print_help(style: Style) {
    println!("{}", style.bold("Commands"));
    for (command, what) in COMMANDS {
        println!("  {command:<11} {what}");
    }
    println!("Anything else you type is your reply.");
}

/// Starts the journal of `session` (unless `keep` is off) and says where it is.
fn start_journal(keep: bool, session: &Session, style: Style) -> Option<JournalWriter> {
    match live::start(keep, session) {
        Ok(Some(journal)) => {
            let where_ = journal.path().display().to_string();
            println!(
                "{}",
                style.dim(&format!(
                    "(Kept privately in {where_}, readable only by you; --no-journal keeps nothing.)"
                ))
            );
            Some(journal)
        }
        Ok(None) => {
            println!("{}", style.dim("(Nothing from this session is kept: --no-journal.)"));
            None
        }
        Err(problem) => {
            println!("{}", style.yellow(&problem));
            None
        }
    }
}

/// Saves a reply to the journal before the next prompt; a failure is shown, not fatal.
fn record_turn(journal: &mut Option<JournalWriter>, partner: &str, turn: &crate::session::Turn, style: Style) {
    if let Some(writer) = journal.as_mut() {
        if let Err(e) = writer.turn(partner, turn) {
            println!("{}", style.yellow(&live::write_problem(writer.path(), &e)));
        }
    }
}

/// `/save [md|html|json]`: the transcript so far, into the data folder's `exports/`.
fn save(session: &Session, journal: Option<&JournalWriter>, started: &str, arg: &str, style: Style) {
    let format = match arg.trim() {
        "" => Format::Md,
        name => match Format::from_name(name) {
            Some(format) => format,
            None => {
                println!(
                    "{}",
                    style.yellow(&format!(
                        "No format `{name}`: /save writes Markdown; /save html or /save json for the others."
                    ))
                );
                return;
            }
        },
    };
    if session.turns().is_empty() {
        println!("Nothing to save yet: reply first, then /save writes the transcript.");
        return;
    }
    match live::save(session, journal, started, format) {
        Ok(path) => println!(
            "{}",
            style.dim(&format!("(Saved {}, readable only by you.)", path.display()))
        ),
        Err(e) => println!(
            "{}",
            style.yellow(&format!(
                "Could not save the transcript: {e}. Check that the data folder is writable."
            ))
        ),
    }
}

/// Plays one conversation until it ends and the person chooses what next.
fn converse<'a>(
    source: &mut Source,
    scorer: &'a RhaiScorer,
    library: &'a Library,
    start: Start<'a>,
    style: Style,
    keep: bool,
) -> After {
    let resumed = matches!(start, Start::Resumed(..));
    let (mut session, mut journal) = match start {
        Start::Fresh(scenario, seed) => (Session::new(scenario, scorer, seed), None),
        Start::Resumed(session, journal) => (*session, journal),
    };
    let scenario = session.scenario();
    let seed = session.seed();
    let mut started = Clock::System.stamp();
    println!();
    print!("{}", render::introduction(scenario, style));
    println!(
        "{}",
        style.dim(&format!(
            "(seed {seed}: `rehearse play {} --seed {seed}` replays these lines)",
            scenario.id
        ))
    );
    if resumed {
        match &journal {
            Some(j) => println!(
                "{}",
                style.dim(&format!(
                    "(Resumed; still kept privately in {}, readable only by you.)",
                    j.path().display()
                ))
            ),
            None => println!("{}", style.dim("(Resumed; new replies are not being kept.)")),
        }
        println!();
        print!(
            "{}",
            transcript::terminal(scenario, session.opening(), session.turns(), style)
        );
    } else {
        journal = start_journal(keep, &session, style);
        println!();
        println!("{}", render::partner(scenario, &session.opening().line, style));
    }
    let after = loop {
        let prompt = if session.is_finished() { "next> " } else { "you> " };
        let line = match source.read(prompt) {
            Read::Eof => break After::Quit,
            Read::Interrupted => {
                println!(
                    "{}",
                    style.dim("(Line cleared. /quit or Ctrl-D leaves; /help lists commands.)")
                );
                continue;
            }
            Read::Problem(p) => {
                println!("{}", style.yellow(&p));
                continue;
            }
            Read::Line(line) => line,
        };
        let trimmed = line.trim();
        if let Some(command) = trimmed.strip_prefix('/') {
            let (name, arg) = command.split_once(' ').unwrap_or((command, ""));
            match name {
                "help" | "h" | "?" => print_help(style),
                "hint" => match session.coach_note() {
                    Some(note) => println!("{} {note}", style.cyan("coach:")),
                    None if session.is_finished() => println!("The conversation is over; /restart to try it again."),
                    None => println!(
                        "{} Try one feeling, one specific moment and one request.",
                        style.cyan("coach:")
                    ),
                },
                "score" => match session.turns().last() {
                    Some(turn) => print!("{}", crate::commands::score::human(&turn.reply, &turn.report, style)),
                    None => println!("No reply yet: type one, then /score shows how it read."),
                },
                "undo" => {
                    let number = session.turns().len();
                    if session.undo() {
                        if let Some(writer) = journal.as_mut() {
                            if let Err(e) = writer.undo(number) {
                                println!("{}", style.yellow(&live::write_problem(writer.path(), &e)));
                            }
                        }
                        println!("{}", style.dim("(Taken back.)"));
                        if let Some(current) = session.current() {
                            println!("{}", render::partner(scenario, &current.line, style));
                        }
                    } else {
                        println!("Nothing to take back yet.");
                    }
                }
                "restart" => {
                    session = Session::new(scenario, scorer, seed);
                    println!("{}", style.dim("(From the top.)"));
                    if let Some(problem) = live::close(journal.take()) {
                        println!("{}", style.yellow(&problem));
                    }
                    journal = start_journal(keep, &session, style);
                    started = Clock::System.stamp();
                    println!("{}", render::partner(scenario, &session.opening().line, style));
                }
                "save" => save(&session, journal.as_ref(), &started, arg, style),
                "transcript" => print!(
                    "{}",
                    transcript::terminal(scenario, session.opening(), session.turns(), style)
                ),
                "menu" | "list" => break After::Menu,
                "play" if library.find(arg).is_some() => break After::Play(arg.trim().to_string()),
                "play" => println!(
                    "{}",
                    style.yellow(&format!("No scenario `{}`; /menu shows the list.", arg.trim()))
                ),
                "quit" | "exit" | "q" => break After::Quit,
                other => println!(
                    "{}",
                    style.yellow(&format!("Unknown command /{other}. /help lists them."))
                ),
            }
            continue;
        }
        if session.is_finished() {
            if !trimmed.is_empty() {
                println!("{}", ReplyError::Finished);
            }
            continue;
        }
        let partner = session.current().map(|l| l.line.clone()).unwrap_or_default();
        match session.reply(&line) {
            Ok(turn) => {
                record_turn(&mut journal, &partner, turn, style);
                print!("{}", render::turn(scenario, turn, style));
                if session.is_finished() {
                    println!();
                    print!("{}", render::summary(session.turns(), &session.summary(), style));
                    println!();
                    println!(
                        "{}",
                        style.dim("/restart to try again · /undo to change your last reply · /save for a transcript · /menu for another · /quit")
                    );
                }
            }
            Err(err) => println!("{}", style.yellow(&err.to_string())),
        }
    };
    if let Some(problem) = live::close(journal) {
        println!("{}", style.yellow(&problem));
    }
    after
}
