//! The literal sets kept in the data folder (`cache/literal-sets`) save time
//! only: `score` gives the same output with the file, without it, with a
//! damaged one, and with a data folder it cannot write; `--no-journal` writes
//! nothing.

mod common;

use std::path::Path;

const REPLIES: &[u8] = b"You never listen to me.\nI feel hurt when plans change at the last minute.\nI'm sorry, that was my fault.\n\nHow convenient for you.\n";

fn score(home: &Path, extra: &[&str]) -> (String, String) {
    let mut args = extra.to_vec();
    args.extend(["score", "--json"]);
    let out = common::rehearse_in(home, &args, REPLIES);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    (common::text(&out.stdout), common::text(&out.stderr))
}

fn cache_file(home: &Path) -> std::path::PathBuf {
    home.join("cache").join("literal-sets")
}

#[test]
fn scoring_is_the_same_with_and_without_the_cache() {
    let home = tempfile::tempdir().expect("temp dir");
    let (cold, cold_err) = score(home.path(), &[]);
    assert!(cold.lines().count() == 5 && cold.contains("\"scores\""), "{cold}");
    let written = std::fs::read(cache_file(home.path())).expect("the cache was written");
    assert!(written.starts_with(b"rehearse literal sets 1\n"));

    let (warm, warm_err) = score(home.path(), &[]);
    assert_eq!(warm, cold, "with the cache");
    assert_eq!(warm_err, cold_err);

    // Damaged: cut short, then garbage. Ignored, and scoring is unchanged.
    for damaged in [&written[..written.len() / 2], b"not a cache at all".as_slice()] {
        std::fs::write(cache_file(home.path()), damaged).expect("write");
        let (again, again_err) = score(home.path(), &[]);
        assert_eq!(again, cold, "with a damaged cache");
        assert_eq!(again_err, cold_err);
    }
    // …and written again whole (the same sets, in some order).
    let rewritten = std::fs::read(cache_file(home.path())).expect("rewritten");
    assert!(rewritten.starts_with(b"rehearse literal sets 1\n"));
    assert_eq!(rewritten.len(), written.len());
}

#[test]
fn no_journal_writes_no_cache() {
    let home = tempfile::tempdir().expect("temp dir");
    let (_, _) = score(home.path(), &["--no-journal"]);
    assert_eq!(
        std::fs::read_dir(home.path()).expect("read").count(),
        0,
        "nothing written at all"
    );
}

#[test]
fn a_data_folder_that_cannot_be_written_is_not_an_error() {
    let fresh = tempfile::tempdir().expect("temp dir");
    let (expected, expected_err) = score(fresh.path(), &["--no-journal"]);
    // A file where the data folder should be: nothing can be created in it.
    let parent = tempfile::tempdir().expect("temp dir");
    let blocked = parent.path().join("home");
    std::fs::write(&blocked, "a file, not a folder").expect("write");
    let (got, got_err) = score(&blocked, &[]);
    assert_eq!(got, expected);
    assert_eq!(got_err, expected_err, "no warning about the cache");
}

#[test]
fn forget_all_removes_the_cache_too() {
    let home = tempfile::tempdir().expect("temp dir");
    let (_, _) = score(home.path(), &[]);
    assert!(cache_file(home.path()).exists(), "the cache was written");
    let out = common::rehearse_in(home.path(), &["forget", "--all", "--yes"], b"");
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    assert!(
        !cache_file(home.path()).exists(),
        "forget --all leaves no pattern cache behind"
    );
}
