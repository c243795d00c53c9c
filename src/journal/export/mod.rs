//! Transcripts for reading away from the terminal, e.g. with a therapist: the
//! partner's lines, the replies with the words the scorers reacted to highlighted,
//! the scores, the notes, the ending and its debrief. Markdown, HTML or JSON.
//!
//! Exports are written atomically and readable by their owner only, into the data
//! directory's `exports/` folder unless the person names another path.

mod highlight;
pub mod html;
mod json;
pub mod markdown;

/// The escaping the transcripts use, for other documents made from replies (group reports).
pub use crate::markup::escape as html_escape;
pub use highlight::{pieces, Piece};
pub use markdown::escape as markdown_escape;

use super::atomic;
use super::record::Record;
use super::store;
use crate::data_dir;
use crate::render;
use crate::scenario::Scenario;
use crate::session::{EndingReached, Turn};
use std::io;
use std::path::{Path, PathBuf};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for reading and printing.
    #[value(alias = "markdown")]
    Md,
    /// A self-contained web page (no scripts, nothing fetched).
    Html,
    /// Everything, for other programs.
    Json,
}

impl Format {
    /// `md` (or `markdown`), `html` or `json`.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Md),
            "html" => Some(Format::Html),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// The transcript of `record` in `format`. Given the scenario it was played
/// in, the HTML transcript also draws the scenario's map with the path taken.
pub fn render(record: &Record, format: Format, scenario: Option<&Scenario>) -> String {
    match format {
        Format::Md => markdown::render(record),
        Format::Html => html::render(record, scenario),
        Format::Json => json::render(record),
    }
}

/// Where an export goes without `--output`: `<data>/exports/<session>.<ext>`.
pub fn default_path(data: &Path, id: &str, format: Format) -> PathBuf {
    store::exports_dir(data).join(format!("{id}.{}", format.extension()))
}

/// Writes the transcript of `record` to `output` (a file, or a folder to put
/// `<session>.<ext>` in), or into the data directory's `exports/` folder.
/// Returns the path written.
pub fn write(
    record: &Record,
    format: Format,
    output: Option<&Path>,
    scenario: Option<&Scenario>,
) -> io::Result<PathBuf> {
    let path = match output {
        Some(dir) if dir.is_dir() => dir.join(format!("{}.{}", record.id(), format.extension())),
        Some(file) => file.to_path_buf(),
        None => {
            let data = data_dir::ensure()?;
            data_dir::ensure_private_dir(&store::exports_dir(&data))?;
            default_path(&data, record.id(), format)
        }
    };
    atomic::write_private(&path, render(record, format, scenario).as_bytes())?;
    Ok(path)
}

/// `blame 0.80 · i_statement 0.40`
fn scores_text(turn: &Turn) -> String {
    turn.report
        .skills()
        .map(|(name, score)| format!("{name} {score:.2}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `tension 4 → 6 · trust 5 → 4`, or `None` when no dial moved.
fn dials_text(turn: &Turn) -> Option<String> {
    (!turn.changes.is_empty()).then(|| {
        turn.changes
            .iter()
            .map(|c| format!("{} {} → {}", c.dial, render::number(c.from), render::number(c.to)))
            .collect::<Vec<_>>()
            .join(" · ")
    })
}

/// `plan together (good)`
fn ending_title(ending: &EndingReached) -> String {
    format!("{} ({})", ending.display_title(), ending.kind.as_str())
}

/// `Robin (flatmate)`
fn partner_title(record: &Record) -> String {
    format!("{} ({})", record.header.partner.name, record.header.partner.relation)
}

/// The line after the metadata that says how far the session got.
fn outcome_text(record: &Record) -> String {
    let replies = match record.entries.len() {
        1 => "1 reply".to_string(),
        n => format!("{n} replies"),
    };
    match record.ending() {
        Some(ending) => format!("{replies}; ended: {}", ending_title(ending)),
        None => format!("{replies}; unfinished"),
    }
}

/// The steps `record` took through `scenario` (beat, rule number), for drawing
/// them on its map; `None` when the record is of another scenario, or the
/// scenario has changed since so that its beats and rules no longer match the
/// turns (a map that drew the wrong path would mislead more than no map).
pub fn path_on_map(record: &Record, scenario: &Scenario) -> Option<Vec<crate::scenario::graph_svg::Step>> {
    use crate::scenario::Target;
    use crate::session::Next;
    if record.header.scenario.id != scenario.id || record.entries.is_empty() {
        return None;
    }
    let mut steps = Vec::new();
    // Where the turn before led: each turn must answer that beat, and no turn
    // may come after an ending. `None` before the first turn.
    let mut led_to: Option<&Target> = None;
    for entry in &record.entries {
        let turn = &entry.turn;
        match led_to {
            Some(Target::Beat(beat)) if *beat != turn.beat => return None,
            Some(Target::Ending(_)) => return None,
            _ => {}
        }
        let rule = scenario
            .beats
            .get(&turn.beat)?
            .rules
            .iter()
            .find(|r| r.number == turn.rule.number)?;
        let leads_where_it_went = match (&rule.goto, &turn.next) {
            (Target::Ending(id), Next::Ending(ending)) => *id == ending.ending,
            (Target::Beat(_), Next::Beat(_)) => true,
            _ => false,
        };
        if !leads_where_it_went {
            return None;
        }
        led_to = Some(&rule.goto);
        steps.push((turn.beat.clone(), turn.rule.number));
    }
    Some(steps)
}
