//! `rehearse export SESSION`: a readable transcript of a session, written
//! atomically and privately; the path written is printed.

use crate::app::{Failure, Outcome};
use crate::journal::export::{self, Format};
use crate::journal::store;
use std::path::Path;

pub fn run(session: &str, format: Format, output: Option<&Path>) -> Outcome {
    let (_, listing) = store::list_data_dir()?;
    let record = store::resolve(&listing.records, session).map_err(|message| {
        for problem in &listing.problems {
            eprintln!("rehearse: warning: {problem}");
        }
        Failure::new(message)
    })?;
    for warning in &record.warnings {
        eprintln!("rehearse: warning: {warning}");
    }
    let path = export::write(record, format, output).map_err(|e| {
        let target = output.map_or_else(|| "the data folder's exports/".to_string(), |p| p.display().to_string());
        Failure::new(format!(
            "could not write the transcript to {target}: {e}; check that the folder exists and is writable"
        ))
    })?;
    println!("{}", path.display());
    Ok(())
}
