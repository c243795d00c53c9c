//! `rehearse schema`: the scenario format as a JSON Schema, for editors.

use crate::outcome::Outcome;
use std::io::Write as _;

pub fn run() -> Outcome {
    let mut out = std::io::stdout().lock();
    out.write_all(crate::scenario::schema::schema_text().as_bytes())?;
    out.flush()?;
    Ok(())
}
