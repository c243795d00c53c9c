//! Live editing (issue 11, item 4): `check --watch` and `test --watch` run again
//! when a file is saved, and `/reload` in the REPL reads the scenario and the
//! scorers again, replays the replies and says what the edit changed.

mod common;

use common::{fixture, rehearse_command};
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// Generous: a debug build on a busy machine is slow to start and to score.
const TIMEOUT: Duration = Duration::from_secs(60);

fn mini() -> String {
    std::fs::read_to_string(fixture("scenarios/mini.yaml")).expect("mini.yaml")
}

/// A watching rehearse whose output lines arrive on a channel.
struct Watching {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watching {
    fn start(home: &std::path::Path, args: &[&str]) -> Watching {
        let mut child = rehearse_command(home, args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("rehearse runs");
        let stdout = child.stdout.take().expect("stdout");
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Watching {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Reads lines until one contains `text`; the lines read on the way are kept.
    fn wait_for(&mut self, text: &str) -> Vec<String> {
        let deadline = Instant::now() + TIMEOUT;
        let mut read = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let found = line.contains(text);
                    read.push(line.clone());
                    self.seen.push(line);
                    if found {
                        return read;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line with `{text}` came; the output was:\n{}", self.seen.join("\n"));
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A copy of mini.yaml in a folder of its own, and a data folder.
struct Library {
    home: tempfile::TempDir,
    folder: tempfile::TempDir,
}

impl Library {
    fn new() -> Library {
        let library = Library {
            home: tempfile::tempdir().expect("temp dir"),
            folder: tempfile::tempdir().expect("temp dir"),
        };
        std::fs::write(library.file(), mini()).unwrap();
        library
    }

    fn file(&self) -> std::path::PathBuf {
        self.folder.path().join("mini.yaml")
    }

    /// `rehearse --scripts <fixture scripts> COMMAND --watch PATH`, watching.
    fn watch(&self, command: &str, path: &std::path::Path) -> Watching {
        let scripts = fixture("scripts");
        let args = [
            "--scripts",
            scripts.to_str().unwrap(),
            command,
            "--watch",
            path.to_str().unwrap(),
        ];
        Watching::start(self.home.path(), &args)
    }
}

#[test]
fn check_watch_checks_again_when_a_file_is_saved() {
    let library = Library::new();
    let file = library.file();
    let mut watching = library.watch("check", library.folder.path());
    let first = watching.wait_for("(Watching for saves; Ctrl-C stops.)");
    assert!(first[0].contains("· first run ──"), "{first:?}");
    assert!(first.iter().any(|l| l.contains("checked: no errors")), "{first:?}");

    std::fs::write(&file, mini().replace("goto: listening", "goto: listenin")).unwrap();
    let second = watching.wait_for("(Watching for saves; Ctrl-C stops.)");
    assert!(
        second[0].ends_with("mini.yaml saved ──"),
        "the header names the file: {second:?}"
    );
    assert!(
        second
            .iter()
            .any(|l| l.contains("error: `goto: listenin` names no beat")),
        "the second run sees the mistake: {second:?}"
    );
}

#[test]
fn test_watch_runs_the_tests_again_when_a_file_is_saved() {
    let library = Library::new();
    let file = library.file();
    let mut watching = library.watch("test", &file);
    let first = watching.wait_for("(Watching for saves; Ctrl-C stops.)");
    assert!(
        first.iter().any(|l| l.contains("7 tests: 7 passed, 0 failed")),
        "{first:?}"
    );

    // A test now expecting another ending fails on the next run.
    std::fs::write(&file, mini().replace("    ends: blowup\n", "    ends: stuck\n")).unwrap();
    let second = watching.wait_for("(Watching for saves; Ctrl-C stops.)");
    assert!(
        second.iter().any(|l| l.contains("7 tests: 6 passed, 1 failed")),
        "{second:?}"
    );
}

#[cfg(unix)]
mod reload {
    use super::*;
    use rexpect::reader::Options;
    use rexpect::session::{spawn_with_options, PtySession};

    fn start(home: &std::path::Path, args: &[&str]) -> PtySession {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_rehearse"));
        command
            .args(args)
            .env("REHEARSE_HOME", home)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("COLUMNS", "400");
        spawn_with_options(
            command,
            Options::new()
                .timeout_ms(Some(TIMEOUT.as_millis() as u64))
                .strip_ansi_escape_codes(true),
        )
        .expect("rehearse starts on a pseudo-terminal")
    }

    #[test]
    fn reload_replays_the_replies_on_the_edited_scenario_and_says_what_changed() {
        let library = Library::new();
        let (home, file) = (library.home.path(), library.file());
        let scripts = fixture("scripts");
        let folder = library.folder.path();
        let args = [
            "--scripts",
            scripts.to_str().unwrap(),
            "--scenarios",
            folder.to_str().unwrap(),
            "play",
            "mini",
        ];
        let mut p = start(home, &args);
        p.exp_string("you> ").unwrap();
        // Two neutral replies: the opening's fallback keeps Alex at `opening`.
        p.send_line("Hello there.").unwrap();
        p.exp_string("you> ").unwrap();
        p.send_line("Hello again.").unwrap();
        p.exp_string("you> ").unwrap();

        // Nothing edited yet: nothing changes.
        p.send_line("/reload").unwrap();
        p.exp_string("your 2 replies played again").unwrap();
        p.exp_string("Nothing changed for the replies so far.").unwrap();
        p.exp_string("you> ").unwrap();

        // The fallback now ends the conversation: reply 1 branches differently
        // and reply 2 is taken back.
        let edited = mini().replacen("      - goto: opening\n", "      - goto: ok_end\n", 1);
        std::fs::write(&file, edited).unwrap();
        p.send_line("/reload").unwrap();
        // (rexpect reads the arrows byte by byte, so only plain text is matched.)
        p.exp_string("1 of your 2 replies played again").unwrap();
        p.exp_string("reply 1 at `opening` now takes rule 4 (otherwise)")
            .unwrap();
        p.exp_string("`ok_end` (before: rule 4 (otherwise)").unwrap();
        p.exp_string("so reply 2 is taken back").unwrap();
        p.exp_string("Deal.").unwrap();
        p.exp_string("next> ").unwrap();

        // A mistake in the file: shown, and the loaded version goes on.
        std::fs::write(&file, mini().replace("goto: listening", "goto: listenin")).unwrap();
        p.send_line("/reload").unwrap();
        p.exp_string("`goto: listenin` names no beat").unwrap();
        p.exp_string("Still playing the version loaded before").unwrap();
        p.exp_string("next> ").unwrap();
        p.send_line("/help").unwrap();
        p.exp_string("/reload").unwrap();
        p.send_line("/quit").unwrap();
        p.exp_eof().unwrap();

        // The journal keeps the reply taken back, marked as such.
        let journal = std::fs::read_to_string(common::only_journal(home)).unwrap();
        assert!(journal.contains("Hello again."), "{journal}");
        assert!(journal.contains(r#""event":"undo""#), "{journal}");
    }
}
