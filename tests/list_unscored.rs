//! `rehearse list` reads the library without compiling a scorer script: the
//! scenarios are checked against the score names (the scripts' file names),
//! so the list comes at once, and a script's own problems are reported by the
//! commands that score (`check`, `play`, `score`), with file and line.

mod common;

use common::{rehearse, text};
use std::path::Path;

/// A copy of the fixture scripts with `blame.rhai` broken, and the fixture
/// scenarios beside it; returns (scripts, scenarios).
fn broken_blame_script(dir: &Path) -> (String, String) {
    let scripts = dir.join("scripts");
    let scenarios = dir.join("scenarios");
    std::fs::create_dir_all(scripts.join("lexicons")).expect("scripts folder");
    std::fs::create_dir_all(&scenarios).expect("scenarios folder");
    for entry in std::fs::read_dir("tests/fixtures/scripts").expect("fixture scripts") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            let name = path.file_name().expect("file name");
            std::fs::copy(&path, scripts.join(name)).expect("copy script");
        }
    }
    for entry in std::fs::read_dir("tests/fixtures/scripts/lexicons").expect("fixture lexicons") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, scripts.join("lexicons").join(path.file_name().expect("name"))).expect("copy list");
    }
    std::fs::copy("tests/fixtures/scenarios/mini.yaml", scenarios.join("mini.yaml")).expect("copy scenario");
    std::fs::write(scripts.join("blame.rhai"), "fn score(text) {\n    let x = ;\n}\n").expect("break blame.rhai");
    (scripts.display().to_string(), scenarios.display().to_string())
}

#[test]
fn list_shows_the_library_when_a_scorer_script_is_broken() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (scripts, scenarios) = broken_blame_script(dir.path());
    let out = rehearse(&["--scripts", &scripts, "--scenarios", &scenarios, "list"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("mini"), "{stdout}");
    assert!(!stdout.contains("broken:"), "the scenario itself is fine: {stdout}");
}

#[test]
fn check_still_names_the_broken_script_with_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (scripts, scenarios) = broken_blame_script(dir.path());
    let out = rehearse(&["--scripts", &scripts, "--scenarios", &scenarios, "check"], b"");
    assert_ne!(out.status.code(), Some(0));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("blame.rhai:2"), "{stderr}");
}

#[test]
fn list_still_reports_a_scenario_that_names_an_unknown_score() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (scripts, scenarios) = broken_blame_script(dir.path());
    let mini = std::fs::read_to_string(Path::new(&scenarios).join("mini.yaml")).expect("mini");
    let unknown = mini.replacen("blame", "blaame", 1);
    assert_ne!(unknown, mini, "the fixture scenario names the blame score");
    std::fs::write(Path::new(&scenarios).join("mini.yaml"), unknown).expect("write");
    let out = rehearse(&["--scripts", &scripts, "--scenarios", &scenarios, "list"], b"");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("broken: "), "{stdout}");
}
