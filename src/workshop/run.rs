//! Playing one participant's replies through the scenario, non-interactively.
//!
//! The same [`Session`] the REPL and `rehearse play` drive, reply by reply, with
//! the rules of piped play: a blank reply is skipped, a reply the engine refuses
//! (too long) is left out with a note and the conversation goes on, and replies
//! left after the ending are counted. Nothing here touches a file or the
//! terminal, so a run of a thousand people is a thousand pure calls.

use super::replies::Participant;
use crate::journal::event::ScenarioRef;
use crate::journal::record::partner_line_before;
use crate::journal::Record;
use crate::scenario::Scenario;
use crate::session::{EndingReached, PartnerLine, ReplyError, ScorerRef, Session, Turn};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One reply as played: the partner line it answered and everything it caused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlayedTurn {
    pub partner: String,
    #[serde(flatten)]
    pub turn: Turn,
}

/// One person's conversation, as `run` gives it and `report` reads it.
///
/// The same shape is read from `rehearse export --format json` files (where
/// `session` stands for the participant) and made from session journals, so a
/// report does not care where a conversation came from. It carries its
/// scenario, so results can be grouped by scenario (or by exercise set) later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantResult {
    /// The name the facilitator gave (a file stem or a CSV cell), or the session id.
    #[serde(alias = "session")]
    pub participant: String,
    /// Where the replies came from; shown to the facilitator, never in an anonymous report.
    #[serde(default)]
    pub from: String,
    pub scenario: ScenarioRef,
    #[serde(default)]
    pub seed: u64,
    pub opening: PartnerLine,
    pub turns: Vec<PlayedTurn>,
    pub ending: Option<EndingReached>,
    /// The line the partner was still waiting to have answered, when the replies ran out first.
    #[serde(default)]
    pub waiting: Option<PartnerLine>,
    /// Average of each skill over the replies, in name order.
    #[serde(default)]
    pub averages: BTreeMap<String, f64>,
    /// Replies given after the conversation had ended (not played).
    #[serde(default)]
    pub unused: usize,
    /// Replies left out and other things the facilitator should know.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The session journal written for this person (`run --journal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<String>,
}

impl ParticipantResult {
    /// The averages, computed from the turns when the source did not carry them (an export).
    pub fn fill_averages(&mut self) {
        if !self.averages.is_empty() || self.turns.is_empty() {
            return;
        }
        let mut sums: BTreeMap<String, f64> = BTreeMap::new();
        for turn in &self.turns {
            for (skill, score) in turn.turn.report.skills() {
                *sums.entry(skill.clone()).or_default() += score;
            }
        }
        let n = self.turns.len() as f64;
        self.averages = sums.into_iter().map(|(k, v)| (k, v / n)).collect();
    }

    /// A conversation read back from a session journal: the participant is its session id.
    pub fn from_record(record: &Record) -> ParticipantResult {
        let mut result = ParticipantResult {
            participant: record.id().to_string(),
            from: record
                .path
                .as_deref()
                .map(crate::content::display_path)
                .unwrap_or_default(),
            scenario: record.header.scenario.clone(),
            seed: record.header.seed,
            opening: record.header.opening.clone(),
            turns: record
                .entries
                .iter()
                .map(|e| PlayedTurn {
                    partner: e.partner.clone(),
                    turn: e.turn.clone(),
                })
                .collect(),
            ending: record.ending().cloned(),
            waiting: record.waiting().cloned(),
            averages: record.averages(),
            unused: 0,
            notes: record.warnings.clone(),
            journal: None,
        };
        result.fill_averages();
        result
    }

    /// `plan together (good)`, or `unfinished`.
    pub fn outcome(&self) -> String {
        match &self.ending {
            Some(e) => format!("{} ({})", e.display_title(), e.kind.as_str()),
            None => "unfinished".to_string(),
        }
    }
}

/// Plays `participant`'s replies on a new session of `scenario`. Returns the
/// result and the session itself (for a journal, when one is wanted).
pub fn play<'a>(
    scenario: &'a Scenario,
    scorer: &'a dyn ScorerRef,
    seed: u64,
    participant: &Participant,
) -> (ParticipantResult, Session<'a>) {
    let mut session = Session::new(scenario, scorer, seed);
    let mut notes = participant.notes.clone();
    let mut unused = 0;
    let mut first_unused = 0;
    for reply in &participant.replies {
        match session.reply(&reply.text) {
            Ok(turn) => {
                for error in &turn.report.errors {
                    notes.push(format!(
                        "{}:{}: {} could not be scored, so it counts as 0 here: {}",
                        participant.source, reply.line, error.score, error.message
                    ));
                }
            }
            Err(ReplyError::Empty) => {}
            Err(ReplyError::Finished) => {
                if unused == 0 {
                    first_unused = reply.line;
                }
                unused += 1;
            }
            Err(err @ ReplyError::TooLong { .. }) => {
                notes.push(format!("{}:{}: left out: {err}", participant.source, reply.line))
            }
        }
    }
    if unused > 0 {
        let count = if unused == 1 {
            "1 reply was".to_string()
        } else {
            format!("{unused} replies were")
        };
        notes.push(format!(
            "{}:{first_unused}: {count} left over after the conversation ended, and not played",
            participant.source
        ));
    }
    let turns = session.turns();
    let result = ParticipantResult {
        participant: participant.name.clone(),
        from: participant.source.clone(),
        scenario: ScenarioRef {
            id: scenario.id.clone(),
            title: scenario.title.clone(),
        },
        seed,
        opening: session.opening().clone(),
        turns: turns
            .iter()
            .enumerate()
            .map(|(i, turn)| PlayedTurn {
                partner: partner_line_before(session.opening(), turns, i).to_string(),
                turn: slim(turn),
            })
            .collect(),
        ending: session.ending().cloned(),
        waiting: session.current().cloned(),
        averages: session.summary().into_iter().map(|s| (s.skill, s.average)).collect(),
        unused,
        notes,
        journal: None,
    };
    (result, session)
}

/// A turn without the tips and rewrite frames: they are feedback for the person
/// at the keyboard, and a group report has no use for them, while they would
/// make a 10,000-person result file several times larger.
fn slim(turn: &Turn) -> Turn {
    let mut turn = turn.clone();
    turn.report.tips.clear();
    turn.report.suggestions.clear();
    turn.coaching = None;
    turn
}

/// What one thread of a run needs: its own copy of the scorer (scoring keeps
/// per-reply state) and, for a scenario that brings its own scripts, its own
/// copy of the scenario with its own copy of those scripts.
pub struct Worker {
    scorer: crate::score::RhaiScorer,
    own: Option<Scenario>,
}

impl Worker {
    pub fn new(scorer: &crate::score::RhaiScorer, scenario: &Scenario) -> Worker {
        let own = scenario.own_scorer.as_ref().map(|own| {
            let mut copy = scenario.clone();
            copy.own_scorer = Some(std::sync::Arc::new(own.worker()));
            copy
        });
        Worker {
            scorer: scorer.worker(),
            own,
        }
    }

    /// Plays `participant` on this worker's copies; `scenario` is the shared one.
    pub fn play<'a>(
        &'a self,
        scenario: &'a Scenario,
        seed: u64,
        participant: &Participant,
    ) -> (ParticipantResult, Session<'a>) {
        play(self.own.as_ref().unwrap_or(scenario), &self.scorer, seed, participant)
    }
}
