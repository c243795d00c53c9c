//! Reading a journal back, forgivingly.
//!
//! A journal is the only copy of what someone typed, so a damaged one must still
//! give back everything it can: a line cut short by a power cut, a line that is not
//! JSON, a turn out of order are each skipped with a warning naming the line, and
//! the rest loads. Only a file without a readable header is refused.

use super::event::{Event, Header, FORMAT};
use super::record::{Entry, Record};
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a journal could not be read at all.
#[derive(Debug)]
pub enum LoadError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The first line is not a rehearse journal header.
    NotAJournal {
        path: PathBuf,
        reason: String,
    },
    /// Written by a newer rehearse.
    TooNew {
        path: PathBuf,
        format: u32,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            LoadError::NotAJournal { path, reason } => write!(
                f,
                "{} is not a rehearse journal ({reason}); journals start with a `start` line written by rehearse",
                path.display()
            ),
            LoadError::TooNew { path, format } => write!(
                f,
                "{} was written by a newer rehearse (journal format {format}, this one reads up to {FORMAT}); update rehearse to read it",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads the journal at `path`.
pub fn load(path: &Path) -> Result<Record, LoadError> {
    let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let mut record = parse(&bytes, path)?;
    record.path = Some(path.to_path_buf());
    Ok(record)
}

/// Reads a journal from its bytes; `path` is used in messages only.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Record, LoadError> {
    let name = path.display();
    let ends_cleanly = bytes.is_empty() || bytes.ends_with(b"\n");
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    // `split` yields an empty piece after a final newline; it is not a line.
    let count = if ends_cleanly {
        lines.len().saturating_sub(1)
    } else {
        lines.len()
    };

    let mut record: Option<Record> = None;
    let mut warnings = Vec::new();
    for (index, raw) in lines.iter().take(count).enumerate() {
        let number = index + 1;
        let last_and_cut = !ends_cleanly && number == count;
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let event = std::str::from_utf8(raw)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str::<Event>(text).map_err(|e| e.to_string()));
        let event = match event {
            Ok(event) => event,
            Err(reason) => {
                if record.is_none() {
                    if let Some(format) = newer_format(raw) {
                        return Err(LoadError::TooNew {
                            path: path.to_path_buf(),
                            format,
                        });
                    }
                    return Err(LoadError::NotAJournal {
                        path: path.to_path_buf(),
                        reason: format!("line {number}: {reason}"),
                    });
                }
                warnings.push(if last_and_cut {
                    format!("{name}:{number}: the last line is cut off (rehearse was stopped while writing it); the session is read up to the line before")
                } else {
                    format!("{name}:{number}: this line could not be read ({reason}); it is skipped")
                });
                continue;
            }
        };
        let Some(current) = record.as_mut() else {
            match event {
                Event::Start(header) => {
                    if header.format > FORMAT {
                        return Err(LoadError::TooNew {
                            path: path.to_path_buf(),
                            format: header.format,
                        });
                    }
                    record = Some(new_record(header));
                    continue;
                }
                _ => {
                    return Err(LoadError::NotAJournal {
                        path: path.to_path_buf(),
                        reason: "the first line is not a `start` event".to_string(),
                    })
                }
            }
        };
        if let Some(problem) = apply(current, event) {
            warnings.push(format!("{name}:{number}: {problem}; this line is skipped"));
        }
    }
    let mut record = record.ok_or_else(|| LoadError::NotAJournal {
        path: path.to_path_buf(),
        reason: "the file is empty".to_string(),
    })?;
    record.warnings = warnings;
    Ok(record)
}

fn new_record(header: Header) -> Record {
    Record {
        path: None,
        header,
        entries: Vec::new(),
        taken_back: Vec::new(),
        resumes: 0,
        warnings: Vec::new(),
    }
}

/// Applies one event; returns why it does not fit, if it does not.
fn apply(record: &mut Record, event: Event) -> Option<String> {
    match event {
        Event::Start(_) => Some("a second `start` line".to_string()),
        Event::Turn(turn) => {
            let turn = *turn;
            let expected = record.entries.len() + 1;
            if record.is_finished() {
                return Some(format!("turn {} comes after the conversation ended", turn.turn.number));
            }
            if turn.turn.number != expected {
                return Some(format!(
                    "turn {} is out of order (expected turn {expected})",
                    turn.turn.number
                ));
            }
            record.entries.push(Entry {
                at: Some(turn.at),
                partner: turn.partner,
                turn: turn.turn,
            });
            None
        }
        Event::Undo(undo) => match record.entries.last() {
            Some(last) if last.turn.number == undo.turn => {
                if let Some(entry) = record.entries.pop() {
                    record.taken_back.push(entry);
                }
                None
            }
            _ => Some(format!("undo of turn {}, which is not the last turn", undo.turn)),
        },
        Event::Resume(_) => {
            record.resumes += 1;
            None
        }
    }
}

/// The `format` of a header line this version cannot parse, if it is newer.
fn newer_format(raw: &[u8]) -> Option<u32> {
    let value: serde_json::Value = serde_json::from_slice(raw).ok()?;
    if value.get("event")?.as_str()? != "start" {
        return None;
    }
    let format = u32::try_from(value.get("format")?.as_u64()?).ok()?;
    (format > FORMAT).then_some(format)
}
