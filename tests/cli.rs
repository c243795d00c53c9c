//! The command line end to end, on fixture content and on the bundled library.

mod common;

use common::{rehearse, text, with_fixtures};

#[test]
fn piped_play_prints_the_dialogue_and_reaches_an_ending() {
    let out = rehearse(
        &with_fixtures(&["play", "mini", "--seed", "1"]),
        b"You never clean up.\nYou're so lazy.\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("> You never clean up."));
    assert!(
        stdout.contains("hurt:   blame 0.90 — \"You never\" (absolute)"),
        "{stdout}"
    );
    assert!(stdout.contains("note:   Alex heard a verdict."));
    assert!(stdout.contains("dials:  tension 5 → 8 · trust 5 → 3"));
    assert!(stdout.contains("— The end: blowup (escalated) —"));
    assert!(stdout.contains("It escalated."));
    assert!(!stdout.contains("\x1b["), "piped output has no colour codes");
}

#[test]
fn piped_play_is_byte_for_byte_repeatable() {
    let input = b"Hello.\nI feel tired when the sink is full, and I need a plan.\nThanks.\n";
    let a = rehearse(&with_fixtures(&["play", "mini", "--seed", "5"]), input);
    let b = rehearse(&with_fixtures(&["play", "mini", "--seed", "5"]), input);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn bad_lines_are_reported_and_play_carries_on() {
    let mut input = b"\n\xff\xfe bad bytes\n".to_vec();
    input.extend(std::iter::repeat_n(b'x', 1024 * 1024));
    input.extend_from_slice(b"\nI'm sorry I left the pans.\n");
    let out = rehearse(&with_fixtures(&["play", "mini"]), &input);
    assert_eq!(out.status.code(), Some(0));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("input line 2: not valid UTF-8"), "{stderr}");
    assert!(stderr.contains("input line 3: 1048576 bytes long"), "{stderr}");
    assert!(text(&out.stdout).contains("— The end: ok end (good) —"));
}

#[test]
fn input_that_runs_out_says_where_the_partner_is_waiting() {
    let out = rehearse(&with_fixtures(&["play", "mini"]), b"Hello.\n");
    assert_eq!(out.status.code(), Some(0));
    // In the partner's words, not the beat's id.
    assert!(text(&out.stdout).contains("Alex is waiting for your reply to: \"Opening line"));
}

#[test]
fn an_unknown_scenario_suggests_the_closest_id() {
    let out = rehearse(&with_fixtures(&["play", "mimi"]), b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("did you mean `mini`?"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn list_json_describes_each_scenario() {
    let out = rehearse(&with_fixtures(&["list", "--json"]), b"");
    assert_eq!(out.status.code(), Some(0));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["id"], "mini");
    assert_eq!(list[0]["category"], "conflict");
    assert_eq!(list[0]["difficulty"], 1);
}

#[test]
fn check_an_empty_folder_or_a_missing_path_explains_itself() {
    let empty = tempfile::tempdir().unwrap();
    let out = rehearse(
        &[
            "--scripts",
            "tests/fixtures/scripts",
            "check",
            empty.path().to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no scenario files (*.yaml) found"));
    let out = rehearse(&["--scripts", "tests/fixtures/scripts", "check", "no/such/place"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no such file or folder"));
}

#[test]
fn a_not_yaml_scenario_is_a_diagnostic_not_a_crash() {
    let out = rehearse(
        &[
            "--scripts",
            "tests/fixtures/scripts",
            "check",
            "tests/fixtures/broken/not-yaml.yaml",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("tests/fixtures/broken/not-yaml.yaml:4:1: error:"));
    assert!(
        text(&out.stderr).is_empty(),
        "no panic or stack trace: {}",
        text(&out.stderr)
    );
}

#[test]
fn test_command_reports_passes_and_coverage() {
    let out = rehearse(&with_fixtures(&["test", "--coverage"]), b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("coverage beats 3/3 · rules 9/9 (100%) · endings 3/3"),
        "{stdout}"
    );
    assert!(stdout.contains("7 tests: 7 passed, 0 failed"));
}

#[test]
fn a_failing_author_test_shows_the_turn_that_went_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string("tests/fixtures/scenarios/mini.yaml").unwrap();
    let yaml = yaml.replacen("    ends: blowup", "    ends: ok_end", 1);
    std::fs::write(dir.path().join("mini.yaml"), yaml).unwrap();
    let out = rehearse(
        &[
            "--scripts",
            "tests/fixtures/scripts",
            "test",
            dir.path().to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("FAIL  blaming twice blows up"), "{stdout}");
    assert!(
        stdout.contains("expected to end at `ok_end`, but ended at `blowup`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("turn 2 at `defensive`: \"You're so lazy.\" → rule 1 (blame >= 0.5 && tension >= 8) → blowup"),
        "{stdout}"
    );
}

#[test]
fn score_json_is_one_object_per_line_in_order() {
    let out = rehearse(
        &["--scripts", "tests/fixtures/scripts", "score", "--json"],
        b"You never listen.\n\xff\nI'm sorry I shouted.\n",
    );
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["text"], "You never listen.");
    assert_eq!(lines[0]["scores"]["blame"], 0.9);
    assert_eq!(lines[0]["matches"][0]["start"], 0);
    assert_eq!(lines[0]["matches"][0]["end"], 9);
    assert_eq!(lines[0]["matches"][0]["rule"], "absolute");
    assert!(lines[1]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(lines[2]["scores"]["apology"], 0.8);
    assert_eq!(lines[2]["parts"]["feeling"], false);
}

#[test]
fn broken_scripts_are_reported_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("blame.rhai"), "fn score(text) {\n  let = 3;\n}\n").unwrap();
    let out = rehearse(&["--scripts", dir.path().to_str().unwrap(), "score", "hi"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("blame.rhai:2:"), "{}", text(&out.stderr));
}

/// A pattern that fails only on some replies (look-around is not supported) must
/// not vanish into a count: `eval` names the first failure, its score and message.
#[test]
fn eval_names_the_script_that_failed_on_a_reply() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("blame.rhai"),
        "fn score(text) {\n  if text.contains(\"oops\") { find_all(text, `a(?!b)`); }\n  #{ score: 0.0, matches: [], tip: \"\" }\n}\n",
    )
    .unwrap();
    let corpus = dir.path().join("labelled.jsonl");
    std::fs::write(
        &corpus,
        "{\"text\": \"fine\", \"blame\": false}\n{\"text\": \"oops\", \"blame\": false}\n",
    )
    .unwrap();
    let scripts = dir.path().to_str().unwrap();
    let out = rehearse(
        &["--no-journal", "--scripts", scripts, "eval", corpus.to_str().unwrap()],
        b"",
    );
    let shown = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(shown.contains("1 more could not be scored"), "{shown}");
    assert!(shown.contains("the first: line 2: blame:"), "{shown}");
    assert!(shown.contains("look-around"), "{shown}");
}

// ---- the bundled library ----

#[test]
fn the_bundled_library_checks_clean() {
    let out = rehearse(&["check"], b"");
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
}

#[test]
fn piping_each_scenarios_own_test_replies_reaches_an_ending() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    assert!(
        library.scenarios.len() >= 12,
        "the starter library has 12 or more scenarios"
    );
    for scenario in &library.scenarios {
        let test = scenario
            .tests
            .iter()
            .find(|t| matches!(t.outcome, rehearse::scenario::Outcome::Ends(_)))
            .unwrap_or_else(|| panic!("{} has no test that ends", scenario.id));
        let input = test.replies.join("\n") + "\n";
        let seed = test.seed.to_string();
        let out = rehearse(&["play", &scenario.id, "--seed", &seed], input.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{}", scenario.id);
        assert!(
            text(&out.stdout).contains("— The end:"),
            "{} did not reach an ending:\n{}",
            scenario.id,
            text(&out.stdout)
        );
    }
}

#[test]
fn every_family_has_at_least_four_rich_scenarios() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    for category in rehearse::scenario::Category::ALL {
        let scenarios: Vec<_> = library.in_category(category).collect();
        assert!(scenarios.len() >= 4, "{category:?} has {} scenarios", scenarios.len());
        for s in scenarios {
            assert!(s.beats.len() >= 6, "{} has {} beats", s.id, s.beats.len());
            assert!(s.endings.len() >= 3, "{} has {} endings", s.id, s.endings.len());
            for kind in ["good", "stuck", "escalated"] {
                assert!(
                    s.endings.values().any(|e| e.kind.as_str() == kind),
                    "{} has no {kind} ending",
                    s.id
                );
            }
            assert!(!s.content_notes.is_empty(), "{} has no content notes", s.id);
            let varied = s.beats.values().filter(|b| b.say.len() >= 2).count();
            assert!(
                varied * 2 >= s.beats.len(),
                "{}: most partner lines need 2+ variants",
                s.id
            );
        }
    }
}

#[test]
fn the_copy_built_into_the_binary_loads_without_the_source_tree() {
    use rehearse::content::ContentRoot;
    let scorer = rehearse::score::load_scorer(&ContentRoot::Bundled).expect("bundled scripts load");
    let library = rehearse::scenario::Library::load(&ContentRoot::Bundled, &scorer).expect("bundled scenarios");
    assert!(library.broken.is_empty(), "{:#?}", library.broken);
    assert!(library.scenarios.len() >= 12);
    assert!(library.scenarios.iter().all(|s| s.source.starts_with("scenarios/")));
}

/// `rehearse train` learns a phrase model from labelled JSON Lines: the same
/// files give the same file, and a file without the skill's labels is refused.
#[test]
fn train_writes_the_same_model_from_the_same_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("tiny.jsonl");
    let lines = [
        (r#"you never listen to me"#, true),
        (r#"you never help with the bins"#, true),
        (r#"why do you never call back"#, true),
        (r#"thank you for listening"#, false),
        (r#"could you help with the bins"#, false),
        (r#"I love it when you call"#, false),
    ];
    let text: String = lines
        .iter()
        .map(|(t, b)| format!("{{\"text\": \"{t}\", \"blame\": {b}}}\n"))
        .collect();
    std::fs::write(&corpus, text).unwrap();
    let model = dir.path().join("blame.tsv");
    let args = [
        "train",
        "blame",
        corpus.to_str().unwrap(),
        "-o",
        model.to_str().unwrap(),
    ];
    let first = common::rehearse(&args, b"");
    assert_eq!(first.status.code(), Some(0), "{}", common::text(&first.stderr));
    let once = std::fs::read_to_string(&model).unwrap();
    assert!(once.contains("(bias)") && once.contains("\tyou never\n"), "{once}");
    assert!(once.contains("tiny.jsonl (6 replies, 3 labelled true)"), "{once}");
    let second = common::rehearse(&["train", "blame", corpus.to_str().unwrap()], b"");
    assert_eq!(common::text(&second.stdout), once, "training is deterministic");

    let unlabelled = common::rehearse(&["train", "apology", corpus.to_str().unwrap()], b"");
    assert!(!unlabelled.status.success());
    assert!(common::text(&unlabelled.stderr).contains("no replies labelled `apology`"));
}
