//! The journal's on-disk format: one JSON object per line, each an event.
//!
//! A journal starts with a `start` event (the header) and then has one event per
//! thing that happened, in order. Events are only ever appended, so a crash can
//! at worst cut the last line short; the reader skips such a line with a warning.
//! Turns are stored exactly as the engine returned them, so `resume` can check a
//! replay against them field by field.

use crate::scenario::StartPoint;
use crate::session::{PartnerLine, Session, Turn};
use serde::{Deserialize, Serialize};

/// The newest journal format this version writes and reads. A reader refuses
/// journals from a newer format rather than misreading them.
///
/// Format 2 adds the header's `start` (a session begun with `play --from` or
/// `--set`). Only such sessions are written as format 2: an older rehearse
/// would replay them from the top, so it must refuse them, while every other
/// journal stays format 1 and readable by it.
pub const FORMAT: u32 = 2;

/// The format of a journal whose session began at the top.
pub const FORMAT_FROM_THE_TOP: u32 = 1;

/// One line of a journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    Start(Header),
    /// Boxed: a turn is much larger than the other events.
    Turn(Box<TurnEvent>),
    Undo(UndoEvent),
    Resume(ResumeEvent),
}

/// Which scenario a session played.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioRef {
    pub id: String,
    pub title: String,
}

/// Who the person was talking to, so a transcript can name them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnerRef {
    pub name: String,
    pub relation: String,
}

/// The first line of every journal: enough to replay the session and to list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    /// The session id: the journal's file stem.
    pub session: String,
    pub scenario: ScenarioRef,
    pub partner: PartnerRef,
    pub seed: u64,
    /// RFC 3339, local time with its offset.
    pub started: String,
    /// The rehearse version that started the session.
    pub version: String,
    /// The partner's first line.
    pub opening: PartnerLine,
    /// Where the session began, when not at the top (format 2).
    #[serde(default, skip_serializing_if = "StartPoint::is_top")]
    pub start: StartPoint,
}

impl Header {
    /// The header for a session that is about to be played.
    pub fn for_session(session: &Session, id: &str, started: &str) -> Header {
        let scenario = session.scenario();
        Header {
            format: if session.start().is_top() {
                FORMAT_FROM_THE_TOP
            } else {
                FORMAT
            },
            session: id.to_string(),
            scenario: ScenarioRef {
                id: scenario.id.clone(),
                title: scenario.title.clone(),
            },
            partner: PartnerRef {
                name: scenario.persona.name.clone(),
                relation: scenario.persona.relation.clone(),
            },
            seed: session.seed(),
            started: started.to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            opening: session.opening().clone(),
            start: session.start().clone(),
        }
    }
}

/// A reply and everything it caused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnEvent {
    /// When the reply was taken (RFC 3339).
    pub at: String,
    /// The partner's line the reply answered.
    pub partner: String,
    pub turn: Turn,
}

/// `/undo`: the turn with this number was taken back. It stays in the file (nothing
/// typed is ever lost) but no longer counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UndoEvent {
    pub at: String,
    pub turn: usize,
}

/// The session was picked up again with `rehearse resume`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResumeEvent {
    pub at: String,
    pub version: String,
    /// How many replies were replayed to get back to where it stopped.
    pub replayed: usize,
    /// Set when the replay no longer matched the journal (the scenario or the
    /// scorer scripts changed): what differed first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<String>,
}
