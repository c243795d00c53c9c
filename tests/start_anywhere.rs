//! Starting a conversation somewhere other than its top (issue 11, item 5):
//! `rehearse play ID --from BEAT --set dial=N`, journaled so `resume` carries on
//! from the same place, and `from:`/`state:` in a scenario's test conversations,
//! checked like everything else and counted by coverage.

mod common;

use common::{
    fixture, fixture_scorer, one_containing, only_journal, rehearse_in, scenario_from, snapshot_settings, text,
    with_fixtures,
};

fn mini() -> String {
    std::fs::read_to_string(fixture("scenarios/mini.yaml")).expect("mini.yaml")
}

/// mini.yaml with one more test, which starts mid-play.
fn mini_with(test: &str) -> String {
    format!("{}{test}", mini())
}

const FROM_DEFENSIVE: &str = r#"  - name: from defensive with tension high, blame blows up
    from: defensive
    state: { tension: 8 }
    replies: ["You never clean up."]
    ends: blowup
"#;

fn problems(yaml: &str) -> Vec<rehearse::diagnostic::Diagnostic> {
    scenario_from("mini.yaml", yaml, &fixture_scorer()).expect_err("the mistake is refused")
}

#[test]
fn play_from_a_beat_with_dials_set_starts_there() {
    let home = tempfile::tempdir().expect("temp dir");
    let args = with_fixtures(&["play", "mini", "--from", "defensive", "--set", "tension=8"]);
    let out = rehearse_in(home.path(), &args, b"You never clean up.\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    snapshot_settings().bind(|| insta::assert_snapshot!("play_from_a_beat", text(&out.stdout)));
}

#[test]
fn play_from_mistakes_are_refused_in_plain_words() {
    let home = tempfile::tempdir().expect("temp dir");
    let refused = |args: &[&str]| {
        let out = rehearse_in(home.path(), &with_fixtures(args), b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        text(&out.stderr)
    };
    let all = [
        refused(&["play", "mini", "--from", "defensiv"]),
        refused(&["play", "mini", "--from", "blowup"]),
        refused(&["play", "mini", "--set", "tensoin=3"]),
        refused(&["play", "mini", "--set", "tension=2.5"]),
        refused(&["play", "mini", "--set", "tension=11"]),
        refused(&["play", "mini", "--set", "blame=1"]),
        refused(&["play", "mini", "--set", "best_blame=1"]),
        refused(&["play", "mini", "--set", "openers"]),
        refused(&["play", "--set", "openers", "--set", "tension=3"]),
    ]
    .join("");
    snapshot_settings().bind(|| insta::assert_snapshot!("play_from_mistakes", all));
}

#[test]
fn a_session_started_mid_play_is_journaled_with_its_start_and_resumes_from_it() {
    let home = tempfile::tempdir().expect("temp dir");
    let args = with_fixtures(&[
        "play",
        "mini",
        "--from",
        "defensive",
        "--set",
        "tension=9",
        "--set",
        "trust=2",
    ]);
    // Not blame, so the conversation goes on (back to `opening`).
    let out = rehearse_in(home.path(), &args, b"ok\n");
    assert!(out.status.success(), "{}", text(&out.stderr));

    let journal = only_journal(home.path());
    let header: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&journal).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(header["format"], 2, "{header}");
    assert_eq!(header["start"]["beat"], "defensive", "{header}");
    assert_eq!(header["start"]["dials"]["tension"], 9.0, "{header}");
    assert_eq!(header["opening"]["beat"], "defensive", "{header}");

    // Resumed, the replay starts from the same place, so it matches the journal
    // (no "changed" warning) and the dials go on from tension 9.
    let out = rehearse_in(home.path(), &with_fixtures(&["resume"]), b"You never clean up.\n");
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("changed"), "{stderr}");
    assert!(stdout.contains("tension 9 → 10"), "{stdout}");
    assert!(
        stdout.contains("(Starting at beat `defensive`, with tension 9, trust 2.)"),
        "{stdout}"
    );
}

#[test]
fn a_session_from_the_top_is_still_written_as_format_1() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = rehearse_in(home.path(), &with_fixtures(&["play", "mini"]), b"ok\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = std::fs::read_to_string(only_journal(home.path())).unwrap();
    let header: serde_json::Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
    assert_eq!(header["format"], 1, "older rehearses can still read it: {header}");
    assert!(header.get("start").is_none(), "{header}");
}

#[test]
fn a_test_can_start_mid_play_and_coverage_counts_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("mini.yaml"), mini_with(FROM_DEFENSIVE)).unwrap();
    let scripts = fixture("scripts");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .current_dir(dir.path())
        .args([
            "--scripts",
            scripts.to_str().unwrap(),
            "test",
            "mini.yaml",
            "--coverage",
            "-v",
        ])
        .args(["--only", "from defensive"])
        .env("REHEARSE_HOME", dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("rehearse runs");
    let stdout = text(&out.stdout);
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "{stdout}{}",
        text(&out.stderr)
    );
    snapshot_settings().bind(|| insta::assert_snapshot!("test_from_a_beat", stdout));
}

#[test]
fn a_test_starting_mid_play_fails_with_its_start_in_the_trace() {
    let scorer = fixture_scorer();
    // Without the raised tension, blame at `defensive` goes back to the opening.
    let test = FROM_DEFENSIVE.replace("    state: { tension: 8 }\n", "");
    let scenario = scenario_from("mini.yaml", &mini_with(&test), &scorer).expect("valid");
    let test = scenario.tests.last().unwrap();
    let result = rehearse::testing::run_test(&scenario, &scorer, test);
    assert!(!result.passed());
    assert_eq!(result.trace[0], "starts at `defensive` with dials: tension 5, trust 5");
    assert!(
        result.trace[1].starts_with("turn 1 at `defensive`"),
        "{:?}",
        result.trace
    );
}

#[test]
fn from_must_name_a_beat_with_a_did_you_mean() {
    let yaml = mini_with(&FROM_DEFENSIVE.replace("from: defensive", "from: defensiv"));
    let found = problems(&yaml);
    let p = one_containing(&found, "`from: defensiv` names no beat");
    assert_eq!((p.line, p.column), (86, 11), "{p}");
    assert_eq!(p.hint.as_deref(), Some("did you mean `defensive`?"), "{p}");

    let yaml = mini_with(&FROM_DEFENSIVE.replace("from: defensive", "from: blowup"));
    let found = problems(&yaml);
    let p = one_containing(&found, "`from: blowup` names an ending");
    assert!(
        p.hint
            .as_deref()
            .unwrap_or("")
            .contains("opening, defensive, listening"),
        "{p}"
    );
}

#[test]
fn state_must_name_dials_at_whole_values_in_range() {
    let found = problems(&mini_with(&FROM_DEFENSIVE.replace("{ tension: 8 }", "{ tensoin: 8 }")));
    let p = one_containing(&found, "`tensoin` is not a dial of this scenario");
    assert_eq!((p.line, p.column), (87, 14), "{p}");
    assert_eq!(p.hint.as_deref(), Some("did you mean `tension`?"), "{p}");

    let found = problems(&mini_with(
        &FROM_DEFENSIVE.replace("{ tension: 8 }", "{ tension: 7.5 }"),
    ));
    let p = one_containing(&found, "dial `tension` starts at 7.5, which is not a whole number");
    assert!(p.hint.as_deref().unwrap_or("").contains("write 7 or 8"), "{p}");

    let found = problems(&mini_with(&FROM_DEFENSIVE.replace("{ tension: 8 }", "{ tension: 12 }")));
    one_containing(&found, "dial `tension` starts at 12, outside 0..10");
}
