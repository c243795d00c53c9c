//! What scoring one reply produces: a number per skill and the words that explain it.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The threshold at which a score means "the skill is present".
pub const PRESENT: f64 = 0.5;

/// The band where an apology has started: the speaker apologises for something they
/// name ("I apologise for my error", "I'm sorry I hung up on you"), but has not yet
/// said what it did to the other person or what they will do. Scenario conditions
/// use `apology >= 0.3` for "started" and `apology >= 0.5` for a complete apology.
pub const APOLOGY_STARTED: f64 = 0.3;

/// The band where an I-statement has started: two of its three parts (feeling, moment,
/// request), or all three said far apart, score 0.4, a start a listener can hear
/// (docs/scoring.md, "Round 19a"). The session table counts these apart.
pub const I_STATEMENT_STARTED: f64 = 0.4;

/// One span of the reply that a scorer matched, so feedback can quote it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// The score this match belongs to (`blame`, `apology`…).
    pub score: String,
    /// The family of pattern that matched (`absolute`, `pseudo_feeling`…).
    pub rule: String,
    /// Byte offsets into the reply.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Which parts of an I-statement a reply contains.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parts {
    pub feeling: bool,
    pub situation: bool,
    pub need: bool,
}

/// A tip from one scorer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tip {
    pub score: String,
    pub text: String,
}

/// A scorer that failed on this reply; the other scores still stand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreError {
    pub score: String,
    pub message: String,
}

/// Everything the scorers said about one reply.
///
/// `Deserialize` is for journals: everything but the scores may be missing in an
/// old journal, so new fields need `#[serde(default)]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoreReport {
    /// Score name → 0..=1, in name order.
    pub scores: BTreeMap<String, f64>,
    /// Matches in reply order.
    #[serde(default)]
    pub matches: Vec<Match>,
    #[serde(default)]
    pub parts: Parts,
    #[serde(default)]
    pub tips: Vec<Tip>,
    /// Rewrite frames built from the reply, by score name.
    #[serde(default)]
    pub suggestions: BTreeMap<String, String>,
    #[serde(default)]
    pub errors: Vec<ScoreError>,
    /// Scores that are a scenario's cues, not skills: what its own `cues:` scripts
    /// notice ("the six hundred was named") so the partner can react to it. They
    /// steer conditions like any score, but feedback, summaries and reports leave
    /// them out: "debt 1.00" is not something the person practised.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub cues: BTreeSet<String>,
}

impl ScoreReport {
    /// The score for `name`, 0 when absent (a failed scorer counts as "not present").
    pub fn get(&self, name: &str) -> f64 {
        self.scores.get(name).copied().unwrap_or(0.0)
    }

    /// Whether the skill `name` is present (score ≥ 0.5).
    pub fn present(&self, name: &str) -> bool {
        self.get(name) >= PRESENT
    }

    /// The skills' scores, in name order: every score but the scenario's cues. What
    /// the person is shown and what summaries count.
    pub fn skills(&self) -> impl Iterator<Item = (&String, &f64)> + '_ {
        self.scores.iter().filter(|(name, _)| !self.cues.contains(*name))
    }

    /// The matches that belong to one score.
    pub fn matches_for<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Match> + 'a {
        self.matches.iter().filter(move |m| m.score == name)
    }

    /// The tip given by one score, if any.
    pub fn tip_for(&self, name: &str) -> Option<&str> {
        self.tips.iter().find(|t| t.score == name).map(|t| t.text.as_str())
    }
}
