//! The authoring tools end to end: `rehearse new` (the scaffold passes check and
//! test as written), `rehearse graph` in every format and with coverage, and
//! `rehearse why` on a few replies.

mod common;

use common::{rehearse, snapshot_settings, text};
use std::path::Path;

const FAMILIES: [&str; 3] = ["conflict", "boundary", "repair"];

fn ok(out: &std::process::Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn refused(out: &std::process::Output) -> String {
    assert_eq!(out.status.code(), Some(2), "stdout:\n{}", text(&out.stdout));
    text(&out.stderr)
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

#[test]
fn new_writes_the_scaffold_into_the_family_folder_of_the_library() {
    let lib = tempfile::tempdir().expect("temp dir");
    let out = rehearse(
        &[
            "--scenarios",
            s(lib.path()),
            "new",
            "late-again",
            "--family",
            "conflict",
        ],
        b"",
    );
    let stdout = ok(&out);
    let path = lib.path().join("conflict/late-again.yaml");
    assert!(
        stdout.contains("late-again.yaml: a template for a new conflict scenario"),
        "{stdout}"
    );
    assert!(stdout.contains("rehearse check"), "{stdout}");
    let scaffold = std::fs::read_to_string(&path).expect("the scaffold was written");
    snapshot_settings().bind(|| insta::assert_snapshot!("new_scaffold_conflict", scaffold));
}

#[test]
fn every_family_s_scaffold_passes_check_and_test_exactly_as_written() {
    let lib = tempfile::tempdir().expect("temp dir");
    for family in FAMILIES {
        let id = format!("my-{family}");
        ok(&rehearse(
            &["--scenarios", s(lib.path()), "new", &id, "--family", family],
            b"",
        ));
        let file = lib.path().join(family).join(format!("{id}.yaml"));
        let yaml = std::fs::read_to_string(&file).expect("written");
        assert!(yaml.contains(&format!("category: {family}")));
        assert!(yaml.contains("[Title"), "the scaffold is clearly a template");
        for part in [
            "examples:",
            "setting:",
            "content_notes:",
            "coach:",
            "title:",
            "when: best_",
            "natural - ",
        ] {
            assert!(yaml.contains(part), "{family}: no `{part}` in the scaffold");
        }

        let checked = ok(&rehearse(&["check", s(&file)], b""));
        assert!(
            checked.contains("checked, no problems.") && checked.starts_with("1 scenario file in "),
            "{family}: {checked}"
        );
        // `--coverage` too: a template that fails the coverage bar on day one
        // would teach authors to ignore it.
        let tested = ok(&rehearse(&["test", "--coverage", s(&file)], b""));
        assert!(
            tested.contains("1 scenario, 7 tests: 7 passed, 0 failed, 0 below the coverage bar"),
            "{family}: {tested}"
        );
        assert!(tested.contains("rules 17/18 (94%)"), "{family}: {tested}");
    }
    // All three together are a library that checks, tests and plays.
    let checked = ok(&rehearse(&["check", s(lib.path())], b""));
    assert!(
        checked.contains("3 scenario files in ") && checked.contains(" checked, no problems."),
        "{checked}"
    );
    let played = ok(&rehearse(
        &["--no-journal", "--scenarios", s(lib.path()), "play", "my-repair"],
        b"I'm sorry I snapped at you yesterday. It hurt you, and next time I'll take a breath before I answer.\nOf course it stung. That makes sense.\n",
    ));
    assert!(played.contains("(good)"), "{played}");
}

#[test]
fn new_refuses_a_bad_id_with_an_example_of_a_good_one() {
    let lib = tempfile::tempdir().expect("temp dir");
    for (bad, example) in [
        ("Late Again", "`late-again`"),
        ("late_again", "`late-again`"),
        ("2nd-try", "`late-again`"),
        ("", "`late-again`"),
    ] {
        let err = refused(&rehearse(
            &["--scenarios", s(lib.path()), "new", bad, "--family", "conflict"],
            b"",
        ));
        assert!(err.contains("cannot be a scenario id"), "{err}");
        assert!(err.contains("lowercase letters, digits and single hyphens"), "{err}");
        assert!(err.contains(example), "{bad}: {err}");
    }
    assert_eq!(
        std::fs::read_dir(lib.path()).expect("lib").count(),
        0,
        "nothing written"
    );
}

#[test]
fn new_never_writes_into_the_bundled_library_and_says_what_to_pass() {
    let err = refused(&rehearse(&["new", "late-again", "--family", "repair"], b""));
    assert!(err.contains("--scenarios DIR"), "{err}");
    assert!(err.contains("--output PATH"), "{err}");
    assert!(err.contains("DIR/repair/late-again.yaml"), "{err}");
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/repair/late-again.yaml")
        .exists());
}

#[test]
fn new_never_overwrites_and_never_reuses_an_id() {
    let lib = tempfile::tempdir().expect("temp dir");
    let args = [
        "--scenarios",
        s(lib.path()),
        "new",
        "late-again",
        "--family",
        "conflict",
    ];
    ok(&rehearse(&args, b""));
    let path = lib.path().join("conflict/late-again.yaml");
    std::fs::write(&path, "my own edits\n").expect("edit");

    let err = refused(&rehearse(&args, b""));
    assert!(
        err.contains("already exists") && err.contains("never overwrites"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "my own edits\n");

    // The same id in another family's folder would break the library.
    std::fs::write(&path, rehearse_scaffold_text("late-again")).expect("restore");
    let err = refused(&rehearse(
        &[
            "--scenarios",
            s(lib.path()),
            "new",
            "late-again",
            "--family",
            "boundary",
        ],
        b"",
    ));
    assert!(err.contains("the id `late-again` is already used by"), "{err}");
    assert!(!lib.path().join("boundary/late-again.yaml").exists());
}

/// A scaffold written with `--output`, read back.
fn rehearse_scaffold_text(id: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("x.yaml");
    ok(&rehearse(
        &["new", id, "--family", "conflict", "--output", s(&file)],
        b"",
    ));
    std::fs::read_to_string(file).expect("written")
}

#[test]
fn new_with_output_writes_a_file_or_into_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = ok(&rehearse(
        &["new", "late-again", "--family", "boundary", "--output", s(dir.path())],
        b"",
    ));
    assert!(dir.path().join("late-again.yaml").is_file(), "{out}");
    assert!(out.contains("play late-again"), "{out}");

    let file = dir.path().join("draft.yaml");
    ok(&rehearse(
        &["new", "draft", "--family", "repair", "--output", s(&file)],
        b"",
    ));
    assert!(std::fs::read_to_string(&file).expect("written").contains("id: draft"));

    let err = refused(&rehearse(
        &[
            "new",
            "draft",
            "--family",
            "repair",
            "--output",
            s(&dir.path().join("notes.txt")),
        ],
        b"",
    ));
    assert!(err.contains("does not end in .yaml"), "{err}");
    let err = refused(&rehearse(
        &[
            "new",
            "draft",
            "--family",
            "repair",
            "--output",
            s(&dir.path().join("no/such/x.yaml")),
        ],
        b"",
    ));
    assert!(err.contains("does not exist; create it first"), "{err}");
}

#[test]
fn graph_draws_dishes_again_in_every_format() {
    for format in ["text", "mermaid", "dot"] {
        let out = ok(&rehearse(&["graph", "dishes-again", "--format", format], b""));
        snapshot_settings().bind(|| insta::assert_snapshot!(format!("graph_dishes_again_{format}"), out));
    }
}

#[test]
fn graph_with_coverage_dashes_what_no_test_takes() {
    let mermaid = ok(&rehearse(
        &["graph", "dishes-again", "--format", "mermaid", "--coverage"],
        b"",
    ));
    snapshot_settings().bind(|| insta::assert_snapshot!("graph_dishes_again_mermaid_coverage", mermaid));
    let dot = ok(&rehearse(
        &["graph", "dishes-again", "--format", "dot", "--coverage"],
        b"",
    ));
    let text_out = ok(&rehearse(&["graph", "dishes-again", "--coverage"], b""));
    snapshot_settings().bind(|| insta::assert_snapshot!("graph_dishes_again_text_coverage", text_out));

    // The same rules are untaken in every format, and they are what `test --coverage` lists.
    let dashed_mermaid = mermaid.matches("-.->").count();
    let dashed_dot = dot.matches("style=dashed").count();
    let marked_text = text_out.lines().filter(|l| l.ends_with("[untested]")).count();
    let tested = ok(&rehearse(
        &["test", "--coverage", "scenarios/conflict/dishes-again.yaml"],
        b"",
    ));
    let never_fired = tested.matches("never fired:").count();
    assert!(never_fired > 0, "{tested}");
    assert_eq!(
        (dashed_mermaid, dashed_dot, marked_text),
        (never_fired, never_fired, never_fired)
    );
}

#[test]
fn graph_reads_a_file_by_path_and_every_rule_is_an_arrow() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("draft.yaml");
    ok(&rehearse(
        &["new", "draft", "--family", "conflict", "--output", s(&file)],
        b"",
    ));
    let dot = ok(&rehearse(&["graph", s(&file), "--format", "dot", "--coverage"], b""));
    // 4 beats with 4 + 4 + 6 + 4 rules, plus the arrow from `start`.
    assert_eq!(dot.matches(" -> ").count(), 19, "{dot}");
    assert!(
        dot.contains("style=dashed"),
        "the scaffold's tests leave some rules for the author"
    );
    assert!(dot.contains("label=\"4: otherwise\""), "{dot}");
    for kind in ["good", "stuck", "escalated"] {
        assert!(dot.contains(&format!(", {kind})\"")), "{kind}: {dot}");
    }
}

#[test]
fn graph_escapes_labels_for_each_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("quotes.yaml");
    let yaml = rehearse_scaffold_text("quotes").replace(
        "title: \"[Title of the good ending, e.g. A way forward]\"",
        "title: 'Say \"yes\" | <b>&</b> # \\ done'",
    );
    std::fs::write(&file, yaml).expect("write");
    let mermaid = ok(&rehearse(&["graph", s(&file), "--format", "mermaid"], b""));
    assert!(
        mermaid.contains(
            "([\"Say #quot;yes#quot; #124; #lt;b#gt;#amp;#lt;/b#gt; #35; \\ done<br/>(a_way_forward, good)\"]):::good"
        ),
        "{mermaid}"
    );
    let dot = ok(&rehearse(&["graph", s(&file), "--format", "dot"], b""));
    assert!(
        dot.contains("label=\"Say \\\"yes\\\" | <b>&</b> # \\\\ done\\n(a_way_forward, good)\""),
        "{dot}"
    );
}

#[test]
fn graph_and_why_say_what_to_do_about_a_wrong_name() {
    let err = refused(&rehearse(&["graph", "dishes-agian"], b""));
    assert!(err.contains("did you mean `dishes-again`?"), "{err}");
    let err = refused(&rehearse(&["graph", "no/such/file.yaml"], b""));
    assert!(err.contains("there is no scenario file no/such/file.yaml"), "{err}");
    let err = refused(&rehearse(&["why", "dishes-again", "circlng", "hi"], b""));
    assert!(err.contains("did you mean `circling`?"), "{err}");
    let err = refused(&rehearse(&["why", "dishes-again", "walked_off", "hi"], b""));
    assert!(
        err.contains("is an ending") && err.contains("give a beat: opening"),
        "{err}"
    );
    let err = refused(&rehearse(&["why", "dishes-again", "opening", "  "], b""));
    assert!(err.contains("give the reply to try in quotes"), "{err}");
    for (set, message) in [
        ("tensoin=3", "did you mean `tension`?"),
        ("best_valdation=0.8", "did you mean `best_validation`?"),
        ("blame=0.9", "is a score: it comes from the reply"),
        ("tension=11", "dials go from 0 to 10"),
        ("tension", "needs a name and a number"),
        ("turn=0", "a whole number from 1"),
        ("said_feeling=2", "1 (yes) or 0 (no)"),
        ("best_validation=3", "scores go from 0 to 1"),
        ("trust=lots", "`lots` is not a number"),
    ] {
        let err = refused(&rehearse(&["why", "dishes-again", "opening", "hi", "--set", set], b""));
        assert!(err.contains(message), "--set {set}: {err}");
    }
}

#[test]
fn why_shows_the_scores_every_rule_and_the_one_that_fires() {
    let blame = ok(&rehearse(
        &[
            "why",
            "dishes-again",
            "opening",
            "You never do the dishes. You're so lazy.",
        ],
        b"",
    ));
    snapshot_settings().bind(|| insta::assert_snapshot!("why_dishes_again_opening_blame", blame));

    // --set reaches the dials and the session facts.
    let stall = ok(&rehearse(
        &[
            "why",
            "dishes-again",
            "circling",
            "um, ok",
            "--set",
            "quiet_turns=3",
            "--set",
            "tension=7",
        ],
        b"",
    ));
    snapshot_settings().bind(|| insta::assert_snapshot!("why_dishes_again_circling_stall", stall));

    // A later rule that would also hold is shown as shadowed.
    let shadowed = ok(&rehearse(
        &[
            "why",
            "dishes-again",
            "wobble",
            "I'm sorry, that came out wrong. Let me try again.",
            "--set",
            "offered=1",
        ],
        b"",
    ));
    assert!(shadowed.contains("true (apology"), "{shadowed}");
    assert!(shadowed.contains("but rule 2 fired first"), "{shadowed}");
    assert!(shadowed.contains("goes to ending `plan_together` (good)"), "{shadowed}");
}

#[test]
fn why_agrees_with_the_engine_on_a_first_reply() {
    // What `why` says fires at the start beat is what a test's first turn takes.
    let scripted = "I feel worn out when I come home to a full sink, and I'd like us to split the evenings somehow.";
    let why = ok(&rehearse(&["why", "dishes-again", "opening", scripted], b""));
    assert!(
        why.contains("rule 5 fires: the conversation goes to beat `their_side`."),
        "{why}"
    );
    assert!(why.contains("dials: tension 4 → 3, trust 5 → 6"), "{why}");
    let played = ok(&rehearse(
        &["--no-journal", "play", "dishes-again"],
        format!("{scripted}\n").as_bytes(),
    ));
    assert!(played.contains("dials:  tension 4 → 3 · trust 5 → 6"), "{played}");
}
