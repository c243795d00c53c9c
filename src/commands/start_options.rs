//! `--from BEAT` and `--set NAME=N`: the options that put a conversation
//! somewhere other than its top, for `rehearse play` (to start there) and
//! `rehearse why` (to ask about a reply there). One place reads them, so both
//! commands accept the same words and refuse mistakes with the same messages.
//!
//! `play --set` takes two kinds of value: `NAME=N` sets a dial, and a bare
//! `NAME` names an exercise set. [`PlaySet::parse`] tells them apart; what an
//! exercise set does is up to the command that plays it.

use crate::diagnostic::did_you_mean;
use crate::facts::{Facts, BEST_PREFIX, FIRST_PREFIX, FIXED_NAMES, QUIET_TURNS};
use crate::outcome::Failure;
use crate::scenario::expr::{TURN, WORDS};
use crate::scenario::{Beat, Scenario, StartPoint, DIAL_MAX, DIAL_MIN};

/// One `--set` value of `rehearse play`, by its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaySet {
    /// `NAME=N`: a dial (or, for `why`, a session fact) at a value; both as typed.
    Dial { name: String, value: String },
    /// `NAME` without `=`: an exercise set.
    ExerciseSet(String),
}

impl PlaySet {
    /// Reads one `--set` value: with `=` it sets something, without it names an exercise set.
    pub fn parse(text: &str) -> PlaySet {
        match text.split_once('=') {
            Some((name, value)) => PlaySet::Dial {
                name: name.trim().to_string(),
                value: value.trim().to_string(),
            },
            None => PlaySet::ExerciseSet(text.trim().to_string()),
        }
    }
}

/// The beat `id` of `scenario`, or a message saying what there is.
pub fn beat<'a>(scenario: &'a Scenario, id: &str) -> Result<&'a Beat, Failure> {
    if let Some(beat) = scenario.beats.get(id) {
        return Ok(beat);
    }
    let beats: Vec<&str> = scenario.beats.keys().map(String::as_str).collect();
    if scenario.endings.contains_key(id) {
        return Err(Failure::new(format!(
            "`{id}` is an ending of `{}`, and endings take no reply; give a beat: {}",
            scenario.id,
            beats.join(", ")
        )));
    }
    let hint = match did_you_mean(id, beats.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("its beats are: {}", beats.join(", ")),
    };
    Err(Failure::new(format!("`{}` has no beat `{id}`; {hint}", scenario.id)))
}

/// What a `--set` may name, and why a name is refused.
pub struct Settable<'a> {
    dials: Vec<&'a str>,
    /// Session facts (`best_validation`…), `turn` and `words`: only `why` can set them.
    facts: Vec<String>,
    scores: &'a [String],
    /// Dials must be whole numbers, as they are at the start of a play.
    whole_dials: bool,
}

impl<'a> Settable<'a> {
    /// For `rehearse why`: dials at any value in range, `turn`, `words` and the session facts.
    pub fn for_why(scenario: &'a Scenario, scores: &'a [String]) -> Settable<'a> {
        Settable {
            dials: scenario.state.keys().map(String::as_str).collect(),
            facts: Facts::names(scores),
            scores,
            whole_dials: false,
        }
    }

    /// For `rehearse play`: the dials only, at whole values, as a play starts with them.
    pub fn for_play(scenario: &'a Scenario, scores: &'a [String]) -> Settable<'a> {
        Settable {
            dials: scenario.state.keys().map(String::as_str).collect(),
            facts: Vec::new(),
            scores,
            whole_dials: true,
        }
    }

    fn all(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.dials.clone();
        if !self.facts.is_empty() {
            all.extend([TURN, WORDS]);
            all.extend(self.facts.iter().map(String::as_str));
        }
        all
    }

    /// Parses `name=N`, checking the name and that N suits it.
    pub fn parse(&self, text: &str) -> Result<(String, f64), Failure> {
        let PlaySet::Dial { name, value } = PlaySet::parse(text) else {
            return Err(Failure::new(format!(
                "`--set {text}` needs a name and a number, e.g. `--set tension=7`{}",
                if self.facts.is_empty() {
                    ""
                } else {
                    " or `--set best_validation=0.8`"
                }
            )));
        };
        let (name, value) = (name.as_str(), value.as_str());
        if self.scores.iter().any(|s| s == name) {
            return Err(Failure::new(format!(
                "`{name}` is a score: it comes from the reply, so change the reply to change it (`rehearse score \"…\"` shows how a wording scores)"
            )));
        }
        let all = self.all();
        if !all.contains(&name) {
            let dials = if self.dials.is_empty() {
                "none here".to_string()
            } else {
                self.dials.join(", ")
            };
            let hint = match did_you_mean(name, all.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None if self.facts.is_empty() => format!("a play can start with its dials set ({dials})"),
                None => format!(
                    "you can set the dials ({dials}), `turn`, `words`, and the session facts best_<score>, first_<score>, {}",
                    FIXED_NAMES.join(", ")
                ),
            };
            return Err(Failure::new(format!("`--set {text}`: `{name}` cannot be set; {hint}")));
        }
        let number: f64 = value
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| Failure::new(format!("`--set {text}`: `{value}` is not a number")))?;
        let whole = number.fract() == 0.0 && number >= 0.0;
        let dial = self.dials.contains(&name);
        let problem = if dial && !(DIAL_MIN..=DIAL_MAX).contains(&number) {
            Some(format!("dials go from {DIAL_MIN} to {DIAL_MAX}"))
        } else if dial && self.whole_dials && !whole {
            Some(format!(
                "a play starts with its dials at whole numbers from {DIAL_MIN} to {DIAL_MAX}: try {} or {}",
                number.floor(),
                number.ceil()
            ))
        } else if name == TURN && !(whole && number >= 1.0) {
            Some("`turn` counts replies: a whole number from 1".to_string())
        } else if (name == WORDS || name == QUIET_TURNS || name.starts_with(FIRST_PREFIX)) && !whole {
            Some(format!("`{name}` is a whole number from 0"))
        } else if name.starts_with(BEST_PREFIX) && !(0.0..=1.0).contains(&number) {
            Some("scores go from 0 to 1".to_string())
        } else if FIXED_NAMES.contains(&name) && name != QUIET_TURNS && number != 0.0 && number != 1.0 {
            Some(format!("`{name}` is 1 (yes) or 0 (no)"))
        } else {
            None
        };
        match problem {
            Some(problem) => Err(Failure::new(format!("`--set {text}`: {problem}"))),
            None => Ok((name.to_string(), number)),
        }
    }
}

/// Where `rehearse play ID --from BEAT --set dial=N…` starts `scenario`
/// (`scores`: the names its scorer gives). `dial_sets` are the `--set` values
/// that set a dial ([`PlaySet::Dial`]); a later one for the same dial wins.
pub fn start_point(
    scenario: &Scenario,
    scores: &[String],
    from: Option<&str>,
    dial_sets: &[String],
) -> Result<StartPoint, Failure> {
    let mut start = StartPoint::default();
    if let Some(from) = from {
        start.beat = Some(beat(scenario, from.trim())?.id.clone());
    }
    let settable = Settable::for_play(scenario, scores);
    for text in dial_sets {
        let (name, value) = settable.parse(text)?;
        start.dials.insert(name, value);
    }
    Ok(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_equals_sign_sets_a_dial_and_a_bare_name_is_an_exercise_set() {
        assert_eq!(
            PlaySet::parse(" trust = 3 "),
            PlaySet::Dial {
                name: "trust".into(),
                value: "3".into()
            }
        );
        assert_eq!(PlaySet::parse("openers"), PlaySet::ExerciseSet("openers".into()));
        assert_eq!(
            PlaySet::parse("trust="),
            PlaySet::Dial {
                name: "trust".into(),
                value: "".into()
            }
        );
    }
}
