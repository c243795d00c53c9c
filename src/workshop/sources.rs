//! What `rehearse report` reads: the JSON of `rehearse run --format json`,
//! session journals (`.jsonl`) and `rehearse export --format json` files, or
//! folders of them. Each becomes the same [`ParticipantResult`], so the report
//! treats a typed-up paper form and a session played at a laptop alike.

use super::results::{is_run_document, RunDocument};
use super::run::ParticipantResult;
use crate::content::{display_path, list_paths, read_capped};
use std::path::{Path, PathBuf};

/// The largest file `report` reads: a run of 10,000 people is about 60 MB.
pub const MAX_RESULTS_BYTES: u64 = 256 * 1024 * 1024;

/// The kinds of file read inside folders.
const EXTENSIONS: [&str; 2] = ["json", "jsonl"];

/// What the inputs held: the conversations, and problems that did not stop the report.
#[derive(Debug, Default)]
pub struct Gathered {
    pub conversations: Vec<ParticipantResult>,
    pub warnings: Vec<String>,
}

/// What `report` reads, in words, for messages.
const READS: &str = "`rehearse report` reads the output of `rehearse run … --format json`, session journals (.jsonl, in the data folder's sessions/) and `rehearse export … --format json` files";

/// Reads every conversation in `paths`, in order. A file that cannot be used at
/// all is an error: a report quietly missing part of the group would mislead.
pub fn gather(paths: &[PathBuf]) -> Result<Gathered, Vec<String>> {
    let files = list_paths(paths, &EXTENSIONS).map_err(|e| vec![e.to_string()])?;
    let mut gathered = Gathered::default();
    let mut problems = Vec::new();
    for file in &files {
        match read_one(file) {
            Ok((conversations, warnings)) => {
                gathered.conversations.extend(conversations);
                gathered.warnings.extend(warnings);
            }
            Err(problem) => problems.push(format!("{}: {problem}", display_path(file))),
        }
    }
    if problems.is_empty() && gathered.conversations.is_empty() {
        problems.push(format!("no conversations found in what was given; {READS}"));
    }
    if problems.is_empty() {
        Ok(gathered)
    } else {
        Err(problems)
    }
}

/// The conversations in one file, and its warnings.
fn read_one(path: &Path) -> Result<(Vec<ParticipantResult>, Vec<String>), String> {
    let bytes = read_capped(path, MAX_RESULTS_BYTES)?;
    let trimmed = bytes.trim_ascii_start();
    if is_run_document(trimmed) {
        let document: RunDocument = serde_json::from_slice(trimmed)
            .map_err(|e| format!("this run result is damaged ({e}); run `rehearse run` again to make a new one"))?;
        if document.format > super::results::FORMAT {
            return Err(format!(
                "this run result was written by a newer rehearse (format {}); update rehearse to read it",
                document.format
            ));
        }
        return Ok((document.participants, Vec::new()));
    }
    if is_journal(trimmed) {
        let record = crate::journal::reader::parse(&bytes, path).map_err(|e| e.to_string())?;
        let mut result = ParticipantResult::from_record(&record);
        let warnings = std::mem::take(&mut result.notes);
        return Ok((vec![result], warnings));
    }
    if trimmed.starts_with(b"{") {
        let mut result: ParticipantResult = serde_json::from_slice(trimmed)
            .map_err(|e| format!("this is JSON, but not a rehearse result, journal or export ({e}); {READS}"))?;
        result.fill_averages();
        return Ok((vec![result], Vec::new()));
    }
    Err(format!("this is not a rehearse result, journal or export; {READS}"))
}

/// Whether `bytes` start like a session journal: a `start` event on the first line.
fn is_journal(bytes: &[u8]) -> bool {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    serde_json::from_slice::<serde_json::Value>(first)
        .ok()
        .and_then(|v| v.get("event").and_then(|e| e.as_str()).map(|e| e == "start"))
        .unwrap_or(false)
}
