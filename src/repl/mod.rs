//! The interactive practice loop: a menu of scenarios, then a conversation with
//! feedback after each reply. It only displays what the [`Session`] produces.

mod helper;
mod menu;
mod source;

use crate::app::{self, Outcome};
use crate::cli::Cli;
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

fn history_file() -> Option<std::path::PathBuf> {
    crate::data_dir::ensure().ok().map(|dir| dir.join("history.txt"))
}

fn open_source(library: &Library) -> Source {
    let mut source = Source::open(ReplHelper::default(), history_file());
    source.set_scenario_ids(library.ids());
    source
}

/// `rehearse` with no command: the menu.
pub fn run(cli: &Cli) -> Outcome {
    let scorer = app::scorer(cli)?;
    let library = app::library(cli, &scorer)?;
    let style = Style::for_stdout();
    let mut source = open_source(&library);
    println!("{}", style.bold("rehearse — practise a hard conversation before you have it."));
    println!("{}", style.dim("Everything stays on this computer. /help lists commands; Ctrl-D leaves."));
    println!();
    if library.scenarios.is_empty() {
        return Err(app::Failure::new(format!(
            "no playable scenarios in {}; `rehearse check` lists what is wrong",
            library.origin
        )));
    }
    menu_loop(&mut source, &scorer, &library, style, None)
}

/// `rehearse play ID` on a terminal: straight into one scenario, then the menu.
pub fn play_one(_cli: &Cli, scorer: &RhaiScorer, library: &Library, scenario: &Scenario, seed: u64) -> Outcome {
    let style = Style::for_stdout();
    let mut source = open_source(library);
    match converse(&mut source, scorer, library, scenario, seed, style) {
        After::Quit => Ok(()),
        After::Menu => menu_loop(&mut source, scorer, library, style, None),
        After::Play(id) => menu_loop(&mut source, scorer, library, style, Some(id)),
    }
}

fn menu_loop(source: &mut Source, scorer: &RhaiScorer, library: &Library, style: Style, mut chosen: Option<String>) -> Outcome {
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
            println!("{}", style.yellow(&format!("No scenario `{choice}`. Type its number or id.")));
            continue;
        };
        let seed: u64 = rand::random::<u32>() as u64;
        match converse(source, scorer, library, scenario, seed, style) {
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
                        println!("{}", style.yellow(&format!("No scenario `{choice}`. Type a number from the list, or an id.")));
                    }
                }
            }
        }
    }
}

fn print_help(style: Style) {
    println!("{}", style.bold("Commands"));
    for (command, what) in COMMANDS {
        println!("  {command:<9} {what}");
    }
    println!("Anything else you type is your reply.");
}

/// Plays one conversation until it ends and the person chooses what next.
fn converse(source: &mut Source, scorer: &RhaiScorer, library: &Library, scenario: &Scenario, seed: u64, style: Style) -> After {
    let mut session = Session::new(scenario, scorer, seed);
    println!();
    print!("{}", render::introduction(scenario, style));
    println!("{}", style.dim(&format!("(seed {seed}: `rehearse play {} --seed {seed}` replays these lines)", scenario.id)));
    println!();
    println!("{}", render::partner(scenario, &session.opening().line, style));
    loop {
        let prompt = if session.is_finished() { "next> " } else { "you> " };
        let line = match source.read(prompt) {
            Read::Eof => return After::Quit,
            Read::Interrupted => {
                println!("{}", style.dim("(Line cleared. /quit or Ctrl-D leaves; /help lists commands.)"));
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
                    None => println!("{} Try one feeling, one specific moment and one request.", style.cyan("coach:")),
                },
                "score" => match session.turns().last() {
                    Some(turn) => print!("{}", crate::commands::score::human(&turn.reply, &turn.report, style)),
                    None => println!("No reply yet: type one, then /score shows how it read."),
                },
                "undo" => {
                    if session.undo() {
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
                    println!("{}", render::partner(scenario, &session.opening().line, style));
                }
                "menu" | "list" => return After::Menu,
                "play" if library.find(arg).is_some() => return After::Play(arg.trim().to_string()),
                "play" => println!("{}", style.yellow(&format!("No scenario `{}`; /menu shows the list.", arg.trim()))),
                "quit" | "exit" | "q" => return After::Quit,
                other => println!("{}", style.yellow(&format!("Unknown command /{other}. /help lists them."))),
            }
            continue;
        }
        if session.is_finished() {
            if !trimmed.is_empty() {
                println!("{}", ReplyError::Finished);
            }
            continue;
        }
        match session.reply(&line) {
            Ok(turn) => {
                print!("{}", render::turn(scenario, turn, style));
                if session.is_finished() {
                    println!();
                    print!("{}", render::summary(session.turns(), &session.summary(), style));
                    println!();
                    println!("{}", style.dim("/restart to try again · /undo to change your last reply · /menu for another · /quit"));
                }
            }
            Err(err) => println!("{}", style.yellow(&err.to_string())),
        }
    }
}
