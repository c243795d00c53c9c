//! Every scenario mistake an author can make gets a diagnostic with the file,
//! line and column of the offending value, and a hint where one helps.

mod common;

use common::{fixture, fixture_scorer};
use rehearse::scenario::Library;

/// (file, line, column, words the message must contain, words the hint must contain)
const EXPECTED: &[(&str, usize, usize, &str, &str)] = &[
    (
        "condition-not-boolean",
        26,
        15,
        "gives a number, not true or false",
        "==",
    ),
    (
        "dead-end",
        12,
        3,
        "no reply can ever reach an ending",
        "leads to an ending",
    ),
    (
        "difficulty-out-of-range",
        4,
        13,
        "difficulty 7 is out of range",
        "from 1",
    ),
    ("duplicate-beat", 44, 3, "`listening` appears twice", "rename"),
    ("empty", 0, 0, "the file is empty", "docs/authoring.md"),
    ("empty-variants", 30, 10, "`say` has no lines", "at least one line"),
    ("invalid-utf8", 2, 0, "not valid UTF-8", "UTF-8"),
    ("missing-start", 1, 1, "missing the line `start`", "add a `start:` line"),
    (
        "no-fallback",
        28,
        13,
        "last rule of beat `opening` has a `when`",
        "final rule",
    ),
    ("not-a-mapping", 1, 1, "expected a scenario", "docs/authoring.md"),
    ("not-yaml", 4, 1, "unexpected end of stream", "never closed"),
    ("tabs", 17, 1, "cannot start any token", "tabs"),
    ("test-bad-ending", 60, 11, "`ends: happy_end` names no ending", "ok_end"),
    (
        "unknown-category",
        3,
        11,
        "unknown value `conflicts`",
        "did you mean `conflict`?",
    ),
    (
        "unknown-dial",
        24,
        16,
        "`tention` is not a dial",
        "did you mean `tension`?",
    ),
    (
        "unknown-goto",
        43,
        15,
        "`goto: ok-end` names no beat or ending",
        "did you mean `ok_end`?",
    ),
    ("unknown-key", 39, 5, "unknown field `sya`", "did you mean `say`?"),
    (
        "unknown-score",
        23,
        15,
        "`i_statment` is not a score",
        "did you mean `i_statement`?",
    ),
    (
        "unreachable-beat",
        44,
        3,
        "`forgotten` can never be reached",
        "goto: forgotten",
    ),
];

#[test]
fn every_broken_fixture_is_reported_at_its_line_with_a_hint() {
    let scorer = fixture_scorer();
    let library = Library::load_paths(&[fixture("broken")], &scorer).unwrap();
    assert!(library.scenarios.is_empty(), "every broken fixture must fail to load");
    for &(name, line, column, message, hint) in EXPECTED {
        let path = format!("{name}.yaml");
        let broken = library
            .broken
            .iter()
            .find(|b| b.path.ends_with(&path))
            .unwrap_or_else(|| panic!("{path} was not reported"));
        let found = broken.problems.iter().find(|d| d.message.contains(message));
        let d = found.unwrap_or_else(|| panic!("{path}: no diagnostic says {message:?}; got {:#?}", broken.problems));
        assert_eq!((d.line, d.column), (line, column), "{path}: {d}");
        let shown = d.to_string();
        assert!(shown.starts_with(&d.location()), "{shown}");
        assert!(
            d.hint.as_deref().unwrap_or("").contains(hint),
            "{path}: hint {:?} lacks {hint:?}",
            d.hint
        );
    }
    assert_eq!(library.broken.len(), EXPECTED.len(), "a fixture without an expectation");
}

#[test]
fn a_broken_file_does_not_hide_the_good_ones() {
    let scorer = fixture_scorer();
    let library = Library::load_paths(&[fixture("scenarios"), fixture("broken/unknown-goto.yaml")], &scorer).unwrap();
    assert_eq!(library.ids(), ["mini"]);
    assert_eq!(library.broken.len(), 1);
    assert_eq!(library.broken[0].id.as_deref(), Some("mini"));
}

#[test]
fn two_files_with_one_id_are_an_error() {
    let scorer = fixture_scorer();
    let mini = fixture("scenarios/mini.yaml");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&mini, dir.path().join("a.yaml")).unwrap();
    std::fs::copy(&mini, dir.path().join("b.yaml")).unwrap();
    let library = Library::load_paths(&[dir.path().to_path_buf()], &scorer).unwrap();
    assert_eq!(library.scenarios.len(), 1);
    assert!(library.broken[0].problems[0].message.contains("already used by"));
}

#[test]
fn check_output_for_the_broken_fixtures() {
    let out = common::rehearse(
        &["--scripts", "tests/fixtures/scripts", "check", "tests/fixtures/broken"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    common::snapshot_settings().bind(|| insta::assert_snapshot!("check_broken_fixtures", common::text(&out.stdout)));
}

/// A cue script that does not compile is one problem, shown at the script's own
/// line, not the scenario's line of the same number, and not followed by a
/// "not a score" error for every condition that reads the cue.
#[test]
fn a_broken_cue_script_is_one_problem_at_its_own_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    common::write_dishes_again(dir.path());
    // the one cue script broken, written over the bundled copy
    std::fs::write(
        dir.path().join("yes_to_the_plan.rhai"),
        "fn score(text) {\n    let unfinished = ;\n    0.0\n}\n",
    )
    .expect("write");
    let home = tempfile::tempdir().expect("temp dir");
    let out = common::rehearse_command(home.path(), &["check", &dir.path().display().to_string()])
        .output()
        .expect("rehearse runs");
    let stderr = common::text(&out.stderr);
    let stdout = common::text(&out.stdout);
    let all = format!("{stdout}{stderr}");
    assert!(!out.status.success(), "{all}");
    assert!(all.contains("yes_to_the_plan.rhai:2:"), "{all}");
    assert!(
        all.contains("let unfinished = ;"),
        "the script's own line is shown: {all}"
    );
    assert!(!all.contains("is not a score"), "no follow-on errors: {all}");
    assert!(all.contains("1 problem"), "{all}");
}
