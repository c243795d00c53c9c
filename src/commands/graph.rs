//! `rehearse graph ID`: a scenario's branches as text, Mermaid or DOT; with
//! `--coverage`, the arrows no test takes are dashed.

use crate::load;
use crate::load::Context;
use crate::outcome::{self, Outcome};
use crate::scenario::graph_render::{render, GraphFormat, Taken};
use crate::scenario::Scenario;
use crate::score::RhaiScorer;
use crate::testing::run_test;
use std::io::Write as _;

/// The `(beat, rule)` pairs the scenario's own tests take, passing or not.
pub fn taken_by_tests(scenario: &Scenario, scorer: &RhaiScorer) -> Taken {
    scenario
        .tests
        .iter()
        .flat_map(|test| run_test(scenario, scorer, test).fired)
        .collect()
}

pub fn run(cli: &dyn Context, key: &str, format: GraphFormat, coverage: bool) -> Outcome {
    let scorer = load::scorer(cli)?;
    let library = load::library_for(cli, &scorer, key)?;
    let scenario = load::scenario_in(&library, key)?;
    let taken = if coverage {
        if scenario.tests.is_empty() {
            outcome::warn(format!(
                "`{}` has no tests, so every arrow is drawn as untested; add a `tests:` block (docs/authoring.md)",
                scenario.id
            ));
        }
        Some(taken_by_tests(scenario, &scorer))
    } else {
        None
    };
    let mut out = std::io::stdout().lock();
    out.write_all(render(scenario, format, taken.as_ref()).as_bytes())?;
    out.flush()?;
    Ok(())
}
