//! `rehearse check`: every problem in the scenario files and the exercise sets,
//! one diagnostic each.

use crate::exercise_set::SetLibrary;
use crate::load;
use crate::load::Context;
use crate::outcome::{Failure, Outcome};
use crate::scenario::Library;
use std::path::{Path, PathBuf};

/// Whether a path named on the command line holds exercise sets rather than
/// scenarios: it is, or is inside, a folder called `sets`.
fn is_set_path(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "sets")
}

pub fn run(cli: &dyn Context, paths: &[PathBuf]) -> Outcome {
    // Written with `?`, not `println!`: a closed pipe ends the command quietly.
    let mut out = std::io::stdout().lock();
    if paths.is_empty() {
        let (scorer, library) = load::tried_scorer_alongside(cli, |scorer| load::library(cli, scorer))?;
        load::until_exit(scorer);
        let library = load::until_exit(library?);
        let mut clean = report_scenarios(&mut out, library)?;
        let sets = load::sets(cli, library)?;
        clean &= check_sets(&mut out, &sets, false)?;
        return finish(clean);
    }
    let (set_paths, scenario_paths): (Vec<PathBuf>, Vec<PathBuf>) = paths.iter().cloned().partition(|p| is_set_path(p));
    let (scorer, named) = load::tried_scorer_alongside(cli, |scorer| {
        (!scenario_paths.is_empty()).then(|| Library::load_paths(&scenario_paths, scorer))
    })?;
    let mut clean = true;
    if let Some(library) = named {
        clean &= report_scenarios(&mut out, load::until_exit(library?))?;
    }
    if !set_paths.is_empty() {
        if let Some(missing) = set_paths.iter().find(|p| !p.exists()) {
            return Err(Failure::new(format!(
                "{}: no such file or folder; check the spelling, or run `rehearse check` with no path for the bundled sets",
                missing.display()
            )));
        }
        // Sets are checked against the scenario library they are played with
        // (that library's own problems are not reported here).
        let library = load::library(cli, &scorer)?;
        let sets = SetLibrary::load_paths(&set_paths, &load::known_ids(&library))?;
        clean &= check_sets(&mut out, &sets, true)?;
    }
    finish(clean)
}

fn finish(clean: bool) -> Outcome {
    if clean {
        Ok(())
    } else {
        Err(Failure::problems())
    }
}

/// Reports the problems of loaded scenario files; returns whether there are no errors.
fn report_scenarios(out: &mut impl std::io::Write, library: &Library) -> Result<bool, Failure> {
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
        Ok(true)
    } else {
        writeln!(
            out,
            "{} problem{} in {} of {checked} file{}.",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            library.broken.len(),
            if checked == 1 { "" } else { "s" }
        )?;
        Ok(false)
    }
}

/// Checks the exercise sets; returns whether they are free of errors. A library
/// without sets says nothing, unless sets were named (then finding none is news).
fn check_sets(out: &mut impl std::io::Write, sets: &SetLibrary, named: bool) -> Result<bool, Failure> {
    let checked = sets.sets.len() + sets.broken.len();
    if checked == 0 {
        if named {
            return Err(Failure::new(format!(
                "no exercise sets (*.yaml) found in {}; sets live in files like sets/conflict-first-steps.yaml",
                sets.origin
            )));
        }
        return Ok(true);
    }
    let problems: Vec<_> = sets.problems().collect();
    for problem in &problems {
        writeln!(out, "{problem}")?;
    }
    let files = if checked == 1 { "exercise set" } else { "exercise sets" };
    if problems.is_empty() {
        writeln!(out, "{checked} {files} in {} checked, no problems.", sets.origin)?;
        Ok(true)
    } else {
        writeln!(
            out,
            "{} problem{} in {} of {checked} {files}.",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            sets.broken.len(),
        )?;
        Ok(false)
    }
}
