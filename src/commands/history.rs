//! `rehearse history`: every kept session, oldest first, with how far it got and
//! the average of each skill, as a table or as JSON.

use crate::app::Outcome;
use crate::journal::clock;
use crate::journal::record::Record;
use crate::journal::store;
use crate::session::Next;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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

/// `plan (good)`, or where an unfinished session stopped.
pub fn ending_cell(record: &Record) -> String {
    match record.entries.last().map(|e| &e.turn.next) {
        Some(Next::Ending(e)) => format!("{} ({})", e.ending, e.kind.as_str()),
        _ => "unfinished".to_string(),
    }
}

pub fn run(json: bool) -> Outcome {
    let (data, listing) = store::list_data_dir()?;
    for problem in &listing.problems {
        eprintln!("rehearse: warning: {problem}");
    }
    for record in &listing.records {
        for warning in &record.warnings {
            eprintln!("rehearse: warning: {warning}");
        }
    }
    if json {
        let all: Vec<SessionJson> = listing.records.iter().map(json_of).collect();
        let text = serde_json::to_string_pretty(&all).map_err(|e| crate::app::Failure::new(e.to_string()))?;
        println!("{text}");
        return Ok(());
    }
    if listing.records.is_empty() {
        println!(
            "No sessions yet. Play one with `rehearse` or `rehearse play ID`; each is kept, privately, in {}.",
            store::sessions_dir(&data).display()
        );
        return Ok(());
    }
    print!("{}", table(&listing.records));
    Ok(())
}

/// The sessions as an aligned table, one row each, a column per skill.
pub fn table(records: &[Record]) -> String {
    let skills: BTreeSet<String> = records.iter().flat_map(|r| r.skills()).collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut head = vec!["session", "date", "scenario", "replies", "ending"]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    head.extend(skills.iter().cloned());
    rows.push(head);
    for record in records {
        let averages = record.averages();
        let mut row = vec![
            record.id().to_string(),
            clock::display(&record.header.started),
            record.header.scenario.id.clone(),
            record.entries.len().to_string(),
            ending_cell(record),
        ];
        row.extend(
            skills
                .iter()
                .map(|s| averages.get(s).map_or("-".to_string(), |v| format!("{v:.2}"))),
        );
        rows.push(row);
    }
    let columns = rows[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = widths[c] - cell.chars().count();
                // Numbers (replies and the skill columns) align right.
                if c == 3 || c >= 5 {
                    format!("{}{cell}", " ".repeat(pad))
                } else {
                    format!("{cell}{}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}
