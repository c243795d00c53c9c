//! `rehearse export SESSION`: a readable transcript of a session, written
//! atomically and privately; the path written is printed. `--output -` writes
//! the transcript itself to standard output instead, for piping.

use crate::journal::export::{self, Format};
use crate::journal::store;
use crate::load;
use crate::load::Context;
use crate::outcome::{self, Failure, Outcome};
use crate::scenario::Library;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(cli: &dyn Context, session: &str, format: Format, output: Option<&Path>, force: bool) -> Outcome {
    let (_, listing) = store::list_data_dir()?;
    let record = store::resolve(&listing.records, session).map_err(|message| {
        for problem in &listing.problems {
            outcome::warn(format!("warning: {problem}"));
        }
        Failure::new(message)
    })?;
    for warning in &record.warnings {
        outcome::warn(format!("warning: {warning}"));
    }
    let library = (format == Format::Html).then(|| scenario_library(cli)).flatten();
    let scenario = library
        .as_ref()
        .and_then(|l| l.scenarios.iter().find(|s| s.id == record.header.scenario.id));
    // `-` is the usual name for standard output; a file called `-` is never
    // what was meant.
    if output == Some(Path::new("-")) {
        let mut out = std::io::stdout().lock();
        out.write_all(export::render(record, format, scenario).as_bytes())?;
        out.flush()?;
        return Ok(());
    }
    // A transcript written over a file the person named would lose that file
    // for good; the data folder's own exports are ours to refresh.
    if let Some(existing) = output.map(|o| target(o, record.id(), format)).filter(|p| p.exists()) {
        if !force {
            return Err(Failure::new(format!(
                "{} already exists; pass --force to replace it, or choose another --output",
                existing.display()
            )));
        }
    }
    let path = export::write(record, format, output, scenario).map_err(|e| {
        let target = output.map_or_else(|| "the data folder's exports/".to_string(), |p| p.display().to_string());
        Failure::new(format!(
            "could not write the transcript to {target}: {e}; check that the folder exists and is writable"
        ))
    })?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", path.display())?;
    Ok(())
}

/// The scenario library in use, for drawing the map in an HTML transcript;
/// `None` when it cannot be loaded (the transcript is then written without it).
fn scenario_library(cli: &dyn Context) -> Option<Library> {
    let scorer = load::scorer(cli).ok()?;
    load::library(cli, &scorer).ok()
}

/// The file `export::write` will write for `--output OUTPUT`: the path itself,
/// or `<session>.<ext>` inside it when it is a folder.
fn target(output: &Path, id: &str, format: Format) -> PathBuf {
    if output.is_dir() {
        output.join(format!("{id}.{}", format.extension()))
    } else {
        output.to_path_buf()
    }
}
