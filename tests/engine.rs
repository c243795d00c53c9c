//! The dialogue engine driven directly: branching, seeds, dials, undo, bad replies.

mod common;

use common::{fixture_scorer, mini};
use rehearse::session::{Next, ReplyError, Session};

fn dialogue(seed: u64, replies: &[&str]) -> Vec<String> {
    let scorer = fixture_scorer();
    dialogue_in(&mini(&scorer), &scorer, seed, replies)
}

/// The partner's lines, opening first, when `replies` are played in `scenario`.
fn dialogue_in(
    scenario: &rehearse::scenario::Scenario,
    scorer: &rehearse::score::RhaiScorer,
    seed: u64,
    replies: &[&str],
) -> Vec<String> {
    let mut session = Session::new(scenario, scorer, seed);
    let mut lines = vec![session.opening().line.clone()];
    for reply in replies {
        let turn = session.reply(reply).expect("reply accepted");
        lines.push(match &turn.next {
            Next::Beat(b) => b.line.clone(),
            Next::Ending(e) => e.line.clone(),
        });
    }
    lines
}

#[test]
fn the_same_seed_and_replies_give_the_same_dialogue() {
    let replies = ["Hello.", "Still here.", "You never listen.", "ok"];
    assert_eq!(dialogue(42, &replies), dialogue(42, &replies));
}

#[test]
fn different_seeds_pick_different_variants() {
    let openings: std::collections::BTreeSet<String> = (0..20).map(|seed| dialogue(seed, &[])[0].clone()).collect();
    assert!(openings.len() >= 2, "20 seeds all picked {openings:?}");
}

#[test]
fn a_revisited_beat_does_not_repeat_its_last_line() {
    let lines = dialogue(3, &["Hello.", "Hello.", "Hello.", "Hello."]);
    for pair in lines.windows(2) {
        assert_ne!(pair[0], pair[1], "the opening repeated itself: {lines:?}");
    }
}

#[test]
fn blame_and_i_statements_branch_differently() {
    let scorer = fixture_scorer();
    let scenario = mini(&scorer);

    let mut blamed = Session::new(&scenario, &scorer, 1);
    let turn = blamed.reply("You never do the dishes.").unwrap();
    assert_eq!(turn.rule.number, 1);
    assert_eq!(turn.rule.note.as_deref(), Some("Alex heard a verdict."));
    assert_eq!(blamed.current().unwrap().beat, "defensive");

    let mut heard = Session::new(&scenario, &scorer, 1);
    heard
        .reply("I feel tired when the sink is full, and I need a plan.")
        .unwrap();
    assert_eq!(heard.current().unwrap().beat, "listening");
}

#[test]
fn rules_move_the_dials_and_keep_them_between_0_and_10() {
    let scorer = fixture_scorer();
    let scenario = mini(&scorer);
    let mut session = Session::new(&scenario, &scorer, 1);
    let turn = session.reply("You always leave it.").unwrap().clone();
    assert_eq!(turn.state["tension"], 8.0);
    assert_eq!(turn.state["trust"], 3.0);
    assert_eq!(turn.changes.len(), 2);
    assert_eq!((turn.changes[0].from, turn.changes[0].to), (5.0, 8.0));
    // At `defensive` with tension 8, blame again: tension + 5 is clamped to 10.
    let turn = session.reply("You're so lazy.").unwrap();
    assert_eq!(turn.state["tension"], 10.0);
    match &turn.next {
        Next::Ending(e) => assert_eq!(e.ending, "blowup"),
        other => panic!("expected the blowup ending, got {other:?}"),
    }
    assert!(session.is_finished());
    assert_eq!(session.reply("sorry").unwrap_err(), ReplyError::Finished);
}

#[test]
fn turn_counts_replies_for_conditions() {
    let scorer = fixture_scorer();
    let scenario = mini(&scorer);
    let replies = ["You never clean up.", "ok", "hmm", "hmm", "You always say that.", "ok"];
    let session = Session::replay(&scenario, &scorer, 7, &replies.map(String::from)).unwrap();
    assert_eq!(session.ending().unwrap().ending, "stuck");
    assert_eq!(session.turns().last().unwrap().rule.when.as_deref(), Some("turn >= 5"));
}

#[test]
fn undo_restores_the_exact_previous_state() {
    let scorer = fixture_scorer();
    let scenario = mini(&scorer);
    let mut session = Session::new(&scenario, &scorer, 9);
    session.reply("Hello.").unwrap();
    let before = (
        session.current().cloned(),
        session.state().clone(),
        session.turns().len(),
    );
    session.reply("You never help.").unwrap();
    assert!(session.undo());
    assert_eq!(
        (
            session.current().cloned(),
            session.state().clone(),
            session.turns().len()
        ),
        before
    );
    assert!(session.undo());
    assert!(!session.undo(), "nothing left to undo");
    assert_eq!(session.current().unwrap().line, session.opening().line);
}

#[test]
fn empty_huge_and_control_character_replies_are_handled() {
    let scorer = fixture_scorer();
    let scenario = mini(&scorer);
    let mut session = Session::new(&scenario, &scorer, 1);
    assert_eq!(session.reply("   \t ").unwrap_err(), ReplyError::Empty);
    let paste = "a".repeat(1024 * 1024);
    assert_eq!(
        session.reply(&paste).unwrap_err(),
        ReplyError::TooLong { chars: 1024 * 1024 }
    );
    assert!(session.turns().is_empty(), "refused replies leave no trace");
    let turn = session.reply("You never\u{7}\u{1b}[31m help").unwrap();
    assert_eq!(turn.reply, "You never  [31m help");
    assert!(turn.report.present("blame"));
}

#[test]
fn a_session_summary_counts_each_skill() {
    let scorer = fixture_scorer();
    let scenario = mini(&scorer);
    let replies = ["You never clean up.".to_string(), "ok".to_string()];
    let session = Session::replay(&scenario, &scorer, 1, &replies).unwrap();
    let blame = session.summary().into_iter().find(|s| s.skill == "blame").unwrap();
    assert_eq!((blame.present_in, blame.turns), (1, 2));
    assert!((blame.average - 0.45).abs() < 1e-9);
}

#[test]
fn a_scenario_can_bring_its_own_scorer() {
    let scorer = fixture_scorer();
    let library = rehearse::scenario::Library::load_paths(&[common::fixture("own-scorer")], &scorer).unwrap();
    assert!(library.broken.is_empty(), "{:#?}", library.broken);
    let scenario = &library.scenarios[0];
    let mut session = Session::new(scenario, &scorer, 1);
    let turn = session.reply("Can we talk about the rent?").unwrap();
    assert_eq!(turn.report.get("money"), 0.8);
    assert!(
        turn.report.scores.contains_key("blame"),
        "the shared scores are still there"
    );
    assert_eq!(session.ending().unwrap().ending, "ok_end");
}

#[test]
fn a_missing_or_clashing_own_scorer_is_a_located_error() {
    let scorer = fixture_scorer();
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(common::fixture("own-scorer/money.yaml")).unwrap();
    std::fs::write(dir.path().join("money.yaml"), &yaml).unwrap();
    let library = rehearse::scenario::Library::load_paths(&[dir.path().to_path_buf()], &scorer).unwrap();
    let problem = &library.broken[0].problems[0];
    assert!(problem.message.contains("no scorer script `money.rhai`"), "{problem}");
    assert_eq!(problem.line, 10);

    std::fs::write(
        dir.path().join("blame.rhai"),
        "fn score(text) { #{ score: 0.0, matches: [], tip: \"\" } }",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("money.yaml"),
        yaml.replace("[money.rhai]", "[blame.rhai]"),
    )
    .unwrap();
    let library = rehearse::scenario::Library::load_paths(&[dir.path().to_path_buf()], &scorer).unwrap();
    assert!(library.broken[0].problems[0]
        .message
        .contains("already a score called `blame`"));
}

/// A `cues:` script steers the scenario like a `scorers:` one, but the person is
/// not shown it as a skill: not in the feedback after a reply, not in the summary.
#[test]
fn a_cue_steers_the_scenario_without_being_shown_as_a_skill() {
    let scorer = fixture_scorer();
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(common::fixture("own-scorer/money.yaml")).unwrap();
    std::fs::write(
        dir.path().join("money.yaml"),
        yaml.replace("scorers: [money.rhai]", "cues: [money.rhai]"),
    )
    .unwrap();
    std::fs::copy(common::fixture("own-scorer/money.rhai"), dir.path().join("money.rhai")).unwrap();
    let library = rehearse::scenario::Library::load_paths(&[dir.path().to_path_buf()], &scorer).unwrap();
    assert!(library.broken.is_empty(), "{:#?}", library.broken);
    let scenario = &library.scenarios[0];
    let mut session = Session::new(scenario, &scorer, 1);
    let turn = session.reply("Can we talk about the rent?").unwrap().clone();
    // It still steers: `when: money >= 0.5` ends the play well.
    assert_eq!(turn.report.get("money"), 0.8);
    assert!(turn.report.cues.contains("money"));
    assert_eq!(session.ending().unwrap().ending, "ok_end");
    // But it is not one of the skills the person sees.
    assert!(turn.report.skills().all(|(name, _)| name != "money"));
    assert!(turn.report.skills().any(|(name, _)| name == "blame"));
    let shown = rehearse::render::feedback(&turn.report, &Default::default(), rehearse::style::Style::PLAIN);
    assert!(!shown.contains("money"), "{shown}");
    let summary = session.summary();
    assert!(summary.iter().all(|s| s.skill != "money"), "{summary:?}");
    assert!(summary.iter().any(|s| s.skill == "blame"));

    // A cue file that is not there is named at its place in the list.
    std::fs::remove_file(dir.path().join("money.rhai")).unwrap();
    let library = rehearse::scenario::Library::load_paths(&[dir.path().to_path_buf()], &scorer).unwrap();
    let problem = &library.broken[0].problems[0];
    assert!(problem.message.contains("no scorer script `money.rhai`"), "{problem}");
    assert_eq!(problem.line, 10);
}

/// The mini scenario with lines for coming back to the opening.
fn mini_with_say_again(scorer: &rehearse::score::RhaiScorer) -> rehearse::scenario::Scenario {
    let yaml = std::fs::read_to_string(common::fixture("scenarios/mini.yaml")).expect("mini.yaml");
    let yaml = yaml.replacen(
        "    coach: Try an I-statement.\n",
        "    say_again:\n      - \"Back again, A.\"\n      - \"Back again, B.\"\n    coach: Try an I-statement.\n",
        1,
    );
    common::scenario_from("mini.yaml", &yaml, scorer).expect("valid with say_again")
}

#[test]
fn coming_back_to_a_beat_uses_its_say_again_lines_and_the_first_visit_does_not() {
    let scorer = fixture_scorer();
    let scenario = mini_with_say_again(&scorer);
    // "Hello." at the opening takes its last rule, back to the opening.
    let lines = dialogue_in(&scenario, &scorer, 7, &["Hello."; 4]);
    assert!(lines[0].starts_with("Opening line"), "{lines:?}");
    let again = &lines[1..];
    assert!(again.iter().all(|l| l.starts_with("Back again")), "{again:?}");
    for pair in again.windows(2) {
        assert_ne!(pair[0], pair[1], "a say_again line repeated itself: {again:?}");
    }
}

#[test]
fn say_again_leaves_the_dialogue_unchanged_until_a_beat_is_revisited() {
    let scorer = fixture_scorer();
    let plain = mini(&scorer);
    let with_again = mini_with_say_again(&scorer);
    // opening → listening → ending: no beat is visited twice.
    let replies = ["I feel tired when the sink is full, and I need a plan.", "ok"];
    assert_eq!(
        dialogue_in(&plain, &scorer, 11, &replies),
        dialogue_in(&with_again, &scorer, 11, &replies)
    );
}
