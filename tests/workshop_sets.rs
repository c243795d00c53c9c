//! Exercise sets: loading and its messages, `rehearse list --sets`, `rehearse
//! check` on sets, and `rehearse play --set NAME` piped and at a terminal. The
//! fixture library in tests/fixtures/workshop has two small scenarios and one
//! set, so the bundled content can change without breaking these.

mod common;

use common::{rehearse, text};
use rehearse::content::read_paths;
use rehearse::exercise_set::SetLibrary;
use std::path::Path;

/// The fixture scripts and the workshop library (its sets are found beside it).
const WORKSHOP: [&str; 4] = [
    "--scripts",
    "tests/fixtures/scripts",
    "--scenarios",
    "tests/fixtures/workshop/scenarios",
];

fn workshop<'a>(args: &[&'a str]) -> Vec<&'a str> {
    WORKSHOP.iter().copied().chain(args.iter().copied()).collect()
}

fn bad_sets() -> std::path::PathBuf {
    common::fixture("workshop/bad/sets")
}

#[test]
fn every_set_mistake_is_reported_at_its_line_with_a_hint() {
    let files = read_paths(&[bad_sets()], &["yaml"]).expect("fixture sets read");
    let sets = SetLibrary::from_files(files, &["mini", "second"], "fixtures".into());
    assert!(sets.sets.is_empty(), "every fixture set is broken");
    let rendered: Vec<String> = sets
        .problems()
        .map(|p| {
            // The folder part of the path depends on where the tests run from.
            let text = p.to_string();
            text[text.find("bad/sets/").expect("a fixture path")..].to_string()
        })
        .collect();
    common::snapshot_settings().bind(|| insta::assert_snapshot!("set_loading_errors", rendered.join("\n")));
}

#[test]
fn a_set_that_loads_keeps_its_order_notes_and_name() {
    let files = read_paths(&[common::fixture("workshop/sets")], &["yaml"]).expect("fixture sets read");
    let sets = SetLibrary::from_files(files, &["mini", "second"], "fixtures".into());
    assert!(sets.broken.is_empty(), "{:?}", sets.broken);
    let set = sets.find("two-steps").expect("the set is found by its file name");
    assert_eq!(set.title, "Two small steps");
    let ids: Vec<&str> = set.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["mini", "second"]);
    assert_eq!(set.steps[0].notes.as_deref(), Some("Start here."));
    assert_eq!(set.steps[1].notes, None);
    assert_eq!(set.for_facilitators.as_deref(), Some("Ten minutes."));
    let missing = sets.find("two-step").expect_err("a near miss is not a set");
    assert!(missing.contains("did you mean `two-steps`?"), "{missing}");
}

#[test]
fn the_bundled_sets_load_one_per_family_with_notes_for_every_step() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    let known: Vec<&str> = library.scenarios.iter().map(|s| s.id.as_str()).collect();
    let root = rehearse::content::ContentRoot::Folder(Path::new(env!("CARGO_MANIFEST_DIR")).join("sets"));
    let sets = SetLibrary::load(&root, &known).expect("the sets folder reads");
    let problems: Vec<String> = sets.problems().map(|p| p.to_string()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    for family in rehearse::scenario::Category::ALL {
        let in_family = sets.sets.iter().find(|set| {
            set.steps
                .iter()
                .all(|step| library.find(&step.id).is_some_and(|s| s.category == family))
        });
        let set = in_family.unwrap_or_else(|| panic!("no introductory set for {}", family.as_str()));
        assert!(set.steps.len() >= 2, "{} has {} steps", set.name, set.steps.len());
        assert!(set.for_facilitators.is_some(), "{} has no facilitator notes", set.name);
        assert!(
            set.steps.iter().all(|s| s.notes.is_some()),
            "{}: every step of an introductory set has a note",
            set.name
        );
        // Introductory: the easiest scenario of the set comes first.
        let difficulty: Vec<u8> = set
            .steps
            .iter()
            .filter_map(|s| library.find(&s.id).map(|s| s.difficulty))
            .collect();
        assert!(
            difficulty.windows(2).all(|w| w[0] <= w[1]),
            "{}: {difficulty:?}",
            set.name
        );
    }
}

#[test]
fn list_sets_shows_name_count_title_and_summary() {
    let out = rehearse(&workshop(&["list", "--sets"]), b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    common::snapshot_settings().bind(|| insta::assert_snapshot!("list_sets", text(&out.stdout)));
    let json = rehearse(&workshop(&["list", "--sets", "--json"]), b"");
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value[0]["name"], "two-steps");
    assert_eq!(value[0]["scenarios"], serde_json::json!(["mini", "second"]));
}

#[test]
fn a_library_without_sets_says_so() {
    let out = rehearse(&common::with_fixtures(&["list", "--sets"]), b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("No exercise sets in"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn check_reports_a_bad_set_and_fails() {
    let out = rehearse(&workshop(&["check", "tests/fixtures/workshop/bad/sets"]), b"");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    // The messages themselves are the `set_loading_errors` snapshot.
    // The error line, then the line of the file with a caret under the id, then the hint.
    let at = stdout
        .find("tests/fixtures/workshop/bad/sets/misspelt.yaml:4:9: error: there is no scenario `secnd`\n")
        .expect("the misspelt id is reported at its line");
    let after = &stdout[at..];
    let hint = after
        .find("  hint: did you mean `second`?")
        .expect("with a did-you-mean");
    assert!(after[..hint].contains("secnd"), "the snippet shows the line: {after}");
    assert!(stdout.ends_with("8 problems in 5 of 5 exercise sets.\n"), "{stdout}");
    // With no path, the library's sets are checked too, and a good set passes.
    let out = rehearse(&workshop(&["check"]), b"");
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("1 exercise set in tests/fixtures/workshop/sets checked, no problems."),
        "{}",
        text(&out.stdout)
    );
    // And a bad sets folder fails the whole check.
    let out = rehearse(
        &workshop(&["--sets-dir", "tests/fixtures/workshop/bad/sets", "check"]),
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("there is no scenario `secnd`"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn play_set_with_piped_replies_goes_through_both_scenarios() {
    let replies = "I feel tired when the sink is full, and I need a plan.\nThanks.\nI'm sorry I forgot.\nleft over\n";
    let out = rehearse(
        &workshop(&["--no-journal", "play", "--set", "two-steps"]),
        replies.as_bytes(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let first = stdout.find("Step 1 of 2: A small test scenario").expect("step 1");
    let ending_one = stdout.find("The end: ok end (good)").expect("the first scenario ends");
    let second = stdout.find("Step 2 of 2: A second small scenario").expect("step 2");
    let ending_two = stdout
        .find("The end: Made up (good)")
        .expect("the second scenario ends");
    assert!(first < ending_one && ending_one < second && second < ending_two);
    // The reply after the first ending answered the second scenario.
    assert!(stdout.contains("> I'm sorry I forgot."));
    assert!(stdout.trim_end().ends_with("That was the whole set: 2 scenarios."));
    assert!(
        text(&out.stderr).contains("1 line after the ending (input line 3) was not used"),
        "{}",
        text(&out.stderr)
    );
    common::snapshot_settings().bind(|| insta::assert_snapshot!("play_set_piped", stdout));
}

#[test]
fn each_scenario_of_a_set_gets_its_own_journal() {
    let home = tempfile::tempdir().expect("temp dir");
    let replies = "I feel tired when the sink is full, and I need a plan.\nThanks.\nI'm sorry I forgot.\n";
    let out = common::rehearse_in(
        home.path(),
        &workshop(&["play", "--set", "two-steps"]),
        replies.as_bytes(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let journals = std::fs::read_dir(home.path().join("sessions"))
        .expect("sessions")
        .count();
    assert_eq!(journals, 2);
}

#[test]
fn a_set_stops_where_the_replies_run_out_and_says_what_was_not_played() {
    let out = rehearse(
        &workshop(&["--no-journal", "play", "--set", "two-steps"]),
        b"Hello there.\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("The replies ran out before the conversation ended"),
        "{stdout}"
    );
    assert!(
        stdout.contains("(The set stops here; 1 more scenario was not played"),
        "{stdout}"
    );
    assert!(!stdout.contains("Step 2 of 2"));
}

#[test]
fn play_set_refuses_what_it_cannot_do_with_a_clear_message() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["play", "mini", "--set", "two-steps"],
            "give a scenario or an exercise set, not both",
        ),
        (
            &["play", "--set", "two-steps", "--set", "tension=7"],
            "use one or the other",
        ),
        (&["play", "--set", "two-step"], "did you mean `two-steps`?"),
        (
            &["play", "--set", "two-steps", "--set", "other"],
            "`--set` names one exercise set",
        ),
    ];
    for (args, expected) in cases {
        let out = rehearse(&workshop(args), b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains(expected), "{args:?}: {}", text(&out.stderr));
    }
}

#[cfg(unix)]
#[test]
fn at_a_terminal_next_goes_on_to_the_next_scenario_of_the_set() {
    use rexpect::reader::Options;
    use rexpect::session::spawn_with_options;
    let home = tempfile::tempdir().expect("temp dir");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_rehearse"));
    command
        .args(workshop(&["--no-journal", "play", "--set", "two-steps"]))
        .env("REHEARSE_HOME", home.path())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = spawn_with_options(
        command,
        Options::new().timeout_ms(Some(30_000)).strip_ansi_escape_codes(true),
    )
    .expect("rehearse starts on a pseudo-terminal");
    p.exp_string("Two small steps (2 scenarios, in order)").unwrap();
    p.exp_string("Step 1 of 2 of the set").unwrap();
    p.exp_string("you> ").unwrap();
    p.send_line("I'm sorry I left the pans.").unwrap();
    p.exp_string("Next in the set: A second small scenario. Type /next to start it.")
        .unwrap();
    p.exp_string("next> ").unwrap();
    p.send_line("/next").unwrap();
    p.exp_string("Step 2 of 2 of the set").unwrap();
    p.exp_string("You forgot, didn't you.").unwrap();
    p.exp_string("you> ").unwrap();
    p.send_line("I'm sorry I forgot.").unwrap();
    p.exp_string("That was the last scenario of the set.").unwrap();
    p.exp_string("next> ").unwrap();
    p.send_line("/quit").unwrap();
    p.exp_string("Take care.").unwrap();
    p.exp_eof().unwrap();
}
