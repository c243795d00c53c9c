//! `rehearse test`: plays every scenario's own test conversations; with
//! `--coverage`, also reports the beats, rules and endings no test reaches.

use crate::app::{self, Failure, Outcome};
use crate::cli::Cli;
use crate::style::Style;
use crate::testing::{check_examples, run_test, Coverage};
use std::path::PathBuf;

pub fn run(cli: &Cli, paths: &[PathBuf], coverage: bool) -> Outcome {
    let scorer = app::scorer(cli)?;
    let library = app::library_or_paths(cli, &scorer, paths)?;
    let style = Style::for_stdout();
    let (mut passed, mut failed, mut below_bar) = (0usize, 0usize, 0usize);
    for broken in &library.broken {
        for problem in &broken.problems {
            println!("{problem}");
        }
    }
    for scenario in library.menu_order() {
        println!("{}  {}", style.bold(&scenario.id), style.dim(&scenario.source));
        if scenario.tests.is_empty() {
            println!(
                "  {} no tests — add a `tests:` block (docs/authoring.md)",
                style.yellow("warn")
            );
        }
        for problem in check_examples(scenario, &scorer) {
            failed += 1;
            println!("  {}  {problem}", style.red("FAIL"));
        }
        let mut results = Vec::new();
        for test in &scenario.tests {
            let result = run_test(scenario, &scorer, test);
            if result.passed() {
                passed += 1;
                println!("  {}    {}", style.green("ok"), result.name);
            } else {
                failed += 1;
                println!(
                    "  {}  {}  {}",
                    style.red("FAIL"),
                    result.name,
                    style.dim(&format!("({}:{})", scenario.source, result.line))
                );
                for failure in &result.failures {
                    println!("        {failure}");
                }
                for line in &result.trace {
                    println!("        {}", style.dim(line));
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
            println!("  {mark} {}", cov.headline());
            for beat in &cov.missed_beats {
                println!("        never visited: beat `{beat}`");
            }
            for (beat, number, when) in &cov.missed_rules {
                println!("        never fired:   rule {number} of `{beat}` ({when})");
            }
            for ending in &cov.missed_endings {
                println!("        never reached: ending `{ending}`");
            }
        }
    }
    let scenarios = library.scenarios.len();
    println!();
    println!(
        "{scenarios} scenario{}, {} tests: {passed} passed, {failed} failed{}",
        if scenarios == 1 { "" } else { "s" },
        passed + failed,
        if coverage {
            format!(", {below_bar} below the coverage bar (every ending, 90% of rules)")
        } else {
            String::new()
        }
    );
    if !library.broken.is_empty() {
        println!("{} file(s) could not be loaded (see above).", library.broken.len());
    }
    if failed > 0 || below_bar > 0 || !library.broken.is_empty() {
        return Err(Failure::problems());
    }
    if scenarios == 0 {
        return Err(Failure::new(format!("no scenarios found in {}", library.origin)));
    }
    Ok(())
}
