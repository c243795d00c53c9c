//! Shared set-up for the integration tests: the fixture scorer and scenarios,
//! which are independent of the bundled content so tuning it never breaks them.
#![allow(dead_code)]

use rehearse::content::{ContentRoot, SourceFile};
use rehearse::scenario::{load_scenario, Library, Scenario};
use rehearse::score::{load_scorer, RhaiScorer};
use std::path::{Path, PathBuf};

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

pub fn fixture_scorer() -> RhaiScorer {
    load_scorer(&ContentRoot::Folder(fixture("scripts"))).expect("fixture scripts load")
}

pub fn bundled_scorer() -> RhaiScorer {
    load_scorer(&ContentRoot::Folder(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts"),
    ))
    .expect("bundled scripts load")
}

pub fn bundled_library(scorer: &RhaiScorer) -> Library {
    Library::load(
        &ContentRoot::Folder(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")),
        scorer,
    )
    .expect("bundled scenarios load")
}

/// Loads a scenario from YAML text, as if from `name`.
pub fn scenario_from(
    name: &str,
    yaml: &str,
    scorer: &RhaiScorer,
) -> Result<Scenario, Vec<rehearse::diagnostic::Diagnostic>> {
    let file = SourceFile {
        display_path: name.to_string(),
        bytes: yaml.as_bytes().to_vec(),
        unreadable: None,
    };
    load_scenario(&file, scorer, &[])
}

pub fn mini(scorer: &RhaiScorer) -> Scenario {
    let yaml = std::fs::read_to_string(fixture("scenarios/mini.yaml")).expect("mini.yaml");
    scenario_from("mini.yaml", &yaml, scorer).expect("mini.yaml is valid")
}

/// The journal tests' own scenario, scripts and fixed data folder.
pub fn journal_fixture(path: &str) -> PathBuf {
    fixture("journal").join(path)
}

/// Snapshots live in the top-level `snapshots/` folder, named without the module.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// A copy of the fixture data folder in a temporary folder: commands never touch
/// the checked-in journals (not even their permissions).
pub fn fixture_home_copy() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    let sessions = home.path().join("sessions");
    std::fs::create_dir(&sessions).expect("sessions folder");
    for entry in std::fs::read_dir(journal_fixture("home/sessions")).expect("fixture home") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, sessions.join(path.file_name().expect("name"))).expect("copy");
    }
    home
}

/// The options that point rehearse at the fixture scripts and scenarios, which are
/// independent of the bundled content.
pub const FIXTURES: [&str; 4] = [
    "--scripts",
    "tests/fixtures/scripts",
    "--scenarios",
    "tests/fixtures/scenarios",
];

/// `args` run against the fixture content.
pub fn with_fixtures<'a>(args: &[&'a str]) -> Vec<&'a str> {
    FIXTURES.iter().copied().chain(args.iter().copied()).collect()
}

/// The built binary with `args`, `home` as its data folder and no colour; the
/// caller decides what to do with its standard streams.
pub fn rehearse_command(home: &Path, args: &[&str]) -> std::process::Command {
    program_command(Path::new(env!("CARGO_BIN_EXE_rehearse")), home, args)
}

/// Like `rehearse_command`, for a copy of the program at `program`.
pub fn program_command(program: &Path, home: &Path, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(program);
    command.args(args).env("REHEARSE_HOME", home).env("NO_COLOR", "1");
    command
}

/// Runs the built binary with `args` and `stdin` piped in, using `home` as its data folder.
pub fn rehearse_in(home: &Path, args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = rehearse_command(home, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rehearse runs");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().expect("rehearse finishes")
}

/// Runs the built binary with `args`, `stdin` piped in, and a fresh private data folder.
pub fn rehearse(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let home = tempfile::tempdir().expect("temp dir");
    rehearse_in(home.path(), args, stdin)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The one problem whose message contains `text`; fails the test, listing them
/// all, when there is none.
pub fn one_containing<'a>(
    problems: &'a [rehearse::diagnostic::Diagnostic],
    text: &str,
) -> &'a rehearse::diagnostic::Diagnostic {
    problems
        .iter()
        .find(|p| p.message.contains(text))
        .unwrap_or_else(|| panic!("no problem says `{text}`: {problems:#?}"))
}

/// The journal of the one session kept in the data folder `home`.
pub fn only_journal(home: &Path) -> PathBuf {
    let mut all: Vec<PathBuf> = std::fs::read_dir(home.join("sessions"))
        .expect("a sessions folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(all.len(), 1, "one journal expected: {all:?}");
    all.remove(0)
}

/// The bundled dishes scenario, the scenario the loader and `check` tests copy out.
pub const DISHES_AGAIN: &str = include_str!("../../scenarios/conflict/dishes-again.yaml");

/// The cue scripts dishes-again lists, which must sit beside it (a copy has no
/// `shared/` folder next to it, so its shared cues are written beside it too: a
/// family's own file is looked for first). One list, so a cue added to the scenario is
/// added here once, not in every test that copies it.
pub const DISHES_AGAIN_CUES: [(&str, &str); 5] = [
    (
        "yes_to_the_plan.rhai",
        include_str!("../../scenarios/conflict/yes_to_the_plan.rhai"),
    ),
    (
        "washes_up.rhai",
        include_str!("../../scenarios/conflict/washes_up.rhai"),
    ),
    (
        "says_how_i_am.rhai",
        include_str!("../../scenarios/conflict/says_how_i_am.rhai"),
    ),
    (
        "only_opens.rhai",
        include_str!("../../scenarios/shared/only_opens.rhai"),
    ),
    ("clarifies.rhai", include_str!("../../scenarios/shared/clarifies.rhai")),
];

/// Writes dishes-again and the cue scripts it needs into `dir`.
pub fn write_dishes_again(dir: &Path) {
    std::fs::write(dir.join("dishes-again.yaml"), DISHES_AGAIN).expect("write");
    for (name, script) in DISHES_AGAIN_CUES {
        std::fs::write(dir.join(name), script).expect("write");
    }
}
