//! No escape sequence or direction override from a scenario, a scorer script or a
//! reply reaches the terminal or an export raw (issue 13, item 7). Every case
//! below once printed ESC or U+202E straight through.

mod common;

use common::{fixture, rehearse, text};

const ESC: char = '\u{1b}';
const RLO: char = '\u{202E}';

/// A copy of the `money` fixture (a scenario with its own scorer) with hostile
/// text in a partner line and in the scorer's rule name.
fn hostile_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = std::fs::read_to_string(fixture("own-scorer/money.yaml")).expect("fixture");
    let script = std::fs::read_to_string(fixture("own-scorer/money.rhai")).expect("fixture");
    // The first partner line gets a title change and a screen clear, in YAML's own escapes.
    let hostile_yaml = yaml.replacen(
        "say:",
        "say:\n      - \"Hi \\e]0;TITLE\\a\\e[2J \\u202Eevil\"\n    old_say:",
        1,
    );
    let hostile_yaml = hostile_yaml.replacen("    old_say:", "    #", 1);
    std::fs::write(dir.path().join("money.yaml"), hostile_yaml).expect("write");
    std::fs::write(
        dir.path().join("money.rhai"),
        script.replace("\"money\")", "\"\\x1b[2Jmoney\")"),
    )
    .expect("write");
    dir
}

fn assert_clean(output: &str, what: &str) {
    assert!(!output.contains(ESC), "{what} printed a raw ESC: {output:?}");
    assert!(
        !output.contains(RLO),
        "{what} printed a raw right-to-left override: {output:?}"
    );
}

#[test]
fn a_reply_scored_from_the_command_line_cannot_clear_the_screen() {
    let out = rehearse(&["score", "you never \u{1b}[2J listen \u{202E}ok"], b"");
    assert_clean(&text(&out.stdout), "score");
    assert!(text(&out.stdout).contains("you never"), "{}", text(&out.stdout));
}

#[test]
fn an_empty_reply_is_not_scored() {
    let out = rehearse(&["score", ""], b"");
    assert!(text(&out.stdout).is_empty(), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("an empty reply is not scored"),
        "{}",
        text(&out.stderr)
    );
    let json = rehearse(&["score", "--json"], b"\nyou never listen\n");
    let lines: Vec<String> = text(&json.stdout).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 2, "one output line per input line: {lines:?}");
    assert!(lines[0].contains("\"skipped\":\"empty\""), "{}", lines[0]);
}

#[test]
fn partner_lines_rule_names_and_replies_are_shown_not_obeyed() {
    let library = hostile_library();
    let scenarios = library.path().display().to_string();
    let lib_yaml = std::fs::read_to_string(library.path().join("money.yaml")).expect("read");
    let id = lib_yaml
        .lines()
        .find_map(|l| l.strip_prefix("id:"))
        .map(|v| v.trim().to_string())
        .expect("an id");
    let out = rehearse(
        &["--scenarios", &scenarios, "play", &id, "--seed", "1"],
        "can we talk about the rent \u{1b}]0;x\u{7} please\u{202E}\n/score\n".as_bytes(),
    );
    let stdout = text(&out.stdout);
    assert_clean(&stdout, "play");
    assert_clean(&text(&out.stderr), "play's messages");
    // The escape is still visible, so an author can see what is in their file.
    assert!(stdout.contains("␛]0;TITLE␇␛[2J") || stdout.contains("␛[2J"), "{stdout}");
}

#[test]
fn a_checker_message_quoting_the_file_cannot_clear_the_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = std::fs::read_to_string(fixture("own-scorer/money.yaml")).expect("fixture");
    let broken = yaml.replacen("goto:", "goto: \"\\e[2Jnowhere\"\n        old_goto:", 1);
    std::fs::write(dir.path().join("money.yaml"), broken).expect("write");
    std::fs::copy(fixture("own-scorer/money.rhai"), dir.path().join("money.rhai")).expect("copy");
    let out = rehearse(&["check", &dir.path().display().to_string()], b"");
    assert_clean(&text(&out.stdout), "check");
    assert!(text(&out.stdout).contains("money.yaml:"), "{}", text(&out.stdout));
}

#[test]
fn menu_input_is_echoed_without_its_escapes() {
    let out = rehearse(&[], "\u{1b}[2Jdishes\u{202E}\n/quit\n".as_bytes());
    assert_clean(&text(&out.stdout), "the menu");
    assert_clean(&text(&out.stderr), "the menu's messages");
}
