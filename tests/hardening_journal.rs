//! Issue 13, the journal's part: a damaged line costs that line only, a `null`
//! number does not lose a session, two rehearse processes never append to one
//! journal, a score that JSON rounds is not a "changed scenario", symbolic links
//! are never followed out of the data folder, `forget` deletes exactly what
//! rehearse made, files are private whatever the umask, and `train` neither leaves
//! a `.partial` file nor reads without end. Runs on the fixture scenario and
//! scripts (tests/fixtures/journal).

mod common;

use common::journal_fixture as fixture;
use common::only_journal;
use rehearse::journal::{self, JournalWriter, Record};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const SEED: &str = "7";
/// Replies that keep Robin listening (no verdict, no whole I-statement): with
/// seed 7 the conversation goes on until the `stuck` ending at turn 8.
const NEUTRAL: [&str; 8] = [
    "Okay, so about the kitchen.",
    "Could we try it this week?",
    "The pans were there on Monday.",
    "Could we talk about the bins too?",
    "The counter was sticky again.",
    "Could we write it down?",
    "And the fridge shelf.",
    "Could we start tomorrow?",
];

fn content_args() -> Vec<String> {
    vec![
        "--scenarios".into(),
        fixture("scenarios").display().to_string(),
        "--scripts".into(),
        fixture("scripts").display().to_string(),
    ]
}

fn with_content(first: &[&str], scripts: Option<&Path>) -> Vec<String> {
    let mut args: Vec<String> = first.iter().map(|s| s.to_string()).collect();
    args.extend(content_args());
    if let Some(scripts) = scripts {
        let at = args.iter().position(|a| a == "--scripts").expect("--scripts") + 1;
        args[at] = scripts.display().to_string();
    }
    args
}

fn play_args() -> Vec<String> {
    with_content(&["play", "kitchen-talk", "--seed", SEED], None)
}

fn command(home: &Path, args: &[String]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rehearse"));
    command.args(args).env("REHEARSE_HOME", home).env("NO_COLOR", "1");
    command
}

fn run(home: &Path, args: &[String], stdin: &str) -> Output {
    run_command(command(home, args), stdin)
}

fn run_command(mut command: Command, stdin: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rehearse runs");
    if let Some(mut input) = child.stdin.take() {
        if let Err(e) = input.write_all(stdin.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "stdin written: {e}");
        }
    }
    child.wait_with_output().expect("rehearse finishes")
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn lines(replies: &[&str]) -> String {
    replies.iter().map(|r| format!("{r}\n")).collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn numbers(record: &Record) -> Vec<usize> {
    record.turns().map(|t| t.number).collect()
}

/// The `replies` count `history --json` gives for the only session in `home`.
fn history_replies(home: &Path) -> u64 {
    let output = run(home, &args(&["history", "--json"]), "");
    assert!(output.status.success(), "{}", stderr(&output));
    let all: serde_json::Value = serde_json::from_slice(&output.stdout).expect("history --json");
    all[0]["replies"].as_u64().expect("replies")
}

/// Replaces line `index` (0-based) of the journal at `path`.
fn edit_line(path: &Path, index: usize, edit: impl FnOnce(&str) -> String) {
    let text = std::fs::read_to_string(path).expect("journal");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[index] = edit(&lines[index]);
    std::fs::write(path, lines.join("\n") + "\n").expect("journal edited");
}

/// Lines of the journal that are not turns ("start", "resume", …) do not count.
fn turn_lines(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .expect("journal")
        .lines()
        .filter(|l| l.starts_with("{\"event\":\"turn\""))
        .count()
}

fn wait_until(what: &str, child: &mut Child, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("rehearse exited early ({status}) waiting for {what}");
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Item 4: a damaged turn line in the middle used to make every later turn
/// "out of order"; now it costs that turn only, and `resume` carries on.
#[test]
fn one_damaged_turn_line_costs_that_turn_only() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = run(home.path(), &play_args(), &lines(&NEUTRAL[..5]));
    assert!(output.status.success(), "{}", stderr(&output));
    let path = only_journal(home.path());
    // Line 0 is the header; line 2 is turn 2.
    edit_line(&path, 2, |_| "{\"event\":\"turn\",\"turn\":{\"numb".to_string());

    let record = journal::load(&path).expect("loads");
    assert_eq!(numbers(&record), [1, 3, 4, 5], "{:?}", record.warnings);
    assert_eq!(record.missing, [2]);
    assert!(
        record.warnings.iter().any(|w| w.contains("turn 2 is missing")),
        "{:?}",
        record.warnings
    );
    assert!(
        !record.warnings.iter().any(|w| w.contains("out of order")),
        "{:?}",
        record.warnings
    );
    assert_eq!(history_replies(home.path()), 4);

    // Resume rebuilds from the replies that remain, says so, and carries on.
    let output = run(home.path(), &with_content(&["resume"], None), &lines(&NEUTRAL[5..6]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("4 replies so far"), "{}", stdout(&output));
    let warning = stderr(&output);
    assert!(
        warning.contains("turn 2 could not be read from the journal"),
        "{warning}"
    );
    assert!(
        !warning.contains("scorer scripts changed"),
        "not a changed scenario: {warning}"
    );

    // The new turn follows on from the journal's numbers, so nothing is out of order.
    let record = journal::load(&path).expect("loads");
    assert_eq!(numbers(&record), [1, 3, 4, 5, 6], "{:?}", record.warnings);
    assert_eq!(record.entries[4].turn.reply, NEUTRAL[5]);

    // And it can be resumed again, to the end, consistently. The rebuilt
    // conversation has one reply fewer than the journal's numbers say, so the
    // `stuck` ending (at its 8th reply) comes on journal turn 9.
    let more = [NEUTRAL[6], NEUTRAL[7], "One more thing."];
    let output = run(home.path(), &with_content(&["resume"], None), &lines(&more));
    assert!(output.status.success(), "{}", stderr(&output));
    let record = journal::load(&path).expect("loads");
    assert_eq!(numbers(&record), [1, 3, 4, 5, 6, 7, 8, 9], "{:?}", record.warnings);
    assert!(record.is_finished(), "{:?}", record.warnings);
    assert_eq!(
        record.warnings.len(),
        2,
        "the damaged line and the gap: {:?}",
        record.warnings
    );
    assert_eq!(turn_lines(&path), 9, "every reply typed is in the file");
}

/// Item 4: a lost `/undo` line shows as the same turn number twice; the earlier
/// one counts as taken back instead of the later ones being dropped.
#[test]
fn a_lost_undo_line_takes_back_the_earlier_turn() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = run(home.path(), &play_args(), &lines(&NEUTRAL[..3]));
    assert!(output.status.success(), "{}", stderr(&output));
    let path = only_journal(home.path());
    let text = std::fs::read_to_string(&path).expect("journal");
    let all: Vec<&str> = text.lines().collect();
    // header, 1, 2, 3, then turn 3 typed again (its undo line lost).
    let retyped = all[3].replace(NEUTRAL[2], "Could we share it, then?");
    let damaged = format!("{}\n{retyped}\n", text.trim_end());
    let record = journal::reader::parse(damaged.as_bytes(), &path).expect("parses");
    assert_eq!(numbers(&record), [1, 2, 3]);
    assert_eq!(record.entries[2].turn.reply, "Could we share it, then?");
    assert_eq!(record.taken_back.len(), 1);
    assert!(record.missing.is_empty());
    assert!(
        record.warnings[0].contains("turn 3 comes again"),
        "{:?}",
        record.warnings
    );
}

/// Item 3: a dial, a dial change or a score written as `null` (NaN) used to make
/// the whole session look empty; the turn is read without that value.
#[test]
fn a_null_number_in_a_turn_loses_nothing_else() {
    let home = tempfile::tempdir().expect("temp dir");
    let replies = [
        "You never clean up & you're so lazy.",
        "The pans were there on Monday.",
        "Could we try it this week?",
    ];
    let output = run(home.path(), &play_args(), &lines(&replies));
    assert!(output.status.success(), "{}", stderr(&output));
    let path = only_journal(home.path());
    edit_line(&path, 1, |line| {
        let nulled = line.replace("\"state\":{\"tension\":6.0}", "\"state\":{\"tension\":null}");
        let nulled = nulled.replace("\"to\":6.0}", "\"to\":null}");
        assert_ne!(nulled, line, "the fixture turn 1 raises the tension to 6");
        nulled
    });
    edit_line(&path, 2, |line| {
        let nulled = line.replace("\"blame\":0.0", "\"blame\":null");
        assert_ne!(nulled, line);
        nulled
    });

    let record = journal::load(&path).expect("loads");
    assert_eq!(numbers(&record), [1, 2, 3], "{:?}", record.warnings);
    assert_eq!(record.repaired, [1, 2]);
    assert!(!record.entries[0].turn.state.contains_key("tension"));
    assert!(record.entries[0].turn.changes.is_empty());
    assert!(!record.entries[1].turn.report.scores.contains_key("blame"));
    assert!(
        record.warnings[0].contains("turn 1 has no number for the dial `tension`, the change of `tension`"),
        "{:?}",
        record.warnings
    );
    assert_eq!(history_replies(home.path()), 3);

    let output = run(home.path(), &with_content(&["resume"], None), &lines(&NEUTRAL[3..4]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("3 replies so far"), "{}", stdout(&output));
    assert!(!stderr(&output).contains("changed since"), "{}", stderr(&output));
    let record = journal::load(&path).expect("loads");
    assert_eq!(numbers(&record), [1, 2, 3, 4]);
}

/// Item 8: a score like 0.44999999999999996 comes back from JSON one unit in the
/// last place off; that is not a change to the scenario or the scripts.
#[test]
fn a_score_json_rounds_is_not_a_changed_scenario() {
    let scripts = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("scripts/blame.rhai"), scripts.path().join("blame.rhai")).expect("blame.rhai");
    let i_statement = std::fs::read_to_string(fixture("scripts/i_statement.rhai")).expect("i_statement.rhai");
    let edited = i_statement.replacen("s += 0.4;", "s += 0.44999999999999996;", 1);
    assert_ne!(edited, i_statement);
    std::fs::write(scripts.path().join("i_statement.rhai"), edited).expect("edited copy");

    let home = tempfile::tempdir().expect("temp dir");
    let play = with_content(&["play", "kitchen-talk", "--seed", SEED], Some(scripts.path()));
    let replies = ["I feel sad about the kitchen.", "The pans were there on Monday."];
    let output = run(home.path(), &play, &lines(&replies));
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(only_journal(home.path())).expect("journal");
    assert!(
        text.contains("\"i_statement\":0.44999999999999996"),
        "the test needs this score in the journal: {text}"
    );

    let resume = with_content(&["resume"], Some(scripts.path()));
    let output = run(home.path(), &resume, &lines(&NEUTRAL[2..3]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "nothing changed, nothing to warn about");
}

/// Item 5: `play` and `resume`, or two `resume`s, of one session at once used to
/// interleave their lines; the second is now refused, clearly, and so is `forget`.
#[test]
fn a_session_open_in_one_rehearse_is_refused_by_another() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut play = command(home.path(), &play_args())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rehearse runs");
    let mut input = play.stdin.take().expect("stdin");
    writeln!(input, "{}", NEUTRAL[0]).expect("reply written");
    input.flush().expect("flushed");
    let journal_of = |home: &Path| {
        std::fs::read_dir(home.join("sessions"))
            .ok()
            .and_then(|mut d| d.next())
            .map(|e| e.expect("entry").path())
    };
    wait_until("the first turn", &mut play, || {
        journal_of(home.path()).is_some_and(|p| turn_lines(&p) == 1)
    });
    let path = only_journal(home.path());

    let output = run(home.path(), &with_content(&["resume"], None), &lines(&NEUTRAL[1..3]));
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is open in another rehearse right now"),
        "{}",
        stderr(&output)
    );
    let output = run(home.path(), &args(&["forget", "latest", "--yes"]), "");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is open in another rehearse right now"),
        "{}",
        stderr(&output)
    );
    assert!(path.exists());

    writeln!(input, "{}", NEUTRAL[1]).expect("reply written");
    drop(input);
    assert!(play.wait().expect("play ends").success());

    // Two resumes: the first holds the session, the second is refused.
    let mut first = command(home.path(), &with_content(&["resume"], None))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rehearse runs");
    let mut input = first.stdin.take().expect("stdin");
    writeln!(input, "{}", NEUTRAL[2]).expect("reply written");
    input.flush().expect("flushed");
    wait_until("the resumed turn", &mut first, || turn_lines(&path) == 3);
    let output = run(home.path(), &with_content(&["resume"], None), &lines(&NEUTRAL[3..4]));
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is open in another rehearse right now"),
        "{}",
        stderr(&output)
    );
    drop(input);
    assert!(first.wait().expect("resume ends").success());

    let record = journal::load(&path).expect("loads");
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);
    assert_eq!(numbers(&record), [1, 2, 3]);
    assert_eq!(record.resumes, 1, "the refused resume wrote nothing");

    // Closed again: a third resume goes ahead.
    let output = run(home.path(), &with_content(&["resume"], None), &lines(&NEUTRAL[3..4]));
    assert!(output.status.success(), "{}", stderr(&output));
}

/// Item 9: a journal that is a symbolic link is neither read, appended to nor
/// chmodded; `forget --all` removes the link, never what it points to.
#[cfg(unix)]
#[test]
fn a_journal_that_is_a_symbolic_link_is_never_followed() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().expect("temp dir");
    let output = run(home.path(), &play_args(), &lines(&NEUTRAL[..2]));
    assert!(output.status.success(), "{}", stderr(&output));
    let link = only_journal(home.path());
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let target = elsewhere.path().join("someone-elses.jsonl");
    std::fs::rename(&link, &target).expect("moved out");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let before = std::fs::read(&target).expect("target");
    let id = link.file_stem().and_then(|s| s.to_str()).expect("id").to_string();

    for resume in [with_content(&["resume"], None), with_content(&["resume", &id], None)] {
        let output = run(home.path(), &resume, &lines(&NEUTRAL[2..4]));
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains("is a symbolic link"), "{}", stderr(&output));
    }
    let output = run(home.path(), &args(&["history"]), "");
    assert!(stderr(&output).contains("is a symbolic link"), "{}", stderr(&output));
    assert!(journal::load(&link).is_err(), "not read through the link");
    let error = JournalWriter::append_to(&link, &id, journal::Clock::System).expect_err("refused");
    assert!(error.to_string().contains("is a symbolic link"), "{error}");

    assert_eq!(
        std::fs::read(&target).expect("target"),
        before,
        "nothing appended through the link"
    );
    let mode = std::fs::metadata(&target).expect("target").permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "not chmodded through the link");

    let output = run(home.path(), &args(&["forget", "--all", "--yes"]), "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("symbolic links"), "{}", stdout(&output));
    assert!(std::fs::symlink_metadata(&link).is_err(), "the link is gone");
    assert_eq!(std::fs::read(&target).expect("target kept"), before);
}

/// Item 10: `forget` deletes the files rehearse made — journals and exports by
/// their names, and an interrupted export's temporary file — and nothing else.
#[test]
fn forget_deletes_exactly_what_rehearse_made() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = run(home.path(), &play_args(), &lines(&NEUTRAL[..2]));
    assert!(output.status.success(), "{}", stderr(&output));
    let journal = only_journal(home.path());
    let id = journal.file_stem().and_then(|s| s.to_str()).expect("id").to_string();
    for format in ["md", "json"] {
        let output = run(home.path(), &args(&["export", "latest", "--format", format]), "");
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let exports = home.path().join("exports");
    let sessions = home.path().join("sessions");
    let temporary = exports.join(format!(".{id}.html.4242.0.tmp"));
    let users: Vec<PathBuf> = vec![
        exports.join("notes.txt"),
        exports.join("my summary.md"),
        exports.join(format!("{id}.notes.txt")),
        sessions.join("README.txt"),
        sessions.join("backup.jsonl"),
    ];
    std::fs::write(&temporary, "half an export").expect("temporary");
    for file in &users {
        std::fs::write(file, "mine").expect("user file");
    }

    let output = run(home.path(), &args(&["forget", &id, "--yes"]), "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!journal.exists());
    assert!(!exports.join(format!("{id}.md")).exists());
    assert!(!exports.join(format!("{id}.json")).exists());
    assert!(!temporary.exists(), "the interrupted export's temporary file goes too");
    for file in &users {
        assert!(file.exists(), "{} is not rehearse's", file.display());
    }

    let output = run(home.path(), &play_args(), &lines(&NEUTRAL[..1]));
    assert!(output.status.success(), "{}", stderr(&output));
    let output = run(home.path(), &args(&["export", "latest"]), "");
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::write(home.path().join("history.txt"), "#V2\nsomething\n").expect("history");
    std::fs::write(home.path().join(".history.txt.4242.3.tmp"), "#V2\n").expect("history temp");
    std::fs::write(home.path().join("my-notes.txt"), "mine").expect("user file");

    let output = run(home.path(), &args(&["forget", "--all", "--yes"]), "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Kept 5 file(s) that rehearse did not make"),
        "{}",
        stdout(&output)
    );
    let left = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(left(&sessions), ["README.txt", "backup.jsonl"]);
    assert_eq!(
        left(&exports),
        [
            format!("{id}.notes.txt"),
            "my summary.md".to_string(),
            "notes.txt".to_string()
        ]
    );
    assert_eq!(left(home.path()), ["exports", "my-notes.txt", "sessions"]);
}

/// `sh -c 'umask 000; exec rehearse …'`.
#[cfg(unix)]
fn under_umask_000(home: &Path, args: &[String]) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_rehearse"))
        .args(args)
        .env("REHEARSE_HOME", home)
        .env("NO_COLOR", "1");
    command
}

/// A small corpus `train blame` can learn from.
fn corpus(dir: &Path) -> PathBuf {
    let path = dir.join("corpus.jsonl");
    std::fs::write(
        &path,
        "{\"text\": \"You never listen.\", \"blame\": true}\n{\"text\": \"I feel tired tonight.\", \"blame\": false}\n",
    )
    .expect("corpus");
    path
}

/// Item 11: under umask 000 the folders rehearse creates (the data folder's
/// missing parents too) are 0700 and its files 0600, `train`'s output included.
#[cfg(unix)]
#[test]
fn files_and_folders_are_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    let root = tempfile::tempdir().expect("temp dir");
    let home = root.path().join("new").join("rehearse");

    let output = run_command(under_umask_000(&home, &play_args()), &lines(&NEUTRAL[..1]));
    assert!(output.status.success(), "{}", stderr(&output));
    let output = run_command(under_umask_000(&home, &args(&["export", "latest"])), "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(mode(&root.path().join("new")), 0o700, "a parent rehearse created");
    assert_eq!(mode(&home), 0o700);
    assert_eq!(mode(&home.join("sessions")), 0o700);
    assert_eq!(mode(&home.join("exports")), 0o700);
    let journal = only_journal(&home);
    assert_eq!(mode(&journal), 0o600);
    let id = journal.file_stem().and_then(|s| s.to_str()).expect("id");
    assert_eq!(mode(&home.join("exports").join(format!("{id}.md"))), 0o600);

    let model = root.path().join("model.tsv");
    let corpus = corpus(root.path());
    let train = args(&[
        "train",
        "blame",
        &corpus.display().to_string(),
        "-o",
        &model.display().to_string(),
    ]);
    let output = run_command(under_umask_000(&home, &train), "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(mode(&model), 0o600);
}

/// Item 11: `train -o FOLDER` says it needs a file path and leaves no `FOLDER.partial`.
#[test]
fn train_into_a_folder_says_so_and_leaves_nothing() {
    let root = tempfile::tempdir().expect("temp dir");
    let folder = root.path().join("models");
    std::fs::create_dir(&folder).expect("folder");
    let corpus = corpus(root.path());
    let train = args(&[
        "train",
        "blame",
        &corpus.display().to_string(),
        "-o",
        &folder.display().to_string(),
    ]);
    let output = run(root.path(), &train, "");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("it is a folder"), "{}", stderr(&output));
    let mut names: Vec<String> = std::fs::read_dir(root.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["corpus.jsonl", "models"], "no .partial or temporary file left");
}

/// Item 11: `train` given an endless file (`/dev/zero`) or a giant line stops at
/// a limit with a message instead of reading until memory runs out.
#[test]
fn train_stops_at_a_size_limit() {
    let root = tempfile::tempdir().expect("temp dir");
    let long = root.path().join("long.jsonl");
    std::fs::write(
        &long,
        format!("{{\"text\": \"{}\", \"blame\": true}}\n", "a".repeat(100_000)),
    )
    .expect("long");
    let output = run(root.path(), &args(&["train", "blame", &long.display().to_string()]), "");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("long.jsonl:1: this line is"),
        "{}",
        stderr(&output)
    );

    if Path::new("/dev/zero").exists() {
        let mut child = command(root.path(), &args(&["train", "blame", "/dev/zero"]))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("rehearse runs");
        let deadline = Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("train kept reading /dev/zero");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut message = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut message).expect("stderr");
        assert_eq!(status.code(), Some(2), "{message}");
        assert!(message.contains("/dev/zero is larger than 64 MiB"), "{message}");
    }
}
