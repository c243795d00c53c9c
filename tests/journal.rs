//! Journals that lose nothing: a session killed with SIGKILL resumes to exactly
//! the conversation an uninterrupted run has; a journal cut off mid-line still
//! loads; files are private; `--no-journal` keeps nothing; `resume` and `forget`
//! behave as they say. Everything runs on the fixture scenario and scripts
//! (tests/fixtures/journal), so changes to the bundled content never break it.

mod common;

use common::journal_fixture as fixture;
use rehearse::journal::{self, Record};
use rehearse::session::Turn;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const SEED: &str = "7";
/// With seed 7 these reach the `plan` ending on the fourth reply.
const REPLIES: [&str; 4] = [
    "You never clean up & you're so lazy.",
    "I feel tired when the sink is full, and I'd like a rota.",
    "Could we try it this week?",
    "I feel worried about the mess, could we share it?",
];

/// `--scenarios` and `--scripts` for the fixture content.
fn content_args() -> Vec<String> {
    vec![
        "--scenarios".into(),
        fixture("scenarios").display().to_string(),
        "--scripts".into(),
        fixture("scripts").display().to_string(),
    ]
}

fn command(home: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rehearse"));
    command.args(args).env("REHEARSE_HOME", home).env("NO_COLOR", "1");
    command
}

/// Runs rehearse with `stdin` piped in.
fn run(home: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = command(home, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rehearse runs");
    if let Some(mut input) = child.stdin.take() {
        // rehearse may finish before reading all of it (a "no" to a question ends
        // the command): a closed pipe is not a failure, the output is what is judged.
        if let Err(e) = input.write_all(stdin.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "stdin written: {e}");
        }
    }
    child.wait_with_output().expect("rehearse finishes")
}

fn lines(replies: &[&str]) -> String {
    replies.iter().map(|r| format!("{r}\n")).collect()
}

fn play_args() -> Vec<String> {
    let mut args: Vec<String> = vec!["play".into(), "kitchen-talk".into(), "--seed".into(), SEED.into()];
    args.extend(content_args());
    args
}

fn resume_args(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = vec!["resume".into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(content_args());
    args
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The journal files in `home`.
fn journals(home: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(home.join("sessions")) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.expect("entry").path()).collect();
    paths.sort();
    paths
}

fn only_journal(home: &Path) -> PathBuf {
    let all = journals(home);
    assert_eq!(all.len(), 1, "one journal expected: {all:?}");
    all.into_iter().next().expect("one journal")
}

/// How many complete turn lines the journal in `home` has.
fn journaled_turns(home: &Path) -> usize {
    let Some(path) = journals(home).into_iter().next() else {
        return 0;
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.split_inclusive('\n')
        .filter(|line| line.ends_with('\n') && line.starts_with("{\"event\":\"turn\""))
        .count()
}

fn wait_for_turns(home: &Path, child: &mut Child, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while journaled_turns(home) < n {
        if let Ok(Some(status)) = child.try_wait() {
            panic!(
                "rehearse exited early ({status}) with {} of {n} turns journaled",
                journaled_turns(home)
            );
        }
        assert!(Instant::now() < deadline, "the journal never reached {n} turns");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn turns(record: &Record) -> Vec<Turn> {
    record.turns().cloned().collect()
}

/// The journal of a whole, uninterrupted run of `REPLIES`.
fn uninterrupted() -> (tempfile::TempDir, Record) {
    let home = tempfile::tempdir().expect("temp dir");
    let output = run(home.path(), &strs(&play_args()), &lines(&REPLIES));
    assert!(output.status.success(), "{}", stderr(&output));
    let record = journal::load(&only_journal(home.path())).expect("journal loads");
    assert!(record.is_finished());
    (home, record)
}

#[test]
fn kill_9_mid_session_then_resume_gives_the_uninterrupted_conversation() {
    let (_whole_home, whole) = uninterrupted();

    let home = tempfile::tempdir().expect("temp dir");
    let mut child = command(home.path(), &strs(&play_args()))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rehearse runs");
    let mut stdin = child.stdin.take().expect("stdin");
    // Slowly: each reply is on disk before the next is typed.
    for (i, reply) in REPLIES[..2].iter().enumerate() {
        writeln!(stdin, "{reply}").expect("reply written");
        stdin.flush().expect("flushed");
        wait_for_turns(home.path(), &mut child, i + 1);
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    drop(stdin);

    let cut = journal::load(&only_journal(home.path())).expect("journal loads");
    assert_eq!(cut.entries.len(), 2, "nothing that was answered is lost");
    assert!(!cut.is_finished());

    let output = run(home.path(), &strs(&resume_args(&[])), &lines(&REPLIES[2..]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "a clean resume has nothing to warn about");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("(Resuming session "), "{stdout}");
    assert!(stdout.contains("— The end: plan (good) —"), "{stdout}");

    let resumed = journal::load(&only_journal(home.path())).expect("journal loads");
    assert!(resumed.warnings.is_empty(), "{:?}", resumed.warnings);
    assert_eq!(resumed.header.seed, whole.header.seed);
    assert_eq!(resumed.header.opening, whole.header.opening);
    assert_eq!(turns(&resumed), turns(&whole));
    assert_eq!(resumed.state(), whole.state());
    assert_eq!(resumed.ending(), whole.ending());
    assert_eq!(resumed.resumes, 1);
}

#[test]
fn a_journal_cut_off_mid_line_loads_with_a_warning_and_resumes() {
    let (_whole_home, whole) = uninterrupted();

    // A power cut while the third turn was being written: half a line.
    let home = tempfile::tempdir().expect("temp dir");
    let output = run(home.path(), &strs(&play_args()), &lines(&REPLIES[..3]));
    assert!(output.status.success(), "{}", stderr(&output));
    let path = only_journal(home.path());
    let text = std::fs::read_to_string(&path).expect("journal");
    let last_line_start = text.trim_end().rfind('\n').expect("several lines") + 1;
    let cut_at = last_line_start + (text.len() - last_line_start) / 2;
    std::fs::write(&path, &text.as_bytes()[..cut_at]).expect("journal cut");

    let record = journal::load(&path).expect("a cut journal still loads");
    assert_eq!(record.entries.len(), 2, "up to the last complete event");
    assert_eq!(record.warnings.len(), 1, "{:?}", record.warnings);
    assert!(
        record.warnings[0].contains(":4: the last line is cut off"),
        "{}",
        record.warnings[0]
    );

    // `history` shows it, with the warning on standard error.
    let output = run(home.path(), &["history"], "");
    assert!(output.status.success());
    assert!(
        stderr(&output).contains("the last line is cut off"),
        "{}",
        stderr(&output)
    );

    // Resuming replays the two complete turns and appends on a fresh line.
    let output = run(home.path(), &strs(&resume_args(&["latest"])), &lines(&REPLIES[2..]));
    assert!(output.status.success(), "{}", stderr(&output));
    let resumed = journal::load(&path).expect("journal loads");
    assert_eq!(turns(&resumed), turns(&whole));
    assert_eq!(
        resumed.warnings.len(),
        1,
        "the cut line stays in the file, skipped: {:?}",
        resumed.warnings
    );
}

#[test]
fn damaged_lines_in_the_middle_are_skipped_not_fatal() {
    let (home, whole) = uninterrupted();
    let path = only_journal(home.path());
    let text = std::fs::read_to_string(&path).expect("journal");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "{\"event\":\"turn\",\"at\":");
    lines.insert(3, "not json at all");
    std::fs::write(&path, lines.join("\n") + "\n").expect("journal damaged");
    let record = journal::load(&path).expect("loads");
    assert_eq!(turns(&record), turns(&whole));
    assert_eq!(record.warnings.len(), 2, "{:?}", record.warnings);

    std::fs::write(&path, "hello\n").expect("not a journal");
    let error = journal::load(&path).expect_err("no header");
    assert!(error.to_string().contains("is not a rehearse journal"), "{error}");
}

#[cfg(unix)]
#[test]
fn journals_and_their_folders_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    let (home, _record) = uninterrupted();
    assert_eq!(mode(home.path()), 0o700);
    assert_eq!(mode(&home.path().join("sessions")), 0o700);
    assert_eq!(mode(&only_journal(home.path())), 0o600);

    // Still 0600 after `resume` appends to it.
    let home = tempfile::tempdir().expect("temp dir");
    run(home.path(), &strs(&play_args()), &lines(&REPLIES[..1]));
    let output = run(home.path(), &strs(&resume_args(&[])), &lines(&REPLIES[1..]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(mode(&only_journal(home.path())), 0o600);
}

#[test]
fn no_journal_keeps_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut args = play_args();
    args.push("--no-journal".into());
    let output = run(home.path(), &strs(&args), &lines(&REPLIES));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(journals(home.path()).is_empty());
    assert_eq!(
        std::fs::read_dir(home.path()).expect("read").count(),
        0,
        "nothing written at all"
    );
}

#[test]
fn a_session_without_replies_leaves_no_journal() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = run(home.path(), &strs(&play_args()), "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(journals(home.path()).is_empty());
}

#[test]
fn resume_warns_when_the_scenario_changed_since() {
    let home = tempfile::tempdir().expect("temp dir");
    run(home.path(), &strs(&play_args()), &lines(&REPLIES[..2]));

    // The author changed how much a blaming first reply raises the tension.
    let changed = tempfile::tempdir().expect("temp dir");
    let yaml = std::fs::read_to_string(fixture("scenarios/kitchen-talk.yaml")).expect("fixture");
    let edited = yaml.replacen("set: { tension: tension + 2 }", "set: { tension: tension + 3 }", 1);
    assert_ne!(yaml, edited);
    std::fs::write(changed.path().join("kitchen-talk.yaml"), edited).expect("edited copy");

    let scenarios = changed.path().display().to_string();
    let scripts = fixture("scripts").display().to_string();
    let output = run(
        home.path(),
        &["resume", "--scenarios", &scenarios, "--scripts", &scripts],
        &lines(&REPLIES[2..]),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let warning = stderr(&output);
    assert!(
        warning.contains("the scenario or the scorer scripts changed since session")
            && warning.contains("turn 1 now moves the dials differently"),
        "{warning}"
    );
    let record = journal::load(&only_journal(home.path())).expect("journal loads");
    assert!(record.is_finished());
}

#[test]
fn resume_picks_the_latest_unfinished_session_and_refuses_finished_ones() {
    let home = common::fixture_home_copy();
    let sessions = home.path().join("sessions");

    // The latest session (2025-11-24) ended; the latest unfinished is 2025-11-23.
    let output = run(home.path(), &strs(&resume_args(&["latest"])), "");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("session 20251124-190000-kitchen-talk already ended (plan)"),
        "{}",
        stderr(&output)
    );

    let output = run(home.path(), &strs(&resume_args(&[])), &lines(&REPLIES[2..]));
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("(Resuming session 20251123-191000-kitchen-talk from 2025-11-23 19:10: 1 reply so far.)"),
        "{stdout}"
    );
    let record = journal::load(&sessions.join("20251123-191000-kitchen-talk.jsonl")).expect("loads");
    assert_eq!(record.entries.len(), 3);
    assert!(record.is_finished());

    // A prefix that fits several sessions asks for more of the id.
    let output = run(home.path(), &["export", "202511"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`202511` matches 6 sessions"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn forget_asks_first_and_then_deletes_the_journal_its_exports_and_its_history_lines() {
    let (home, record) = uninterrupted();
    let id = record.id().to_string();
    let output = run(home.path(), &["export", "latest"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    let history = home.path().join("history.txt");
    std::fs::write(&history, format!("#V2\n/hint\n{}\nsomething else\n", REPLIES[1])).expect("history");

    // No terminal and no --yes: refuse, delete nothing.
    let output = run(home.path(), &["forget", &id], "y\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("add --yes to delete without asking"),
        "{}",
        stderr(&output)
    );
    assert_eq!(journals(home.path()).len(), 1);

    let output = run(home.path(), &["forget", &id, "--yes"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(journals(home.path()).is_empty());
    assert_eq!(
        std::fs::read_dir(home.path().join("exports")).expect("exports").count(),
        0
    );
    assert_eq!(
        std::fs::read_to_string(&history).expect("history"),
        "#V2\n/hint\nsomething else\n"
    );
}

#[test]
fn forget_all_leaves_no_trace() {
    let (home, _record) = uninterrupted();
    run(home.path(), &strs(&play_args()), &lines(&REPLIES[..1]));
    run(home.path(), &["export", "latest"], "");
    std::fs::write(home.path().join("history.txt"), "#V2\nsomething\n").expect("history");
    assert_eq!(journals(home.path()).len(), 2);

    let output = run(home.path(), &["forget", "--all", "--yes"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(journals(home.path()).is_empty());
    assert_eq!(
        std::fs::read_dir(home.path().join("exports")).expect("exports").count(),
        0
    );
    assert!(!home.path().join("history.txt").exists());
}
