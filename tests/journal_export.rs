//! Exports of one fixed session (fixture scenario and scripts, seed 7, a fixed
//! clock), as insta snapshots in Markdown, HTML and JSON; and `rehearse export`
//! writing the same text, privately, where it says it did.

mod common;

use chrono::DateTime;
use common::{journal_fixture as fixture, snapshot_settings};
use rehearse::content::ContentRoot;
use rehearse::journal::export::{self, Format};
use rehearse::journal::{self, Clock, JournalWriter, Record};
use rehearse::scenario::Library;
use rehearse::score::load_scorer;
use rehearse::session::Session;
use std::path::{Path, PathBuf};

/// Plays the fixed session into `home/sessions` with a fixed clock: replies that
/// need escaping (`&`, `"`, `<…>`, `*`), a reply taken back with `/undo`, and an
/// ending. Returns the journal's path.
fn fixed_session(home: &Path) -> PathBuf {
    let scorer = load_scorer(&ContentRoot::Folder(fixture("scripts"))).expect("fixture scripts");
    let library = Library::load(&ContentRoot::Folder(fixture("scenarios")), &scorer).expect("fixture scenarios");
    let scenario = library.find("kitchen-talk").expect("kitchen-talk");
    let clock = Clock::Fixed(DateTime::parse_from_rfc3339("2025-11-20T19:00:00+01:00").expect("time"));
    let dir = home.join("sessions");
    std::fs::create_dir_all(&dir).expect("sessions folder");
    let mut session = Session::new(scenario, &scorer, 7);
    let mut writer = JournalWriter::create_in(&dir, &session, clock).expect("journal");
    let say = |session: &mut Session, writer: &mut JournalWriter, reply: &str| {
        let partner = session.current().map(|l| l.line.clone()).unwrap_or_default();
        let turn = session.reply(reply).expect("reply taken");
        writer.turn(&partner, turn).expect("turn written");
    };
    say(
        &mut session,
        &mut writer,
        "You never ask & you take the \"good\" pan <again>.",
    );
    say(
        &mut session,
        &mut writer,
        "I feel tired when the sink is *full*, and I'd like a rota.",
    );
    say(&mut session, &mut writer, "You're so lazy.");
    assert!(session.undo());
    writer.undo(3).expect("undo written");
    say(&mut session, &mut writer, "Could we try it this week?");
    say(
        &mut session,
        &mut writer,
        "I feel worried about the mess, could we share it?",
    );
    assert!(session.is_finished());
    let path = writer.path().to_path_buf();
    assert!(writer.close().expect("closed"));
    path
}

fn fixed_record() -> (tempfile::TempDir, Record) {
    let home = tempfile::tempdir().expect("temp dir");
    let path = fixed_session(home.path());
    let record = journal::load(&path).expect("journal loads");
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);
    (home, record)
}

#[test]
fn markdown_export() {
    let (_home, record) = fixed_record();
    let text = export::render(&record, Format::Md, None);
    assert!(
        text.contains("**You never** ask \\& you take the \"good\" pan \\<again\\>."),
        "{text}"
    );
    assert!(text.contains("## Taken back with /undo"));
    snapshot_settings().bind(|| insta::assert_snapshot!("journal_export_md", text));
}

#[test]
fn html_export_escapes_everything_the_person_typed() {
    let (_home, record) = fixed_record();
    let text = export::render(&record, Format::Html, None);
    assert!(
        text.contains("<mark class=\"hurt\" title=\"blame: absolute\">You never</mark> ask &amp; you take the &quot;good&quot; pan &lt;again&gt;."),
        "{text}"
    );
    assert!(!text.contains("<again>"));
    assert!(!text.contains("<script"), "no scripts in an export");
    snapshot_settings().bind(|| insta::assert_snapshot!("journal_export_html", text));
}

#[test]
fn json_export() {
    let (_home, record) = fixed_record();
    let text = export::render(&record, Format::Json, None);
    let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(parsed["turns"].as_array().map(Vec::len), Some(4));
    assert_eq!(parsed["taken_back"][0]["reply"], "You're so lazy.");
    assert_eq!(parsed["ending"]["ending"], "plan");
    snapshot_settings().bind(|| insta::assert_snapshot!("journal_export_json", text));
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn export_command_writes_privately_into_the_data_folder_and_prints_the_path() {
    let (home, record) = fixed_record();
    for (format, name) in [("md", Format::Md), ("html", Format::Html), ("json", Format::Json)] {
        let output = common::rehearse_in(home.path(), &["export", "2025112", "--format", format], b"");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let printed = String::from_utf8_lossy(&output.stdout).trim().to_string();
        let expected = home
            .path()
            .join("exports")
            .join(format!("20251120-190000-kitchen-talk.{format}"));
        assert_eq!(PathBuf::from(&printed), expected);
        assert_eq!(
            std::fs::read_to_string(&expected).expect("export"),
            export::render(&record, name, None)
        );
        #[cfg(unix)]
        {
            assert_eq!(mode(&expected), 0o600);
            assert_eq!(mode(&home.path().join("exports")), 0o700);
        }
    }
    // The atomic write leaves no temporary file behind.
    let names: Vec<String> = std::fs::read_dir(home.path().join("exports"))
        .expect("exports")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn export_to_a_named_path_is_private_too() {
    let (home, _record) = fixed_record();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let target = elsewhere.path().join("for-my-therapist.html");
    let output = common::rehearse_in(
        home.path(),
        &[
            "export",
            "latest",
            "--format",
            "html",
            "--output",
            target.to_str().expect("utf-8 path"),
        ],
        b"",
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(target.is_file());
    #[cfg(unix)]
    assert_eq!(mode(&target), 0o600);
    assert!(!home.path().join("exports").exists(), "nothing else is written");
}

#[test]
fn export_of_an_unknown_session_says_what_to_do() {
    let (home, _record) = fixed_record();
    let output = common::rehearse_in(home.path(), &["export", "1999"], b"");
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("there is no session `1999`; `rehearse history` lists them"),
        "{message}"
    );
}

/// The fixture scenario the fixed session was played in.
fn kitchen_talk() -> rehearse::scenario::Scenario {
    let scorer = load_scorer(&ContentRoot::Folder(fixture("scripts"))).expect("fixture scripts");
    let library = Library::load(&ContentRoot::Folder(fixture("scenarios")), &scorer).expect("fixture scenarios");
    library.find("kitchen-talk").expect("kitchen-talk").clone()
}

#[test]
fn html_export_draws_the_scenario_map_with_the_path_taken() {
    let (_home, record) = fixed_record();
    let scenario = kitchen_talk();
    let steps = export::path_on_map(&record, &scenario).expect("the path matches the scenario");
    let played: Vec<(String, usize)> = record
        .entries
        .iter()
        .map(|e| (e.turn.beat.clone(), e.turn.rule.number))
        .collect();
    assert_eq!(steps, played);
    let text = export::render(&record, Format::Html, Some(&scenario));
    assert!(text.contains("<h2>The path through the scenario</h2>"), "{text}");
    let svg = &text[text.find("<svg").expect("an svg")..text.find("</svg>").expect("closed") + 6];
    // One bold arrow per step taken (steps between the same two beats share one).
    let bold = svg.matches("stroke=\"#1f4fa8\" stroke-width=\"2.8\"").count();
    let distinct: std::collections::BTreeSet<_> = steps.iter().collect();
    assert!(
        bold >= 1 && bold <= distinct.len(),
        "{bold} bold arrows for {distinct:?}"
    );
    assert!(!text.contains("<script"), "no scripts in an export");
    // Markdown and JSON are unchanged by the scenario.
    assert_eq!(
        export::render(&record, Format::Md, Some(&scenario)),
        export::render(&record, Format::Md, None)
    );
}

#[test]
fn html_export_leaves_the_map_out_when_the_scenario_has_changed_since() {
    let (_home, record) = fixed_record();
    let mut scenario = kitchen_talk();
    // The rule the first reply fired no longer exists.
    let first = &record.entries[0].turn;
    scenario
        .beats
        .get_mut(&first.beat)
        .expect("the beat")
        .rules
        .retain(|r| r.number != first.rule.number);
    assert!(export::path_on_map(&record, &scenario).is_none());
    let text = export::render(&record, Format::Html, Some(&scenario));
    assert!(
        text.contains("The map is left out: the scenario has changed since this session"),
        "{text}"
    );
    assert!(!text.contains("<svg"));
    // A record of another scenario is never drawn on this one's map.
    let mut other = kitchen_talk();
    other.id = "another".to_string();
    assert!(export::path_on_map(&record, &other).is_none());
}
