//! `play ID` with piped input reads only the file that holds `ID` when that is
//! certain; it must play exactly the scenario a whole library would.

mod common;

use common::{fixture, fixture_scorer};
use rehearse::content::ContentRoot;
use rehearse::scenario::Library;
use std::path::Path;

/// The fixture scenario with its `id:` line and title replaced.
fn variant(id_line: &str, title: &str) -> String {
    let mini = std::fs::read_to_string(fixture("scenarios/mini.yaml")).expect("fixture");
    mini.replacen("id: mini", id_line, 1)
        .replacen("title: A small test scenario", &format!("title: {title}"), 1)
}

fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

/// The title of the scenario `id` as the whole library plays it, and as the
/// one-file load gives it (`None` when it declines and the library is read).
fn both(dir: &Path, id: &str) -> (Option<String>, Option<Option<String>>) {
    let scorer = fixture_scorer();
    let root = ContentRoot::Folder(dir.to_path_buf());
    let whole = Library::load(&root, &scorer).expect("loads");
    let one = Library::load_only(&root, &scorer, id).expect("reads");
    (
        whole.find(id).map(|s| s.title.clone()),
        one.map(|l| l.find(id).map(|s| s.title.clone())),
    )
}

/// `rehearse play mini [extra…]` on the fixture scripts and the scenarios in
/// `dir`, with `input` piped in; the run must succeed, and its output is returned.
fn play_mini(dir: &Path, extra: &[&str], input: &[u8]) -> String {
    let folder = dir.display().to_string();
    let mut args = vec![
        "--scripts",
        "tests/fixtures/scripts",
        "--scenarios",
        &folder,
        "--no-journal",
        "play",
        "mini",
    ];
    args.extend_from_slice(extra);
    let out = common::rehearse(&args, input);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    common::text(&out.stdout)
}

#[test]
fn the_file_that_holds_the_id_is_read_alone() {
    let dir = folder(&[
        ("a.yaml", variant("id: other", "Other")),
        ("b.yaml", variant("id: mini", "Mini")),
    ]);
    let (whole, one) = both(dir.path(), "mini");
    assert_eq!(whole.as_deref(), Some("Mini"));
    assert_eq!(one, Some(whole), "read alone, and the same scenario");
}

#[test]
fn of_two_files_with_one_id_the_first_is_played_as_before() {
    let dir = folder(&[
        ("a.yaml", variant("id: mini", "First")),
        ("b.yaml", variant("id: mini", "Second")),
    ]);
    let (whole, one) = both(dir.path(), "mini");
    assert_eq!(whole.as_deref(), Some("First"));
    assert_eq!(one, Some(whole));
}

#[test]
fn an_earlier_file_that_may_have_the_id_means_the_whole_library_is_read() {
    // `\x69` is `i`: the first file's id is `mini` too, though its text never says so.
    let dir = folder(&[
        ("a.yaml", variant(r#"id: "m\x69ni""#, "Escaped")),
        ("b.yaml", variant("id: mini", "Plain")),
    ]);
    let (whole, one) = both(dir.path(), "mini");
    assert_eq!(whole.as_deref(), Some("Escaped"));
    assert_eq!(one, None, "not certain, so the caller loads everything");
    // And the command plays the first file, as it always did.
    let shown = play_mini(dir.path(), &[], b"");
    assert!(shown.contains("Escaped"), "{shown}");
}

#[test]
fn a_file_whose_id_line_misleads_is_not_taken() {
    // The first `id:` line says `mini`, but the key is repeated: the file is
    // broken, so the whole library decides (the other file plays).
    let dir = folder(&[
        ("a.yaml", format!("id: mini\n{}", variant("id: mini", "Twice"))),
        ("b.yaml", variant("id: mini", "Good")),
    ]);
    let (whole, one) = both(dir.path(), "mini");
    assert_eq!(whole.as_deref(), Some("Good"));
    assert_eq!(one, None);
}

#[test]
fn piped_play_of_a_scenario_reads_the_same_as_before() {
    let dir = folder(&[
        ("a.yaml", variant("id: other", "Other")),
        ("b.yaml", variant("id: mini", "Mini")),
        ("c.yaml", "id: broken\nthis is not: [valid".to_string()),
    ]);
    let shown = play_mini(dir.path(), &["--seed", "1"], b"I feel hurt when the dishes stay.\n");
    assert!(shown.contains("Mini") && shown.contains("Opening line"), "{shown}");
}
