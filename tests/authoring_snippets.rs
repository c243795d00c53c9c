//! Each new diagnostic of issue 11 (item 7) as an author sees it: the
//! `file:line:col` line, the line of their file with a caret under the spot,
//! and the hint. The base is the fixture `mini.yaml`, changed one mistake at a
//! time; each rendered diagnostic is an insta snapshot.

mod common;

use common::{bundled_scorer, fixture, fixture_scorer, scenario_from, snapshot_settings};
use rehearse::diagnostic::Diagnostic;
use rehearse::score::Scorer as _;

fn mini() -> String {
    std::fs::read_to_string(fixture("scenarios/mini.yaml")).expect("mini.yaml")
}

/// `mini.yaml` with `from` replaced by `to` (which must be there).
fn changed(from: &str, to: &str) -> String {
    let yaml = mini();
    assert!(yaml.contains(from), "mini.yaml has no `{from}`");
    yaml.replacen(from, to, 1)
}

fn problems(yaml: &str) -> Vec<Diagnostic> {
    scenario_from("mini.yaml", yaml, &fixture_scorer()).expect_err("the mistake is refused")
}

fn warnings(yaml: &str) -> Vec<Diagnostic> {
    scenario_from("mini.yaml", yaml, &fixture_scorer())
        .expect("warnings do not stop it")
        .warnings
}

fn rendered(found: &[Diagnostic]) -> String {
    found.iter().map(|d| format!("{d}\n")).collect()
}

/// The one problem of `yaml`, at `line`, rendered.
fn the_problem(yaml: &str, line: usize) -> String {
    let found = problems(yaml);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].line, line, "{}", found[0]);
    assert!(found[0].source_line.is_some(), "no source line: {}", found[0]);
    rendered(&found)
}

#[test]
fn a_beat_key_indented_less_than_its_neighbours_is_named_at_its_own_line() {
    // The case: serde_yaml says "missing `on_reply`" at the beat's first
    // line; the mistake is the `coach:` line, which ends the beat early.
    for (name, spaces) in [("two", "  "), ("three", "   ")] {
        let yaml = changed(
            "    coach: Try an I-statement.",
            &format!("{spaces}coach: Try an I-statement."),
        );
        let out = the_problem(&yaml, 17);
        assert!(out.contains("indent `coach:` with 4 spaces"), "{out}");
        assert!(!out.contains("add a `on_reply:` line"), "{out}");
        snapshot_settings().bind(|| insta::assert_snapshot!(format!("diagnostic_coach_indented_{name}_spaces"), out));
    }
}

#[test]
fn on_reply_indented_less_than_say_is_named() {
    let yaml = changed(
        "    say: \"Listening.\"\n    on_reply:",
        "    say: \"Listening.\"\n  on_reply:",
    );
    let out = the_problem(&yaml, 40);
    snapshot_settings().bind(|| insta::assert_snapshot!("diagnostic_on_reply_indented_less", out));
}

#[test]
fn a_key_indented_more_than_the_line_above_is_named() {
    let yaml = changed(
        "    say: \"Listening.\"\n    on_reply:",
        "    say: \"Listening.\"\n      on_reply:",
    );
    let out = the_problem(&yaml, 40);
    assert!(out.contains("line it up with `say:` (4 spaces)"), "{out}");
    snapshot_settings().bind(|| insta::assert_snapshot!("diagnostic_on_reply_indented_more", out));
}

#[test]
fn a_key_indented_into_the_list_above_is_named() {
    let yaml = changed(
        "      - \"Opening line C.\"\n    coach:",
        "      - \"Opening line C.\"\n      coach:",
    );
    let out = the_problem(&yaml, 17);
    snapshot_settings().bind(|| insta::assert_snapshot!("diagnostic_coach_inside_say_list", out));
}

#[test]
fn a_beat_key_moved_after_the_rules_says_where_it_belongs() {
    // `coach:` moved below the beat's last rule: indented as part of the rule,
    // or lined up with the beat names.
    for (name, indent, says) in [
        ("inside_a_rule", "        ", "belongs to a beat"),
        ("as_a_beat_name", "  ", "reads as a beat called `coach`"),
    ] {
        let yaml = changed("    coach: Try an I-statement.\n", "").replacen(
            "      - goto: opening\n  defensive:",
            &format!("      - goto: opening\n{indent}coach: Try an I-statement.\n  defensive:"),
            1,
        );
        let out = the_problem(&yaml, 28);
        assert!(out.contains(says), "{name}: {out}");
        snapshot_settings().bind(|| insta::assert_snapshot!(format!("diagnostic_coach_{name}"), out));
    }
}

#[test]
fn text_that_needs_double_quotes_says_so_with_the_fixed_line() {
    for (name, line, fix) in [
        ("apostrophe", "    say: 'I don't know.'", "say: \"I don't know.\""),
        ("colon", "    say: Listen: please.", "say: \"Listen: please.\""),
        (
            "leading_quote",
            "    say: \"Fine\" she said.",
            "say: \"'Fine' she said.\"",
        ),
    ] {
        let yaml = changed("    say: \"Listening.\"", line);
        let out = the_problem(&yaml, 39);
        assert!(out.contains(fix), "{name}: {out}");
        snapshot_settings().bind(|| insta::assert_snapshot!(format!("diagnostic_quoting_{name}"), out));
    }
}

#[test]
fn a_condition_no_reply_can_satisfy_is_a_warning_at_its_line() {
    for (name, from, to, line) in [
        ("score_above_one", "when: apology >= 0.5", "when: apology > 1", 26),
        (
            "contradiction",
            "when: turn >= 5",
            "when: tension >= 8 && tension < 4",
            35,
        ),
        (
            "dial_above_ten",
            "when: blame >= 0.5 && tension >= 8",
            "when: blame >= 0.5 && tension >= 11",
            32,
        ),
    ] {
        let found = warnings(&changed(from, to));
        let never: Vec<&Diagnostic> = found
            .iter()
            .filter(|w| w.message.contains("can never be true"))
            .collect();
        assert_eq!(never.len(), 1, "{name}: {found:#?}");
        assert!(never[0].warning);
        assert_eq!(never[0].line, line, "{name}: {}", never[0]);
        let out = format!("{}\n", never[0]);
        snapshot_settings().bind(|| insta::assert_snapshot!(format!("diagnostic_never_true_{name}"), out));
    }
}

#[test]
fn blame_and_an_i_statement_together_is_not_warned_because_a_reply_can_have_both() {
    // docs/scoring.md: a jab in a sentence of its own after a complete
    // I-statement caps `i_statement` at 0.6, not below 0.5. So the issue's
    // example condition can hold, and the checker must not call it impossible.
    let scorer = bundled_scorer();
    let report = scorer.score(
        "I feel hurt when you cancel at the last minute, and I'd like us to plan the day before. or is that too much to ask lol",
    );
    assert!(
        report.get("blame") >= 0.5 && report.get("i_statement") >= 0.5,
        "{report:?}"
    );
    let found = warnings(&changed(
        "when: i_statement >= 0.5",
        "when: blame >= 0.5 && i_statement >= 0.5",
    ));
    assert!(
        found.iter().all(|w| !w.message.contains("can never be true")),
        "{found:#?}"
    );
}

#[test]
fn a_condition_in_a_debrief_part_is_checked_too() {
    let yaml = changed(
        "    debrief: You were heard.",
        "    debrief:\n      - You were heard.\n      - when: best_blame > 2\n        text: Never shown.",
    );
    let found = warnings(&yaml);
    assert!(
        found
            .iter()
            .any(|w| w.message.contains("`best_blame > 2` can never be true")),
        "{found:#?}"
    );
}

#[test]
fn check_shows_the_snippet_and_stays_plain_without_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("mini.yaml");
    std::fs::write(
        &file,
        changed("    coach: Try an I-statement.", "  coach: Try an I-statement."),
    )
    .expect("write");
    let home = tempfile::tempdir().expect("temp dir");
    // NO_COLOR unset: colour still stays off, because the output is a pipe.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(["--scripts", "tests/fixtures/scripts", "check"])
        .arg(&file)
        .env("REHEARSE_HOME", home.path())
        .env_remove("NO_COLOR")
        .output()
        .expect("rehearse runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!text.contains('\x1b'), "{text}");
    assert!(text.contains("17 |   coach: Try an I-statement."), "{text}");
    assert!(text.contains("   |   ^^^^^^"), "{text}");
}
