//! `rehearse history`: every kept session, oldest first, with how far it got and
//! the average of each skill, as a table or as JSON.

use crate::journal::clock;
use crate::journal::record::Record;
use crate::journal::store;
use crate::outcome::Outcome;
use crate::session::Next;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

#[derive(Serialize)]
struct EndingJson<'a> {
    id: &'a str,
    kind: &'a str,
}

#[derive(Serialize)]
struct SessionJson<'a> {
    session: &'a str,
    journal: Option<String>,
    started: &'a str,
    scenario: &'a str,
    title: &'a str,
    seed: u64,
    version: &'a str,
    replies: usize,
    finished: bool,
    ending: Option<EndingJson<'a>>,
    averages: BTreeMap<String, f64>,
    taken_back: usize,
    resumed: usize,
    warnings: &'a [String],
}

fn json_of(record: &Record) -> SessionJson<'_> {
    SessionJson {
        session: record.id(),
        journal: record.path.as_ref().map(|p| p.display().to_string()),
        started: &record.header.started,
        scenario: &record.header.scenario.id,
        title: &record.header.scenario.title,
        seed: record.header.seed,
        version: &record.header.version,
        replies: record.entries.len(),
        finished: record.is_finished(),
        ending: record.ending().map(|e| EndingJson {
            id: &e.ending,
            kind: e.kind.as_str(),
        }),
        averages: record.averages(),
        taken_back: record.taken_back.len(),
        resumed: record.resumes,
        warnings: &record.warnings,
    }
}

/// The widest a history row may be: it must read in a standard terminal.
pub const WIDTH: usize = 80;

/// What an ending kind means, in words: `stuck`, `escalated`, or `went well`.
pub fn kind_words(kind: crate::scenario::EndingKind) -> &'static str {
    match kind.as_str() {
        "good" => "went well",
        other => other,
    }
}

/// `half fixed — stuck`, or `unfinished` for a session that has not ended.
pub fn ending_cell(record: &Record) -> String {
    match record.entries.last().map(|e| &e.turn.next) {
        Some(Next::Ending(e)) => format!("{} — {}", e.display_title(), kind_words(e.kind)),
        _ => "unfinished".to_string(),
    }
}

pub fn run(json: bool) -> Outcome {
    let (data, listing) = store::list_data_dir()?;
    for problem in &listing.problems {
        crate::outcome::warn(format!("warning: {problem}"));
    }
    for record in &listing.records {
        for warning in &record.warnings {
            crate::outcome::warn(format!("warning: {warning}"));
        }
    }
    let mut out = std::io::stdout().lock();
    if json {
        let all: Vec<SessionJson> = listing.records.iter().map(json_of).collect();
        let text = serde_json::to_string_pretty(&all).map_err(|e| crate::outcome::Failure::new(e.to_string()))?;
        writeln!(out, "{text}")?;
        return Ok(());
    }
    if listing.records.is_empty() {
        writeln!(
            out,
            "No sessions yet. Play one with `rehearse` or `rehearse play ID`; each is kept, privately, in {}.",
            store::sessions_dir(&data).display()
        )?;
        return Ok(());
    }
    write!(out, "{}", table(&listing.records))?;
    Ok(())
}

/// The sessions, oldest first, two lines each so that every line fits in
/// [`WIDTH`] columns however many skills there are: the date, scenario, number
/// of replies and ending, aligned as a table; then, indented, the session's id
/// (what `export`, `resume` and `forget` take) and its average per skill. One
/// column per skill made rows over 200 columns wide once seven skills were scored.
pub fn table(records: &[Record]) -> String {
    let skills: BTreeSet<String> = records.iter().flat_map(|r| r.skills()).collect();
    let head = ["date", "scenario", "replies", "ending"].map(String::from);
    let mut rows: Vec<[String; 4]> = vec![head];
    for record in records {
        rows.push([
            clock::display(&record.header.started),
            record.header.scenario.id.clone(),
            record.entries.len().to_string(),
            ending_cell(record),
        ]);
    }
    let widths: Vec<usize> = (0..4)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let line = |row: &[String; 4]| -> String {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c] - cell.chars().count());
                // The number of replies aligns right.
                if c == 2 {
                    format!("{pad}{cell}")
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        cells.join("  ").trim_end().to_string()
    };
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        out.push_str(&crate::wrap::wrap(&line(row), WIDTH));
        out.push('\n');
        let Some(record) = i.checked_sub(1).and_then(|r| records.get(r)) else {
            continue;
        };
        let averages = record.averages();
        let mut details = vec![record.id().to_string()];
        details.extend(skills.iter().map(|s| {
            let value = averages.get(s).map_or("-".to_string(), |v| format!("{v:.2}"));
            format!("{s} {value}")
        }));
        out.push_str(&flow(&details, "  ", " · "));
    }
    out
}

/// `items` joined by `separator` on lines of at most [`WIDTH`] columns, each
/// starting with `indent`; an item is never split, and a line never starts or
/// ends with the separator.
fn flow(items: &[String], indent: &str, separator: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for item in items {
        if line.is_empty() {
            line = format!("{indent}{item}");
        } else if (line.chars().count() + separator.chars().count() + item.chars().count()) <= WIDTH {
            line.push_str(separator);
            line.push_str(item);
        } else {
            out.push_str(&line);
            out.push('\n');
            line = format!("{indent}{item}");
        }
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}
