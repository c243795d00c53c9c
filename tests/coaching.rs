//! Coaching read against the whole game (docs/scoring.md, "Round 23c" and "Round 24d"):
//! whole games through the engine with play-test 13's and 14's own replies (seed 7, as
//! the testers played), checking what the person is shown under each reply, as `play`
//! and the REPL draw it.

mod common;

use rehearse::render;
use rehearse::scenario::{Library, Scenario};
use rehearse::score::{RhaiScorer, Scorer};
use rehearse::session::Session;
use rehearse::style::Style;
use std::path::Path;

/// A tester's replies for one scenario, as `play` reads a piped file.
fn replies(tester: &str, id: &str) -> Vec<String> {
    replies_of("13", tester, id)
}

/// A tester's replies in play-test `round`.
fn replies_of(round: &str, tester: &str, id: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/playtests")
        .join(round)
        .join(tester)
        .join(format!("{id}.txt"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('/'))
        .map(str::to_string)
        .collect()
}

fn scenario<'a>(library: &'a Library, id: &str) -> &'a Scenario {
    library
        .scenarios
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no scenario {id}"))
}

/// Plays `replies` at seed 7 and gives, per reply, the feedback drawn under it.
fn play(scenario: &Scenario, scorer: &RhaiScorer, replies: &[String]) -> Vec<String> {
    let mut session = Session::new(scenario, scorer, 7);
    let mut shown = Vec::new();
    for reply in replies {
        match session.reply(reply) {
            Ok(turn) => shown.push(render::turn(scenario, turn, Style::PLAIN)),
            Err(_) => break,
        }
    }
    shown
}

/// The text after `label` on each line that has it.
fn lines_with<'a>(feedback: &'a str, label: &str) -> Vec<&'a str> {
    feedback
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix(label).map(str::trim))
        .collect()
}

const IDS: [&str; 13] = [
    "after-the-dinner",
    "after-the-review",
    "calling-dad-back",
    "cancelled-again",
    "dishes-again",
    "every-other-thursday",
    "just-a-few-months",
    "missed-opening-night",
    "the-spare-key",
    "thin-walls",
    "third-loan",
    "weekend-again",
    "whose-analysis",
];

#[test]
fn no_tip_example_or_frame_is_shown_twice_in_one_game() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    for tester in ["a", "b", "c"] {
        for id in IDS {
            let shown = play(scenario(&library, id), &scorer, &replies(tester, id));
            for label in ["tip:", "e.g.:", "try:"] {
                let mut seen: Vec<&str> = Vec::new();
                for feedback in &shown {
                    for line in lines_with(feedback, label) {
                        assert!(
                            !seen.contains(&line),
                            "{tester}/{id}: `{label} {line}` shown twice in one game"
                        );
                        seen.push(line);
                    }
                }
            }
        }
    }
}

#[test]
fn the_feeling_tip_gives_way_once_a_feeling_was_named() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    // c: "I felt pretty gutted sat there" in reply 1; replies 2 and 5 were told to name it
    let shown = play(
        scenario(&library, "whose-analysis"),
        &scorer,
        &replies("c", "whose-analysis"),
    );
    assert!(shown.len() >= 5);
    for (i, feedback) in shown.iter().enumerate().skip(1) {
        assert!(
            !feedback.contains("Name the feeling itself"),
            "reply {} asked for a feeling already named:\n{feedback}",
            i + 1
        );
    }
    // a: "it really hurt when u cancelled…" in reply 1; reply 2 was a question about him
    let shown = play(
        scenario(&library, "cancelled-again"),
        &scorer,
        &replies("a", "cancelled-again"),
    );
    assert!(!shown[1].contains("Name the feeling itself"), "{}", shown[1]);
    assert!(!shown[1].contains("birthday dinner"), "{}", shown[1]);
}

#[test]
fn a_sorry_already_said_is_not_asked_for_again() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    // a: sorry in replies 1, 3 and 4; reply 5 was told "If this is an apology, say so"
    let shown = play(
        scenario(&library, "missed-opening-night"),
        &scorer,
        &replies("a", "missed-opening-night"),
    );
    for feedback in &shown[1..] {
        assert!(!feedback.contains("If this is an apology, say so"), "{feedback}");
    }
}

#[test]
fn coaching_changes_no_score_and_undo_chooses_the_same_again() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    let scenario = scenario(&library, "calling-dad-back");
    let said = replies("c", "calling-dad-back");
    let mut session = Session::new(scenario, &scorer, 7);
    let own = rehearse::session::scorer_for(scenario, &scorer);
    for reply in &said {
        let report = own.score(reply);
        let turn = session.reply(reply).expect("the game is still on");
        assert_eq!(turn.report.scores, report.scores, "{reply}");
    }
    let before: Vec<_> = session.turns().iter().map(|t| t.coaching.clone()).collect();
    assert!(session.undo());
    session.reply(&said[said.len() - 1]).expect("replayed");
    let after: Vec<_> = session.turns().iter().map(|t| t.coaching.clone()).collect();
    assert_eq!(before, after);
}

#[test]
fn try_frames_from_the_testers_words_read_as_sentences() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    // the frames the testers quoted as broken English (b29, c16, a thin-walls r3)
    let garbled = [
        "i literally cant sleep,",
        "since im at work",
        "since March I do",
        "after eleven you move",
        "I am grateful, I am at work",
        "the moment and it was",
        "before my birthday dinner, and",
        "gutted that churn analysis",
    ];
    for tester in ["a", "b", "c"] {
        for id in IDS {
            let scenario = scenario(&library, id);
            let said = replies(tester, id);
            // every frame the scorer builds, shown or not
            for reply in &said {
                let report = scorer.score(reply);
                for frame in report.suggestions.values() {
                    for bad in garbled {
                        assert!(!frame.contains(bad), "{tester}/{id}: `{frame}` from {reply:?}");
                    }
                    assert!(!frame.contains(": "), "{tester}/{id}: `{frame}` from {reply:?}");
                }
            }
            // and the ones shown in play keep the frame's own shape
            for feedback in play(scenario, &scorer, &said) {
                for frame in lines_with(&feedback, "try:") {
                    assert!(frame.ends_with('.'), "{tester}/{id}: {frame}");
                }
            }
        }
    }
}

#[test]
fn the_feel_like_warning_only_follows_a_feel_like() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    for tester in ["a", "b", "c"] {
        for id in IDS {
            let said = replies(tester, id);
            let shown = play(scenario(&library, id), &scorer, &said);
            for (reply, feedback) in said.iter().zip(&shown) {
                let lower = reply.to_lowercase();
                if feedback.contains("not \"I feel like you") {
                    assert!(
                        lower.contains("feel like") || lower.contains("feel that") || lower.contains("felt like"),
                        "{tester}/{id}: warned about \"I feel like you\" on {reply:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_sorry_for_the_tone_keeps_the_request_after_its_but() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    // c15: "Sorry, I don't mean to snap… But I'd like that email sent today, please"
    let shown = play(
        scenario(&library, "whose-analysis"),
        &scorer,
        &replies("c", "whose-analysis"),
    );
    assert!(!shown[2].contains("the \"but\" cancels it"), "{}", shown[2]);
    assert!(shown[2].contains("Keep both"), "{}", shown[2]);
    // a "but" that carries an excuse is still told to stop after the apology
    let scenario = scenario(&library, "after-the-dinner");
    let shown = play(
        scenario,
        &scorer,
        &["I'm sorry I snapped at you, but I was so tired".to_string()],
    );
    assert!(shown[0].contains("the \"but\" cancels it"), "{}", shown[0]);
}

#[test]
fn the_summary_counts_started_and_complete_apologies_apart() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    // c18: two apologies that name what I did, neither complete
    let scenario = scenario(&library, "calling-dad-back");
    let mut session = Session::new(scenario, &scorer, 7);
    session
        .reply_all(&replies("c", "calling-dad-back"))
        .expect("the game runs");
    let table = render::summary(session.turns(), &session.summary(), Style::PLAIN);
    let apology = table
        .lines()
        .find(|l| l.trim_start().starts_with("apology"))
        .expect("an apology row");
    assert!(apology.contains("complete in 0 of 4 · started in 2"), "{apology}");
    assert!(!apology.contains("present in"), "{apology}");
    let validation = table
        .lines()
        .find(|l| l.trim_start().starts_with("validation"))
        .expect("a validation row");
    assert!(validation.contains("present in"), "{validation}");
}

/// The frame each reply's scorers build, shown or not.
fn frames(scorer: &RhaiScorer, reply: &str) -> Vec<String> {
    scorer.score(reply).suggestions.into_values().collect()
}

#[test]
fn try_frames_take_whole_moments_with_no_feeling_inside() {
    let scorer = common::bundled_scorer();
    // the frames play-test 14 quoted as nonsense (A16, b9)
    let garbled = [
        "my shoulders go tight, and",
        "my head buzzes, and",
        "since August it has",
        "When I hear",
        "When you started the story it was",
        "as well as my cooking",
        "once a month",
        "please, and thank you",
        "rather than after",
        "you to not for once",
    ];
    for tester in ["a", "b"] {
        for id in IDS {
            for reply in replies_of("14", tester, id) {
                for frame in frames(&scorer, &reply) {
                    for bad in garbled {
                        assert!(!frame.contains(bad), "{tester}/{id}: `{frame}` from {reply:?}");
                    }
                }
            }
        }
    }
    // b9, dishes: the feeling said inside the moment goes in the feeling slot. Round 24b
    // reads the tester's whole reply ("…my shoulders go tight… I need a fixed rule…") as a
    // complete I-statement, so it gets no frame; the same moment without the ask does.
    let said = frames(
        &scorer,
        "When I come home and the counter is full my shoulders go tight.",
    );
    assert!(
        said.iter().any(|f| f.starts_with("my shoulders go tight when ")),
        "{said:?}"
    );
    // the same in a texter's voice, and a body feeling with no moment found
    let said = frames(&scorer, "after about an hour in that noise my head starts pounding");
    assert!(
        said.iter().any(|f| f.starts_with("my head starts pounding ")),
        "{said:?}"
    );
    for reply in [
        "since u evidently think im made of money",
        "we could do a call once a month",
        "when really u were just knackered",
    ] {
        for frame in frames(&scorer, reply) {
            assert!(
                frame.contains("when ___ (one specific moment)"),
                "`{frame}` from {reply:?} is not a moment"
            );
        }
    }
}

#[test]
fn no_frame_of_blanks_is_shown_in_play() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    for (round, testers) in [("13", &["a", "b", "c"][..]), ("14", &["a", "b"][..])] {
        for tester in testers {
            for id in IDS {
                for feedback in play(scenario(&library, id), &scorer, &replies_of(round, tester, id)) {
                    for frame in lines_with(&feedback, "try:") {
                        let blank = frame.starts_with("I feel ___ when ___ (one specific moment), and I")
                            && (frame.ends_with("I'd like ___.") || frame.ends_with("I need ___."));
                        assert!(!blank, "{round}/{tester}/{id}: a frame of blanks\n{feedback}");
                    }
                }
            }
        }
    }
}

#[test]
fn no_apology_is_asked_for_where_the_scene_asks_for_none() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    // b14: "That analysis is mine… I spent two weeks on it" in a scene about credit
    let shown = play(
        scenario(&library, "whose-analysis"),
        &scorer,
        &replies_of("14", "b", "whose-analysis"),
    );
    for feedback in &shown {
        assert!(!feedback.contains("If this is an apology"), "{feedback}");
    }
    // a texter in the same scene
    let shown = play(
        scenario(&library, "whose-analysis"),
        &scorer,
        &["ok so the churn numbers were mine, i spent 2 weeks on them and i need priya to know".to_string()],
    );
    assert!(!shown[0].contains("If this is an apology"), "{}", shown[0]);
    // where the scene is a repair, owning it without a sorry still hears the tip
    let shown = play(
        scenario(&library, "after-the-dinner"),
        &scorer,
        &["I snapped at you last night in front of everyone.".to_string()],
    );
    let report = scorer.score("I snapped at you last night in front of everyone.");
    if report
        .tip_for("apology")
        .is_some_and(|t| t.starts_with("If this is an apology"))
    {
        assert!(shown[0].contains("tip:"), "{}", shown[0]);
    }
}

#[test]
fn the_plan_tip_gives_way_once_a_plan_or_an_offer_was_given() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    for (tester, id) in [
        ("a", "calling-dad-back"),
        ("b", "after-the-review"),
        ("b", "missed-opening-night"),
    ] {
        let said = replies_of("14", tester, id);
        let scenario = scenario(&library, id);
        let mut session = Session::new(scenario, &scorer, 7);
        let mut planned = false;
        for reply in &said {
            let Ok(turn) = session.reply(reply) else { break };
            let tip = turn.coaching.as_ref().map(|c| c.tip.clone()).unwrap_or_default();
            if planned {
                assert!(
                    !tip.contains("what you'll do"),
                    "{tester}/{id}: {tip:?} after a plan, on {reply:?}"
                );
            }
            planned |= turn.report.get("offer") >= 0.5 || turn.report.matches_for("apology").any(|m| m.rule == "plan");
        }
    }
    // plainly, in a texter's voice: the offer first, then an admission with no plan
    let scenario = scenario(&library, "missed-opening-night");
    let mut session = Session::new(scenario, &scorer, 7);
    let first = session
        .reply("im coming to the saturday show, ill be there early and sit up front")
        .expect("the game is on");
    if first.report.get("offer") >= 0.5 {
        if let Ok(turn) = session.reply("i promised i'd be there and i forgot, that was on me") {
            let tip = turn.coaching.as_ref().map(|c| c.tip.as_str()).unwrap_or_default();
            assert!(!tip.contains("what you'll do"), "{tip}");
            // what is still missing is still asked for: how it landed for her
            assert!(tip.is_empty() || tip.contains("how it landed"), "{tip}");
        }
    }
}

#[test]
fn an_example_tells_no_story_the_scene_never_told() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    let scenario = scenario(&library, "after-the-dinner");
    // b17: a reply about loud rooms was shown "…since the restructure at work…"
    let said = ["The table was loud and after an hour my head buzzes. I could not follow anything.".to_string()];
    for feedback in play(scenario, &scorer, &said) {
        assert!(!feedback.contains("restructure"), "{feedback}");
    }
    for tester in ["a", "b"] {
        for feedback in play(scenario, &scorer, &replies_of("14", tester, "after-the-dinner")) {
            assert!(!feedback.contains("restructure"), "{tester}: {feedback}");
        }
    }
    // once the person names the restructure, the example is theirs to borrow
    let said = [
        "work has been mad since the restructure, sorry".to_string(),
        "i dunno what else to say".to_string(),
    ];
    let shown = play(scenario, &scorer, &said);
    let examples: Vec<&str> = shown.iter().flat_map(|f| lines_with(f, "e.g.:")).collect();
    if examples.iter().any(|e| e.contains("anxious since")) {
        assert!(examples.iter().any(|e| e.contains("restructure")), "{examples:?}");
    }
}

#[test]
fn the_feedback_does_not_contradict_the_note_or_fall_silent_on_a_turn() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    // A12: "no skill is there yet" above "Jordan heard something concrete you'll do"
    for tester in ["a", "b"] {
        for id in IDS {
            for feedback in play(scenario(&library, id), &scorer, &replies_of("14", tester, id)) {
                if feedback.contains("note:") {
                    assert!(
                        !feedback.contains("no skill is there yet"),
                        "{tester}/{id}:\n{feedback}"
                    );
                }
            }
        }
    }
    // A9: the tension rose on a reply with no skill, no hurt line and no note of the
    // scene's own; the feedback names the turn and what the moment asks for
    let scenario = scenario(&library, "after-the-review");
    let shown = play(
        scenario,
        &scorer,
        &[
            "you always do this, you were totally out of line in that review".to_string(),
            "ok. the launch date is still thursday.".to_string(),
        ],
    );
    assert!(shown.len() >= 2);
    assert!(
        shown[1].contains("Ines took this harder than the scores show (tension"),
        "{}",
        shown[1]
    );
    assert!(
        shown[1].contains("What this moment asks for: Let her point stand"),
        "{}",
        shown[1]
    );
    // a turn that went well says nothing of the kind
    for tester in ["a", "b"] {
        for feedback in play(scenario, &scorer, &replies_of("14", tester, "after-the-review")) {
            if feedback.contains("helped:") || feedback.contains("hurt:") {
                assert!(!feedback.contains("took this harder"), "{feedback}");
            }
        }
    }
}

// ───── Round 26d (play-tests 15–16): coaching that agrees with the reply and the scene ─────

/// The feedback `score` prints under `reply` alone (outside a game), the tip reading
/// the reply as in play.
fn scored(scorer: &RhaiScorer, reply: &str) -> String {
    render::scored_reply(reply, &scorer.score(reply), Style::PLAIN)
}

/// Feedback under each of a tester's replies in play-test `round`.
fn played(round: &str, tester: &str, id: &str) -> Vec<String> {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    play(scenario(&library, id), &scorer, &replies_of(round, tester, id))
}

#[test]
fn a_moment_already_told_is_not_asked_for() {
    // a dishes-again: R1 "three nights runnin noo", R2 "at eleven at night"; R3 was told
    // to "add one specific moment"
    let shown = played("16", "a", "dishes-again");
    assert!(shown.len() >= 3);
    assert!(!shown[2].contains("one specific moment"), "{}", shown[2]);
    // in a voice of my own: the time said once is enough for the rest of the game
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    let shown = play(
        scenario(&library, "dishes-again"),
        &scorer,
        &[
            "third night in a row i've come in at 10pm to the pans".to_string(),
            "i'm knackered. can we sort the rota?".to_string(),
        ],
    );
    assert!(shown.len() >= 2);
    assert!(!shown[1].contains("one specific moment"), "{}", shown[1]);
    // near miss: nothing said when, so the moment is still asked for
    let alone = scored(&scorer, "i'm knackered. can we sort the rota?");
    assert!(alone.contains("Add one specific moment"), "{alone}");
    // and "most nights" is a frequency, not a moment
    let often = scored(&scorer, "i'm knackered most nights. can we sort the rota?");
    assert!(often.contains("one specific moment"), "{often}");
}

#[test]
fn a_frame_never_blanks_a_part_the_reply_has() {
    // a every-other-thursday R1 and a cancelled-again R1: "situation ✓" above "I'm done
    // in when ___ (one specific moment)"; b cancelled-again R2: "feeling ✓" above "I feel
    // ___ after three times"
    for round in ["15", "16"] {
        for tester in ["a", "b"] {
            for id in IDS {
                for feedback in played(round, tester, id) {
                    let Some(parts) = lines_with(&feedback, "parts:").first().copied() else {
                        continue;
                    };
                    for frame in lines_with(&feedback, "try:") {
                        let blank = |part: &str, slots: &[&str]| {
                            parts.contains(&format!("{part} ✓")) && slots.iter().any(|s| frame.contains(s))
                        };
                        assert!(
                            !blank("feeling", &["feel ___", "felt ___"])
                                && !blank("situation", &["(one specific moment)"])
                                && !blank("need", &["like ___", "need ___"]),
                            "{round}{tester}/{id}: `{frame}` under `{parts}`"
                        );
                    }
                }
            }
        }
    }
    // in a voice of my own: the moment is there, so only the request is asked for
    let scorer = common::bundled_scorer();
    let said = scored(&scorer, "My birthday, an hour before. That stung, honestly.");
    assert!(!said.contains("(one specific moment)"), "{said}");
}

#[test]
fn a_frame_reads_as_a_sentence_a_person_would_say() {
    let scorer = common::bundled_scorer();
    // b thin-walls R1: "I feel ___ when I heard the good one until half past one"
    let said = frames(
        &scorer,
        "Ay, Kofi, barely alive, la neta. I heard the good one until half past one, mijo. Can we talk for a minute? It's not a big drama, I promise.",
    );
    // since round 26c "barely alive" is the feeling itself, so no frame need ask for one;
    // a frame, if any, is never the garbled present tense
    assert!(
        !said.iter().any(|f| f.starts_with("I feel ___ when I heard")),
        "{said:?}"
    );
    // the same moment with no feeling said: the frame asks for one, in the past tense
    let said = frames(
        &scorer,
        "Kofi. I heard the good one until half past one, mijo. Can we talk for a minute? It's not a big drama, I promise.",
    );
    assert!(
        said.iter()
            .any(|f| f.starts_with("I felt ___ when I heard the good one")),
        "{said:?}"
    );
    // in voices of my own: a past moment takes a past feeling; a present one keeps it
    let said = frames(&scorer, "i was gutted when you said it was only a bit of fun");
    assert!(!said.iter().any(|f| f.contains("I feel ___ when you said")), "{said:?}");
    let said = frames(
        &scorer,
        "Honestly? When you went quiet on the phone I didn't know what to do.",
    );
    assert!(
        !said.iter().any(|f| f.starts_with("I feel ___ when you went")),
        "{said:?}"
    );
    let said = frames(&scorer, "i feel gutted when i come home to the pans");
    assert!(
        said.iter().any(|f| f.starts_with("I feel gutted when i come home")),
        "{said:?}"
    );
    // a count of times is not a moment (b cancelled-again R2)
    for frame in frames(&scorer, "I felt like I didn't matter, after three times since August.") {
        assert!(!frame.contains("after three times"), "{frame}");
    }
}

#[test]
fn a_sorry_that_is_kindness_is_not_coached_as_an_apology() {
    // a third-loan R1: sympathy for the car, then a no → "Stop after the apology"
    let shown = played("16", "a", "third-loan");
    assert!(!shown.is_empty());
    assert!(!shown[0].contains("Stop after the apology"), "{}", shown[0]);
    // a whose-analysis R5: "Naw, sorry, it needs tae be the now" → "name what you're sorry for"
    for feedback in played("16", "a", "whose-analysis") {
        assert!(!feedback.contains("what you're sorry for"), "{feedback}");
    }
    // in voices of my own
    let scorer = common::bundled_scorer();
    for reply in [
        "ach no, that's pure rotten luck wi the boiler, I'm sorry. But I cannae lend it, no this time.",
        "Sorry, no, it has to be today. Two lines is all.",
        "oh no, sorry to hear about the flat. i can't have you both here though",
    ] {
        let said = scored(&scorer, reply);
        assert!(
            !said.contains("apology") || !said.contains("tip:") || !said.contains("sorry for"),
            "{said}"
        );
        assert!(!said.contains("Stop after the apology"), "{said}");
        assert!(!said.contains("Say what you're sorry for"), "{said}");
    }
    // near misses: a real apology with a "but" about them, or a bare sorry, still gets its tip
    let said = scored(&scorer, "Sorry, pal.");
    assert!(said.contains("what you're sorry for"), "{said}");
    let said = scored(&scorer, "i'm sorry i forgot, but you could have reminded me");
    assert!(said.contains("tip:"), "{said}");
}

#[test]
fn an_apology_that_named_and_owned_the_act_is_asked_only_for_what_is_missing() {
    // a after-the-dinner R1: "that wis oot of order… I showed ye up" under "Now name what
    // you're sorry for", while the note said Jordan heard you name what you did
    let shown = played("16", "a", "after-the-dinner");
    assert!(!shown.is_empty());
    assert!(shown[0].contains("heard you name what you did"), "{}", shown[0]);
    assert!(!shown[0].contains("what you're sorry for"), "{}", shown[0]);
    // b calling-dad-back R1: "a horrible thing to say, and hanging up was worse" under
    // "add how it affected them… '…that wasn't fair to you'"
    let shown = played("16", "b", "calling-dad-back");
    assert!(!shown.is_empty());
    assert!(!shown[0].contains("wasn't fair to you"), "{}", shown[0]);
    // in voices of my own
    let scorer = common::bundled_scorer();
    for reply in [
        "sorry. what i said at the party was bang out of order",
        "ugh, sorry. walking out on you mid-sentence was a crap thing to do",
    ] {
        let said = scored(&scorer, reply);
        assert!(!said.contains("wasn't fair to you"), "{said}");
        assert!(said.contains("what you'll do"), "{said}");
    }
    let said = scored(&scorer, "Sorry, pal. I totally talked over ye at the meeting.");
    assert!(!said.contains("what you're sorry for"), "{said}");
    // near miss: judging *them* is not owning anything
    let said = scored(&scorer, "sorry but what you said at the party was out of order");
    assert!(!said.contains("owned it"), "{said}");
}

#[test]
fn no_reflection_is_asked_for_after_a_reflection() {
    // b whose-analysis R2: "I understand that pressure" under "Reflect what they feel",
    // with the note "Lena felt understood"
    for feedback in played("16", "b", "whose-analysis") {
        if feedback.contains("felt understood") {
            assert!(!feedback.contains("Reflect what they feel"), "{feedback}");
        }
    }
    // b just-a-few-months R1: "I hear you, the rents are crazy"
    let shown = played("16", "b", "just-a-few-months");
    assert!(!shown.is_empty());
    assert!(!shown[0].contains("Reflect what they feel"), "{}", shown[0]);
    // in a voice of my own, and the near miss that reflects nothing of theirs
    let scorer = common::bundled_scorer();
    let said = scored(
        &scorer,
        "I understand that stress, mate, reviews do everyone's head in. Can you email Priya today?",
    );
    assert!(!said.contains("Reflect what they feel"), "{said}");
    let said = scored(&scorer, "i understand, but can you send the note today?");
    assert!(said.contains("Reflect what they feel"), "{said}");
}
