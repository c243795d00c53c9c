//! Measuring scorers against a labelled corpus: precision, recall and F1 per skill.
//!
//! A corpus is JSON Lines: `{"text": "...", "blame": true, "apology": false, ...}`.
//! Every boolean field whose name is a score is a label, as is a band label such as
//! `apology_started` (see [`LABEL_BANDS`]); string fields such as `"source"` can
//! group the results (`rehearse eval --by source`); other fields are ignored.

use super::report::APOLOGY_STARTED;
use super::{RhaiScorer, Scorer, PRESENT};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Labels that test a score at a lower band than "present": `apology_started` is
/// true when the speaker apologises for something they did, whether or not the
/// apology is complete, and is predicted by `apology >= 0.3`.
pub const LABEL_BANDS: [(&str, &str, f64); 1] = [("apology_started", "apology", APOLOGY_STARTED)];

/// The score a label tests and the threshold at which it counts as predicted.
fn label_threshold(label: &str) -> (&str, f64) {
    LABEL_BANDS
        .iter()
        .find(|(name, _, _)| *name == label)
        .map(|&(_, score, at)| (score, at))
        .unwrap_or((label, PRESENT))
}

/// One labelled reply.
#[derive(Debug, Clone)]
pub struct Example {
    pub line: usize,
    pub text: String,
    pub labels: BTreeMap<String, bool>,
    /// The reply's string fields other than `text` (`source`, `situation`…).
    pub fields: BTreeMap<String, String>,
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
    /// Cohen's κ: agreement between labels and scorer beyond what chance would give
    /// with the same base rates. 1 is perfect, 0 no better than chance. Unlike F1 it
    /// is not flattered by a rare skill with many easy negatives.
    pub fn kappa(&self) -> f64 {
        let n = (self.true_pos + self.false_pos + self.false_neg + self.true_neg) as f64;
        if n == 0.0 {
            return 1.0;
        }
        let observed = (self.true_pos + self.true_neg) as f64 / n;
        let predicted_yes = (self.true_pos + self.false_pos) as f64 / n;
        let labelled_yes = (self.true_pos + self.false_neg) as f64 / n;
        let chance = predicted_yes * labelled_yes + (1.0 - predicted_yes) * (1.0 - labelled_yes);
        if (1.0 - chance).abs() < f64::EPSILON {
            // Labels and predictions are all one class: agreement is total or nil.
            return if observed == 1.0 { 1.0 } else { 0.0 };
        }
        (observed - chance) / (1.0 - chance)
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
    /// Replies no scorer could score (too long, or a script failed): left out of
    /// the counts, since a reply nobody read is neither a hit nor a miss.
    pub unscored: Vec<usize>,
    /// The first unscored reply's first error (score and message), so a script
    /// that fails only on some replies is named in the table, not just counted.
    pub first_error: Option<String>,
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
        let mut labels = BTreeMap::new();
        for (key, v) in object {
            if !score_names.iter().any(|name| name == label_threshold(key).0) {
                continue;
            }
            match v {
                Value::Bool(b) => {
                    labels.insert(key.clone(), *b);
                }
                // No label: this skill was not judged for this reply.
                Value::Null => {}
                other => {
                    return Err(format!(
                        "line {line}: the label \"{key}\" is {other}, not true or false; write it without quotes (true / false), or leave it out if the reply was not judged for it"
                    ))
                }
            }
        }
        let fields = object
            .iter()
            .filter(|(key, _)| key.as_str() != "text")
            .filter_map(|(key, v)| v.as_str().map(|s| (key.clone(), s.to_string())))
            .collect();
        examples.push(Example {
            line,
            text,
            labels,
            fields,
        });
    }
    Ok(examples)
}

/// Scores every example and tallies each labelled skill.
pub fn evaluate(scorer: &dyn Scorer, examples: &[Example]) -> Evaluation {
    let mut result = Evaluation::default();
    for example in examples {
        result.tally(example, &scorer.score(&example.text));
    }
    result
}

/// [`evaluate`] on `jobs` threads, each with its own copy of `scorer`. Replies
/// are tallied in file order, so the result (misses included) is the same.
pub fn evaluate_on(scorer: &RhaiScorer, examples: &[Example], jobs: usize) -> Evaluation {
    let mut result = Evaluation::default();
    score_in_order(scorer, examples, jobs, |example, report| result.tally(example, report));
    result
}

/// Like [`evaluate_on`], with a separate tally for each value of the string field
/// `field` (a reply without it falls under `(none)`), each reply scored once.
/// The whole corpus is under the key `(all)`.
pub fn evaluate_by(
    scorer: &RhaiScorer,
    examples: &[Example],
    field: &str,
    jobs: usize,
) -> BTreeMap<String, Evaluation> {
    let mut groups: BTreeMap<String, Evaluation> = BTreeMap::new();
    score_in_order(scorer, examples, jobs, |example, report| {
        let group = example
            .fields
            .get(field)
            .cloned()
            .unwrap_or_else(|| "(none)".to_string());
        groups.entry(group).or_default().tally(example, report);
        groups.entry("(all)".to_string()).or_default().tally(example, report);
    });
    groups
}

/// Scores `examples` on `jobs` threads and hands each with its report to `each`, in order.
fn score_in_order(
    scorer: &RhaiScorer,
    examples: &[Example],
    jobs: usize,
    mut each: impl FnMut(&Example, &super::ScoreReport),
) {
    crate::parallel::for_each_ordered(
        examples.iter(),
        jobs,
        || scorer.worker(),
        |worker, example| (example, worker.score(&example.text)),
        |(example, report)| each(example, &report),
    );
}

impl Evaluation {
    /// Adds one scored example to the counts.
    fn tally(&mut self, example: &Example, report: &super::ScoreReport) {
        if let Some(error) = report.errors.first() {
            if self.first_error.is_none() {
                self.first_error = Some(format!("line {}: {}: {}", example.line, error.score, error.message));
            }
            self.unscored.push(example.line);
            return;
        }
        self.examples += 1;
        for (skill, &expected) in &example.labels {
            let (score_name, threshold) = label_threshold(skill);
            let score = report.get(score_name);
            let predicted = score >= threshold;
            let counts = self.skills.entry(skill.clone()).or_default();
            match (expected, predicted) {
                (true, true) => counts.true_pos += 1,
                (false, true) => counts.false_pos += 1,
                (true, false) => counts.false_neg += 1,
                (false, false) => counts.true_neg += 1,
            }
            if expected != predicted {
                self.misses.push(Miss {
                    line: example.line,
                    skill: skill.clone(),
                    expected,
                    score,
                    text: example.text.clone(),
                });
            }
        }
    }

    /// The table printed by `rehearse eval`.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} labelled replies", self.examples);
        if !self.unscored.is_empty() {
            let lines: Vec<String> = self.unscored.iter().take(10).map(|l| l.to_string()).collect();
            let _ = writeln!(
                out,
                "{} more could not be scored and are left out (line{} {}{}): too long, or a script failed on them",
                self.unscored.len(),
                if self.unscored.len() == 1 { "" } else { "s" },
                lines.join(", "),
                if self.unscored.len() > 10 { ", …" } else { "" }
            );
            if let Some(error) = &self.first_error {
                let _ = writeln!(out, "  the first: {error}");
            }
        }
        let _ = writeln!(
            out,
            "{:<16} {:>7} {:>9} {:>7} {:>6} {:>8} {:>6}",
            "skill", "support", "precision", "recall", "F1", "false+", "kappa"
        );
        for (skill, c) in &self.skills {
            let _ = writeln!(
                out,
                "{:<16} {:>7} {:>9.3} {:>7.3} {:>6.3} {:>7.1}% {:>6.3}",
                skill,
                c.support(),
                c.precision(),
                c.recall(),
                c.f1(),
                100.0 * c.false_positive_rate(),
                c.kappa()
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(true_pos: usize, false_pos: usize, false_neg: usize, true_neg: usize) -> Confusion {
        Confusion {
            true_pos,
            false_pos,
            false_neg,
            true_neg,
        }
    }

    #[test]
    fn kappa_is_one_for_perfect_agreement_and_zero_for_chance() {
        assert!((counts(10, 0, 0, 90).kappa() - 1.0).abs() < 1e-12);
        // Predictions independent of the labels: 20% predicted yes, 50% labelled yes.
        assert!(counts(10, 10, 40, 40).kappa().abs() < 1e-12);
    }

    #[test]
    fn kappa_discounts_the_easy_negatives_that_flatter_accuracy() {
        // A worked example: po = 0.85, pe = 0.2·0.15 + 0.8·0.85 = 0.71, κ = 0.14/0.29.
        let c = counts(10, 10, 5, 75);
        assert!((c.kappa() - 0.14 / 0.29).abs() < 1e-9, "{}", c.kappa());
    }

    #[test]
    fn a_band_label_reads_its_score_at_the_band() {
        assert_eq!(label_threshold("apology_started"), ("apology", APOLOGY_STARTED));
        assert_eq!(label_threshold("blame"), ("blame", PRESENT));
    }

    #[test]
    fn string_fields_are_kept_for_grouping() {
        let names = vec!["apology".to_string()];
        let parsed = parse_corpus(
            r#"{"text": "my bad", "apology_started": true, "source": "casino", "n": 3}"#,
            &names,
        )
        .expect("parses");
        assert_eq!(parsed[0].labels.get("apology_started"), Some(&true));
        assert_eq!(parsed[0].fields.get("source").map(String::as_str), Some("casino"));
        assert!(!parsed[0].fields.contains_key("text"));
    }
}
