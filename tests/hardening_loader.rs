//! Scenario folders shared between strangers must not be able to crash, hang or
//! exhaust whoever opens them (issue 13, items 1, 2, 9 and 11): every case here
//! once aborted, hung or ran for minutes. Each is now refused with a located
//! message, and the other scenarios of the folder still load.

mod common;

use common::{rehearse_command, text};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `rehearse check DIR`, killed after `limit` so a regression fails instead of hanging.
fn check_within(dir: &Path, limit: Duration) -> Output {
    let home = tempfile::tempdir().expect("temp dir");
    let mut child = rehearse_command(home.path(), &["check", &dir.display().to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rehearse runs");
    let start = Instant::now();
    loop {
        match child.try_wait().expect("wait") {
            Some(_) => return child.wait_with_output().expect("output"),
            None if start.elapsed() > limit => {
                let _ = child.kill();
                let out = child.wait_with_output().expect("output");
                panic!("`rehearse check` still running after {limit:?}: {}", text(&out.stdout));
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

const GOOD: &str = common::DISHES_AGAIN;

/// A folder with the bundled dishes scenario and one hostile file.
fn folder_with(name: &str, contents: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    common::write_dishes_again(dir.path());
    std::fs::write(dir.path().join(name), contents).expect("write");
    dir
}

/// The check reports `file` with `message`, and says the good file loaded.
fn assert_refused(out: &Output, file: &str, message: &str) {
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code; stdout: {stdout}\nstderr: {}",
        text(&out.stderr)
    );
    let line = stdout
        .lines()
        .find(|l| l.contains(file))
        .unwrap_or_else(|| panic!("{file} not named in: {stdout}"));
    assert!(line.contains(message), "expected `{message}` in: {line}");
    assert!(stdout.contains("1 problem in 1 of 2 files."), "{stdout}");
}

#[test]
fn forty_thousand_nested_list_items_on_one_line_do_not_overflow_the_stack() {
    // As reported: `extra:` and then one line of 40,000 `- `, in any file of the folder.
    let hostile = format!("{GOOD}extra:\n{}x\n", "- ".repeat(40_000));
    let dir = folder_with("deep.yaml", &hostile.replace("id: dishes-again", "id: deep"));
    let out = check_within(dir.path(), Duration::from_secs(20));
    assert_refused(&out, "deep.yaml:", "nests lists and mappings more than 64 levels deep");
}

#[test]
fn a_deeply_indented_mapping_is_refused_by_its_depth() {
    let mut hostile = String::from("id: deepmap\n");
    for i in 0..2_000 {
        hostile.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
    }
    hostile.push_str(&format!("{}v: 1\n", " ".repeat(2_000)));
    let dir = folder_with("deepmap.yaml", &hostile);
    let out = check_within(dir.path(), Duration::from_secs(20));
    assert_refused(
        &out,
        "deepmap.yaml:66:",
        "nests lists and mappings more than 64 levels deep",
    );
}

#[test]
fn a_hundred_thousand_open_brackets_are_refused_at_once() {
    let hostile = format!("id: flow\nx: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let dir = folder_with("flow.yaml", &hostile);
    let out = check_within(dir.path(), Duration::from_secs(20));
    assert_refused(&out, "flow.yaml:2:", "nest more than 64 deep");
}

#[test]
fn an_alias_bomb_is_refused_before_it_expands() {
    // 256 KB anchored, referenced 1,000 times: 256 MB once expanded.
    let anchored = "x".repeat(256 * 1024);
    let refs = vec!["*big"; 1_000].join(", ");
    let hostile = GOOD.replace("id: dishes-again", "id: bomb").replace(
        "content_notes: [",
        &format!("padding: &big \"{anchored}\"\ncontent_notes: [{refs}]\nold_notes: ["),
    );
    let dir = folder_with("bomb.yaml", &hostile);
    let out = check_within(dir.path(), Duration::from_secs(20));
    assert_refused(&out, "bomb.yaml:", "repeat their anchored values to more than 1024 KB");
}

#[test]
fn a_scenario_with_thousands_of_dials_is_refused_by_count() {
    let dials: String = (0..5_000).map(|i| format!("  d{i}: 1\n")).collect();
    let hostile = GOOD
        .replace("id: dishes-again", "id: dials")
        .replace("state:\n", &format!("state:\n{dials}"));
    let dir = folder_with("dials.yaml", &hostile);
    let out = check_within(dir.path(), Duration::from_secs(20));
    assert_refused(&out, "dials.yaml:", "dials; at most 32 are allowed");
}

#[cfg(unix)]
#[test]
fn links_and_pipes_in_a_scenario_folder_are_named_and_never_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let family = dir.path().join("conflict");
    std::fs::create_dir(&family).expect("folder");
    common::write_dishes_again(&family);
    // Two link loops, a dangling link and a named pipe.
    std::os::unix::fs::symlink(".", family.join("loop")).expect("link");
    std::os::unix::fs::symlink("..", family.join("up.yaml")).expect("link");
    std::os::unix::fs::symlink("nowhere.yaml", family.join("dangling.yaml")).expect("link");
    let fifo = family.join("pipe.yaml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    let out = check_within(dir.path(), Duration::from_secs(20));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("dangling.yaml: error: this is a link to a file that does not exist"),
        "{stdout}"
    );
    if made {
        assert!(
            stdout.contains("pipe.yaml: error: this is not a regular file"),
            "{stdout}"
        );
    }
    assert!(
        !stdout.contains("appears twice") && !stdout.contains("already used"),
        "{stdout}"
    );
    // The good scenario is checked once, not once per path through the loops.
    assert_eq!(stdout.matches("dishes-again").count(), 0, "{stdout}");
}
