//! Which tip a reply gets, read against the whole game so far.
//!
//! A coach that repeats itself, or asks for what was just given, is ignored
//! (play-test 13: the same "e.g." three times in one game; "name the feeling" after
//! the feeling was named; "say sorry" after three apologies). So the tip is chosen
//! here, by the engine, from what this reply's scorers offer *and* what the game
//! has already shown and done: a tip whose skill the person already showed gives way
//! to the next tip, or to none; an example or `try:` frame already shown is not shown
//! again. Scores are never touched: only which advice is printed. The REPL, `play`,
//! transcripts and snapshots all read the choice from the [`Turn`] the session made.

use crate::render::{is_harmful, Examples, HARMFUL_SCORES};
use crate::scenario::Scenario;
use crate::score::{ScoreReport, APOLOGY_STARTED, PRESENT};
use crate::session::Turn;
use serde::{Deserialize, Serialize};

/// The advice printed under one reply: a tip, the `try:` frame built from the
/// reply's own words, and one of the scenario's example wordings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coaching {
    /// The skill the tip is about (`i_statement`, `blame`…).
    pub skill: String,
    pub tip: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
}

/// What the game has shown and done before this reply.
#[derive(Debug, Clone, Default)]
pub struct History<'a> {
    /// Each earlier reply's scores.
    reports: Vec<&'a ScoreReport>,
    /// The advice already printed, with the scores of the reply it was printed under.
    shown: Vec<(&'a ScoreReport, &'a Coaching)>,
    /// The words of the scene the person has seen and said (lowercase), so an example
    /// that tells a backstory from elsewhere can give way; `None` outside a game.
    story: Option<String>,
    /// Whether the scene has no apology example: it is not asking for one, so a tip
    /// asking for an apology the reply never made gives way (see
    /// [`asks_for_an_unsaid_apology`]). `false` outside a game.
    apology_unasked: bool,
}

/// The start of the apology tip that asks for an apology the reply never made.
const SAY_SO: &str = "If this is an apology";

/// Whether `tip` asks for an apology the reply did not make ("If this is an apology,
/// say so…"). Play-test 14 (b14): on "that analysis is mine, and I need…" in a scene
/// about credit, a narrative "I spent two weeks on it" read as owning something, and
/// the tip asked for a sorry nobody owed. In a game whose scenario has no apology
/// example, this tip is not offered.
fn asks_for_an_unsaid_apology(skill: &str, tip: &str) -> bool {
    skill == "apology" && tip.starts_with(SAY_SO)
}

/// Whether an apology tip asks only for what the person will do ("Add what you'll do
/// now or next time").
fn asks_for_a_plan(skill: &str, tip: &str) -> bool {
    skill == "apology" && tip.contains("what you'll do") && !tip.contains(EITHER)
}

/// The apology tip that asks for the impact or a plan, whichever comes.
const EITHER: &str = "how it affected them or what you'll do";

/// `tip` once the game has seen a plan: a tip asking for the impact *or* a plan asks
/// only for the impact (the apology scorer's own wording for that part).
fn narrowed(skill: &str, tip: &str, planned: bool) -> String {
    if skill == "apology" && planned && tip.contains(EITHER) {
        "A good start: you've named what you did and given a plan. Add how it landed for them: \"…that wasn't fair to you.\"".to_string()
    } else {
        tip.to_string()
    }
}

/// Whether `report` shows something the person will do: an offer, or an apology's
/// plan ("next time I'll…").
fn shows_a_plan(report: &ScoreReport) -> bool {
    report.get("offer") >= PRESENT || report.matches_for("apology").any(|m| m.rule == "plan")
}

/// Whether `example` tells a backstory the scene never told and the person never
/// said: its "since …" clause names a thing (a word of five letters or more) found
/// nowhere in `story`. Play-test 14 (b17): "I've been feeling anxious since the
/// restructure at work…" under a reply about loud rooms, in a scene that never
/// mentions a restructure; an example should fit the story being played.
fn tells_another_story(example: &str, story: &str) -> bool {
    let lower = example.to_lowercase();
    let Some(at) = lower.find("since ") else {
        return false;
    };
    let clause = lower[at + "since ".len()..]
        .split([',', '.', ';', ':', '!', '?'])
        .next()
        .unwrap_or_default();
    clause
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 5)
        .any(|w| !story.contains(w))
}

/// The I-statement part a tip on `report` asks for: the first one missing, in the
/// order the tip names them; `None` when all three are there.
fn missing_part(report: &ScoreReport) -> Option<&'static str> {
    let parts = report.parts;
    if !parts.feeling {
        Some("feeling")
    } else if !parts.situation {
        Some("situation")
    } else if !parts.need {
        Some("need")
    } else {
        None
    }
}

impl<'a> History<'a> {
    /// The game so far: the turns before the reply being coached.
    pub fn of(turns: &'a [Turn]) -> History<'a> {
        History {
            reports: turns.iter().map(|t| &t.report).collect(),
            shown: turns
                .iter()
                .filter_map(|t| t.coaching.as_ref().map(|c| (&t.report, c)))
                .collect(),
            story: None,
            apology_unasked: false,
        }
    }

    /// The same history, inside `scenario`, with `reply` the reply being coached: an
    /// example must fit the scene's story or the person's own words, and a scene with
    /// no apology example is not asked for an apology the reply did not make.
    pub fn in_scene(mut self, scenario: &Scenario, turns: &[Turn], reply: &str) -> History<'a> {
        let mut story = vec![
            scenario.title.clone(),
            scenario.summary.clone(),
            scenario.setting.clone().unwrap_or_default(),
            scenario.persona.name.clone(),
            reply.to_string(),
        ];
        for beat in scenario.beats.values() {
            story.extend(beat.say.iter().cloned());
            story.extend(beat.say_again.iter().cloned());
            story.extend(beat.coach.iter().cloned());
        }
        story.extend(turns.iter().map(|t| t.reply.clone()));
        self.story = Some(story.join("\n").to_lowercase());
        self.apology_unasked = !scenario.examples.contains_key("apology");
        self
    }

    /// Whether an earlier reply said what the person will do.
    fn planned(&self) -> bool {
        self.reports.iter().any(|r| shows_a_plan(r))
    }

    /// Whether `example` fits the story being played (always, outside a game).
    fn example_fits(&self, example: &str) -> bool {
        self.story
            .as_deref()
            .is_none_or(|story| !tells_another_story(example, story))
    }

    /// The best score `skill` reached in an earlier reply.
    fn best(&self, skill: &str) -> f64 {
        self.reports.iter().map(|r| r.get(skill)).fold(0.0, f64::max)
    }

    /// Whether this tip was shown before: the same words, or an I-statement tip
    /// asking for the same missing part (its wording may differ by a clause).
    fn tip_shown(&self, skill: &str, tip: &str, report: &ScoreReport) -> bool {
        self.shown.iter().any(|(earlier, c)| {
            c.tip == tip
                || (skill == "i_statement"
                    && c.skill == skill
                    && missing_part(earlier).is_some()
                    && missing_part(earlier) == missing_part(report))
        })
    }

    fn suggestion_shown(&self, suggestion: &str) -> bool {
        self.shown
            .iter()
            .any(|(_, c)| c.suggestion.as_deref() == Some(suggestion))
    }

    fn example_shown(&self, example: &str) -> bool {
        self.shown.iter().any(|(_, c)| c.example.as_deref() == Some(example))
    }

    /// Whether the person already did, earlier in this game, what the tip for
    /// `skill` on `report` asks for. An I-statement's tip asks for its first missing
    /// part (the feeling, then the moment, then the request), so "name the feeling"
    /// gives way once a feeling was named; an apology's asks for the next band (a
    /// started apology when there is none, a complete one when it is started); any
    /// other skill's asks for the skill itself. Harmful scores ask for nothing.
    fn already_did(&self, skill: &str, report: &ScoreReport) -> bool {
        if is_harmful(skill) {
            return false;
        }
        match skill {
            "i_statement" => match missing_part(report) {
                Some("feeling") => self.reports.iter().any(|r| r.parts.feeling),
                Some("situation") => self.reports.iter().any(|r| r.parts.situation),
                Some(_) => self.reports.iter().any(|r| r.parts.need),
                None => self.best(skill) >= PRESENT,
            },
            "apology" => {
                let tip = report.tip_for(skill).unwrap_or_default();
                // Play-test 14 (b11, b19): "add what you'll do" after a plan or an
                // offer was already given, in this reply or an earlier one.
                if asks_for_a_plan(skill, tip) && (self.planned() || shows_a_plan(report)) {
                    return true;
                }
                if asks_for_an_unsaid_apology(skill, tip) && self.apology_unasked {
                    return true;
                }
                let asks = if report.get(skill) < APOLOGY_STARTED {
                    APOLOGY_STARTED
                } else {
                    PRESENT
                };
                self.best(skill) >= asks
            }
            _ => self.best(skill) >= PRESENT,
        }
    }
}

/// The words a `try:` frame brings of its own, whatever the reply said ("I'd" is
/// split at its apostrophe).
const FRAME_WORDS: [&str; 10] = [
    "i", "d", "feel", "when", "one", "specific", "moment", "and", "like", "need",
];

/// Whether `frame` has nothing of the reply in it: "I feel ___ when ___ (one specific
/// moment), and I need ___." Play-test 14 (b9): such a frame under a tip that already
/// quotes the shape ("I feel worried when…") adds only blanks; a tip with a clear
/// example beats a blank frame, so it is not shown.
fn is_blank_frame(frame: &str) -> bool {
    frame.contains("___")
        && frame
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| FRAME_WORDS.contains(&w.to_lowercase().as_str()))
}

/// The skills whose tip could be shown for `report`, best first: a harmful score's
/// tip first; else, when nothing helped, the near misses (closest first), then the
/// I-statement's (how to build one). A reply that went well gets no lecture: the
/// "helped" line already says so.
fn candidates(report: &ScoreReport) -> Vec<String> {
    const NEAR_MISS: f64 = 0.15;
    let with_tip = |name: &str| report.tip_for(name).is_some_and(|t| !t.trim().is_empty());
    let mut out: Vec<String> = HARMFUL_SCORES
        .iter()
        .filter(|name| report.present(name) && with_tip(name))
        .map(|s| s.to_string())
        .collect();
    let anything_helped = report
        .skills()
        .any(|(name, score)| !is_harmful(name) && *score >= PRESENT);
    if !anything_helped {
        let mut near: Vec<(&String, f64)> = report
            .skills()
            .filter(|(name, score)| !is_harmful(name) && **score >= NEAR_MISS && **score < PRESENT)
            .filter(|(name, _)| with_tip(name))
            .map(|(name, score)| (name, *score))
            .collect();
        // Closest first; of equals the last in name order, as the one-tip choice
        // (`max_by`) always took.
        near.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| b.0.cmp(a.0)));
        out.extend(near.into_iter().map(|(name, _)| name.clone()));
        if with_tip("i_statement") {
            out.push("i_statement".to_string());
        }
    }
    let mut seen = Vec::new();
    out.retain(|name| {
        let fresh = !seen.contains(name);
        seen.push(name.clone());
        fresh
    });
    out
}

/// The advice for `report`, given what `history` already holds: the first candidate
/// tip that neither repeats a tip already shown nor asks for what the person already
/// did; with it, its `try:` frame unless that exact frame was shown, and the
/// scenario's first example for the skill not shown yet. `None` when every tip gave way.
pub fn choose(report: &ScoreReport, examples: &Examples, history: &History) -> Option<Coaching> {
    let skill = candidates(report).into_iter().find(|skill| {
        let tip = report.tip_for(skill).unwrap_or_default();
        !history.tip_shown(skill, tip, report) && !history.already_did(skill, report)
    })?;
    let tip = narrowed(
        &skill,
        report.tip_for(&skill)?,
        history.planned() || shows_a_plan(report),
    );
    let suggestion = report
        .suggestions
        .get(&skill)
        .filter(|s| !s.trim().is_empty() && !is_blank_frame(s) && !history.suggestion_shown(s))
        .cloned();
    let example = examples
        .get(&skill)
        .and_then(|all| {
            all.iter()
                .find(|e| !history.example_shown(e) && history.example_fits(e))
        })
        .cloned();
    Some(Coaching {
        skill,
        tip,
        suggestion,
        example,
    })
}
