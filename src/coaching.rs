//! Which tip a reply gets, read against the whole game so far.
//!
//! A coach that repeats itself, or asks for what was just given, is ignored
//! (play-test 13: the same "e.g." three times in one game; "name the feeling" after
//! the feeling was named; "say sorry" after three apologies). So the tip is chosen
//! here, by the engine, from what this reply's scorers offer *and* what the game
//! has already shown and done: a tip whose skill the person already showed gives way
//! to the next tip, or to none; an example or `try:` frame already shown is not shown
//! again. Scores are never touched: only which advice is printed. The REPL, `play`,
//! transcripts and snapshots all read the choice from the [`Turn`] the session made.

use crate::render::{is_harmful, Examples, HARMFUL_SCORES};
use crate::score::{ScoreReport, APOLOGY_STARTED, PRESENT};
use crate::session::Turn;
use serde::{Deserialize, Serialize};

/// The advice printed under one reply: a tip, the `try:` frame built from the
/// reply's own words, and one of the scenario's example wordings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coaching {
    /// The skill the tip is about (`i_statement`, `blame`…).
    pub skill: String,
    pub tip: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
}

/// What the game has shown and done before this reply.
#[derive(Debug, Clone, Default)]
pub struct History<'a> {
    /// Each earlier reply's scores.
    reports: Vec<&'a ScoreReport>,
    /// The advice already printed, with the scores of the reply it was printed under.
    shown: Vec<(&'a ScoreReport, &'a Coaching)>,
}

/// The I-statement part a tip on `report` asks for: the first one missing, in the
/// order the tip names them; `None` when all three are there.
fn missing_part(report: &ScoreReport) -> Option<&'static str> {
    let parts = report.parts;
    if !parts.feeling {
        Some("feeling")
    } else if !parts.situation {
        Some("situation")
    } else if !parts.need {
        Some("need")
    } else {
        None
    }
}

impl<'a> History<'a> {
    /// The game so far: the turns before the reply being coached.
    pub fn of(turns: &'a [Turn]) -> History<'a> {
        History {
            reports: turns.iter().map(|t| &t.report).collect(),
            shown: turns
                .iter()
                .filter_map(|t| t.coaching.as_ref().map(|c| (&t.report, c)))
                .collect(),
        }
    }

    /// The best score `skill` reached in an earlier reply.
    fn best(&self, skill: &str) -> f64 {
        self.reports.iter().map(|r| r.get(skill)).fold(0.0, f64::max)
    }

    /// Whether this tip was shown before: the same words, or an I-statement tip
    /// asking for the same missing part (its wording may differ by a clause).
    fn tip_shown(&self, skill: &str, tip: &str, report: &ScoreReport) -> bool {
        self.shown.iter().any(|(earlier, c)| {
            c.tip == tip
                || (skill == "i_statement"
                    && c.skill == skill
                    && missing_part(earlier).is_some()
                    && missing_part(earlier) == missing_part(report))
        })
    }

    fn suggestion_shown(&self, suggestion: &str) -> bool {
        self.shown
            .iter()
            .any(|(_, c)| c.suggestion.as_deref() == Some(suggestion))
    }

    fn example_shown(&self, example: &str) -> bool {
        self.shown.iter().any(|(_, c)| c.example.as_deref() == Some(example))
    }

    /// Whether the person already did, earlier in this game, what the tip for
    /// `skill` on `report` asks for. An I-statement's tip asks for its first missing
    /// part (the feeling, then the moment, then the request), so "name the feeling"
    /// gives way once a feeling was named; an apology's asks for the next band (a
    /// started apology when there is none, a complete one when it is started); any
    /// other skill's asks for the skill itself. Harmful scores ask for nothing.
    fn already_did(&self, skill: &str, report: &ScoreReport) -> bool {
        if is_harmful(skill) {
            return false;
        }
        match skill {
            "i_statement" => match missing_part(report) {
                Some("feeling") => self.reports.iter().any(|r| r.parts.feeling),
                Some("situation") => self.reports.iter().any(|r| r.parts.situation),
                Some(_) => self.reports.iter().any(|r| r.parts.need),
                None => self.best(skill) >= PRESENT,
            },
            "apology" => {
                let asks = if report.get(skill) < APOLOGY_STARTED {
                    APOLOGY_STARTED
                } else {
                    PRESENT
                };
                self.best(skill) >= asks
            }
            _ => self.best(skill) >= PRESENT,
        }
    }
}

/// The skills whose tip could be shown for `report`, best first: a harmful score's
/// tip first; else, when nothing helped, the near misses (closest first), then the
/// I-statement's (how to build one). A reply that went well gets no lecture: the
/// "helped" line already says so.
fn candidates(report: &ScoreReport) -> Vec<String> {
    const NEAR_MISS: f64 = 0.15;
    let with_tip = |name: &str| report.tip_for(name).is_some_and(|t| !t.trim().is_empty());
    let mut out: Vec<String> = HARMFUL_SCORES
        .iter()
        .filter(|name| report.present(name) && with_tip(name))
        .map(|s| s.to_string())
        .collect();
    let anything_helped = report
        .skills()
        .any(|(name, score)| !is_harmful(name) && *score >= PRESENT);
    if !anything_helped {
        let mut near: Vec<(&String, f64)> = report
            .skills()
            .filter(|(name, score)| !is_harmful(name) && **score >= NEAR_MISS && **score < PRESENT)
            .filter(|(name, _)| with_tip(name))
            .map(|(name, score)| (name, *score))
            .collect();
        // Closest first; of equals the last in name order, as the one-tip choice
        // (`max_by`) always took.
        near.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| b.0.cmp(a.0)));
        out.extend(near.into_iter().map(|(name, _)| name.clone()));
        if with_tip("i_statement") {
            out.push("i_statement".to_string());
        }
    }
    let mut seen = Vec::new();
    out.retain(|name| {
        let fresh = !seen.contains(name);
        seen.push(name.clone());
        fresh
    });
    out
}

/// The advice for `report`, given what `history` already holds: the first candidate
/// tip that neither repeats a tip already shown nor asks for what the person already
/// did; with it, its `try:` frame unless that exact frame was shown, and the
/// scenario's first example for the skill not shown yet. `None` when every tip gave way.
pub fn choose(report: &ScoreReport, examples: &Examples, history: &History) -> Option<Coaching> {
    let skill = candidates(report).into_iter().find(|skill| {
        let tip = report.tip_for(skill).unwrap_or_default();
        !history.tip_shown(skill, tip, report) && !history.already_did(skill, report)
    })?;
    let tip = report.tip_for(&skill)?.to_string();
    let suggestion = report
        .suggestions
        .get(&skill)
        .filter(|s| !s.trim().is_empty() && !history.suggestion_shown(s))
        .cloned();
    let example = examples
        .get(&skill)
        .and_then(|all| all.iter().find(|e| !history.example_shown(e)))
        .cloned();
    Some(Coaching {
        skill,
        tip,
        suggestion,
        example,
    })
}
