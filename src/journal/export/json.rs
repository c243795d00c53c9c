//! The JSON export: the whole session for other programs, with the highlighted
//! spans already merged so a tool can show them the way the other formats do.

use super::{pieces, Piece};
use crate::journal::event::{PartnerRef, ScenarioRef};
use crate::journal::record::{Entry, Record};
use crate::session::{EndingReached, PartnerLine, SkillSummary, Turn};
use serde::Serialize;

/// Bumped when a field changes meaning or goes away (adding one does not).
const EXPORT_FORMAT: u32 = 1;

#[derive(Serialize)]
struct Export<'a> {
    format: u32,
    session: &'a str,
    scenario: &'a ScenarioRef,
    partner: &'a PartnerRef,
    seed: u64,
    started: &'a str,
    finished: bool,
    opening: &'a PartnerLine,
    turns: Vec<ExportTurn<'a>>,
    ending: Option<&'a EndingReached>,
    /// The partner line still waiting for a reply, if unfinished.
    waiting: Option<&'a PartnerLine>,
    summary: Vec<SkillSummary>,
    taken_back: Vec<ExportTurn<'a>>,
}

#[derive(Serialize)]
struct ExportTurn<'a> {
    at: Option<&'a str>,
    partner: &'a str,
    #[serde(flatten)]
    turn: &'a Turn,
    highlights: Vec<Highlight<'a>>,
}

#[derive(Serialize)]
struct Highlight<'a> {
    text: &'a str,
    labels: Vec<String>,
    harmful: bool,
}

fn export_turn(entry: &Entry) -> ExportTurn<'_> {
    let highlights = pieces(&entry.turn.reply, &entry.turn.report.matches)
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Marked { text, labels, harmful } => Some(Highlight { text, labels, harmful }),
            Piece::Plain(_) => None,
        })
        .collect();
    ExportTurn {
        at: entry.at.as_deref(),
        partner: &entry.partner,
        turn: &entry.turn,
        highlights,
    }
}

pub fn render(record: &Record) -> String {
    let header = &record.header;
    let export = Export {
        format: EXPORT_FORMAT,
        session: record.id(),
        scenario: &header.scenario,
        partner: &header.partner,
        seed: header.seed,
        started: &header.started,
        finished: record.is_finished(),
        opening: &header.opening,
        turns: record.entries.iter().map(export_turn).collect(),
        ending: record.ending(),
        waiting: record.waiting(),
        summary: record.summary(),
        taken_back: record.taken_back.iter().map(export_turn).collect(),
    };
    let mut text = serde_json::to_string_pretty(&export)
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string());
    text.push('\n');
    text
}
