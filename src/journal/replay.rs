//! Rebuilding a session from its journal for `resume`: the journaled replies are
//! replayed through the engine with the journal's seed, and each replayed turn is
//! checked against the journaled one. A difference means the scenario or the
//! scorer scripts changed since; the person is told what differed first.
//!
//! Numbers are compared with a tolerance: JSON keeps a score like
//! 0.44999999999999996 only to within one unit in the last place (serde_json's
//! fast float reading), and that is no reason to tell someone their scenario
//! changed.
//!
//! A journal with lost turns (damaged lines, [`Record::missing`]) is rebuilt from
//! the replies that remain, in order: what was said in a lost turn is gone, so
//! the conversation is replayed as if it had not been said. That is reported as
//! such (not as a changed scenario), and turns from the first lost one on are
//! not compared, since the partner may now answer them differently.

use super::record::Record;
use crate::scenario::Scenario;
use crate::session::{Next, ScorerRef, Session, Turn};

/// A session rebuilt from a journal.
#[derive(Debug)]
pub struct Replayed<'a> {
    pub session: Session<'a>,
    /// What differed first between the replay and the journal, if anything.
    pub changed: Option<String>,
    /// Set when turns were lost from the journal: what that means for the replay.
    pub lost: Option<String>,
    /// How much higher the journal numbers turns than the rebuilt session does
    /// (the number of turns lost before the last one); new turns are journaled
    /// with this added so they follow on from the journal's.
    pub number_offset: usize,
}

/// Replays `record`'s replies on `scenario` with its seed. Fails when the replay
/// cannot reach the same point (a reply refused, or the conversation ending early).
pub fn replay<'a>(record: &Record, scenario: &'a Scenario, scorer: &'a dyn ScorerRef) -> Result<Replayed<'a>, String> {
    let header = &record.header;
    let mut session = Session::start_at(scenario, scorer, header.seed, header.start.clone()).map_err(|problem| {
        format!(
            "the session began at a place the scenario no longer has ({problem}); `rehearse play {}` starts it afresh",
            header.scenario.id
        )
    })?;
    let mut changed = None;
    if session.opening() != &header.opening {
        changed = Some(format!(
            "the opening line is now `{}` (the journal has `{}`)",
            session.opening().beat,
            header.opening.beat
        ));
    }
    let play_again = format!(
        "`rehearse play {} --seed {}{}` starts it afresh",
        header.scenario.id,
        header.seed,
        header.start.as_options()
    );
    let first_lost = record.missing.iter().min().copied();
    for entry in &record.entries {
        let number = entry.turn.number;
        let after_a_loss = first_lost.is_some_and(|lost| number > lost);
        if let Some(ending) = session.ending() {
            return Err(format!(
                "with the scenario as it is now, the conversation already ends before turn {number} (at `{}`), so the session cannot go on from where it stopped; {play_again}",
                ending.ending
            ));
        }
        let turn = session
            .reply(&entry.turn.reply)
            .map_err(|e| format!("turn {number} cannot be replayed ({e}); {play_again}"))?;
        if changed.is_none() && !after_a_loss {
            changed = difference(number, &entry.turn, turn, record.repaired.contains(&number));
        }
    }
    let lost = (!record.missing.is_empty()).then(|| {
        let numbers: Vec<String> = record.missing.iter().map(usize::to_string).collect();
        let which = if numbers.len() == 1 { "turn" } else { "turns" };
        format!(
            "{which} {} could not be read from the journal (damaged lines), so the session was rebuilt from the {} replies that remain, as if the lost ones had not been said; from there the partner may answer differently than before",
            numbers.join(", "),
            record.entries.len()
        )
    });
    let journaled = record.entries.last().map_or(0, |e| e.turn.number);
    Ok(Replayed {
        session,
        changed,
        lost,
        number_offset: journaled.saturating_sub(record.entries.len()),
    })
}

/// The first way `now` differs from `journaled`, in words; warnings are ignored
/// (they name file paths, which depend on where rehearse runs). Numbers count as
/// equal within a rounding error (see the module note). A `repaired` turn lost
/// some numbers on reading (they were `null`), so only where it went is compared.
fn difference(number: usize, journaled: &Turn, now: &Turn, repaired: bool) -> Option<String> {
    if journaled.beat != now.beat {
        return Some(format!(
            "turn {number} now answers `{}` (the journal has `{}`)",
            now.beat, journaled.beat
        ));
    }
    if repaired {
        return (target(&journaled.next) != target(&now.next)).then(|| {
            format!(
                "turn {number} now leads to `{}` (the journal has `{}`)",
                target(&now.next),
                target(&journaled.next)
            )
        });
    }
    for (name, before) in &journaled.report.scores {
        let after = now.report.scores.get(name);
        if !after.is_some_and(|after| close(*after, *before)) {
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
    if !same(&journaled.next, &now.next) {
        return Some(format!("turn {number} is now answered with a different line"));
    }
    if !same(&journaled.state, &now.state) || !same(&journaled.changes, &now.changes) {
        return Some(format!("turn {number} now moves the dials differently"));
    }
    if !same(&journaled.report, &now.report) || journaled.reply != now.reply {
        return Some(format!("turn {number} now gets different feedback"));
    }
    None
}

/// Whether two numbers are equal but for rounding (a few units in the last
/// place); two non-numbers (NaN) are equal too, as both were stored as `null`.
fn close(a: f64, b: f64) -> bool {
    if a.is_nan() || b.is_nan() {
        return a.is_nan() && b.is_nan();
    }
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Whether `a` and `b` are the same once written as JSON, numbers compared with [`close`].
fn same<T: serde::Serialize>(a: &T, b: &T) -> bool {
    match (serde_json::to_value(a), serde_json::to_value(b)) {
        (Ok(a), Ok(b)) => same_value(&a, &b),
        _ => false,
    }
}

fn same_value(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => close(x, y),
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_value(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => a == b,
    }
}

fn target(next: &Next) -> &str {
    match next {
        Next::Beat(line) => &line.beat,
        Next::Ending(ending) => &ending.ending,
    }
}
