//! `rehearse test`: plays every scenario's own test conversations; with
//! `--coverage`, also reports the beats, rules and endings no test reaches.

use crate::app::{self, Failure, Outcome};
use crate::cli::Cli;
use crate::style::Style;
use crate::testing::{check_examples, run_test, Coverage};
use std::io::Write as _;
use std::path::PathBuf;

pub fn run(cli: &Cli, paths: &[PathBuf], coverage: bool) -> Outcome {
    // Written with `?`, not `println!`: a closed pipe ends the command quietly.
    let mut out = std::io::stdout().lock();
    let scorer = app::tried_scorer(cli)?;
    let library = app::library_or_paths(cli, &scorer, paths)?;
    let style = Style::for_stdout();
    let (mut passed, mut failed, mut below_bar) = (0usize, 0usize, 0usize);
    for broken in &library.broken {
        for problem in &broken.problems {
            writeln!(out, "{problem}")?;
        }
    }
    for scenario in library.menu_order() {
        writeln!(out, "{}  {}", style.bold(&scenario.id), style.dim(&scenario.source))?;
        if scenario.tests.is_empty() {
            writeln!(
                out,
                "  {} no tests — add a `tests:` block (docs/authoring.md)",
                style.yellow("warn")
            )?;
        }
        for problem in check_examples(scenario, &scorer) {
            failed += 1;
            writeln!(out, "  {}  {problem}", style.red("FAIL"))?;
        }
        let mut results = Vec::new();
        for test in &scenario.tests {
            let result = run_test(scenario, &scorer, test);
            if result.passed() {
                passed += 1;
                writeln!(out, "  {}    {}", style.green("ok"), result.name)?;
            } else {
                failed += 1;
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
            if !cov.meets_bar() {
                below_bar += 1;
            }
            writeln!(out, "  {mark} {}", cov.headline())?;
            for beat in &cov.missed_beats {
                writeln!(out, "        never visited: beat `{beat}`")?;
            }
            for (beat, number, when) in &cov.missed_rules {
                writeln!(out, "        never fired:   rule {number} of `{beat}` ({when})")?;
            }
            for ending in &cov.missed_endings {
                writeln!(out, "        never reached: ending `{ending}`")?;
            }
        }
    }
    let scenarios = library.scenarios.len();
    writeln!(out)?;
    writeln!(
        out,
        "{scenarios} scenario{}, {} tests: {passed} passed, {failed} failed{}",
        if scenarios == 1 { "" } else { "s" },
        passed + failed,
        if coverage {
            format!(", {below_bar} below the coverage bar (every ending, 90% of rules)")
        } else {
            String::new()
        }
    )?;
    if !library.broken.is_empty() {
        writeln!(out, "{} file(s) could not be loaded (see above).", library.broken.len())?;
    }
    if failed > 0 || below_bar > 0 || !library.broken.is_empty() {
        return Err(Failure::problems());
    }
    if scenarios == 0 {
        return Err(Failure::new(format!("no scenarios found in {}", library.origin)));
    }
    Ok(())
}
