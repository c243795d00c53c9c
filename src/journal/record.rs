//! A session as kept: its header and the turns that count, whether read back from
//! a journal or taken from a session still being played. Listings, exports and
//! `resume` all work from this one shape.

use super::event::Header;
use crate::score::PRESENT;
use crate::session::{EndingReached, Next, PartnerLine, Session, SkillSummary, Turn};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// One reply with the partner line it answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// When the reply was taken (RFC 3339), if known.
    pub at: Option<String>,
    pub partner: String,
    pub turn: Turn,
}

#[derive(Debug, Clone)]
pub struct Record {
    /// The journal file, when the record was read from one.
    pub path: Option<PathBuf>,
    pub header: Header,
    /// The turns that count, in order (taken-back ones removed).
    pub entries: Vec<Entry>,
    /// Replies taken back with `/undo`, kept because nothing typed is thrown away.
    pub taken_back: Vec<Entry>,
    /// How many times the session was resumed.
    pub resumes: usize,
    /// Problems met while reading the journal (a cut-off last line…), for the user.
    pub warnings: Vec<String>,
    /// Numbers of turns whose lines could not be read (damaged) although later
    /// turns were: the session has a hole there. `entries` keep their journaled
    /// numbers, so the turns after a hole are numbered as they were played.
    pub missing: Vec<usize>,
    /// Numbers of turns read with a dial or score left out because the journal
    /// held `null` for it (a value that was not a number).
    pub repaired: Vec<usize>,
}

/// The partner line that turn `index` (0-based) of `turns` answered.
pub fn partner_line_before<'t>(opening: &'t PartnerLine, turns: &'t [Turn], index: usize) -> &'t str {
    match index.checked_sub(1).and_then(|i| turns.get(i)).map(|t| &t.next) {
        Some(Next::Beat(line)) => &line.line,
        Some(Next::Ending(ending)) => &ending.line,
        None => &opening.line,
    }
}

impl Record {
    /// A record of a session being played (no journal needed).
    pub fn from_session(header: Header, session: &Session) -> Record {
        let turns = session.turns();
        let entries = turns
            .iter()
            .enumerate()
            .map(|(i, turn)| Entry {
                at: None,
                partner: partner_line_before(session.opening(), turns, i).to_string(),
                turn: turn.clone(),
            })
            .collect();
        Record {
            path: None,
            header,
            entries,
            taken_back: Vec::new(),
            resumes: 0,
            warnings: Vec::new(),
            missing: Vec::new(),
            repaired: Vec::new(),
        }
    }

    /// The session id: the journal's file stem (what `history` shows and what
    /// SESSION arguments match), else the id in the header.
    pub fn id(&self) -> &str {
        self.path
            .as_deref()
            .and_then(|p| p.file_stem())
            .and_then(|s| s.to_str())
            .unwrap_or(&self.header.session)
    }

    pub fn turns(&self) -> impl Iterator<Item = &Turn> {
        self.entries.iter().map(|e| &e.turn)
    }

    pub fn replies(&self) -> Vec<String> {
        self.turns().map(|t| t.reply.clone()).collect()
    }

    pub fn ending(&self) -> Option<&EndingReached> {
        match self.entries.last().map(|e| &e.turn.next) {
            Some(Next::Ending(ending)) => Some(ending),
            _ => None,
        }
    }

    pub fn is_finished(&self) -> bool {
        self.ending().is_some()
    }

    /// The line the partner is waiting on, if the session is unfinished.
    pub fn waiting(&self) -> Option<&PartnerLine> {
        match self.entries.last().map(|e| &e.turn.next) {
            None => Some(&self.header.opening),
            Some(Next::Beat(line)) => Some(line),
            Some(Next::Ending(_)) => None,
        }
    }

    /// The dials after the last turn (empty before the first reply).
    pub fn state(&self) -> BTreeMap<String, f64> {
        self.entries.last().map(|e| e.turn.state.clone()).unwrap_or_default()
    }

    /// Every score name that appears in the session, in name order.
    pub fn skills(&self) -> Vec<String> {
        let names: BTreeSet<&String> = self
            .turns()
            .flat_map(|t| t.report.skills().map(|(name, _)| name))
            .collect();
        names.into_iter().cloned().collect()
    }

    /// Average of each skill over the session's turns; empty before the first reply.
    pub fn averages(&self) -> BTreeMap<String, f64> {
        self.summary().into_iter().map(|s| (s.skill, s.average)).collect()
    }

    /// Average, peak and presence of each skill, as the end-of-session summary shows them.
    pub fn summary(&self) -> Vec<SkillSummary> {
        if self.entries.is_empty() {
            return Vec::new();
        }
        self.skills()
            .into_iter()
            .map(|skill| {
                let values: Vec<f64> = self.turns().map(|t| t.report.get(&skill)).collect();
                SkillSummary {
                    average: values.iter().sum::<f64>() / values.len() as f64,
                    peak: values.iter().copied().fold(0.0, f64::max),
                    present_in: values.iter().filter(|v| **v >= PRESENT).count(),
                    turns: values.len(),
                    skill,
                }
            })
            .collect()
    }
}
