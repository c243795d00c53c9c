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

mod heard;

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
    /// [`Asks::AnApology`]). `false` outside a game.
    apology_unasked: bool,
    /// The reply being coached, when known: a tip must not ask for what it already
    /// has (see [`heard`]).
    reply: Option<String>,
    /// The earlier replies of this game.
    earlier: Vec<&'a str>,
}

/// The start of the apology tip that asks for an apology the reply never made.
const SAY_SO: &str = "If this is an apology";

/// The apology tip that asks for the impact or a plan, whichever comes (the apology
/// scorer's own wording).
const EITHER: &str = "how it affected them or what you'll do";

/// The apology scorer's tip for a started apology with neither impact nor plan.
const IMPACT_OR_PLAN: &str = "A good start: you've named what you did. To complete it, add how it affected them or what you'll do: \"…that wasn't fair to you, and next time I'll…\"";

/// The apology tip once a plan is given: it asks only for how it landed.
const IMPACT_AFTER_PLAN: &str = "A good start: you've named what you did and given a plan. Add how it landed for them: \"…that wasn't fair to you.\"";

/// The apology tip once the reply named what it did and said it was wrong: it asks only
/// for what the person will do.
const PLAN_AFTER_OWNING: &str = "A good start: you've named what you did and owned it. To complete it, add what you'll do now or next time: \"next time I'll…\".";

/// What a tip asks the person to add. Read once, here, from the scorer's wording, so
/// the rules that hold a tip back work on what it asks, not on its sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asks {
    /// An I-statement's first missing part: "feeling", "situation" or "need".
    Part(&'static str),
    /// "If this is an apology, say so…": an apology the reply never made.
    AnApology,
    /// "Now name what you're sorry for": what the apology is for.
    WhatFor,
    /// "…add how it affected them or what you'll do".
    ImpactOrPlan,
    /// "Add how it landed for them".
    Impact,
    /// "Add what you'll do now or next time".
    Plan,
    /// "Reflect what they feel, in your words".
    Reflection,
    /// Anything else: the skill itself.
    Other,
}

impl Asks {
    fn of(skill: &str, tip: &str, report: &ScoreReport) -> Asks {
        match skill {
            "i_statement" => missing_part(report).map_or(Asks::Other, Asks::Part),
            "apology" if tip.starts_with(SAY_SO) => Asks::AnApology,
            "apology" if tip.contains("what you're sorry for") => Asks::WhatFor,
            "apology" if tip.contains(EITHER) => Asks::ImpactOrPlan,
            "apology" if tip.starts_with("Add how it landed") => Asks::Impact,
            "apology" if tip.contains("what you'll do") => Asks::Plan,
            "validation" if tip.starts_with("Reflect what they feel") => Asks::Reflection,
            _ => Asks::Other,
        }
    }
}

/// Whether `report` shows something the person will do: an offer, or an apology's
/// plan ("next time I'll…").
fn shows_a_plan(report: &ScoreReport) -> bool {
    report.get("offer") >= PRESENT || report.matches_for("apology").any(|m| m.rule == "plan")
}

/// Whether every "sorry" the apology scorer read in `report` is kindness: it met their
/// trouble (`sympathy`: "sorry to hear about the boiler", "that's a bloody nightmare wi the
/// car, I'm sorry") or softened a no said beside it (`politeness`: "Naw, sorry, it needs tae
/// be the now"), and the scorer found no sorry that apologises and nothing owned. A listener
/// hears sympathy, not an apology, so no apology tip fits it (play-test 16: a third-loan R1,
/// a whose-analysis R5). The scorer already tells these apart for its own score; the coach
/// reads its reading rather than reading the reply again (reader27).
fn sorry_is_kindness(report: &ScoreReport) -> bool {
    let mut kind = false;
    for m in report.matches_for("apology") {
        match m.rule.as_str() {
            "sympathy" | "politeness" => kind = true,
            "apology" | "responsibility" => return false,
            _ => {}
        }
    }
    kind
}

/// Whether the validation scorer found a reflection of theirs in `report` ("I understand
/// that pressure", "I ken ye've been lonely", "that must have been awful"), even where a cap
/// kept its score down: asking for a reflection would ask for what was said (reader27: the
/// coach reads the scorer; [`heard::reflects_them`] keeps only what the scorer does not hear).
fn reflects(report: &ScoreReport) -> bool {
    report.matches_for("validation").any(|m| m.rule == "reflection")
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
            reply: None,
            earlier: turns.iter().map(|t| t.reply.as_str()).collect(),
        }
    }

    /// The same history, coaching `reply`: outside a game (`score`), only the reply
    /// itself is read.
    pub fn about(mut self, reply: &str) -> History<'a> {
        self.reply = Some(reply.to_string());
        self
    }

    /// The reply being coached ("" when unknown).
    fn reply(&self) -> &str {
        self.reply.as_deref().unwrap_or_default()
    }

    /// Whether this reply or an earlier one said when it happened (see
    /// [`heard::names_a_time`]).
    fn said_when(&self) -> bool {
        heard::names_a_time(self.reply()) || self.earlier.iter().any(|r| heard::names_a_time(r))
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
        self.about(reply)
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

    /// `tip` fitted to what this reply already has; `None` when it asks only for that.
    /// Play-test 16: an apology tip asked to "name what you're sorry for" after "that
    /// wis oot of order… I showed ye up" (a after-the-dinner R1), and for "…that wasn't
    /// fair to you" after "a horrible thing to say, and hanging up was worse" (b
    /// calling-dad-back R1); a validation tip asked to "reflect what they feel" after
    /// "I understand that pressure" (b whose-analysis R2). With a plan given (here or
    /// earlier), a tip asking for the impact *or* a plan asks only for the impact.
    fn fitted(&self, skill: &str, tip: &str, report: &ScoreReport) -> Option<String> {
        let reply = self.reply();
        let planned = self.planned() || shows_a_plan(report);
        let owned = heard::judges_own_act(reply);
        let named = owned || heard::names_own_act(reply);
        let fitted = match Asks::of(skill, tip, report) {
            Asks::WhatFor | Asks::ImpactOrPlan | Asks::Impact if owned && planned => return None,
            Asks::WhatFor | Asks::ImpactOrPlan if owned => PLAN_AFTER_OWNING,
            Asks::Impact if owned => return None,
            Asks::WhatFor if named && planned => IMPACT_AFTER_PLAN,
            Asks::WhatFor if named => IMPACT_OR_PLAN,
            Asks::ImpactOrPlan if planned => IMPACT_AFTER_PLAN,
            Asks::Reflection if reflects(report) || heard::reflects_them(reply) => return None,
            _ => tip,
        };
        Some(fitted.to_string())
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
                // a dishes-again R3 (play-test 16): "add one specific moment" after
                // "three nights runnin noo" and "at eleven at night" (unread in Scots)
                Some("situation") => self.reports.iter().any(|r| r.parts.situation) || self.said_when(),
                Some(_) => self.reports.iter().any(|r| r.parts.need),
                None => self.best(skill) >= PRESENT,
            },
            "apology" => {
                // Play-test 16 (a third-loan R1, a whose-analysis R5): a "sorry" that
                // meets their trouble or softens a no is not an apology to complete.
                // An apology the scorer found owning something is an apology.
                let reply = self.reply();
                if sorry_is_kindness(report) && !heard::judges_own_act(reply) && !heard::names_own_act(reply) {
                    return true;
                }
                let tip = report.tip_for(skill).unwrap_or_default();
                match Asks::of(skill, tip, report) {
                    // Play-test 14 (b11, b19): "add what you'll do" after a plan or an
                    // offer was already given, in this reply or an earlier one.
                    Asks::Plan if self.planned() || shows_a_plan(report) => return true,
                    // Play-test 14 (b14): a scene not asking for an apology is not
                    // asked for one the reply never made.
                    Asks::AnApology if self.apology_unasked => return true,
                    _ => {}
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

/// The blanks a `try:` frame leaves, by the part of an I-statement each stands for:
/// "I feel ___" (or "I felt ___"), "when ___ (one specific moment)", "I'd like ___" /
/// "I need ___".
struct Blanks {
    feeling: bool,
    moment: bool,
    need: bool,
}

impl Blanks {
    fn of(frame: &str) -> Blanks {
        Blanks {
            feeling: frame.contains("feel ___") || frame.contains("felt ___"),
            moment: frame.contains("___ (one specific moment)"),
            need: frame.contains("like ___") || frame.contains("need ___"),
        }
    }

    /// Whether a blank asks for a part `reply` already has: the frame would ask for
    /// what was said. Play-tests 15–16: "I'm done in when ___ (one specific moment)"
    /// under "situation ✓" (a every-other-thursday R1, a cancelled-again R1); "I feel ___
    /// after three times" under "feeling ✓" (b cancelled-again R2). The tip alone is
    /// shown, asking for the part that is missing.
    fn asks_for_what(&self, report: &ScoreReport, reply: &str) -> bool {
        let has = report.parts;
        (self.feeling && has.feeling)
            || (self.moment && (has.situation || heard::names_a_time(reply)))
            || (self.need && has.need)
    }
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
    let (skill, tip) = candidates(report).into_iter().find_map(|skill| {
        if history.already_did(&skill, report) {
            return None;
        }
        // The scorer's own tip shown before gives way however it is fitted now, and so
        // does the fitted one.
        let raw = report.tip_for(&skill).unwrap_or_default();
        let tip = history.fitted(&skill, raw, report)?;
        (!history.tip_shown(&skill, raw, report) && !history.tip_shown(&skill, &tip, report)).then_some((skill, tip))
    })?;
    let suggestion = report
        .suggestions
        .get(&skill)
        .filter(|s| {
            !s.trim().is_empty()
                && !is_blank_frame(s)
                && !Blanks::of(s).asks_for_what(report, history.reply())
                && !history.suggestion_shown(s)
        })
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
