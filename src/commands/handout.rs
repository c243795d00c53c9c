//! `rehearse handout ID`: a printable exercise sheet for a workshop, on standard
//! output or into the file named by `--output`.

use crate::handout::{self, HandoutFormat};
use crate::load;
use crate::load::Context;
use crate::outcome::{Failure, Outcome};
use std::io::Write as _;
use std::path::Path;

/// What to put in the sheet and where it goes.
pub struct Options<'a> {
    /// Include the facilitator's section (off with `--no-answers`).
    pub answers: bool,
    pub output: Option<&'a Path>,
    pub force: bool,
}

pub fn run(cli: &dyn Context, key: &str, format: HandoutFormat, options: Options) -> Outcome {
    let scorer = load::scorer(cli)?;
    let library = load::library_for(cli, &scorer, key)?;
    let scenario = load::scenario_in(&library, key)?;
    let answers = options.answers.then(|| handout::model_answers(scenario, &scorer));
    let sheet = handout::render(scenario, answers.as_ref(), format);
    let Some(path) = options.output.filter(|p| *p != Path::new("-")) else {
        let mut out = std::io::stdout().lock();
        out.write_all(sheet.as_bytes())?;
        out.flush()?;
        return Ok(());
    };
    // A sheet written over a file the person named would lose that file for good.
    if path.exists() && !options.force {
        return Err(Failure::new(format!(
            "{} already exists; pass --force to replace it, or choose another --output",
            path.display()
        )));
    }
    std::fs::write(path, sheet.as_bytes()).map_err(|e| {
        Failure::new(format!(
            "could not write the handout to {}: {e}; check that the folder exists and is writable",
            path.display()
        ))
    })?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", path.display())?;
    Ok(())
}
