//! Where a session begins when it does not begin at the top: a beat other than
//! `start:`, and dials at other values than `state:` gives them. Authors use it
//! to try one moment of a play without replying their way there
//! (`rehearse play ID --from BEAT --set trust=3`), and tests use it to check one
//! branch on its own (`from:` and `state:` in a test conversation).
//!
//! It is part of what a session is (scenario, scorer, seed and start point give
//! the same dialogue every time), so a journal keeps it and `resume` replays from it.

use super::model::{Scenario, DIAL_MAX, DIAL_MIN};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartPoint {
    /// The beat to begin at; `None`: the scenario's `start:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beat: Option<String>,
    /// Dials that begin at another value than the scenario's `state:` gives.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dials: BTreeMap<String, f64>,
}

impl StartPoint {
    /// The top of the scenario with its own starting dials.
    pub fn is_top(&self) -> bool {
        self.beat.is_none() && self.dials.is_empty()
    }

    /// The beat a session with this start point begins at.
    pub fn beat_in<'s>(&'s self, scenario: &'s Scenario) -> &'s str {
        self.beat.as_deref().unwrap_or(&scenario.start)
    }

    /// Every dial of `scenario` at the value a session with this start point
    /// begins with: the ones set here, the others at their `state:` values.
    pub fn dials_in(&self, scenario: &Scenario) -> BTreeMap<String, f64> {
        let mut dials: BTreeMap<String, f64> = scenario.state.iter().map(|(k, v)| (k.clone(), *v)).collect();
        dials.extend(self.dials.iter().map(|(k, v)| (k.clone(), *v)));
        dials
    }

    /// Whether `scenario` has the beat and dials named here, with values dials
    /// can hold; the engine refuses anything else rather than guess. Front ends
    /// check earlier, with a did-you-mean and the file or option at fault; this
    /// is the last line, for a journal or an edited file that no longer fits.
    pub fn fits(&self, scenario: &Scenario) -> Result<(), String> {
        if let Some(beat) = &self.beat {
            if !scenario.beats.contains_key(beat) {
                return Err(format!("`{}` has no beat `{beat}` to start from", scenario.id));
            }
        }
        for (dial, value) in &self.dials {
            if !scenario.state.contains_key(dial) {
                return Err(format!("`{}` has no dial `{dial}`", scenario.id));
            }
            if !(DIAL_MIN..=DIAL_MAX).contains(value) {
                return Err(format!(
                    "dial `{dial}` cannot start at {value}: dials go from {DIAL_MIN} to {DIAL_MAX}"
                ));
            }
        }
        Ok(())
    }

    /// The options that start a session here, as typed after `rehearse play ID`:
    /// ` --from the_ask --set trust=3`, or nothing for the top.
    pub fn as_options(&self) -> String {
        let mut options = String::new();
        if let Some(beat) = &self.beat {
            options.push_str(&format!(" --from {beat}"));
        }
        for (dial, value) in &self.dials {
            options.push_str(&format!(" --set {dial}={value}"));
        }
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_name_the_beat_then_each_dial() {
        let mut start = StartPoint::default();
        assert!(start.is_top());
        assert_eq!(start.as_options(), "");
        start.beat = Some("the_ask".into());
        start.dials.insert("trust".into(), 3.0);
        start.dials.insert("tension".into(), 7.0);
        assert_eq!(start.as_options(), " --from the_ask --set tension=7 --set trust=3");
    }

    #[test]
    fn a_top_start_is_left_out_of_a_journal() {
        assert_eq!(serde_json::to_string(&StartPoint::default()).unwrap(), "{}");
        let read: StartPoint = serde_json::from_str("{}").unwrap();
        assert!(read.is_top());
    }
}
