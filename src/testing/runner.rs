//! Plays one author test through a [`Session`] and says, on failure, where the run
//! went somewhere else and why (which rule fired, with the scores).

use crate::render::dial_values;
use crate::scenario::{AuthorTest, Outcome, Scenario};
use crate::session::{Next, ReplyError, ScorerRef, Session, Turn};
use std::fmt::Write as _;

/// What happened in one test.
#[derive(Debug, Clone)]
pub struct TestResult {
    pub name: String,
    pub line: usize,
    /// Empty when the test passed.
    pub failures: Vec<String>,
    /// Every (beat, rule number) that fired, for coverage.
    pub fired: Vec<(String, usize)>,
    /// Beats visited (including the start) and the ending reached, if any.
    pub visited: Vec<String>,
    pub ending: Option<String>,
    /// The run, turn by turn, shown when the test fails.
    pub trace: Vec<String>,
}

impl TestResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Where the session is after a turn: the beat waiting, or the ending reached.
fn place_after(turn: &Turn) -> &str {
    match &turn.next {
        Next::Beat(line) => &line.beat,
        Next::Ending(ending) => &ending.ending,
    }
}

/// One line of trace: `turn 2 at `defensive`: "…" → rule 1 (blame >= 0.5) → blowup [blame 0.90, …]`.
/// Also how `rehearse run` shows each participant's turns.
pub fn trace_line(turn: &Turn) -> String {
    let scores: Vec<String> = turn
        .report
        .scores
        .iter()
        .filter(|(_, v)| **v > 0.0)
        .map(|(k, v)| format!("{k} {v:.2}"))
        .collect();
    let rule = match &turn.rule.when {
        Some(when) => format!("rule {} ({when})", turn.rule.number),
        None => format!("rule {} (otherwise)", turn.rule.number),
    };
    let state = dial_values(&turn.state);
    let mut reply = turn.reply.clone();
    if reply.chars().count() > 60 {
        reply = reply.chars().take(57).collect::<String>() + "...";
    }
    let mut line = format!(
        "turn {} at `{}`: \"{reply}\" → {rule} → {}",
        turn.number,
        turn.beat,
        place_after(turn)
    );
    let _ = write!(
        line,
        "  [scores: {}",
        if scores.is_empty() {
            "all 0".to_string()
        } else {
            scores.join(", ")
        }
    );
    if !state.is_empty() {
        let _ = write!(line, "; dials: {state}");
    }
    line.push(']');
    line
}

/// Plays `test` on `scenario` with `scorer`.
pub fn run_test(scenario: &Scenario, scorer: &dyn ScorerRef, test: &AuthorTest) -> TestResult {
    let mut result = TestResult {
        name: test.name.clone(),
        line: test.line,
        failures: Vec::new(),
        fired: Vec::new(),
        visited: vec![test.start.beat_in(scenario).to_string()],
        ending: None,
        trace: Vec::new(),
    };
    // The checker only lets through a start point that fits; this is for a
    // test built some other way.
    let mut session = match Session::start_at(scenario, scorer, test.seed, test.start.clone()) {
        Ok(session) => session,
        Err(problem) => {
            result.failures.push(problem);
            return result;
        }
    };
    if !test.start.is_top() {
        let dials = match dial_values(session.state()) {
            values if values.is_empty() => values,
            values => format!(" with dials: {values}"),
        };
        result
            .trace
            .push(format!("starts at `{}`{dials}", test.start.beat_in(scenario)));
    }
    for (i, reply) in test.replies.iter().enumerate() {
        let number = i + 1;
        let turn = match session.reply(reply) {
            Ok(turn) => turn.clone(),
            Err(ReplyError::Finished) => {
                let ending = session.ending().map(|e| e.ending.clone()).unwrap_or_default();
                result.failures.push(format!(
                    "the conversation ended at `{ending}` after {} replies, but the test has {} — reply {number} was never used",
                    number - 1,
                    test.replies.len()
                ));
                break;
            }
            Err(err) => {
                result.failures.push(format!("reply {number} was refused: {err}"));
                break;
            }
        };
        result.fired.push((turn.beat.clone(), turn.rule.number));
        match &turn.next {
            Next::Beat(line) => result.visited.push(line.beat.clone()),
            Next::Ending(e) => result.ending = Some(e.ending.clone()),
        }
        result.trace.push(trace_line(&turn));
        for warning in &turn.warnings {
            result.failures.push(format!("turn {number}: {warning}"));
        }
        for expectation in test.expect.iter().filter(|e| e.turn == number) {
            for (score, cmp) in &expectation.scores {
                let actual = turn.report.get(score);
                if !cmp.holds(actual) {
                    result.failures.push(format!(
                        "turn {number} (line {}): expected {score} {}, but it scored {actual:.2}",
                        expectation.line, cmp.source
                    ));
                }
            }
            for (dial, cmp) in &expectation.state {
                let actual = turn.state.get(dial).copied().unwrap_or(0.0);
                if !cmp.holds(actual) {
                    result.failures.push(format!(
                        "turn {number} (line {}): expected {dial} {}, but it is {}",
                        expectation.line,
                        cmp.source,
                        crate::render::number(actual)
                    ));
                }
            }
            if let Some(beat) = &expectation.beat {
                let actual = place_after(&turn);
                if actual != beat {
                    result.failures.push(format!(
                        "turn {number} (line {}): expected to be at `{beat}`, but went to `{actual}` by rule {} of `{}`",
                        expectation.line, turn.rule.number, turn.beat
                    ));
                }
            }
        }
    }
    if result.failures.is_empty() {
        match &test.outcome {
            Outcome::Ends(expected) => match session.ending() {
                Some(e) if &e.ending == expected => {}
                Some(e) => result
                    .failures
                    .push(format!("expected to end at `{expected}`, but ended at `{}`", e.ending)),
                None => result.failures.push(format!(
                    "expected to end at `{expected}`, but after {} replies the partner is still waiting at `{}`",
                    session.turns().len(),
                    session.current().map(|c| c.beat.as_str()).unwrap_or("?")
                )),
            },
            Outcome::Reaches(expected) => match session.current() {
                Some(c) if &c.beat == expected => {}
                Some(c) => result.failures.push(format!(
                    "expected to be waiting at `{expected}`, but is at `{}`",
                    c.beat
                )),
                None => result.failures.push(format!(
                    "expected to be waiting at `{expected}`, but the conversation ended at `{}`",
                    session.ending().map(|e| e.ending.as_str()).unwrap_or("?")
                )),
            },
            Outcome::Unspecified => {}
        }
    }
    result
}
