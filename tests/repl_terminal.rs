//! The interactive REPL, driven through a real pseudo-terminal: what a person at
//! a keyboard does — pick a scenario, reply, press Ctrl-C, press Ctrl-D — and
//! what they must see. (The piped path is covered in tests/cli.rs; this is the
//! rustyline path, which only runs on a terminal.)
#![cfg(unix)]

use rexpect::process::wait::WaitStatus;
use rexpect::reader::Options;
use rexpect::session::{spawn_with_options, PtySession};
use std::process::Command;

/// Generous, because a debug build compiles every pattern on first use.
const TIMEOUT_MS: u64 = 30_000;

fn start(home: &std::path::Path, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rehearse"));
    command
        .args(args)
        .env("REHEARSE_HOME", home)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    spawn_with_options(
        command,
        Options::new()
            .timeout_ms(Some(TIMEOUT_MS))
            .strip_ansi_escape_codes(true),
    )
    .expect("rehearse starts on a pseudo-terminal")
}

/// From the menu into the dishes-again scenario, at its first prompt.
fn open_dishes_again(p: &mut PtySession) {
    p.exp_string("choose> ").unwrap();
    p.send_line("dishes-again").unwrap();
    p.exp_string("you> ").unwrap();
}

fn exited_cleanly(session: &mut PtySession) -> bool {
    matches!(session.process.wait(), Ok(WaitStatus::Exited(_, 0)))
}

#[test]
fn a_person_can_pick_reply_cancel_a_line_and_leave() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut p = start(home.path(), &[]);
    p.exp_string("Everything stays on this computer").unwrap();
    open_dishes_again(&mut p);
    p.send_line("You never do the dishes.").unwrap();
    // Feedback names the score and quotes the words that did it.
    p.exp_string("blame").unwrap();
    p.exp_string("You never").unwrap();
    p.exp_string("you> ").unwrap();

    // Ctrl-C clears the line and keeps the conversation going.
    p.send("half a thought").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("Line cleared").unwrap();
    p.exp_string("you> ").unwrap();

    // Ctrl-D leaves, politely, with success.
    p.send_control('d').unwrap();
    p.exp_string("Take care.").unwrap();
    p.exp_eof().unwrap();
    assert!(exited_cleanly(&mut p));

    // The reply was kept in the private journal before the next prompt.
    let sessions = home.path().join("sessions");
    let journals: Vec<_> = std::fs::read_dir(&sessions)
        .expect("a sessions folder")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(journals.len(), 1, "one journal in {}", sessions.display());
    let journal = std::fs::read_to_string(journals[0].path()).unwrap();
    assert!(journal.contains("You never do the dishes."), "{journal}");
    assert!(!journal.contains("half a thought"), "a cancelled line is not kept");
}

#[test]
fn no_journal_keeps_nothing_and_quit_leaves_from_the_menu() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut p = start(home.path(), &["--no-journal"]);
    open_dishes_again(&mut p);
    p.send_line("I feel worn out when the sink is full after dinner, and I'd like us to take turns.")
        .unwrap();
    p.exp_string("i_statement").unwrap();
    p.exp_string("you> ").unwrap();
    p.send_line("/menu").unwrap();
    p.exp_string("choose> ").unwrap();
    p.send_line("/quit").unwrap();
    p.exp_eof().unwrap();
    assert!(exited_cleanly(&mut p));
    let kept: Vec<_> = walk(home.path());
    assert!(kept.is_empty(), "--no-journal wrote {kept:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn a_huge_paste_is_refused_and_the_conversation_goes_on() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut p = start(home.path(), &["--no-journal"]);
    open_dishes_again(&mut p);
    p.send_line(&"so ".repeat(1500)).unwrap();
    p.exp_string("replies can be up to 2000").unwrap();
    p.exp_string("you> ").unwrap();
    p.send_line("/quit").unwrap();
    p.exp_eof().unwrap();
    assert!(exited_cleanly(&mut p));
}
