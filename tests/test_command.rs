//! `rehearse test --only TEXT` and `-v`: run one test, and see the path of a
//! passing one (issue 11, item 6); coverage lines carry file:line.

mod common;

use common::{rehearse, text};

#[test]
fn only_runs_the_tests_whose_name_matches_and_verbose_shows_their_path() {
    let out = rehearse(
        &["test", "--only", "REPRO (seed 42): a no, then an offer of lifts", "-v"],
        b"",
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("third-loan"), "{stdout}");
    assert!(
        !stdout.contains("dishes-again"),
        "only scenarios with a matching test: {stdout}"
    );
    assert!(
        stdout.contains("turn 1 at `the_ask`"),
        "-v shows the path of a passing test: {stdout}"
    );
    assert!(stdout.contains("1 scenario, 1 tests: 1 passed, 0 failed"), "{stdout}");
}

#[test]
fn only_with_no_match_says_so() {
    let out = rehearse(&["test", "--only", "no test is called this"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no test name contains"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn coverage_lines_name_the_file_and_line_of_each_rule_no_test_fires() {
    let out = rehearse(&["test", "scenarios/conflict/dishes-again.yaml", "--coverage"], b"");
    let stdout = text(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("never fired:"))
        .unwrap_or_else(|| panic!("no uncovered rule listed: {stdout}"));
    assert!(line.contains("scenarios/conflict/dishes-again.yaml:"), "{line}");
}
