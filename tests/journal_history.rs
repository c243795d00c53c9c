//! `history` and `progress` on a fixture data folder (tests/fixtures/journal/home):
//! six kept sessions of the fixture scenario, with fixed dates, one unfinished and
//! one with a reply taken back. The journals were written by the real engine and
//! writer (see `regenerate_fixture_home`), so they double as a check that journals
//! written by this version keep loading.

mod common;

use chrono::DateTime;
use common::{fixture_home_copy, journal_fixture as fixture, snapshot_settings};
use rehearse::content::ContentRoot;
use rehearse::journal::{Clock, JournalWriter};
use rehearse::scenario::Library;
use rehearse::score::load_scorer;
use rehearse::session::Session;
use std::process::Output;

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn history_lists_every_session_with_its_averages() {
    let home = fixture_home_copy();
    let output = common::rehearse_in(home.path(), &["history"], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    snapshot_settings().bind(|| insta::assert_snapshot!("journal_history_table", stdout(&output)));
}

#[test]
fn history_json_has_one_object_per_session() {
    let home = fixture_home_copy();
    let output = common::rehearse_in(home.path(), &["history", "--json"], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    // The journal paths are in the temporary folder; the rest is fixed.
    let text = stdout(&output).replace(&home.path().display().to_string(), "[home]");
    let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(parsed.as_array().map(Vec::len), Some(6));
    snapshot_settings().bind(|| insta::assert_snapshot!("journal_history_json", text));
}

#[test]
fn history_of_an_empty_data_folder_says_how_to_start() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = common::rehearse_in(home.path(), &["history"], b"");
    assert!(output.status.success());
    assert!(stdout(&output).starts_with("No sessions yet."), "{}", stdout(&output));
    // Listing creates nothing.
    assert_eq!(std::fs::read_dir(home.path()).expect("read").count(), 0);
}

#[test]
fn progress_shows_each_skill_as_a_trend() {
    let home = fixture_home_copy();
    let output = common::rehearse_in(home.path(), &["progress"], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("blame        ▆▃▂▁▁▁  fell from 0.75 to 0.00 over six sessions (better)"),
        "{text}"
    );
    snapshot_settings().bind(|| insta::assert_snapshot!("journal_progress_all", text));
}

#[test]
fn progress_of_one_skill_is_a_bar_chart() {
    let home = fixture_home_copy();
    let output = common::rehearse_in(home.path(), &["progress", "kitchen-talk", "--skill", "blame"], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    snapshot_settings().bind(|| insta::assert_snapshot!("journal_progress_blame", stdout(&output)));
}

#[test]
fn progress_names_what_it_cannot_find() {
    let home = fixture_home_copy();
    let output = common::rehearse_in(home.path(), &["progress", "kitchen-tlak"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `kitchen-talk`?"),
        "{}",
        stderr(&output)
    );

    let output = common::rehearse_in(home.path(), &["progress", "--skill", "blam"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no session has a `blam` score; did you mean `blame`?"),
        "{}",
        stderr(&output)
    );
}

/// One fixture session: when it started, its seed, its replies; `/undo` after the
/// reply at `undo_after` (0-based), which is then taken back.
struct Planned {
    started: &'static str,
    seed: u64,
    replies: &'static [&'static str],
    undo_after: Option<usize>,
}

const PLANNED: [Planned; 6] = [
    Planned {
        started: "2025-11-17T19:00:00+01:00",
        seed: 1,
        replies: &["You never clean up.", "You always leave it, you're so lazy."],
        undo_after: None,
    },
    Planned {
        started: "2025-11-18T19:30:00+01:00",
        seed: 2,
        replies: &[
            "You never clean up.",
            "I feel tired, could we plan?",
            "You're so lazy.",
            "I feel sad, could we talk?",
        ],
        undo_after: None,
    },
    Planned {
        started: "2025-11-19T20:00:00+01:00",
        seed: 3,
        replies: &[
            "You never clean up.",
            "I feel tired when the sink is full, and I'd like a rota.",
            "Could we try it this week?",
            "I feel worried about the mess, could we share it?",
        ],
        undo_after: None,
    },
    Planned {
        started: "2025-11-21T18:45:00+01:00",
        seed: 4,
        replies: &[
            "I feel tired when the sink is full.",
            "You never help.",
            "I'd like a rota, could we?",
            "Could we start on Monday?",
            "I feel worried about the mess, could we share it?",
        ],
        undo_after: Some(1),
    },
    Planned {
        started: "2025-11-23T19:10:00+01:00",
        seed: 5,
        replies: &["I feel tired when the sink is full, and I'd like a rota."],
        undo_after: None,
    },
    Planned {
        started: "2025-11-24T19:00:00+01:00",
        seed: 6,
        replies: &[
            "I feel tired when the sink is full, and I'd like a rota.",
            "Could we try it this week?",
            "I feel worried about the mess, could we share it?",
        ],
        undo_after: None,
    },
];

/// Rewrites tests/fixtures/journal/home from the fixture scenario and scripts.
/// Run it only after a deliberate change to the journal format, then review the
/// snapshots: `cargo test --test journal_history -- --ignored`.
#[test]
#[ignore]
fn regenerate_fixture_home() {
    let scorer = load_scorer(&ContentRoot::Folder(fixture("scripts"))).expect("fixture scripts");
    let library = Library::load(&ContentRoot::Folder(fixture("scenarios")), &scorer).expect("fixture scenarios");
    let scenario = library.find("kitchen-talk").expect("kitchen-talk");
    let dir = fixture("home/sessions");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("sessions folder");
    for plan in &PLANNED {
        let clock = Clock::Fixed(DateTime::parse_from_rfc3339(plan.started).expect("time"));
        let mut session = Session::new(scenario, &scorer, plan.seed);
        let mut writer = JournalWriter::create_in(&dir, &session, clock).expect("journal");
        for (i, reply) in plan.replies.iter().enumerate() {
            let partner = session.current().map(|l| l.line.clone()).unwrap_or_default();
            let turn = session.reply(reply).expect("reply taken");
            writer.turn(&partner, turn).expect("turn written");
            if plan.undo_after == Some(i) {
                let number = session.turns().len();
                assert!(session.undo());
                writer.undo(number).expect("undo written");
            }
        }
        writer.close().expect("closed");
    }
}
