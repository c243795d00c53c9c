//! Branch coverage of a scenario's tests: which beats, rules and endings they
//! reach — the dialogue equivalent of code coverage.

use super::runner::TestResult;
use crate::scenario::Scenario;
use std::collections::BTreeSet;

/// The share of rules the bundled scenarios' tests must fire.
pub const RULE_COVERAGE_FLOOR: f64 = 0.9;

#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub beats_total: usize,
    pub rules_total: usize,
    pub endings_total: usize,
    pub missed_beats: Vec<String>,
    /// `(beat, rule number, condition)` never fired.
    pub missed_rules: Vec<(String, usize, String)>,
    pub missed_endings: Vec<String>,
}

impl Coverage {
    pub fn of(scenario: &Scenario, results: &[TestResult]) -> Coverage {
        let fired: BTreeSet<(&str, usize)> = results
            .iter()
            .flat_map(|r| r.fired.iter().map(|(b, n)| (b.as_str(), *n)))
            .collect();
        let visited: BTreeSet<&str> = results
            .iter()
            .flat_map(|r| r.visited.iter().map(String::as_str))
            .collect();
        let endings: BTreeSet<&str> = results.iter().filter_map(|r| r.ending.as_deref()).collect();
        let mut coverage = Coverage {
            beats_total: scenario.beats.len(),
            endings_total: scenario.endings.len(),
            ..Coverage::default()
        };
        for (id, beat) in &scenario.beats {
            if !visited.contains(id.as_str()) {
                coverage.missed_beats.push(id.clone());
            }
            for rule in &beat.rules {
                coverage.rules_total += 1;
                if !fired.contains(&(id.as_str(), rule.number)) {
                    let when = rule.when.as_ref().map_or("otherwise".to_string(), |w| w.source.clone());
                    coverage.missed_rules.push((id.clone(), rule.number, when));
                }
            }
        }
        coverage.missed_endings = scenario
            .endings
            .keys()
            .filter(|e| !endings.contains(e.as_str()))
            .cloned()
            .collect();
        coverage
    }

    pub fn rule_share(&self) -> f64 {
        if self.rules_total == 0 {
            1.0
        } else {
            (self.rules_total - self.missed_rules.len()) as f64 / self.rules_total as f64
        }
    }

    /// Every ending reached and at least [`RULE_COVERAGE_FLOOR`] of the rules fired.
    pub fn meets_bar(&self) -> bool {
        self.missed_endings.is_empty() && self.rule_share() + 1e-9 >= RULE_COVERAGE_FLOOR
    }

    /// `beats 7/7 · rules 19/20 (95%) · endings 3/3`
    pub fn headline(&self) -> String {
        format!(
            "beats {}/{} · rules {}/{} ({:.0}%) · endings {}/{}",
            self.beats_total - self.missed_beats.len(),
            self.beats_total,
            self.rules_total - self.missed_rules.len(),
            self.rules_total,
            100.0 * self.rule_share(),
            self.endings_total - self.missed_endings.len(),
            self.endings_total
        )
    }
}
