//! `rehearse test`: plays every scenario's own test conversations; with
//! `--coverage`, also reports the beats, rules and endings no test reaches.

use crate::load;
use crate::load::Context;
use crate::outcome::{Failure, Outcome};
use crate::scenario::Scenario;
use crate::score::RhaiScorer;
use crate::style::Style;
use crate::testing::{check_examples, run_test, Coverage};
use std::io::Write as _;
use std::path::PathBuf;

/// What `rehearse test` was asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Report what no test reaches, and fail below the bar.
    pub coverage: bool,
    /// Only the tests whose name contains this (any case). Coverage is then of
    /// those tests alone, so it is shown but never fails the run.
    pub only: Option<&'a str>,
    /// The turn-by-turn path of passing tests as well as failing ones.
    pub verbose: bool,
    /// Threads to run scenarios on (default: one per core).
    pub jobs: Option<usize>,
}

/// What testing one scenario printed and counted.
#[derive(Default)]
struct ScenarioOutcome {
    printed: Vec<u8>,
    passed: usize,
    failed: usize,
    below_bar: bool,
}

pub fn run(cli: &dyn Context, paths: &[PathBuf], options: Options) -> Outcome {
    let only = options.only;
    let wanted = only.map(str::to_lowercase);
    let selected = |name: &str| wanted.as_ref().is_none_or(|w| name.to_lowercase().contains(w.as_str()));
    // Written with `?`, not `println!`: a closed pipe ends the command quietly.
    let mut out = std::io::stdout().lock();
    let scorer = load::tried_scorer(cli)?;
    let library = load::library_or_paths(cli, &scorer, paths)?;
    let style = Style::for_stdout();
    let (mut passed, mut failed, mut below_bar, mut shown) = (0usize, 0usize, 0usize, 0usize);
    for broken in &library.broken {
        for problem in &broken.problems {
            writeln!(out, "{}", problem.render(style.color))?;
        }
    }
    let scenarios: Vec<&Scenario> = library
        .menu_order()
        .into_iter()
        .filter(|scenario| only.is_none() || scenario.tests.iter().any(|t| selected(&t.name)))
        .collect();
    let jobs = options.jobs.unwrap_or_else(crate::parallel::default_jobs);
    let mut written: std::io::Result<()> = Ok(());
    crate::parallel::for_each_ordered(
        scenarios.iter().copied(),
        jobs.min(scenarios.len().max(1)),
        || scorer.worker(),
        |worker, scenario| test_scenario(scenario, worker, &options, &selected, style),
        |outcome| {
            shown += 1;
            passed += outcome.passed;
            failed += outcome.failed;
            below_bar += usize::from(outcome.below_bar);
            if written.is_ok() {
                written = out.write_all(&outcome.printed);
            }
        },
    );
    written?;
    let scenarios = shown;
    writeln!(out)?;
    writeln!(
        out,
        "{scenarios} scenario{}, {} tests: {passed} passed, {failed} failed{}",
        if scenarios == 1 { "" } else { "s" },
        passed + failed,
        if options.coverage {
            format!(", {below_bar} below the coverage bar (every ending, 90% of rules)")
        } else {
            String::new()
        }
    )?;
    if !library.broken.is_empty() {
        writeln!(out, "{} file(s) could not be loaded (see above).", library.broken.len())?;
    }
    if let (Some(text), 0, 0) = (only, passed, failed) {
        return Err(Failure::new(format!(
            "no test name contains \"{text}\"; `rehearse test` without --only lists them all"
        )));
    }
    if failed > 0 || below_bar > 0 || !library.broken.is_empty() {
        return Err(Failure::problems());
    }
    if library.scenarios.is_empty() {
        return Err(Failure::new(format!("no scenarios found in {}", library.origin)));
    }
    Ok(())
}

/// Runs one scenario's example checks and tests (those `selected`), with its
/// coverage when asked, and returns what to print and the counts.
fn test_scenario(
    scenario: &Scenario,
    scorer: &RhaiScorer,
    options: &Options,
    selected: &dyn Fn(&str) -> bool,
    style: Style,
) -> ScenarioOutcome {
    let mut outcome = ScenarioOutcome::default();
    // Writing to memory cannot fail.
    let _ = write_scenario(scenario, scorer, options, selected, style, &mut outcome);
    outcome
}

fn write_scenario(
    scenario: &Scenario,
    scorer: &RhaiScorer,
    options: &Options,
    selected: &dyn Fn(&str) -> bool,
    style: Style,
    outcome: &mut ScenarioOutcome,
) -> std::io::Result<()> {
    let Options {
        coverage,
        only,
        verbose,
        ..
    } = *options;
    let ScenarioOutcome {
        printed: out,
        passed,
        failed,
        below_bar,
    } = outcome;
    writeln!(out, "{}  {}", style.bold(&scenario.id), style.dim(&scenario.source))?;
    if scenario.tests.is_empty() {
        writeln!(
            out,
            "  {} no tests — add a `tests:` block (docs/authoring.md)",
            style.yellow("warn")
        )?;
    }
    for problem in check_examples(scenario, scorer) {
        *failed += 1;
        writeln!(out, "  {}  {problem}", style.red("FAIL"))?;
    }
    let mut results = Vec::new();
    for test in scenario.tests.iter().filter(|t| selected(&t.name)) {
        let result = run_test(scenario, scorer, test);
        if result.passed() {
            *passed += 1;
            writeln!(out, "  {}    {}", style.green("ok"), result.name)?;
            if verbose {
                for line in &result.trace {
                    writeln!(out, "        {}", style.dim(line))?;
                }
            }
        } else {
            *failed += 1;
            writeln!(
                out,
                "  {}  {}  {}",
                style.red("FAIL"),
                result.name,
                style.dim(&format!("({}:{})", scenario.source, result.line))
            )?;
            for failure in &result.failures {
                writeln!(out, "        {failure}")?;
            }
            for line in &result.trace {
                writeln!(out, "        {}", style.dim(line))?;
            }
        }
        results.push(result);
    }
    if coverage {
        let cov = Coverage::of(scenario, &results);
        let mark = if cov.meets_bar() {
            style.green("coverage")
        } else {
            style.red("coverage")
        };
        if !cov.meets_bar() && only.is_none() {
            *below_bar = true;
        }
        writeln!(out, "  {mark} {}", cov.headline())?;
        for beat in &cov.missed_beats {
            writeln!(out, "        never visited: beat `{beat}`")?;
        }
        for (beat, number, when) in &cov.missed_rules {
            // With file:line, so an editor can jump to the rule.
            let line = scenario
                .beats
                .get(beat)
                .and_then(|b| b.rules.get(number.saturating_sub(1)))
                .map_or(0, |r| r.line);
            writeln!(
                out,
                "        never fired:   rule {number} of `{beat}` ({when})  {}",
                style.dim(&format!("{}:{line}", scenario.source))
            )?;
        }
        for ending in &cov.missed_endings {
            writeln!(out, "        never reached: ending `{ending}`")?;
        }
    }
    Ok(())
}
