//! `rehearse run`'s plain-text output: a short block per participant (how the
//! conversation ended, each turn with its scores and the rule that fired, the
//! averages), then a one-line tally. Meant for the facilitator's own screen, so
//! it does name people; the anonymous view is `rehearse report`.

use super::run::ParticipantResult;
use crate::session::PartnerLine;
use crate::style::Style;
use crate::testing::trace_line;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The line before the first participant.
pub fn heading(title: &str, id: &str, seed: u64, count: usize, style: Style) -> String {
    let people = if count == 1 {
        "1 participant".to_string()
    } else {
        format!("{count} participants")
    };
    format!("{}\n", style.bold(&format!("{title} ({id}), seed {seed}: {people}")))
}

/// `4 replies`
fn replies(n: usize) -> String {
    if n == 1 {
        "1 reply".to_string()
    } else {
        format!("{n} replies")
    }
}

/// One participant's block.
pub fn participant(result: &ParticipantResult, partner: &str, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out);
    let _ = writeln!(out, "{}  {}", style.bold(&result.participant), style.dim(&result.from));
    let count = replies(result.turns.len());
    match (&result.ending, &result.waiting) {
        (Some(_), _) => {
            let _ = writeln!(out, "  ended: {} after {count}", result.outcome());
        }
        (None, Some(PartnerLine { beat, line })) => {
            let _ = writeln!(
                out,
                "  {} after {count}: {partner} is waiting at `{beat}` for a reply to \"{line}\"",
                style.yellow("unfinished")
            );
        }
        (None, None) => {
            let _ = writeln!(out, "  {} after {count}", style.yellow("unfinished"));
        }
    }
    for played in &result.turns {
        let _ = writeln!(out, "  {}", trace_line(&played.turn));
    }
    if !result.averages.is_empty() {
        let averages: Vec<String> = result.averages.iter().map(|(k, v)| format!("{k} {v:.2}")).collect();
        let _ = writeln!(out, "  averages: {}", averages.join(" · "));
    }
    for note in &result.notes {
        let _ = writeln!(out, "  {} {note}", style.yellow("note:"));
    }
    if let Some(journal) = &result.journal {
        let _ = writeln!(out, "  journal: {journal}");
    }
    out
}

/// How many people ended where, counted as results go by.
#[derive(Debug, Default)]
pub struct Tally {
    total: usize,
    by_kind: BTreeMap<&'static str, usize>,
    unfinished: usize,
}

impl Tally {
    pub fn add(&mut self, result: &ParticipantResult) {
        self.total += 1;
        match &result.ending {
            Some(e) => *self.by_kind.entry(e.kind.as_str()).or_default() += 1,
            None => self.unfinished += 1,
        }
    }

    /// `6 participants: 3 good, 1 stuck, 1 escalated, 1 unfinished`
    pub fn line(&self) -> String {
        let mut parts: Vec<String> = ["good", "stuck", "escalated"]
            .iter()
            .filter_map(|k| self.by_kind.get(k).map(|n| format!("{n} {k}")))
            .collect();
        if self.unfinished > 0 {
            parts.push(format!("{} unfinished", self.unfinished));
        }
        let people = if self.total == 1 { "participant" } else { "participants" };
        format!("{} {people}: {}", self.total, parts.join(", "))
    }
}
