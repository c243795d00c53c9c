//! Shell completion (issue 11, item 8): the scripts for each shell, and the
//! hidden `complete-ids` they call for scenario and session ids.

mod common;

use common::{fixture_home_copy, rehearse, rehearse_command, snapshot_settings};
use std::process::Stdio;

fn stdout_of(args: &[&str], home: &std::path::Path) -> String {
    let out = rehearse_command(home, args)
        .stdin(Stdio::null())
        .output()
        .expect("rehearse runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{args:?} wrote to stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_script_for_each_shell_is_stable_and_asks_for_ids() {
    let home = tempfile::tempdir().expect("temp dir");
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout_of(&["completions", shell], home.path());
        assert!(script.contains("complete-ids"), "{shell}");
        assert!(script.contains("scenarios") && script.contains("sessions"), "{shell}");
        // The hidden helper is not offered to people as a command.
        assert!(
            !script.contains("'complete-ids:") && !script.contains("-a \"complete-ids\""),
            "{shell}"
        );
        snapshot_settings().bind(|| insta::assert_snapshot!(format!("completions_{shell}"), script));
    }
}

#[test]
fn zsh_completes_ids_at_every_id_argument() {
    let home = tempfile::tempdir().expect("temp dir");
    let script = stdout_of(&["completions", "zsh"], home.path());
    for function in [
        "_rehearse_scenario_ids'",
        "_rehearse_scenario_ids_or_files'",
        "_rehearse_session_ids'",
    ] {
        assert!(
            script.contains(function),
            "clap's zsh script changed shape: no {function}"
        );
    }
    assert_eq!(
        script.matches(":_rehearse_session_ids'").count(),
        3,
        "resume, export, forget"
    );
    assert_eq!(
        script.matches(":_rehearse_scenario_ids").count(),
        6,
        "play, graph, why, progress, handout, run"
    );
}

#[test]
fn complete_ids_lists_the_bundled_scenarios_quietly() {
    let home = tempfile::tempdir().expect("temp dir");
    let ids = stdout_of(&["complete-ids", "scenarios"], home.path());
    let ids: Vec<&str> = ids.lines().collect();
    for id in [
        "dishes-again",
        "cancelled-again",
        "third-loan",
        "after-the-dinner",
        "calling-dad-back",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert_eq!(ids.len(), 13, "{ids:?}");
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
}

#[test]
fn complete_ids_still_lists_a_library_with_broken_files() {
    let home = tempfile::tempdir().expect("temp dir");
    let library = tempfile::tempdir().expect("temp dir");
    std::fs::write(library.path().join("fine.yaml"), "id: fine-one\ntitle: x\n").expect("write");
    std::fs::write(library.path().join("broken.yaml"), "id: half-written\nbeats: [\n").expect("write");
    std::fs::write(library.path().join("no-id.yaml"), "title: nothing\n").expect("write");
    std::fs::write(library.path().join("windows.yml"), "\u{feff}id: saved-on-windows\n").expect("write");
    let dir = library.path().to_str().expect("UTF-8 path");
    let ids = stdout_of(&["--scenarios", dir, "complete-ids", "scenarios"], home.path());
    assert_eq!(ids, "fine-one\nhalf-written\nsaved-on-windows\n");
    // A library folder that does not exist gives no ids and no noise.
    let missing = library.path().join("nowhere");
    let ids = stdout_of(
        &[
            "--scenarios",
            missing.to_str().expect("UTF-8"),
            "complete-ids",
            "scenarios",
        ],
        home.path(),
    );
    assert_eq!(ids, "");
}

#[test]
fn complete_ids_lists_sessions_newest_first() {
    let home = fixture_home_copy();
    let ids = stdout_of(&["complete-ids", "sessions"], home.path());
    let ids: Vec<&str> = ids.lines().collect();
    assert!(ids.len() >= 2, "{ids:?}");
    assert_eq!(ids.last(), Some(&"latest"));
    let sessions = &ids[..ids.len() - 1];
    let mut newest_first = sessions.to_vec();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(sessions, newest_first.as_slice());
    // No sessions yet: nothing at all.
    let empty = rehearse(&["complete-ids", "sessions"], b"");
    assert!(empty.status.success());
    assert!(empty.stdout.is_empty() && empty.stderr.is_empty());
}
