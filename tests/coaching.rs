//! Coaching read against the whole game (docs/scoring.md, "Round 23c"): whole games
//! through the engine with play-test 13's own replies (seed 7, as the testers played),
//! checking what the person is shown under each reply, as `play` and the REPL draw it.

mod common;

use rehearse::render;
use rehearse::scenario::{Library, Scenario};
use rehearse::score::{RhaiScorer, Scorer};
use rehearse::session::Session;
use rehearse::style::Style;
use std::path::Path;

/// A tester's replies for one scenario, as `play` reads a piped file.
fn replies(tester: &str, id: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/playtests/13")
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
