//! The journal of the session being played, as both front ends (the REPL and
//! piped `play`/`resume`) use it. A journal that cannot be written never stops
//! the practice: the problem is turned into a message that says what to do.

use super::clock::Clock;
use super::event::Header;
use super::export::{self, Format};
use super::record::Record;
use super::writer::JournalWriter;
use super::{reader, store};
use crate::session::Session;
use std::io;
use std::path::{Path, PathBuf};

/// Starts the journal of `session` unless `keep` is false (`--no-journal`).
/// On failure, returns the message to show; the session goes on unjournaled.
pub fn start(keep: bool, session: &Session) -> Result<Option<JournalWriter>, String> {
    if !keep {
        return Ok(None);
    }
    JournalWriter::start(session, Clock::System).map(Some).map_err(|e| {
        format!(
            "could not start the session journal ({e}); this session is not being kept. Check that {} is writable, or set {} to another folder",
            crate::data_dir::location().map_or_else(|| "the data folder".to_string(), |d| d.display().to_string()),
            crate::data_dir::ENV_VAR
        )
    })
}

/// The message for a journal write that failed.
pub fn write_problem(path: &Path, error: &io::Error) -> String {
    format!(
        "could not save to the journal {} ({error}); what is on screen is all there is of that reply. Check the free space and permissions of that folder",
        path.display()
    )
}

/// Closes the journal (an empty one is removed); a failure becomes a message.
pub fn close(writer: Option<JournalWriter>) -> Option<String> {
    let writer = writer?;
    let path = writer.path().to_path_buf();
    writer
        .close()
        .err()
        .map(|e| format!("could not close the journal {}: {e}", path.display()))
}

/// Writes the transcript of the session being played (`/save`) into the data
/// folder's `exports/`. From the journal when there is one (it also has the
/// replies taken back), else from the session itself; `started` is when it began.
pub fn save(session: &Session, journal: Option<&JournalWriter>, started: &str, format: Format) -> io::Result<PathBuf> {
    let record = match journal.map(|j| reader::load(j.path())) {
        Some(Ok(record)) => record,
        _ => {
            let id = journal.map_or_else(
                || store::new_id(&Clock::System.now(), &session.scenario().id),
                |j| j.id().to_string(),
            );
            Record::from_session(Header::for_session(session, &id, started), session)
        }
    };
    export::write(&record, format, None, Some(session.scenario()))
}
