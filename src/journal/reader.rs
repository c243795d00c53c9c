//! Reading a journal back, forgivingly.
//!
//! A journal is the only copy of what someone typed, so a damaged one must still
//! give back everything it can. One damaged line costs that line only:
//!
//! - a line cut short by a power cut, or that is not JSON, is skipped with a
//!   warning naming the line;
//! - a turn after a lost one is still read: the lost turn's number is kept in
//!   [`Record::missing`] (so `history` can say so and `resume` can rebuild
//!   honestly) and every later intact turn counts;
//! - a turn whose number comes again means the `/undo` line before it was lost:
//!   the earlier turn counts as taken back, as it was;
//! - a dial or score written as `null` (a NaN or infinity, which JSON cannot
//!   hold) is read as absent, the rest of the turn counts, and the turn is noted
//!   in [`Record::repaired`].
//!
//! Only a file without a readable header is refused, and a symbolic link: the
//! journal is read only from the data folder itself.

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
            LoadError::Io { path, error } => {
                let text = error.to_string();
                if text.contains(&path.display().to_string()) {
                    write!(f, "{text}")
                } else {
                    write!(f, "cannot read {}: {text}", path.display())
                }
            }
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

/// Reads the journal at `path`. A symbolic link, a FIFO or a device is refused.
pub fn load(path: &Path) -> Result<Record, LoadError> {
    let io_error = |error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    };
    let mut file = crate::data_dir::open_plain_file(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(io_error)?;
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
        let mut repaired = None;
        let event = match event.or_else(|reason| match without_nulls(raw) {
            Some((event, what)) if record.is_some() => {
                repaired = Some(what);
                Ok(event)
            }
            _ => Err(reason),
        }) {
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
        let turn_number = match &event {
            Event::Turn(turn) => Some(turn.turn.number),
            _ => None,
        };
        match apply(current, event) {
            Applied::Fits => {}
            Applied::Skipped(problem) => {
                warnings.push(format!("{name}:{number}: {problem}; this line is skipped"));
                continue;
            }
            Applied::After(note) => warnings.push(format!("{name}:{number}: {note}")),
        }
        if let (Some(what), Some(turn)) = (repaired, turn_number) {
            current.repaired.push(turn);
            warnings.push(format!(
                "{name}:{number}: turn {turn} has no number for {} (stored as null: a value that was not a number); the turn is read without {}",
                what.join(", "),
                if what.len() == 1 { "it" } else { "them" }
            ));
        }
    }
    let mut record = record.ok_or_else(|| LoadError::NotAJournal {
        path: path.to_path_buf(),
        reason: "the file is empty".to_string(),
    })?;
    record.warnings = warnings;
    // Turns are numbered 1, 2, 3… and a retyped turn takes its undone one's
    // number, so the numbers up to the last that no turn has are the lost ones.
    let present: std::collections::BTreeSet<usize> = record.entries.iter().map(|e| e.turn.number).collect();
    let last = present.last().copied().unwrap_or(0);
    record.missing = (1..=last).filter(|n| !present.contains(n)).collect();
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
        missing: Vec::new(),
        repaired: Vec::new(),
    }
}

/// How an event fitted the record so far.
enum Applied {
    Fits,
    /// It does not fit and is left out, for this reason.
    Skipped(String),
    /// It counts, but something before it was lost: this says what.
    After(String),
}

/// Applies one event to the record.
fn apply(record: &mut Record, event: Event) -> Applied {
    match event {
        Event::Start(_) => Applied::Skipped("a second `start` line".to_string()),
        Event::Turn(turn) => {
            let turn = *turn;
            let number = turn.turn.number;
            let last = record.entries.last().map_or(0, |e| e.turn.number);
            let entry = Entry {
                at: Some(turn.at),
                partner: turn.partner,
                turn: turn.turn,
            };
            if number == 0 {
                return Applied::Skipped("a turn numbered 0 (turns start at 1)".to_string());
            }
            if number <= last {
                // Turn `number` again: the `/undo` line(s) that took back turns
                // number..=last were lost. Those turns were taken back, as the
                // person did.
                let keep = record.entries.iter().take_while(|e| e.turn.number < number).count();
                let undone: Vec<Entry> = record.entries.drain(keep..).collect();
                record.taken_back.extend(undone);
                record.entries.push(entry);
                return Applied::After(format!(
                    "turn {number} comes again, so the line that took back the earlier turn {number} must have been lost; the earlier one counts as taken back"
                ));
            }
            if record.is_finished() {
                return Applied::Skipped(format!("turn {number} comes after the conversation ended"));
            }
            record.entries.push(entry);
            if number > last + 1 {
                let which = if number == last + 2 {
                    format!("turn {} is", last + 1)
                } else {
                    format!("turns {} to {} are", last + 1, number - 1)
                };
                return Applied::After(format!(
                    "{which} missing (a damaged line before this one); turn {number} and the turns after it still count"
                ));
            }
            Applied::Fits
        }
        Event::Undo(undo) => match record.entries.last() {
            Some(last) if last.turn.number == undo.turn => {
                if let Some(entry) = record.entries.pop() {
                    record.taken_back.push(entry);
                }
                Applied::Fits
            }
            _ => Applied::Skipped(format!("undo of turn {}, which is not the last turn", undo.turn)),
        },
        Event::Resume(_) => {
            record.resumes += 1;
            Applied::Fits
        }
    }
}

/// A turn line that failed to read only because a dial, a dial change or a
/// score is `null` (serde_json writes NaN and infinities as `null`): the turn
/// without those values, and what was left out. `None` for anything else.
fn without_nulls(raw: &[u8]) -> Option<(Event, Vec<String>)> {
    use serde_json::Value;
    let mut value: Value = serde_json::from_slice(raw).ok()?;
    if value.get("event")?.as_str()? != "turn" {
        return None;
    }
    let turn = value.get_mut("turn")?;
    let mut left_out = Vec::new();
    if let Some(state) = turn.get_mut("state").and_then(Value::as_object_mut) {
        state.retain(|dial, v| {
            if v.is_null() {
                left_out.push(format!("the dial `{dial}`"));
            }
            !v.is_null()
        });
    }
    if let Some(changes) = turn.get_mut("changes").and_then(Value::as_array_mut) {
        changes.retain(|change| {
            let null = ["from", "to"]
                .iter()
                .any(|k| change.get(*k).is_some_and(Value::is_null));
            if null {
                let dial = change.get("dial").and_then(Value::as_str).unwrap_or("?");
                left_out.push(format!("the change of `{dial}`"));
            }
            !null
        });
    }
    if let Some(scores) = turn.pointer_mut("/report/scores").and_then(Value::as_object_mut) {
        scores.retain(|skill, v| {
            if v.is_null() {
                left_out.push(format!("the score `{skill}`"));
            }
            !v.is_null()
        });
    }
    if left_out.is_empty() {
        return None;
    }
    let event = serde_json::from_value(value).ok()?;
    Some((event, left_out))
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
