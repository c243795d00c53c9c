//! The JSON document `rehearse run --format json` writes and `rehearse report`
//! reads: a header naming the scenario, then one participant per line, so a
//! run of 10,000 people is written as it goes and can still be read with `grep`.
//!
//! ```text
//! {"rehearse":"workshop-run","format":1,"scenario":{…},"seed":1,"participants":[
//! {"participant":"ana",…},
//! {"participant":"ben",…}
//! ]}
//! ```

use super::run::ParticipantResult;
use crate::journal::event::ScenarioRef;
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

/// What the `rehearse` field of a run document says.
pub const KIND: &str = "workshop-run";
/// Bumped when a field changes meaning or goes away (adding one does not).
pub const FORMAT: u32 = 1;

/// A whole run, as read back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunDocument {
    pub rehearse: String,
    pub format: u32,
    pub scenario: ScenarioRef,
    pub seed: u64,
    pub participants: Vec<ParticipantResult>,
}

/// Writes a run document piece by piece, as results arrive.
pub struct RunWriter<W: Write> {
    out: W,
    written: usize,
}

impl<W: Write> RunWriter<W> {
    /// Writes the header.
    pub fn start(mut out: W, scenario: &ScenarioRef, seed: u64) -> io::Result<RunWriter<W>> {
        let scenario = serde_json::to_string(scenario).map_err(io::Error::other)?;
        write!(
            out,
            "{{\"rehearse\":\"{KIND}\",\"format\":{FORMAT},\"scenario\":{scenario},\"seed\":{seed},\"participants\":["
        )?;
        Ok(RunWriter { out, written: 0 })
    }

    /// Writes one participant, on a line of its own.
    pub fn participant(&mut self, result: &ParticipantResult) -> io::Result<()> {
        let line = serde_json::to_string(result).map_err(io::Error::other)?;
        let comma = if self.written == 0 { "" } else { "," };
        write!(self.out, "{comma}\n{line}")?;
        self.written += 1;
        Ok(())
    }

    /// Closes the list and the document.
    pub fn finish(mut self) -> io::Result<W> {
        writeln!(self.out, "\n]}}")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Whether `bytes` start like a run document (the header is always written first).
pub fn is_run_document(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(200)];
    let text = String::from_utf8_lossy(start);
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed.starts_with(&format!("{{\"rehearse\":\"{KIND}\""))
}
