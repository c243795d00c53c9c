//! Where journals and exports live in the data directory, how sessions are named,
//! and how a SESSION argument (`latest`, an id, or a unique prefix) finds one.

use super::reader;
use super::record::Record;
use chrono::{DateTime, FixedOffset};
use std::io;
use std::path::{Path, PathBuf};

/// Folder of the journals, inside the data directory.
pub const SESSIONS: &str = "sessions";
/// Folder of the exports written without `--output`, inside the data directory.
pub const EXPORTS: &str = "exports";
/// Journals are JSON Lines.
pub const EXTENSION: &str = "jsonl";
/// The SESSION argument that means "the most recent session".
pub const LATEST: &str = "latest";

pub fn sessions_dir(data: &Path) -> PathBuf {
    data.join(SESSIONS)
}

pub fn exports_dir(data: &Path) -> PathBuf {
    data.join(EXPORTS)
}

/// A session id: start time and scenario, e.g. `20251120-190512-dishes-again`.
/// Sorting ids sorts sessions by time, and a person can tell them apart.
pub fn new_id(started: &DateTime<FixedOffset>, scenario: &str) -> String {
    let slug: String = scenario
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(48)
        .collect();
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "session" } else { slug };
    format!("{}-{slug}", started.format("%Y%m%d-%H%M%S"))
}

/// Whether `name` is a session id as [`new_id`] makes them:
/// `YYYYMMDD-HHMMSS-slug`, the slug of lowercase letters, digits and dashes
/// (a clash adds `-2`, `-3`…, which fits the same shape). `forget` deletes only
/// files named after such ids, so it never takes a file rehearse did not make.
pub fn is_session_id(name: &str) -> bool {
    let bytes = name.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    let slug = name.get(16..).unwrap_or("");
    digits(0..8)
        && bytes.get(8) == Some(&b'-')
        && digits(9..15)
        && bytes.get(15) == Some(&b'-')
        && !slug.is_empty()
        && !slug.starts_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The session id of a journal file name (`<id>.jsonl`), if it is one.
pub fn journal_id(file_name: &str) -> Option<&str> {
    file_name
        .strip_suffix(EXTENSION)
        .and_then(|n| n.strip_suffix('.'))
        .filter(|id| is_session_id(id))
}

/// The session id of a file rehearse writes into `exports/`: `<id>.<md|html|json>`,
/// or the hidden temporary file of one being written
/// (`.<id>.<ext>.<pid>.<n>.tmp`, see [`super::atomic`]), if it is one.
pub fn export_id(file_name: &str) -> Option<&str> {
    export_stem(file_name).filter(|id| is_session_id(id))
}

/// `STEM` for an export-shaped name, `STEM.<md|html|json>` or its temporary
/// file, whatever the stem: a session whose journal someone renamed is still
/// exported under that name, and `forget SESSION` names it exactly.
pub fn export_stem(file_name: &str) -> Option<&str> {
    let name = match file_name.strip_prefix('.') {
        Some(hidden) => super::atomic::temporary_target(hidden)?,
        None => file_name,
    };
    let (stem, extension) = name.rsplit_once('.')?;
    ["md", "html", "json"].contains(&extension).then_some(stem)
}

/// All the journals that could be read, oldest first, and what was wrong with
/// the others.
#[derive(Debug, Default)]
pub struct Listing {
    pub records: Vec<Record>,
    pub problems: Vec<String>,
}

/// Reads every journal in `data`'s sessions folder. A missing folder is an empty listing.
pub fn list(data: &Path) -> io::Result<Listing> {
    let dir = sessions_dir(data);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Listing::default()),
        Err(e) => return Err(io::Error::new(e.kind(), format!("cannot read {}: {e}", dir.display()))),
    };
    let mut listing = Listing::default();
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
            continue;
        }
        // The entry's own type: a link is not followed, to a file or anywhere else.
        let kind = entry.file_type()?;
        if kind.is_symlink() {
            listing
                .problems
                .push(format!("{}; it is not listed", crate::data_dir::symlink_error(&path)));
            continue;
        }
        if !kind.is_file() {
            continue;
        }
        match reader::load(&path) {
            Ok(record) => listing.records.push(record),
            Err(e) => listing.problems.push(e.to_string()),
        }
    }
    listing.records.sort_by_cached_key(sort_key);
    Ok(listing)
}

fn sort_key(record: &Record) -> (Option<DateTime<FixedOffset>>, String) {
    (
        DateTime::parse_from_rfc3339(&record.header.started).ok(),
        record.id().to_string(),
    )
}

/// Finds the session `wanted` names among `records` (oldest first): `latest`, a
/// whole id, or the start of exactly one id.
pub fn resolve<'r>(records: &'r [Record], wanted: &str) -> Result<&'r Record, String> {
    let wanted = wanted.trim();
    if records.is_empty() {
        return Err("there are no sessions yet; play one with `rehearse` or `rehearse play ID`".to_string());
    }
    if wanted == LATEST {
        return records.last().ok_or_else(|| "there are no sessions yet".to_string());
    }
    if let Some(exact) = records.iter().find(|r| r.id() == wanted) {
        return Ok(exact);
    }
    let matches: Vec<&Record> = if wanted.is_empty() {
        Vec::new()
    } else {
        records.iter().filter(|r| r.id().starts_with(wanted)).collect()
    };
    match matches.as_slice() {
        [only] => Ok(only),
        [] => Err(format!(
            "there is no session `{wanted}`; `rehearse history` lists them (or use `latest`)"
        )),
        many => {
            let shown: Vec<&str> = many.iter().rev().take(5).map(|r| r.id()).collect();
            let more = if many.len() > shown.len() { ", …" } else { "" };
            Err(format!(
                "`{wanted}` matches {} sessions ({}{more}); type more of the id",
                many.len(),
                shown.join(", ")
            ))
        }
    }
}

/// The sessions in the data directory (`$REHEARSE_HOME` or the platform's), read
/// without creating anything: listing must not leave folders behind.
pub fn list_data_dir() -> io::Result<(PathBuf, Listing)> {
    let data = crate::data_dir::location().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "no data folder could be found; set {} to a folder",
                crate::data_dir::ENV_VAR
            ),
        )
    })?;
    let listing = list(&data)?;
    Ok((data, listing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::event::{Header, PartnerRef, ScenarioRef, FORMAT};
    use crate::session::PartnerLine;

    fn record(id: &str, started: &str) -> Record {
        Record {
            path: Some(PathBuf::from(format!("/data/sessions/{id}.{EXTENSION}"))),
            header: Header {
                format: FORMAT,
                session: id.to_string(),
                scenario: ScenarioRef {
                    id: "talk".into(),
                    title: "Talk".into(),
                },
                partner: PartnerRef {
                    name: "Robin".into(),
                    relation: "flatmate".into(),
                },
                seed: 1,
                started: started.to_string(),
                version: "0".into(),
                opening: PartnerLine {
                    beat: "opening".into(),
                    line: "Hi.".into(),
                },
                start: Default::default(),
            },
            entries: Vec::new(),
            taken_back: Vec::new(),
            resumes: 0,
            warnings: Vec::new(),
            missing: Vec::new(),
            repaired: Vec::new(),
        }
    }

    #[test]
    fn resolves_latest_whole_ids_and_unique_prefixes() {
        let records = [
            record("20251120-190000-talk", "2025-11-20T19:00:00+01:00"),
            record("20251120-190000-talk-2", "2025-11-20T19:00:00+01:00"),
            record("20251121-080000-talk", "2025-11-21T08:00:00+01:00"),
        ];
        let id = |wanted: &str| resolve(&records, wanted).map(|r| r.id().to_string());
        assert_eq!(id("latest").as_deref(), Ok("20251121-080000-talk"));
        // A whole id wins over the longer ids it is the start of.
        assert_eq!(id("20251120-190000-talk").as_deref(), Ok("20251120-190000-talk"));
        assert_eq!(id("20251121").as_deref(), Ok("20251121-080000-talk"));
        let ambiguous = id("20251120").expect_err("two fit");
        assert!(ambiguous.contains("matches 2 sessions"), "{ambiguous}");
        assert!(id("1999").expect_err("none fit").contains("no session `1999`"));
        assert!(id("").is_err());
    }

    #[test]
    fn only_names_rehearse_makes_count_as_its_files() {
        assert!(is_session_id("20251120-190512-dishes-again"));
        assert!(is_session_id("20251120-190512-dishes-again-2"));
        assert!(!is_session_id("20251120-190512-"));
        assert!(!is_session_id("20251120-190512-Dishes"));
        assert!(!is_session_id("backup"));
        assert!(!is_session_id("2025112-190512-x"));
        assert_eq!(journal_id("20251120-190512-talk.jsonl"), Some("20251120-190512-talk"));
        assert_eq!(journal_id("notes.jsonl"), None);
        assert_eq!(journal_id("20251120-190512-talk.jsonl.bak"), None);
        assert_eq!(export_id("20251120-190512-talk.md"), Some("20251120-190512-talk"));
        assert_eq!(export_id("20251120-190512-talk.notes.txt"), None);
        assert_eq!(export_id("20251120-190512-talk.pdf"), None);
        assert_eq!(
            export_id(".20251120-190512-talk.html.4242.0.tmp"),
            Some("20251120-190512-talk")
        );
        assert_eq!(export_id(".20251120-190512-talk.html.tmp"), None);
        assert_eq!(export_id("my-notes.md"), None);
    }

    #[test]
    fn ids_are_time_then_a_safe_scenario_slug() {
        let at = DateTime::parse_from_rfc3339("2025-11-20T19:05:12+01:00").expect("time");
        assert_eq!(new_id(&at, "dishes-again"), "20251120-190512-dishes-again");
        assert_eq!(new_id(&at, "../Odd Name"), "20251120-190512-odd-name");
        assert_eq!(new_id(&at, "///"), "20251120-190512-session");
    }
}
