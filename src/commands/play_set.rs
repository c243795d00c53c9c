//! `rehearse play --set NAME`: an exercise set's scenarios, in order. On a
//! terminal, each ending offers the next scenario (`/next`); with piped input,
//! one reply per line, and the lines after an ending answer the next scenario.

use crate::commands::play::{continue_lines, AtEnding};
use crate::exercise_set::ExerciseSet;
use crate::input::{InputLine, Lines};
use crate::journal::live;
use crate::load;
use crate::load::Context;
use crate::outcome::{self, Failure, Outcome};
use crate::render;
use crate::scenario::{Library, Scenario};
use crate::score::RhaiScorer;
use crate::session::Session;
use crate::style::Style;
use std::io::{IsTerminal, Write};

pub fn run(cli: &dyn Context, scorer: &RhaiScorer, library: &Library, name: &str, seed: u64) -> Outcome {
    let sets = load::sets(cli, library)?;
    let set = sets.find(name).map_err(Failure::new)?;
    let scenarios = steps(set, library)?;
    if std::io::stdin().is_terminal() {
        load::warm_up_in_background(scorer);
        return crate::repl::play_set(cli, scorer, library, set, &scenarios, seed);
    }
    let mut out = std::io::stdout().lock();
    play_set_lines(
        set,
        &scenarios,
        scorer,
        seed,
        !cli.no_journal(),
        Lines::new(std::io::stdin().lock()),
        &mut out,
    )?;
    Ok(())
}

/// The set's scenarios, all found before anything is played, so a set is never
/// stopped halfway by a scenario that cannot load.
fn steps<'a>(set: &ExerciseSet, library: &'a Library) -> Result<Vec<&'a Scenario>, Failure> {
    set.steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            crate::load::playable(library, &step.id).map_err(|failure| {
                Failure::new(format!(
                    "step {} of the set `{}` ({}:{}) cannot be played: {}",
                    i + 1,
                    set.name,
                    set.source,
                    step.line,
                    failure.message
                ))
            })
        })
        .collect()
}

/// Plays the set from piped `lines`: each scenario takes replies until its
/// ending, then the next one starts with the following line. Each scenario has
/// its own journal, as if played alone. When the replies run out (or `/quit`)
/// before a scenario ends, the set stops there and says what was not played.
pub fn play_set_lines<I: Iterator<Item = InputLine>, W: Write>(
    set: &ExerciseSet,
    scenarios: &[&Scenario],
    scorer: &RhaiScorer,
    seed: u64,
    keep: bool,
    mut lines: I,
    out: &mut W,
) -> std::io::Result<()> {
    let style = Style::PLAIN;
    writeln!(out, "{} — {}", set.title, count(scenarios.len()))?;
    for (i, scenario) in scenarios.iter().enumerate() {
        let last = i + 1 == scenarios.len();
        writeln!(out)?;
        writeln!(out, "== Step {} of {}: {} ==", i + 1, scenarios.len(), scenario.title)?;
        writeln!(out)?;
        let mut session = Session::new(scenario, scorer, seed);
        let mut journal = live::start(keep, &session).unwrap_or_else(|problem| {
            outcome::warn(format!("warning: {problem}"));
            None
        });
        write!(out, "{}", render::introduction(scenario, style))?;
        writeln!(out)?;
        writeln!(out, "{}", render::partner(scenario, &session.opening().line, style))?;
        let at_ending = if last { AtEnding::CountTheRest } else { AtEnding::Stop };
        let played = continue_lines(&mut session, lines.by_ref(), out, style, journal.as_mut(), at_ending);
        if let Some(problem) = live::close(journal) {
            outcome::warn(format!("warning: {problem}"));
        }
        played?;
        if !session.is_finished() {
            let rest = scenarios.len() - i - 1;
            if rest > 0 {
                writeln!(
                    out,
                    "(The set stops here; {} not played: `rehearse play --set {}` starts it again.)",
                    if rest == 1 {
                        "1 more scenario was".to_string()
                    } else {
                        format!("{rest} more scenarios were")
                    },
                    set.name
                )?;
            }
            return Ok(());
        }
    }
    writeln!(out)?;
    writeln!(out, "That was the whole set: {}.", count(scenarios.len()))?;
    Ok(())
}

/// `3 scenarios`
fn count(n: usize) -> String {
    if n == 1 {
        "1 scenario".to_string()
    } else {
        format!("{n} scenarios")
    }
}
