//! The dialogue engine: a pure state machine.
//!
//! A session is a scenario, a scorer and a seed. It takes replies and gives back
//! events; it never touches the terminal or a file. The REPL, `play`, the journal,
//! `rehearse test` and the snapshot tests all drive this same type, so what a
//! test checks is exactly what a person experiences. Same seed and same replies
//! give the same dialogue, byte for byte.

use crate::facts::Facts;
use crate::scenario::expr::{Bindings, TURN, WORDS};
use crate::scenario::{EndingKind, Scenario, StartPoint, Target, DIAL_MAX, DIAL_MIN};
use crate::score::{text::word_count, ScoreReport, Scorer};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Replies longer than this are refused before scoring: a paste this long is almost
/// certainly an accident, and no partner line is written for an essay.
pub const MAX_REPLY_CHARS: usize = 2_000;

/// What the partner says when a beat begins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnerLine {
    pub beat: String,
    pub line: String,
}

/// A dial that moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DialChange {
    pub dial: String,
    pub from: f64,
    pub to: f64,
}

/// The rule that decided where the conversation went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FiredRule {
    /// 1-based number among the beat's rules.
    pub number: usize,
    /// The condition, or `None` for the fallback.
    pub when: Option<String>,
    pub note: Option<String>,
}

/// How a session finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndingReached {
    pub ending: String,
    /// The ending's title as shown on screen (older journals have none).
    #[serde(default)]
    pub title: String,
    pub kind: EndingKind,
    pub line: String,
    pub debrief: String,
}

impl EndingReached {
    /// The ending's name on screen: its `title:`, or its id in words for a
    /// scenario (or an older journal) that has none.
    pub fn display_title(&self) -> String {
        if self.title.trim().is_empty() {
            crate::scenario::load::humanise(&self.ending)
        } else {
            self.title.clone()
        }
    }
}

/// Where the conversation goes after a reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum Next {
    Beat(PartnerLine),
    Ending(EndingReached),
}

/// Everything one reply caused.
///
/// `Deserialize` is for journals (`src/journal/`): a journal written by an older
/// version must still load, so a field added here needs `#[serde(default)]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// 1-based.
    pub number: usize,
    /// The beat the reply answered.
    pub beat: String,
    pub reply: String,
    pub report: ScoreReport,
    pub rule: FiredRule,
    #[serde(default)]
    pub changes: Vec<DialChange>,
    /// All dials after the turn.
    pub state: BTreeMap<String, f64>,
    pub next: Next,
    /// Problems evaluating conditions (a rule that failed is skipped).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// The advice shown under the reply, chosen against the game so far (see
    /// `src/coaching.rs`); `None` when no tip is due or every tip gave way. An older
    /// journal has none stored; resuming replays its replies, which chooses again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coaching: Option<crate::coaching::Coaching>,
}

/// Why a reply was not taken. The session is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyError {
    Empty,
    TooLong { chars: usize },
    Finished,
}

impl std::fmt::Display for ReplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReplyError::Empty => write!(f, "Type what you would say — a first try is fine. /hint shows a nudge."),
            ReplyError::TooLong { chars } => write!(
                f,
                "That reply is {chars} characters; replies can be up to {MAX_REPLY_CHARS}. Try saying it in a few sentences, the way you would out loud."
            ),
            ReplyError::Finished => write!(f, "This conversation has ended. /restart plays it again, /menu picks another."),
        }
    }
}

impl std::error::Error for ReplyError {}

#[derive(Debug, Clone)]
enum Place {
    At(PartnerLine),
    Ended(EndingReached),
}

/// One playthrough of a scenario.
#[derive(Debug, Clone)]
pub struct Session<'a> {
    scenario: &'a Scenario,
    scorer: &'a dyn ScorerRef,
    seed: u64,
    /// Where it began: the top, or a beat and dials given by `--from`/`--set`
    /// or a test's `from:`/`state:`.
    start: StartPoint,
    picker: LinePicker,
    state: BTreeMap<String, f64>,
    place: Place,
    turns: Vec<Turn>,
    opening: PartnerLine,
    /// What has happened so far, for conditions and debriefs.
    facts: Facts,
}

/// Chooses among a line's variants with the session's seeded generator, and never
/// repeats the variant last said at the same beat or ending.
#[derive(Debug, Clone)]
struct LinePicker {
    rng: ChaCha8Rng,
    /// Last variant picked per beat or ending.
    last_variant: BTreeMap<String, usize>,
    /// The partner's last line, wherever it came from: a beat that loops, or two
    /// beats that share a line, must not make the partner say it twice in a row.
    last_line: Option<String>,
}

impl LinePicker {
    fn new(seed: u64) -> LinePicker {
        LinePicker {
            rng: ChaCha8Rng::seed_from_u64(seed),
            last_variant: BTreeMap::new(),
            last_line: None,
        }
    }

    fn pick(&mut self, key: &str, variants: &[String]) -> String {
        let n = variants.len();
        if n == 0 {
            return String::new();
        }
        let mut i = self.rng.random_range(0..n);
        if n > 1 && self.last_variant.get(key) == Some(&i) {
            i = (i + 1 + self.rng.random_range(0..n - 1)) % n;
        }
        // The line just said, reached again by another way: take the next variant
        // that differs (only possible when there is one).
        let said_last = |j: usize| self.last_line.as_deref() == Some(variants[j].trim());
        if said_last(i) {
            if let Some(j) = (1..n).map(|k| (i + k) % n).find(|&j| !said_last(j)) {
                i = j;
            }
        }
        self.last_variant.insert(key.to_string(), i);
        let line = variants[i].trim().to_string();
        self.last_line = Some(line.clone());
        line
    }

    /// The line at beat `id`: from `say_again` when the partner has been at this
    /// beat before in this conversation and the author wrote lines for that.
    fn beat_line(&mut self, scenario: &Scenario, id: &str) -> PartnerLine {
        let beat = scenario.beats.get(id);
        let again = beat.map_or(&[][..], |b| b.say_again.as_slice());
        let line = if !again.is_empty() && self.last_variant.contains_key(id) {
            self.pick(&format!("again:{id}"), again)
        } else {
            self.pick(id, beat.map_or(&[][..], |b| b.say.as_slice()))
        };
        PartnerLine {
            beat: id.to_string(),
            line,
        }
    }

    /// The ending `id`, its debrief assembled from the parts that hold for this
    /// conversation (`values` at its end, `replies` everything the person said and
    /// `reports` how each reply scored, for the debrief to quote their words).
    fn ending(
        &mut self,
        scenario: &Scenario,
        id: &str,
        values: Bindings,
        (replies, reports): (&[&str], &[&ScoreReport]),
        warnings: &mut Vec<String>,
    ) -> EndingReached {
        let ending = &scenario.endings[id];
        let debrief = crate::debrief::assemble(&ending.debrief, values, replies, reports, |message| {
            warnings.push(format!("{}: debrief of ending `{id}`: {message}", scenario.source))
        });
        EndingReached {
            ending: id.to_string(),
            title: ending.title.clone(),
            kind: ending.kind,
            line: self.pick(&format!("ending:{id}"), &ending.say),
            debrief,
        }
    }
}

/// Every name a condition can read, with its value for one reply: the scores,
/// the dials, `turn`, `words`, then the session facts (which must already include
/// this reply). The one place this binding is made, so `rehearse why` shows
/// exactly what play would see.
pub fn condition_values(
    score_names: &[String],
    report: &ScoreReport,
    dials: &BTreeMap<String, f64>,
    turn: usize,
    words: f64,
    facts: &Facts,
) -> Vec<(String, f64)> {
    let mut values: Vec<(String, f64)> = score_names.iter().map(|n| (n.clone(), report.get(n))).collect();
    values.extend(dials.iter().map(|(k, v)| (k.clone(), *v)));
    values.push((TURN.to_string(), turn as f64));
    values.push((WORDS.to_string(), words));
    values.extend(facts.values(score_names));
    values
}

/// `dyn Scorer` with `Debug`, so sessions can derive it.
pub trait ScorerRef: Scorer + std::fmt::Debug {}
impl<T: Scorer + std::fmt::Debug> ScorerRef for T {}

/// The scorer `scenario` is played with: its own, when it brings scripts of its
/// own (which include the shared ones), otherwise `shared`. Play, `why`, the
/// example check and the command options all read scores through this one choice.
pub fn scorer_for<'a>(scenario: &'a Scenario, shared: &'a dyn ScorerRef) -> &'a dyn ScorerRef {
    match &scenario.own_scorer {
        Some(own) => own.as_ref(),
        None => shared,
    }
}

/// Cleans a reply: control characters become spaces, direction overrides go,
/// white space is trimmed.
pub fn clean_reply(text: &str) -> String {
    crate::safe_text::typed(text).trim().to_string()
}

impl<'a> Session<'a> {
    /// Starts a session at the top; the opening line is chosen with `seed`.
    pub fn new(scenario: &'a Scenario, scorer: &'a dyn ScorerRef, seed: u64) -> Session<'a> {
        Session::begin(scenario, scorer, seed, StartPoint::default())
    }

    /// Starts a session at `start` (a beat, and dials at other values), or says
    /// why the scenario has no such place (see [`StartPoint::fits`]).
    pub fn start_at(
        scenario: &'a Scenario,
        scorer: &'a dyn ScorerRef,
        seed: u64,
        start: StartPoint,
    ) -> Result<Session<'a>, String> {
        start.fits(scenario)?;
        Ok(Session::begin(scenario, scorer, seed, start))
    }

    /// A session at `start`, which must fit `scenario`.
    fn begin(scenario: &'a Scenario, scorer: &'a dyn ScorerRef, seed: u64, start: StartPoint) -> Session<'a> {
        // A scenario that brings its own scripts is scored with them as well.
        let scorer = scorer_for(scenario, scorer);
        let mut picker = LinePicker::new(seed);
        let opening = picker.beat_line(scenario, start.beat_in(scenario));
        let state = start.dials_in(scenario);
        Session {
            scenario,
            scorer,
            seed,
            start,
            picker,
            state,
            place: Place::At(opening.clone()),
            turns: Vec::new(),
            opening,
            facts: Facts::default(),
        }
    }

    /// Replays `replies` on a new session, skipping none: how `/undo` and `resume`
    /// rebuild a session exactly.
    pub fn replay(
        scenario: &'a Scenario,
        scorer: &'a dyn ScorerRef,
        seed: u64,
        replies: &[String],
    ) -> Result<Session<'a>, ReplyError> {
        let mut session = Session::new(scenario, scorer, seed);
        session.reply_all(replies)?;
        Ok(session)
    }

    /// Answers with each of `replies` in turn, stopping at the first refused.
    pub fn reply_all(&mut self, replies: &[String]) -> Result<(), ReplyError> {
        for reply in replies {
            self.reply(reply)?;
        }
        Ok(())
    }

    pub fn scenario(&self) -> &'a Scenario {
        self.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Where the session began.
    pub fn start(&self) -> &StartPoint {
        &self.start
    }

    pub fn opening(&self) -> &PartnerLine {
        &self.opening
    }

    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    pub fn state(&self) -> &BTreeMap<String, f64> {
        &self.state
    }

    /// The line the partner is waiting on, or `None` once the session has ended.
    pub fn current(&self) -> Option<&PartnerLine> {
        match &self.place {
            Place::At(line) => Some(line),
            Place::Ended(_) => None,
        }
    }

    pub fn ending(&self) -> Option<&EndingReached> {
        match &self.place {
            Place::Ended(e) => Some(e),
            Place::At(_) => None,
        }
    }

    pub fn is_finished(&self) -> bool {
        self.ending().is_some()
    }

    /// The coach note of the current beat.
    pub fn coach_note(&self) -> Option<&'a str> {
        let beat = self.current()?;
        self.scenario.beats.get(&beat.beat)?.coach.as_deref()
    }

    /// The replies so far, in order.
    pub fn replies(&self) -> Vec<String> {
        self.turns.iter().map(|t| t.reply.clone()).collect()
    }

    /// Answers the current beat with `text`: scores it, fires the first matching
    /// rule, moves the dials and goes to the next beat or ending.
    pub fn reply(&mut self, text: &str) -> Result<&Turn, ReplyError> {
        let Place::At(current) = &self.place else {
            return Err(ReplyError::Finished);
        };
        let current = current.clone();
        let reply = clean_reply(text);
        if reply.is_empty() {
            return Err(ReplyError::Empty);
        }
        let chars = reply.chars().count();
        if chars > MAX_REPLY_CHARS {
            return Err(ReplyError::TooLong { chars });
        }
        let report = self.scorer.score(&reply);
        // Which tip to show depends on the game so far, never on the dials or the
        // path; the score itself is left as it is.
        let coaching = crate::coaching::choose(
            &report,
            &self.scenario.examples,
            &crate::coaching::History::of(&self.turns).in_scene(self.scenario, &self.turns, &reply),
        );
        let number = self.turns.len() + 1;
        let words = word_count(&reply) as f64;

        let scenario = self.scenario;
        let beat = &scenario.beats[&current.beat];
        let mut facts = self.facts.clone();
        facts.record(number, &report);
        let bound = condition_values(self.scorer.names(), &report, &self.state, number, words, &facts);
        let values: Vec<(&str, f64)> = bound.iter().map(|(k, v)| (k.as_str(), *v)).collect();

        let mut warnings = Vec::new();
        let fallback = beat.rules.last();
        let rule = beat
            .rules
            .iter()
            .find(|rule| match &rule.when {
                None => true,
                Some(cond) => match cond.test(&values) {
                    Ok(hit) => hit,
                    Err(message) => {
                        warnings.push(format!(
                            "{}: rule {} of beat `{}`: {message}",
                            scenario.source, rule.number, beat.id
                        ));
                        false
                    }
                },
            })
            .or(fallback)
            .expect("a checked beat has at least one rule");

        let mut changes = Vec::new();
        let mut next_state = self.state.clone();
        for update in &rule.set {
            let before = self.state.get(&update.dial).copied().unwrap_or(0.0);
            match update.value.number(&values) {
                // 0/0 and the like: the dial keeps its value rather than become a
                // number nothing can compare with (and a journal cannot store).
                Ok(v) if !v.is_finite() => warnings.push(format!(
                    "{}: rule {} of beat `{}`: `{}` gave no number ({v}); `{}` stays at {before}",
                    scenario.source, rule.number, beat.id, update.value.source, update.dial
                )),
                Ok(v) => {
                    let after = v.clamp(DIAL_MIN, DIAL_MAX);
                    next_state.insert(update.dial.clone(), after);
                    if after != before {
                        changes.push(DialChange {
                            dial: update.dial.clone(),
                            from: before,
                            to: after,
                        });
                    }
                }
                Err(message) => warnings.push(format!(
                    "{}: rule {} of beat `{}`: {message}",
                    scenario.source, rule.number, beat.id
                )),
            }
        }
        self.state = next_state;
        self.facts = facts;

        let next = match &rule.goto {
            Target::Beat(id) => {
                let line = self.picker.beat_line(scenario, id);
                self.place = Place::At(line.clone());
                Next::Beat(line)
            }
            Target::Ending(id) => {
                // Debrief conditions see the dials after this reply's changes.
                let mut at_end = values.clone();
                for (name, value) in at_end.iter_mut() {
                    if let Some(v) = self.state.get(*name) {
                        *value = *v;
                    }
                }
                let mut replies: Vec<&str> = self.turns.iter().map(|t| t.reply.as_str()).collect();
                replies.push(&reply);
                let mut reports: Vec<&ScoreReport> = self.turns.iter().map(|t| &t.report).collect();
                reports.push(&report);
                let ending = self
                    .picker
                    .ending(scenario, id, &at_end, (&replies, &reports), &mut warnings);
                self.place = Place::Ended(ending.clone());
                Next::Ending(ending)
            }
        };
        self.turns.push(Turn {
            number,
            beat: current.beat,
            reply,
            report,
            rule: FiredRule {
                number: rule.number,
                when: rule.when.as_ref().map(|w| w.source.clone()),
                note: rule.note.clone(),
            },
            changes,
            state: self.state.clone(),
            next,
            warnings,
            coaching,
        });
        Ok(self.turns.last().expect("just pushed"))
    }

    /// Takes back the last reply: the session is rebuilt from its seed and the
    /// earlier replies, so everything (including which lines were picked) is as it was.
    pub fn undo(&mut self) -> bool {
        if self.turns.is_empty() {
            return false;
        }
        let mut replies = self.replies();
        replies.pop();
        let mut session = Session::begin(self.scenario, self.scorer, self.seed, self.start.clone());
        match session.reply_all(&replies) {
            Ok(()) => {
                *self = session;
                true
            }
            Err(_) => false,
        }
    }

    /// Average and peak of each skill over the session, for the end-of-session
    /// summary (the scenario's cues are not skills and are left out).
    pub fn summary(&self) -> Vec<SkillSummary> {
        self.scorer
            .names()
            .iter()
            .filter(|name| !self.scorer.is_cue(name))
            .map(|name| {
                let values: Vec<f64> = self.turns.iter().map(|t| t.report.get(name)).collect();
                let n = values.len().max(1) as f64;
                SkillSummary {
                    skill: name.clone(),
                    average: values.iter().sum::<f64>() / n,
                    peak: values.iter().copied().fold(0.0, f64::max),
                    present_in: values.iter().filter(|v| **v >= crate::score::PRESENT).count(),
                    turns: values.len(),
                }
            })
            .collect()
    }
}

/// One skill over a whole session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillSummary {
    pub skill: String,
    pub average: f64,
    pub peak: f64,
    /// In how many replies the skill was present (score ≥ 0.5).
    pub present_in: usize,
    pub turns: usize,
}
