//! Workshops: `rehearse run` on a group's replies (text files, a folder, CSV
//! exports in both shapes) and `rehearse report` on the results, journals and
//! exports. The fixture group is six people playing the bundled `dishes-again`,
//! with replies in the register people really type in.

mod common;

use common::{rehearse_command, snapshot_settings, text};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::Mutex;

/// The six people of the fixture group, as their files and CSV cells name them.
const NAMES: [&str; 6] = [
    "marigold",
    "thaddeus",
    "perpetua",
    "ignatius",
    "wilhelmina",
    "bartholomew",
];

fn workshop(path: &str) -> PathBuf {
    common::fixture("workshop").join(path)
}

/// `rehearse run` loads the bundled scorers, whose first reply has a time limit:
/// the tests of this file run it one at a time, so they do not race each other
/// for two cores in a debug build.
static ONE_RUN_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The binary with `args`, standard input closed, a fresh data folder, run from
/// the source folder (so the bundled scenarios and scripts are read from it).
fn rehearse_at(home: &Path, args: &[&str]) -> Output {
    let _turn = (args.first() == Some(&"run")).then(|| ONE_RUN_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner()));
    rehearse_command(home, args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("rehearse runs")
}

fn rehearse(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("temp dir");
    rehearse_at(home.path(), args)
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "rehearse failed ({:?}):\n{}",
        output.status.code(),
        text(&output.stderr)
    );
    text(&output.stdout)
}

/// `rehearse run dishes-again --replies PATH --format json` into a file in `dir`.
fn run_json(dir: &Path, replies: &str) -> PathBuf {
    let out = ok(&rehearse(&[
        "run",
        "dishes-again",
        "--replies",
        replies,
        "--format",
        "json",
        "--jobs",
        "2",
    ]));
    let path = dir.join("results.json");
    std::fs::write(&path, out).expect("write results");
    path
}

/// The participants of a run document, without where each came from (which
/// differs between a folder and a CSV), with names in lower case.
fn participants(json: &str) -> Vec<serde_json::Value> {
    let document: serde_json::Value = serde_json::from_str(json).expect("run output is JSON");
    let mut people: Vec<serde_json::Value> = document["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .cloned()
        .map(|mut p| {
            let name = p["participant"].as_str().unwrap_or_default().to_lowercase();
            p["participant"] = name.into();
            p["from"] = serde_json::Value::Null;
            p["notes"] = serde_json::Value::Null;
            p
        })
        .collect();
    people.sort_by_key(|p| p["participant"].as_str().unwrap_or_default().to_string());
    people
}

#[test]
fn run_shows_each_person_with_ending_turns_rules_and_averages() {
    let output = rehearse(&[
        "run",
        "dishes-again",
        "--replies",
        "tests/fixtures/workshop/replies",
        "--jobs",
        "2",
    ]);
    let out = ok(&output);
    // Piped: no progress bar, and nothing else on standard error either.
    assert_eq!(text(&output.stderr), "");
    snapshot_settings().bind(|| insta::assert_snapshot!("workshop_run_text", out));
}

#[test]
fn the_order_and_the_results_do_not_depend_on_the_number_of_threads() {
    let with_jobs = |jobs: &str| {
        ok(&rehearse(&[
            "run",
            "dishes-again",
            "--replies",
            "tests/fixtures/workshop/replies",
            "--format",
            "json",
            "--jobs",
            jobs,
        ]))
    };
    let (one, four) = (with_jobs("1"), with_jobs("4"));
    assert_eq!(one, four);
    let names: Vec<String> = serde_json::from_str::<serde_json::Value>(&one).expect("JSON")["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .map(|p| p["participant"].as_str().unwrap_or_default().to_string())
        .collect();
    // A folder is read in name order.
    let mut sorted: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn a_long_csv_and_a_wide_csv_play_exactly_like_the_text_files() {
    let run = |replies: &str| {
        ok(&rehearse(&[
            "run",
            "dishes-again",
            "--replies",
            replies,
            "--format",
            "json",
        ]))
    };
    let files = participants(&run("tests/fixtures/workshop/replies"));
    assert_eq!(files.len(), 6);
    assert_eq!(participants(&run("tests/fixtures/workshop/long.csv")), files);
    assert_eq!(participants(&run("tests/fixtures/workshop/wide.csv")), files);
}

#[test]
fn people_whose_replies_run_out_are_unfinished_and_say_where() {
    let out = ok(&rehearse(&[
        "run",
        "dishes-again",
        "--replies",
        "tests/fixtures/workshop/replies/bartholomew.txt",
        "--format",
        "json",
    ]));
    let people = participants(&out);
    let bartholomew = &people[0];
    assert!(bartholomew["ending"].is_null());
    assert_eq!(bartholomew["waiting"]["beat"], "circling");
    assert_eq!(bartholomew["turns"].as_array().map(Vec::len), Some(2));
}

#[test]
fn the_markdown_report_shows_the_group() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = run_json(dir.path(), "tests/fixtures/workshop/replies");
    let report = ok(&rehearse(&["report", results.to_str().expect("path")]));
    snapshot_settings().bind(|| insta::assert_snapshot!("workshop_report_md", report));
}

/// `report --set NAME` reports under the set's title, in the set's order, and
/// refuses results that hold none of the set's scenarios.
#[test]
fn a_report_on_an_exercise_set_is_headed_by_the_set() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = run_json(dir.path(), "tests/fixtures/workshop/replies");
    let path = results.to_str().expect("path");
    let report = ok(&rehearse(&["report", path, "--set", "conflict-first-steps"]));
    assert!(
        report.starts_with("# Workshop report: Raising a complaint without a fight\n"),
        "{report}"
    );
    let plain = ok(&rehearse(&["report", path]));
    assert_eq!(
        report.lines().skip(1).collect::<Vec<_>>(),
        plain.lines().skip(1).collect::<Vec<_>>(),
        "only the heading differs for a one-scenario group"
    );
    let other = rehearse(&["report", path, "--set", "repair-first-steps"]);
    assert_eq!(other.status.code(), Some(2));
    assert!(
        text(&other.stderr)
            .contains("none of the conversations given are of a scenario in the set `repair-first-steps`"),
        "{}",
        text(&other.stderr)
    );
    let unknown = rehearse(&["report", path, "--set", "conflict-first-step"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr).contains("conflict-first-steps"),
        "{}",
        text(&unknown.stderr)
    );
}

/// Checks that `html` is well-formed XML: every element closed and nested,
/// every entity known. Returns the names of the elements, in order.
fn well_formed(html: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(html);
    let mut elements = Vec::new();
    let mut open: Vec<String> = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.name().as_ref().to_string();
                elements.push(name.clone());
                open.push(name);
            }
            Ok(Event::Empty(e)) => elements.push(e.name().as_ref().to_string()),
            Ok(Event::End(e)) => {
                let name = e.name().as_ref().to_string();
                assert_eq!(
                    open.pop().as_deref(),
                    Some(name.as_str()),
                    "closing </{name}> does not match"
                );
            }
            Ok(Event::GeneralRef(r)) => {
                let known = ["amp", "lt", "gt", "quot", "apos"].contains(&r.as_ref());
                let char_ref = r.is_char_ref() && matches!(r.resolve_char_ref(), Ok(Some(_)));
                assert!(known || char_ref, "unknown entity &{};", r.as_ref());
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at byte {}: {e}", reader.buffer_position()),
        }
    }
    assert!(open.is_empty(), "elements left open: {open:?}");
    elements
}

#[test]
fn the_html_report_is_well_formed_self_contained_and_has_its_charts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = run_json(dir.path(), "tests/fixtures/workshop/replies");
    let html = ok(&rehearse(&[
        "report",
        results.to_str().expect("path"),
        "--format",
        "html",
    ]));
    let elements = well_formed(&html);
    let svgs = elements.iter().filter(|e| *e == "svg").count();
    // The endings chart and one spread per skill (eight bundled skills).
    assert_eq!(svgs, 1 + 8, "{elements:?}");
    assert!(elements.iter().filter(|e| *e == "rect").count() > 9 * 4);
    for banned in ["script", "img", "link", "iframe", "object"] {
        assert!(!elements.iter().any(|e| e == banned), "the report has a <{banned}>");
    }
    assert!(!html.contains("http://") || html.matches("http://").count() == svgs);
    assert!(!html.contains("https://"), "the report refers to the network");
}

#[test]
fn replies_and_names_are_escaped_in_html() {
    let dir = tempfile::tempdir().expect("temp dir");
    let replies = dir.path().join("replies");
    std::fs::create_dir(&replies).expect("folder");
    for i in 0..5 {
        std::fs::write(
            replies.join(format!("<b>p{i}&amp;.txt")),
            "I feel <script>alert(1)</script> when you never & always \"do\" that, and I'd like a plan\n",
        )
        .expect("write");
    }
    let results = run_json(dir.path(), replies.to_str().expect("path"));
    let html = ok(&rehearse(&[
        "report",
        results.to_str().expect("path"),
        "--format",
        "html",
        "--names",
    ]));
    well_formed(&html);
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<b>p0"));
    assert!(html.contains("&lt;b&gt;p0&amp;amp;"));
}

#[test]
fn a_group_smaller_than_min_group_gets_no_report_and_is_told_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = run_json(dir.path(), "tests/fixtures/workshop/replies");
    let path = results.to_str().expect("path");
    let refused = rehearse(&["report", path, "--min-group", "7"]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(text(&refused.stdout), "");
    let message = text(&refused.stderr);
    assert!(message.contains("no report was written"), "{message}");
    assert!(
        message.contains("`dishes-again` (6 people) has fewer than 7 people"),
        "{message}"
    );
    assert!(message.contains("--min-group"), "{message}");

    // Three people fall under the default of five.
    let few = run_json(dir.path(), "tests/fixtures/workshop/replies/ignatius.txt");
    let refused = rehearse(&["report", few.to_str().expect("path")]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("(1 person) has fewer than 5 people"));
    assert!(rehearse(&["report", few.to_str().expect("path"), "--min-group", "1"])
        .status
        .success());
}

#[test]
fn without_names_no_report_says_who_anyone_is_or_which_file_they_were_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut inputs = vec![run_json(dir.path(), "tests/fixtures/workshop/replies")];
    for csv in ["long.csv", "wide.csv"] {
        let sub = dir.path().join(csv);
        std::fs::create_dir(&sub).expect("folder");
        inputs.push(run_json(&sub, workshop(csv).to_str().expect("path")));
    }
    // Words that name someone or something only the facilitator knows.
    let mut secrets: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    secrets.extend(
        [
            "replies/",
            "workshop/",
            ".txt",
            "long.csv",
            "wide.csv",
            "fixtures",
            "results.json",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    for input in &inputs {
        let path = input.to_str().expect("path");
        for format in ["md", "html"] {
            let report = ok(&rehearse(&["report", path, "--format", format])).to_lowercase();
            for secret in &secrets {
                assert!(
                    !report.contains(secret.as_str()),
                    "the {format} report of {path} contains {secret:?}"
                );
            }
            // With --names, the grid names them.
            let named = ok(&rehearse(&["report", path, "--format", format, "--names"])).to_lowercase();
            for name in NAMES {
                assert!(named.contains(name), "the {format} report with --names lacks {name}");
            }
        }
    }
}

#[test]
fn journals_and_exports_report_like_the_run_itself() {
    let home = tempfile::tempdir().expect("home");
    let out = ok(&rehearse_at(
        home.path(),
        &[
            "run",
            "dishes-again",
            "--replies",
            "tests/fixtures/workshop/replies",
            "--journal",
            "--format",
            "json",
        ],
    ));
    let dir = tempfile::tempdir().expect("temp dir");
    let results = dir.path().join("results.json");
    std::fs::write(&results, &out).expect("write");
    let sessions = home.path().join("sessions");
    let journals = std::fs::read_dir(&sessions).expect("sessions").count();
    assert_eq!(journals, 6);
    // Each person's result names their journal.
    let document: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    for p in document["participants"].as_array().expect("participants") {
        let id = p["journal"].as_str().expect("a journal id");
        assert!(sessions.join(format!("{id}.jsonl")).is_file());
    }
    let from_run = ok(&rehearse(&["report", results.to_str().expect("path")]));
    let from_journals = ok(&rehearse(&["report", sessions.to_str().expect("path")]));
    // The journals hold the same conversations; only their order may differ
    // (they are named by the time they were written), and order changes nothing.
    assert_eq!(from_journals, from_run);

    // JSON exports of the same sessions, as `rehearse export` writes them.
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).expect("folder");
    for entry in std::fs::read_dir(&sessions).expect("sessions") {
        let path = entry.expect("entry").path();
        let id = path.file_stem().and_then(|s| s.to_str()).expect("id").to_string();
        let target = exports.join(format!("{id}.json"));
        ok(&rehearse_at(
            home.path(),
            &[
                "export",
                &id,
                "--format",
                "json",
                "--output",
                target.to_str().expect("path"),
            ],
        ));
    }
    let from_exports = ok(&rehearse(&["report", exports.to_str().expect("path")]));
    assert_eq!(from_exports, from_run);
}

#[test]
fn csv_shape_problems_name_the_file_and_line_and_say_what_to_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "no-reply-columns.csv",
            "Timestamp,Name,Comments\n2026-01-01,ana,hello\n",
        ),
        ("no-participant.csv", "turn,reply\n1,hello\n"),
        (
            "bad-turn.csv",
            "participant,turn,reply\nana,1,hello\nana,two,hi again\n",
        ),
        ("twice.csv", "participant,turn,reply\nana,1,hello\nana,1,hi again\n"),
        ("no-name.csv", "name,reply 1,reply 2\nana,hi,bye\n,hello,there\n"),
        ("two-turn-ones.csv", "name,turn 1,reply 1\nana,hi,bye\n"),
        ("empty.csv", ""),
    ];
    let mut messages = String::new();
    for (name, content) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("write");
        let output = rehearse(&["run", "dishes-again", "--replies", path.to_str().expect("path")]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert_eq!(text(&output.stdout), "", "{name}: nothing is run");
        let message = text(&output.stderr).replace(&dir.path().display().to_string(), "DIR");
        messages.push_str(&message);
        messages.push('\n');
    }
    snapshot_settings().bind(|| insta::assert_snapshot!("workshop_csv_problems", messages));
}

/// `docs/sample-workshop-report.{md,html}` are the reports of the fixture group,
/// so people can open them and see what they will get. Regenerate them with
/// `REHEARSE_UPDATE_SAMPLES=1 cargo test --test workshop sample_reports`.
#[test]
fn the_sample_reports_in_docs_are_up_to_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = run_json(dir.path(), "tests/fixtures/workshop/replies");
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    for format in ["md", "html"] {
        let report = ok(&rehearse(&[
            "report",
            results.to_str().expect("path"),
            "--format",
            format,
        ]));
        let sample = docs.join(format!("sample-workshop-report.{format}"));
        if std::env::var_os("REHEARSE_UPDATE_SAMPLES").is_some() {
            std::fs::write(&sample, &report).expect("write the sample");
            continue;
        }
        let current = std::fs::read_to_string(&sample).unwrap_or_default();
        assert!(
            current == report,
            "{} is not the report of the fixture group any more; regenerate it with\n  REHEARSE_UPDATE_SAMPLES=1 cargo test --test workshop sample_reports\nand read the change before committing it",
            sample.display()
        );
    }
}

#[test]
fn when_nobody_ends_well_a_conversation_turns_at_its_first_blaming_or_shut_down_reply() {
    let dir = tempfile::tempdir().expect("temp dir");
    let replies = dir.path().join("replies");
    std::fs::create_dir(&replies).expect("folder");
    for name in ["thaddeus", "ignatius", "bartholomew"] {
        let file = format!("{name}.txt");
        std::fs::copy(workshop("replies").join(&file), replies.join(&file)).expect("copy");
    }
    let results = run_json(dir.path(), replies.to_str().expect("path"));
    let report = ok(&rehearse(&[
        "report",
        results.to_str().expect("path"),
        "--min-group",
        "3",
    ]));
    assert!(
        report.contains("No conversation reached a good ending, so a conversation turned at its first reply that blamed or shut down"),
        "{report}"
    );
    // All three blamed or shut down in their very first reply, at the opening.
    assert!(
        report.contains("Most turned at the beat `opening`: 3 of the 3 conversations"),
        "{report}"
    );
    assert!(
        report.contains("No reply scored 0.5 or more on a helpful skill"),
        "{report}"
    );
}

#[test]
fn report_refuses_what_it_cannot_read_and_says_what_it_reads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let notes = dir.path().join("notes.json");
    std::fs::write(&notes, "{\"shopping\": [\"milk\"]}").expect("write");
    let output = rehearse(&["report", notes.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(2));
    let message = text(&output.stderr);
    assert!(message.contains("no report was written"), "{message}");
    assert!(
        message.contains("notes.json: this is JSON, but not a rehearse result, journal or export"),
        "{message}"
    );
    assert!(message.contains("`rehearse run … --format json`"), "{message}");
}
