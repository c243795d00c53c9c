//! The interactive REPL on a real pseudo-terminal (issue 10, item 6): text is
//! word-wrapped at the terminal's width, and leaving mid-conversation says how
//! to come back. (tests/repl_terminal.rs covers the basic keyboard flow.)
#![cfg(unix)]

mod common;

use rexpect::reader::Options;
use rexpect::session::{spawn_with_options, PtySession};
use std::process::Command;

/// Generous, because a debug build compiles every pattern on first use.
const TIMEOUT_MS: u64 = 30_000;

fn start(home: &std::path::Path, args: &[&str], columns: Option<&str>) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rehearse"));
    command
        .args(args)
        .env("REHEARSE_HOME", home)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    match columns {
        Some(columns) => command.env("COLUMNS", columns),
        None => command.env_remove("COLUMNS"),
    };
    spawn_with_options(
        command,
        Options::new()
            .timeout_ms(Some(TIMEOUT_MS))
            .strip_ansi_escape_codes(true),
    )
    .expect("rehearse starts on a pseudo-terminal")
}

/// True when `part` appears in `whole` as consecutive items.
fn contains_run(whole: &[&str], part: &[&str]) -> bool {
    !part.is_empty() && whole.windows(part.len()).any(|w| w == part)
}

#[test]
fn text_wraps_at_the_terminal_width_between_words() {
    let home = tempfile::tempdir().expect("temp dir");
    // The same introduction, unwrapped, as piped output prints it.
    let piped = common::rehearse(&["--no-journal", "play", "dishes-again", "--seed", "3"], b"");
    let piped = common::text(&piped.stdout);
    let setting = piped
        .lines()
        .max_by_key(|l| l.chars().count())
        .unwrap_or_default()
        .to_string();
    assert!(
        setting.chars().count() > 100,
        "the setting is one long line when piped: {piped}"
    );

    let mut p = start(
        home.path(),
        &["--no-journal", "play", "dishes-again", "--seed", "3"],
        Some("40"),
    );
    let shown = p.exp_string("you> ").expect("the first prompt");
    for line in shown.lines() {
        let line = line.trim_end_matches('\r');
        assert!(line.chars().count() <= 40, "{} columns: {line:?}", line.chars().count());
    }
    let words: Vec<&str> = shown.split_whitespace().collect();
    let expected: Vec<&str> = setting.split_whitespace().collect();
    assert!(contains_run(&words, &expected), "a word was broken or lost:\n{shown}");

    // Feedback wraps too, and its continuation lines hang under the text.
    p.send_line("You never do the dishes and honestly I am completely worn out by all of it.")
        .expect("reply");
    let feedback = p.exp_string("you> ").expect("the next prompt");
    for line in feedback.lines().skip(1) {
        let line = line.trim_end_matches('\r');
        assert!(line.chars().count() <= 40, "{} columns: {line:?}", line.chars().count());
    }
    p.send_line("/quit").expect("quit");
    p.exp_eof().expect("ends");
}

#[test]
fn ctrl_d_mid_conversation_says_how_to_resume() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut p = start(home.path(), &["play", "dishes-again"], None);
    p.exp_string("you> ").expect("the first prompt");
    p.send_line("I feel tired when I come home to a full sink.")
        .expect("reply");
    p.exp_string("you> ").expect("the next prompt");
    p.send_control('d').expect("Ctrl-D");
    let said = p.exp_eof().expect("leaves");
    let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(said.contains("`rehearse resume 2"), "{said}");
}

#[test]
fn ctrl_d_before_any_reply_offers_nothing_to_resume() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut p = start(home.path(), &["play", "dishes-again"], None);
    p.exp_string("you> ").expect("the first prompt");
    p.send_control('d').expect("Ctrl-D");
    let said = p.exp_eof().expect("leaves");
    assert!(!said.contains("resume"), "{said}");
}
