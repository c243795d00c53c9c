//! `rehearse check`: every problem in the scenario files, one diagnostic each.

use crate::app::{self, Failure, Outcome};
use crate::cli::Cli;
use std::io::Write as _;
use std::path::PathBuf;

pub fn run(cli: &Cli, paths: &[PathBuf]) -> Outcome {
    // Written with `?`, not `println!`: a closed pipe ends the command quietly.
    let mut out = std::io::stdout().lock();
    let scorer = app::tried_scorer(cli)?;
    let library = app::library_or_paths(cli, &scorer, paths)?;
    let checked = library.scenarios.len() + library.broken.len();
    if checked == 0 {
        return Err(Failure::new(format!(
            "no scenario files (*.yaml) found in {}; scenarios live in files like scenarios/conflict/dishes-again.yaml",
            library.origin
        )));
    }
    let problems: Vec<_> = library.problems().collect();
    let color = crate::style::Style::for_stdout().color;
    for problem in &problems {
        writeln!(out, "{}", problem.render(color))?;
    }
    let warnings: Vec<_> = library.scenarios.iter().flat_map(|s| s.warnings.iter()).collect();
    for warning in &warnings {
        writeln!(out, "{}", warning.render(color))?;
    }
    if problems.is_empty() {
        match warnings.len() {
            // Named, so "12 files checked" after `rehearse check` with no path is
            // not read as "your file passed".
            0 => writeln!(
                out,
                "{checked} scenario file{} in {} checked, no problems.",
                if checked == 1 { "" } else { "s" },
                library.origin
            )?,
            n => writeln!(
                out,
                "{checked} scenario file{} in {} checked: no errors, {n} warning{} (it plays, but perhaps not as you meant).",
                if checked == 1 { "" } else { "s" },
                library.origin,
                if n == 1 { "" } else { "s" }
            )?,
        }
        Ok(())
    } else {
        writeln!(
            out,
            "{} problem{} in {} of {checked} file{}.",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            library.broken.len(),
            if checked == 1 { "" } else { "s" }
        )?;
        Err(Failure::problems())
    }
}
