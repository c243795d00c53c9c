//! A copy of rehearse handed out in a folder with its own `scenarios/` and
//! `scripts/` (a workshop folder, a frozen copy for a play-test) reads those,
//! not the source checkout it was built from.

mod common;

use common::{fixture, program_command, text};
use std::path::Path;

/// Copies the built program into `dir`, with the fixture scenarios and scripts
/// beside it, and returns the copy's path.
fn program_with_content_beside(dir: &Path) -> std::path::PathBuf {
    let program = dir.join("rehearse");
    std::fs::copy(env!("CARGO_BIN_EXE_rehearse"), &program).expect("copy the program");
    for folder in ["scenarios", "scripts"] {
        copy_folder(&fixture(folder), &dir.join(folder));
    }
    program
}

/// Runs the copied program. Both tests here copy the program and run it at the same
/// time; a child forked by one test while the other still has its copy open for
/// writing holds that file open until it execs, and running the copy in that moment
/// fails with "Text file busy" (ETXTBSY). That is the test harness racing itself,
/// not rehearse, so the run is tried again a few times.
fn run_copy(command: &mut std::process::Command) -> std::process::Output {
    let mut tries = 0;
    loop {
        match command.output() {
            Err(err) if err.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 20 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            result => return result.expect("run the copy"),
        }
    }
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("make folder");
    for entry in std::fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy fixture file");
        }
    }
}

#[test]
fn a_copy_of_the_program_reads_the_scenarios_beside_it() {
    let folder = tempfile::tempdir().expect("temp dir");
    let home = tempfile::tempdir().expect("temp dir");
    let program = program_with_content_beside(folder.path());
    let out = run_copy(program_command(&program, home.path(), &["--no-journal", "list"]).current_dir(home.path()));
    let listing = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        listing.contains("mini"),
        "the scenario beside the program is listed:\n{listing}"
    );
    assert!(
        !listing.contains("dishes-again"),
        "the checkout's scenarios are not read when the program has its own:\n{listing}"
    );
}

#[test]
fn a_folder_named_on_the_command_line_still_wins() {
    let folder = tempfile::tempdir().expect("temp dir");
    let home = tempfile::tempdir().expect("temp dir");
    let program = program_with_content_beside(folder.path());
    let checkout_scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let checkout_scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts");
    let scenarios = checkout_scenarios.to_string_lossy();
    let scripts = checkout_scripts.to_string_lossy();
    let args = ["--no-journal", "--scenarios", &scenarios, "--scripts", &scripts, "list"];
    let out = run_copy(&mut program_command(&program, home.path(), &args));
    let listing = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(listing.contains("dishes-again"), "the named folder is read:\n{listing}");
    assert!(
        !listing.contains("A small test scenario"),
        "not the one beside the program:\n{listing}"
    );
}
