//! Rebuilding a session from its journal for `resume`: the journaled replies are
//! replayed through the engine with the journal's seed, and each replayed turn is
//! checked against the journaled one. A difference means the scenario or the
//! scorer scripts changed since; the person is told what differed first.

use super::record::Record;
use crate::scenario::Scenario;
use crate::session::{Next, ScorerRef, Session, Turn};

/// A session rebuilt from a journal.
#[derive(Debug)]
pub struct Replayed<'a> {
    pub session: Session<'a>,
    /// What differed first between the replay and the journal, if anything.
    pub changed: Option<String>,
}

/// Replays `record`'s replies on `scenario` with its seed. Fails when the replay
/// cannot reach the same point (a reply refused, or the conversation ending early).
pub fn replay<'a>(record: &Record, scenario: &'a Scenario, scorer: &'a dyn ScorerRef) -> Result<Replayed<'a>, String> {
    let header = &record.header;
    let mut session = Session::new(scenario, scorer, header.seed);
    let mut changed = None;
    if session.opening() != &header.opening {
        changed = Some(format!(
            "the opening line is now `{}` (the journal has `{}`)",
            session.opening().beat,
            header.opening.beat
        ));
    }
    let play_again = format!(
        "`rehearse play {} --seed {}` starts it afresh",
        header.scenario.id, header.seed
    );
    for entry in &record.entries {
        let number = entry.turn.number;
        if let Some(ending) = session.ending() {
            return Err(format!(
                "with the scenario as it is now, the conversation already ends before turn {number} (at `{}`), so the session cannot go on from where it stopped; {play_again}",
                ending.ending
            ));
        }
        let turn = session
            .reply(&entry.turn.reply)
            .map_err(|e| format!("turn {number} cannot be replayed ({e}); {play_again}"))?;
        if changed.is_none() {
            changed = difference(number, &entry.turn, turn);
        }
    }
    Ok(Replayed { session, changed })
}

/// The first way `now` differs from `journaled`, in words; warnings are ignored
/// (they name file paths, which depend on where rehearse runs).
fn difference(number: usize, journaled: &Turn, now: &Turn) -> Option<String> {
    if journaled.beat != now.beat {
        return Some(format!(
            "turn {number} now answers `{}` (the journal has `{}`)",
            now.beat, journaled.beat
        ));
    }
    for (name, before) in &journaled.report.scores {
        let after = now.report.scores.get(name);
        if after != Some(before) {
            let after = after.map_or("no score".to_string(), |a| format!("{a:.2}"));
            return Some(format!(
                "turn {number} now scores {name} {after} (the journal has {before:.2})"
            ));
        }
    }
    if now.report.scores.len() != journaled.report.scores.len() {
        return Some(format!("turn {number} is now scored on other skills"));
    }
    if journaled.rule != now.rule {
        return Some(format!(
            "turn {number} now fires rule {} of `{}` (the journal has rule {})",
            now.rule.number, now.beat, journaled.rule.number
        ));
    }
    if target(&journaled.next) != target(&now.next) {
        return Some(format!(
            "turn {number} now leads to `{}` (the journal has `{}`)",
            target(&now.next),
            target(&journaled.next)
        ));
    }
    if journaled.next != now.next {
        return Some(format!("turn {number} is now answered with a different line"));
    }
    if journaled.state != now.state || journaled.changes != now.changes {
        return Some(format!("turn {number} now moves the dials differently"));
    }
    if journaled.report != now.report || journaled.reply != now.reply {
        return Some(format!("turn {number} now gets different feedback"));
    }
    None
}

fn target(next: &Next) -> &str {
    match next {
        Next::Beat(line) => &line.beat,
        Next::Ending(ending) => &ending.ending,
    }
}
