//! A terminal tool that behaves in pipes and scripts (issue 10, item 6): piped
//! slash commands, unused lines, closed pipes, `export --output -`, history in
//! 80 columns, progress sentences that match the chart, and the menu finding a
//! scenario from words of its title. Each test drives the built binary.

mod common;

use common::{fixture_home_copy, rehearse, rehearse_command, rehearse_in, text, with_fixtures};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The journals in `home`, with their text.
fn journals(home: &Path) -> Vec<String> {
    std::fs::read_dir(home.join("sessions"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}

// ---- piped play: slash commands ----

#[test]
fn piped_slash_commands_are_commands_never_replies() {
    let home = tempfile::tempdir().expect("temp dir");
    let input = b"You never clean up.\n/hint\n/score\n/undo\n/menu\n/frobnicate\nHello.\n/quit\nI feel fine.\n";
    let out = rehearse_in(home.path(), &with_fixtures(&["play", "mini", "--seed", "1"]), input);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    // Each known command did its job…
    assert!(stdout.contains("> /hint\ncoach: "), "{stdout}");
    assert!(stdout.contains("> /score\n\"You never clean up.\""), "{stdout}");
    assert!(stdout.contains("> /undo\n(Taken back.)"), "{stdout}");
    // …the ones that need a keyboard, and unknown ones, are refused on stderr…
    assert!(
        stderr.contains("input line 5: /menu only works when playing at a terminal"),
        "{stderr}"
    );
    assert!(stderr.contains("input line 6: unknown command /frobnicate"), "{stderr}");
    // …and none was ever scored as a reply: the only replies are the real ones.
    let replies: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("> ") && !l.starts_with("> /"))
        .collect();
    assert_eq!(replies, ["> You never clean up.", "> Hello."], "{stdout}");
    let kept = journals(home.path()).join("\n");
    for command in ["/hint", "/score", "/undo", "/menu", "/frobnicate", "/quit"] {
        assert!(
            !kept.contains(&format!("\"{command}")),
            "{command} was journaled as a reply: {kept}"
        );
    }
    // /quit stops reading, and what came after it is reported, not dropped silently.
    assert!(!stdout.contains("I feel fine."), "{stdout}");
    assert!(
        stderr.contains("1 line after /quit (input line 8) was not used"),
        "{stderr}"
    );
}

#[test]
fn lines_left_after_the_ending_are_reported() {
    let out = rehearse(
        &with_fixtures(&["play", "mini", "--seed", "1"]),
        b"You never clean up.\nYou're so lazy.\n/score\nOne more thing.\n\nAnd another.\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("— The end: blowup (escalated) —"), "{stdout}");
    // A command after the ending still works: it is not a reply.
    assert!(stdout.contains("> /score\n\"You're so lazy.\""), "{stdout}");
    assert!(
        text(&out.stderr).contains("2 lines after the ending (input line 2) were not used"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn running_out_of_replies_quotes_the_partner_and_says_how_to_resume() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = rehearse_in(
        home.path(),
        &with_fixtures(&["play", "mini", "--seed", "1"]),
        b"Hello.\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "The replies ran out before the conversation ended; Alex is waiting for your reply to: \"Opening line"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("`opening`"), "a beat id leaked: {stdout}");
    assert!(stdout.contains("(`rehearse resume 2"), "{stdout}");
    // With nothing kept there is nothing to resume, so it is not offered.
    let out = rehearse(&with_fixtures(&["--no-journal", "play", "mini"]), b"Hello.\n");
    assert!(!text(&out.stdout).contains("rehearse resume"), "{}", text(&out.stdout));
}

// ---- closed pipes ----

/// Runs rehearse with its standard output already closed by the reader, as
/// `rehearse … | head` does once `head` has had enough.
fn with_stdout_closed(home: &Path, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = rehearse_command(home, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rehearse runs");
    drop(child.stdout.take());
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().expect("rehearse finishes")
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let home = fixture_home_copy();
    let corpus = home.path().join("labelled.jsonl");
    std::fs::write(
        &corpus,
        "{\"text\": \"You never listen.\", \"blame\": true}\n{\"text\": \"Thanks.\", \"blame\": false}\n",
    )
    .expect("corpus");
    let corpus = corpus.to_str().expect("utf-8 path");
    let replies = b"You never clean up.\nYou're so lazy.\n";
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        with_fixtures(&["test"]),
        with_fixtures(&["check"]),
        with_fixtures(&["score", "You never listen."]),
        with_fixtures(&["eval", corpus]),
        with_fixtures(&["play", "mini"]),
        with_fixtures(&[]),
        vec!["history"],
        vec!["history", "--json"],
        vec!["progress"],
        vec!["progress", "--skill", "blame"],
        vec!["export", "latest", "--output", "-"],
    ];
    for args in &commands {
        let out = with_stdout_closed(home.path(), args, replies);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "rehearse {args:?}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe") && !stderr.contains("os error"),
            "rehearse {args:?}: {stderr}"
        );
    }
    // The played session that could show nothing left no empty journal behind,
    // and the six kept sessions are untouched.
    assert_eq!(journals(home.path()).len(), 6);
}

// ---- export ----

#[test]
fn export_to_dash_writes_standard_output_and_never_a_file_named_dash() {
    let home = fixture_home_copy();
    let cwd = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(["export", "latest", "--format", "md", "--output", "-"])
        .env("REHEARSE_HOME", home.path())
        .current_dir(cwd.path())
        .output()
        .expect("rehearse runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("# Practice transcript"),
        "{}",
        text(&out.stdout)
    );
    assert!(!cwd.path().join("-").exists(), "a file named `-` was written");
}

#[test]
fn export_refuses_to_overwrite_a_file_unless_forced() {
    let home = fixture_home_copy();
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("talk.md");
    std::fs::write(&target, "my own notes").expect("file");
    let path = target.to_str().expect("utf-8 path");
    let out = rehearse_in(home.path(), &["export", "latest", "--output", path], b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&format!("{path} already exists")), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&target).expect("still there"), "my own notes");

    let out = rehearse_in(home.path(), &["export", "latest", "--output", path, "--force"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(&target)
        .expect("written")
        .starts_with("# Practice transcript"));
}

// ---- history and progress ----

#[test]
fn history_fits_eighty_columns_and_names_endings_in_words() {
    let home = fixture_home_copy();
    let out = rehearse_in(home.path(), &["history"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for line in stdout.lines() {
        assert!(line.chars().count() <= 80, "{} columns: {line}", line.chars().count());
    }
    assert!(stdout.contains("blow up — escalated"), "{stdout}");
    assert!(stdout.contains("plan — went well"), "{stdout}");
    assert!(!stdout.contains("blow_up"), "{stdout}");
    // The session ids that `export`, `resume` and `forget` take are still shown.
    assert!(stdout.contains("20251117-190000-kitchen-talk"), "{stdout}");
}

#[test]
fn progress_names_a_peak_the_chart_shows_even_when_the_ends_match() {
    let home = tempfile::tempdir().expect("temp dir");
    for reply in ["Hello.", "Hello.", "You never clean up.", "Hello.", "Hello.", "Hello."] {
        let out = rehearse_in(
            home.path(),
            &with_fixtures(&["play", "mini"]),
            format!("{reply}\n").as_bytes(),
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let out = rehearse_in(home.path(), &["progress", "--skill", "blame"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let sentence = stdout.lines().last().unwrap_or_default();
    assert!(!sentence.contains("held steady"), "{stdout}");
    assert!(sentence.contains("0.90"), "the 0.90 bar is not in the words: {stdout}");
    let out = rehearse_in(home.path(), &["progress"], b"");
    let overview = text(&out.stdout);
    let blame = overview
        .lines()
        .find(|l| l.trim_start().starts_with("blame"))
        .unwrap_or_default();
    assert!(blame.contains("peaking at 0.90"), "{overview}");
}

// ---- the menu ----

#[test]
fn the_menu_finds_a_scenario_from_words_of_its_id_or_title() {
    let out = rehearse(&["--no-journal"], b"dishes\n/quit\n");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Sam: "), "`dishes` did not open dishes-again: {stdout}");

    let out = rehearse(&["--no-journal"], b"SPARE KEY\n/quit\n");
    assert!(
        text(&out.stdout).contains("The spare key\nboundary"),
        "{}",
        text(&out.stdout)
    );

    // Several fit: they are listed, and nothing starts.
    let out = rehearse(&["--no-journal"], b"again\n/quit\n");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("`again` fits 3 scenarios"), "{stdout}");
    assert!(
        stdout.contains("[dishes-again]") && stdout.contains("[weekend-again]"),
        "{stdout}"
    );
    assert!(!stdout.contains("you> "), "{stdout}");
}
