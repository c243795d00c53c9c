//! `rehearse graph ID`: a scenario's branches as text, Mermaid or DOT; with
//! `--coverage`, the arrows no test takes are dashed.

use crate::cli::Cli;
use crate::load;
use crate::outcome::{self, Failure, Outcome};
use crate::scenario::graph_render::{render, GraphFormat, Taken};
use crate::scenario::{Library, Scenario};
use crate::score::RhaiScorer;
use crate::testing::run_test;
use std::io::Write as _;
use std::path::Path;

/// Whether the command-line word names a file rather than a scenario id.
fn is_path(key: &str) -> bool {
    let path = Path::new(key);
    key.contains('/')
        || key.contains(std::path::MAIN_SEPARATOR)
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| crate::scenario::library::SCENARIO_EXTENSIONS.contains(&e))
}

/// The library holding the scenario `key` names: its own file when `key` is a
/// path to a `.yaml`, else the scenario library in use.
pub fn library_for(cli: &Cli, scorer: &RhaiScorer, key: &str) -> Result<Library, Failure> {
    if is_path(key) {
        let path = Path::new(key);
        if !path.is_file() {
            return Err(Failure::new(format!(
                "there is no scenario file {key}; give a scenario's id (see `rehearse list`) or the path of its .yaml file"
            )));
        }
        Ok(Library::load_paths(&[path.to_path_buf()], scorer)?)
    } else {
        load::library(cli, scorer)
    }
}

/// The scenario `key` names in `library` (built by [`library_for`]), or a
/// message listing its problems when it does not load.
pub fn scenario_in<'a>(library: &'a Library, key: &str) -> Result<&'a Scenario, Failure> {
    if !is_path(key) {
        return crate::load::playable(library, key);
    }
    if let Some(broken) = library.broken.first() {
        let mut message = format!("{key} has problems, so it cannot be read (`rehearse check {key}` lists them):\n");
        for p in &broken.problems {
            message.push_str(&format!("{p}\n"));
        }
        return Err(Failure::new(message.trim_end().to_string()));
    }
    library
        .scenarios
        .first()
        .ok_or_else(|| Failure::new(format!("{key} holds no scenario")))
}

/// The `(beat, rule)` pairs the scenario's own tests take, passing or not.
pub fn taken_by_tests(scenario: &Scenario, scorer: &RhaiScorer) -> Taken {
    scenario
        .tests
        .iter()
        .flat_map(|test| run_test(scenario, scorer, test).fired)
        .collect()
}

pub fn run(cli: &Cli, key: &str, format: GraphFormat, coverage: bool) -> Outcome {
    let scorer = load::scorer(cli)?;
    let library = library_for(cli, &scorer, key)?;
    let scenario = scenario_in(&library, key)?;
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
