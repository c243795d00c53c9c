//! Cue scripts every family can use: `scenarios/shared/` is looked in after the
//! scenario's own folder, so one copy serves conflict, boundary and repair alike,
//! and a family's own file of the same name wins.

mod common;

use common::fixture_scorer;
use rehearse::scenario::Library;
use rehearse::session::Session;
use std::path::Path;

/// A library folder with `money.yaml` (naming `money.rhai` as a cue) in
/// `conflict/`, and the given scripts written at the given places.
fn library_with(scripts: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(common::fixture("own-scorer/money.yaml")).unwrap();
    std::fs::create_dir_all(dir.path().join("conflict")).unwrap();
    std::fs::create_dir_all(dir.path().join("shared")).unwrap();
    std::fs::write(
        dir.path().join("conflict/money.yaml"),
        yaml.replace("scorers: [money.rhai]", "cues: [money.rhai]"),
    )
    .unwrap();
    for (at, text) in scripts {
        std::fs::write(dir.path().join(at), text).unwrap();
    }
    dir
}

/// A cue script that scores `value` on any reply.
fn always(value: &str) -> String {
    format!("fn score(text) {{ #{{ score: {value}, matches: [], tip: \"\" }} }}")
}

fn money_after_one_reply(library: &Library) -> f64 {
    assert!(library.broken.is_empty(), "{:#?}", library.broken);
    let scorer = fixture_scorer();
    let mut session = Session::new(&library.scenarios[0], &scorer, 1);
    let turn = session.reply("Can we talk?").unwrap().clone();
    assert!(turn.report.cues.contains("money"));
    turn.report.get("money")
}

#[test]
fn a_cue_in_the_shared_folder_is_found_for_every_family() {
    let scorer = fixture_scorer();
    let money = std::fs::read_to_string(common::fixture("own-scorer/money.rhai")).unwrap();
    let dir = library_with(&[("shared/money.rhai", &money)]);
    // The whole library, as `play` and `test` read it.
    let library = Library::load_paths(&[dir.path().to_path_buf()], &scorer).unwrap();
    assert!(library.broken.is_empty(), "{:#?}", library.broken);
    // One family's folder, and one file, as `check PATH` reads them.
    for path in [dir.path().join("conflict"), dir.path().join("conflict/money.yaml")] {
        let library = Library::load_paths(std::slice::from_ref(&path), &scorer).unwrap();
        assert!(library.broken.is_empty(), "{}: {:#?}", path.display(), library.broken);
        assert_eq!(library.scenarios.len(), 1);
    }
}

#[test]
fn a_familys_own_cue_of_the_same_name_wins_over_the_shared_one() {
    let scorer = fixture_scorer();
    let dir = library_with(&[
        ("shared/money.rhai", &always("0.3")),
        ("conflict/money.rhai", &always("0.9")),
    ]);
    let library = Library::load_paths(&[dir.path().to_path_buf()], &scorer).unwrap();
    assert_eq!(money_after_one_reply(&library), 0.9);
    // Without the family's own, the shared one answers.
    std::fs::remove_file(dir.path().join("conflict/money.rhai")).unwrap();
    let library = Library::load_paths(&[dir.path().to_path_buf()], &scorer).unwrap();
    assert_eq!(money_after_one_reply(&library), 0.3);
}

#[test]
fn a_mistake_in_a_shared_cue_is_reported_at_its_file_and_line() {
    let scorer = fixture_scorer();
    let broken = "// a shared cue\nfn score(text) {\n    let x = ;\n}\n";
    let dir = library_with(&[("shared/money.rhai", broken)]);
    let library = Library::load_paths(&[dir.path().join("conflict")], &scorer).unwrap();
    let problem = &library.broken[0].problems[0];
    assert!(
        Path::new(&problem.path).ends_with("shared/money.rhai"),
        "{}: {problem}",
        problem.path
    );
    assert_eq!(problem.line, 3, "{problem}");
}

#[test]
fn a_cue_found_nowhere_names_both_places_to_put_it() {
    let scorer = fixture_scorer();
    let dir = library_with(&[]);
    let library = Library::load_paths(&[dir.path().to_path_buf()], &scorer).unwrap();
    let problem = &library.broken[0].problems[0];
    assert!(problem.message.contains("no scorer script `money.rhai`"), "{problem}");
    assert_eq!(problem.line, 10);
    let hint = problem.hint.as_deref().unwrap_or_default();
    assert!(hint.contains("conflict") && hint.contains("shared"), "{hint}");
}

/// The bundled library keeps one copy of each shared cue, and no family keeps a
/// second copy that would quietly drift from it.
#[test]
fn the_bundled_shared_cues_have_no_family_copies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    for entry in std::fs::read_dir(root.join("shared")).unwrap().flatten() {
        let name = entry.file_name();
        for family in ["conflict", "boundary", "repair"] {
            assert!(
                !root.join(family).join(&name).exists(),
                "{family}/{} shadows shared/{0}",
                name.to_string_lossy()
            );
        }
    }
}

/// A therapist checking one file from inside its family's folder names it bare
/// (`rehearse check money.yaml`): its cues are found beside it and in `../shared/`.
#[test]
fn a_file_checked_from_inside_its_folder_finds_its_cues() {
    let money = std::fs::read_to_string(common::fixture("own-scorer/money.rhai")).unwrap();
    let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts");
    let scripts = scripts.to_str().unwrap();
    for at in ["conflict/money.rhai", "shared/money.rhai"] {
        let dir = library_with(&[(at, &money)]);
        let home = tempfile::tempdir().unwrap();
        for named in ["money.yaml", "./money.yaml"] {
            let out = common::rehearse_command(home.path(), &["--scripts", scripts, "check", named])
                .current_dir(dir.path().join("conflict"))
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{at}, `check {named}`: {}",
                common::text(&out.stderr)
            );
        }
    }
}
