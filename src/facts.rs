//! What has happened so far in a session, as numbers conditions and debriefs can read.
//!
//! A rule that only sees the current reply cannot tell "no" said for the first time
//! from an offer made after a no, and a debrief that only knows which ending was
//! reached will advise saying things the person already said. These facts carry the
//! conversation's history into the same condition language: `limit_stated == 1`,
//! `best_validation >= 0.5`, `said_feeling == 0`, `quiet_turns >= 3`.
//!
//! Every fact counts the reply being answered, so in a condition `best_boundary`
//! is never lower than `boundary`.

use crate::score::{ScoreReport, APOLOGY_STARTED, PRESENT};
use std::collections::BTreeMap;

/// 1 once any reply had a feeling of the speaker's own ("I was gutted").
pub const SAID_FEELING: &str = "said_feeling";
/// 1 once any reply named a specific moment ("when I got home at nine").
pub const SAID_SITUATION: &str = "said_situation";
/// 1 once any reply asked for something ("could we…", "I'd like…").
pub const SAID_NEED: &str = "said_need";
/// 1 once a reply has stated a clear limit (`boundary` ≥ 0.5).
pub const LIMIT_STATED: &str = "limit_stated";
/// How many replies in a row, ending with this one, had no signal at all.
pub const QUIET_TURNS: &str = "quiet_turns";
/// Prefix of "the highest this score has been so far": `best_validation`.
pub const BEST_PREFIX: &str = "best_";
/// Prefix of "the turn in which this score first reached 0.5, or 0": `first_apology`.
pub const FIRST_PREFIX: &str = "first_";

/// The facts that do not depend on the scorer's names.
pub const FIXED_NAMES: [&str; 5] = [SAID_FEELING, SAID_SITUATION, SAID_NEED, LIMIT_STATED, QUIET_TURNS];

/// The score whose presence means a limit has been stated.
const BOUNDARY: &str = "boundary";

/// Whether a reply said anything the scorers recognise, good or bad: a score at
/// 0.5 or more, an apology that has started, or one part of an I-statement. A run
/// of replies without any is a stall the partner should notice.
pub fn has_signal(report: &ScoreReport) -> bool {
    let parts = report.parts;
    parts.feeling
        || parts.situation
        || parts.need
        || report.scores.values().any(|s| *s >= PRESENT)
        || report.get("apology") >= APOLOGY_STARTED
}

/// The facts of one session after some number of replies.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    best: BTreeMap<String, f64>,
    first: BTreeMap<String, usize>,
    said_feeling: bool,
    said_situation: bool,
    said_need: bool,
    quiet_turns: usize,
}

impl Facts {
    /// Every fact name for a scorer producing `scores`, in the order docs list them.
    pub fn names(scores: &[String]) -> Vec<String> {
        let mut names: Vec<String> = FIXED_NAMES.iter().map(|n| n.to_string()).collect();
        names.extend(scores.iter().map(|s| format!("{BEST_PREFIX}{s}")));
        names.extend(scores.iter().map(|s| format!("{FIRST_PREFIX}{s}")));
        names
    }

    /// Adds the reply of turn `turn` (1-based).
    pub fn record(&mut self, turn: usize, report: &ScoreReport) {
        for (name, &score) in &report.scores {
            let best = self.best.entry(name.clone()).or_insert(0.0);
            if score > *best {
                *best = score;
            }
            if score >= PRESENT {
                self.first.entry(name.clone()).or_insert(turn);
            }
        }
        self.said_feeling |= report.parts.feeling;
        self.said_situation |= report.parts.situation;
        self.said_need |= report.parts.need;
        self.quiet_turns = if has_signal(report) { 0 } else { self.quiet_turns + 1 };
    }

    /// The facts after every report in `reports`, in order.
    pub fn of<'r>(reports: impl IntoIterator<Item = &'r ScoreReport>) -> Facts {
        let mut facts = Facts::default();
        for (i, report) in reports.into_iter().enumerate() {
            facts.record(i + 1, report);
        }
        facts
    }

    /// The highest `score` has been so far.
    pub fn best(&self, score: &str) -> f64 {
        self.best.get(score).copied().unwrap_or(0.0)
    }

    /// The turn in which `score` first reached 0.5.
    pub fn first(&self, score: &str) -> Option<usize> {
        self.first.get(score).copied()
    }

    pub fn limit_stated(&self) -> bool {
        self.best(BOUNDARY) >= PRESENT
    }

    pub fn quiet_turns(&self) -> usize {
        self.quiet_turns
    }

    /// Name and value of every fact, for conditions; `scores` are the scorer's names.
    pub fn values(&self, scores: &[String]) -> Vec<(String, f64)> {
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let mut values = vec![
            (SAID_FEELING.to_string(), flag(self.said_feeling)),
            (SAID_SITUATION.to_string(), flag(self.said_situation)),
            (SAID_NEED.to_string(), flag(self.said_need)),
            (LIMIT_STATED.to_string(), flag(self.limit_stated())),
            (QUIET_TURNS.to_string(), self.quiet_turns as f64),
        ];
        values.extend(scores.iter().map(|s| (format!("{BEST_PREFIX}{s}"), self.best(s))));
        values.extend(
            scores
                .iter()
                .map(|s| (format!("{FIRST_PREFIX}{s}"), self.first(s).map_or(0.0, |t| t as f64))),
        );
        values
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Parts;

    fn report(scores: &[(&str, f64)], parts: Parts) -> ScoreReport {
        ScoreReport {
            scores: scores.iter().map(|(n, s)| (n.to_string(), *s)).collect(),
            parts,
            ..ScoreReport::default()
        }
    }

    #[test]
    fn facts_remember_the_best_the_first_turn_and_the_parts() {
        let feeling = Parts {
            feeling: true,
            ..Parts::default()
        };
        let facts = Facts::of(&[
            report(&[("boundary", 0.2), ("validation", 0.6)], feeling),
            report(&[("boundary", 0.7), ("validation", 0.1)], Parts::default()),
            report(&[("boundary", 0.0), ("validation", 0.0)], Parts::default()),
        ]);
        assert_eq!(facts.best("validation"), 0.6);
        assert_eq!(facts.first("validation"), Some(1));
        assert_eq!(facts.first("boundary"), Some(2));
        assert!(facts.limit_stated());
        let names = vec!["boundary".to_string(), "validation".to_string()];
        let values: BTreeMap<String, f64> = facts.values(&names).into_iter().collect();
        assert_eq!(values[SAID_FEELING], 1.0);
        assert_eq!(values[SAID_NEED], 0.0);
        assert_eq!(values["first_boundary"], 2.0);
        assert_eq!(values[QUIET_TURNS], 1.0);
        assert_eq!(Facts::names(&names).len(), values.len());
    }

    #[test]
    fn a_reply_with_any_signal_ends_a_quiet_run() {
        let quiet = report(&[("blame", 0.1)], Parts::default());
        let apology_started = report(&[("apology", 0.3)], Parts::default());
        assert_eq!(
            Facts::of(&[quiet.clone(), quiet.clone(), quiet.clone()]).quiet_turns(),
            3
        );
        assert_eq!(Facts::of(&[quiet.clone(), apology_started]).quiet_turns(), 0);
    }
}
