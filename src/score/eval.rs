//! Measuring scorers against a labelled corpus: precision, recall and F1 per skill.
//!
//! A corpus is JSON Lines: `{"text": "...", "blame": true, "apology": false, ...}`.
//! Every boolean field whose name is a score is a label; other fields are ignored.

use super::{Scorer, PRESENT};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One labelled reply.
#[derive(Debug, Clone)]
pub struct Example {
    pub line: usize,
    pub text: String,
    pub labels: BTreeMap<String, bool>,
}

/// Counts for one skill.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Confusion {
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
    pub true_neg: usize,
}

impl Confusion {
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Share of negatives wrongly called positive.
    pub fn false_positive_rate(&self) -> f64 {
        ratio(self.false_pos, self.false_pos + self.true_neg)
    }
    pub fn support(&self) -> usize {
        self.true_pos + self.false_neg
    }
}

/// An empty class counts as perfect, so a skill with no examples does not fail a floor.
fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

/// A reply the scorer got wrong for one skill.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub line: usize,
    pub skill: String,
    pub expected: bool,
    pub score: f64,
    pub text: String,
}

/// The result of running a scorer over a corpus.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Evaluation {
    pub examples: usize,
    pub skills: BTreeMap<String, Confusion>,
    pub misses: Vec<Miss>,
}

/// Parses a corpus. Errors name the line.
pub fn parse_corpus(text: &str, score_names: &[String]) -> Result<Vec<Example>, String> {
    let mut examples = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(raw).map_err(|e| format!("line {line}: not valid JSON: {e}"))?;
        let object = value
            .as_object()
            .ok_or_else(|| format!("line {line}: expected an object like {{\"text\": \"…\", \"blame\": true}}"))?;
        let text = object
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("line {line}: missing the \"text\" field"))?
            .to_string();
        let labels = object
            .iter()
            .filter(|(key, _)| score_names.contains(key))
            .filter_map(|(key, v)| v.as_bool().map(|b| (key.clone(), b)))
            .collect();
        examples.push(Example { line, text, labels });
    }
    Ok(examples)
}

/// Scores every example and tallies each labelled skill.
pub fn evaluate(scorer: &dyn Scorer, examples: &[Example]) -> Evaluation {
    let mut result = Evaluation {
        examples: examples.len(),
        ..Evaluation::default()
    };
    for example in examples {
        let report = scorer.score(&example.text);
        for (skill, &expected) in &example.labels {
            let score = report.get(skill);
            let predicted = score >= PRESENT;
            let counts = result.skills.entry(skill.clone()).or_default();
            match (expected, predicted) {
                (true, true) => counts.true_pos += 1,
                (false, true) => counts.false_pos += 1,
                (true, false) => counts.false_neg += 1,
                (false, false) => counts.true_neg += 1,
            }
            if expected != predicted {
                result.misses.push(Miss {
                    line: example.line,
                    skill: skill.clone(),
                    expected,
                    score,
                    text: example.text.clone(),
                });
            }
        }
    }
    result
}

impl Evaluation {
    /// The table printed by `rehearse eval`.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} labelled replies", self.examples);
        let _ = writeln!(
            out,
            "{:<14} {:>7} {:>9} {:>7} {:>6} {:>8}",
            "skill", "support", "precision", "recall", "F1", "false+"
        );
        for (skill, c) in &self.skills {
            let _ = writeln!(
                out,
                "{:<14} {:>7} {:>9.3} {:>7.3} {:>6.3} {:>7.1}%",
                skill,
                c.support(),
                c.precision(),
                c.recall(),
                c.f1(),
                100.0 * c.false_positive_rate()
            );
        }
        out
    }
}
