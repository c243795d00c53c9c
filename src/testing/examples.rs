//! A scenario's own example wordings must be examples of their skill: a tip that
//! quotes "I'm not able to lend money again" as a boundary teaches nothing if
//! rehearse itself would not count it as one.

use crate::scenario::Scenario;
use crate::score::PRESENT;
use crate::session::ScorerRef;

/// One problem per example that scores below 0.5 on its own skill, in file order.
pub fn check_examples(scenario: &Scenario, scorer: &dyn ScorerRef) -> Vec<String> {
    // A scenario that brings its own scripts is scored with them, as in play.
    let scorer = crate::session::scorer_for(scenario, scorer);
    let mut problems = Vec::new();
    for (skill, examples) in &scenario.examples {
        for example in examples {
            let score = scorer.score(example).get(skill);
            if score < PRESENT {
                problems.push(format!(
                    "the `{skill}` example \"{example}\" scores {score:.2} on {skill}, below {PRESENT}, so a tip would quote a wording rehearse does not count; reword it (`rehearse score \"…\"` shows why)"
                ));
            }
        }
    }
    problems
}
