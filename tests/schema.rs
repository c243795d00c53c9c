//! The JSON Schema editors use (issue 11, item 3) matches what the loader
//! accepts: every bundled scenario and every `rehearse new` template passes it,
//! the mistakes authors make fail it, and `docs/scenario.schema.json` is
//! exactly what `rehearse schema` prints.

mod common;

use common::{fixture, rehearse, snapshot_settings};
use rehearse::scenario::scaffold::scaffold;
use rehearse::scenario::schema::{scenario_schema, schema_text};
use rehearse::scenario::Category;
use std::path::{Path, PathBuf};

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&scenario_schema()).expect("the schema is valid draft-07")
}

/// The YAML text as the JSON value an editor's language server checks.
fn as_json(yaml: &str) -> serde_json::Value {
    serde_yaml::from_str(yaml).expect("the YAML parses")
}

/// Every problem the schema finds, as `path: message` lines.
fn schema_errors(yaml: &str) -> Vec<String> {
    let value = as_json(yaml);
    validator()
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn bundled_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files = Vec::new();
    for family in std::fs::read_dir(&root).expect("scenarios/") {
        let family = family.expect("entry").path();
        if !family.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&family).expect("family folder") {
            let file = file.expect("entry").path();
            if file.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(file);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_checked_in_schema_is_what_rehearse_schema_prints() {
    let out = rehearse(&["schema"], b"");
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).expect("UTF-8");
    let checked_in = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scenario.schema.json"))
        .expect("docs/scenario.schema.json");
    assert_eq!(
        printed, checked_in,
        "docs/scenario.schema.json is out of date: run `cargo run -- schema > docs/scenario.schema.json`"
    );
    assert_eq!(printed, schema_text());
    // yaml-language-server supports draft-07 and older.
    assert!(printed.contains("\"$schema\": \"http://json-schema.org/draft-07/schema#\""));
}

#[test]
fn every_bundled_scenario_passes_the_schema_and_points_at_it() {
    let files = bundled_files();
    assert!(files.len() >= 12, "{files:?}");
    for file in files {
        let yaml = std::fs::read_to_string(&file).expect("readable");
        let errors = schema_errors(&yaml);
        assert!(errors.is_empty(), "{}:\n{}", file.display(), errors.join("\n"));
        assert_eq!(
            yaml.lines().next(),
            Some("# yaml-language-server: $schema=../../docs/scenario.schema.json"),
            "{}",
            file.display()
        );
        let schema = file
            .parent()
            .expect("family folder")
            .join("../../docs/scenario.schema.json");
        assert!(schema.is_file(), "{} points at a missing schema", file.display());
    }
}

#[test]
fn every_new_template_and_the_fixture_scenarios_pass_the_schema() {
    for category in Category::ALL {
        let yaml = scaffold("late-again", category);
        let errors = schema_errors(&yaml);
        assert!(errors.is_empty(), "{category:?}:\n{}", errors.join("\n"));
    }
    let mini = std::fs::read_to_string(fixture("scenarios/mini.yaml")).expect("mini.yaml");
    assert_eq!(schema_errors(&mini), Vec::<String>::new());
}

/// (what is wrong, the change to mini.yaml, where the schema must say it is)
const MISTAKES: &[(&str, &str, &str, &str)] = &[
    (
        "a misspelt key",
        "    coach: Try an I-statement.",
        "    coch: Try an I-statement.",
        "/beats/opening",
    ),
    (
        "an unknown family",
        "category: conflict",
        "category: conflicts",
        "/category",
    ),
    (
        "difficulty out of range",
        "difficulty: 1",
        "difficulty: 7",
        "/difficulty",
    ),
    (
        "a dial that is not whole",
        "state: { tension: 5, trust: 5 }",
        "state: { tension: 5, trust: 6.5 }",
        "/state/trust",
    ),
    (
        "a dial above 10",
        "state: { tension: 5, trust: 5 }",
        "state: { tension: 12, trust: 5 }",
        "/state/tension",
    ),
    (
        "an unknown ending kind",
        "kind: good",
        "kind: happy",
        "/endings/ok_end/kind",
    ),
    (
        "a pasted comparison symbol",
        "when: i_statement >= 0.5",
        "when: i_statement ≥ 0.5",
        "/beats/opening/on_reply/1/when",
    ),
    (
        "a rule without goto",
        "        goto: listening\n",
        "",
        "/beats/opening/on_reply/1",
    ),
    (
        "a beat without rules",
        "    on_reply:\n      - when: blame >= 0.5\n        goto: defensive\n      - goto: ok_end\n",
        "",
        "/beats/listening",
    ),
    ("a missing title", "title: A small test scenario\n", "", ""),
    ("a bad id", "id: mini", "id: Mini Scenario", "/id"),
];

#[test]
fn the_mistakes_authors_make_fail_the_schema_where_they_are() {
    let mini = std::fs::read_to_string(fixture("scenarios/mini.yaml")).expect("mini.yaml");
    for (what, from, to, at) in MISTAKES {
        assert!(mini.contains(from), "{what}: mini.yaml has no `{from}`");
        let yaml = mini.replacen(from, to, 1);
        let errors = schema_errors(&yaml);
        assert!(
            errors.iter().any(|e| e.starts_with(&format!("{at}:"))),
            "{what}: no error at `{at}`: {errors:#?}"
        );
    }
}

#[test]
fn a_test_needs_exactly_one_of_ends_and_reaches() {
    let mini = std::fs::read_to_string(fixture("scenarios/mini.yaml")).expect("mini.yaml");
    let neither = mini.replacen("    reaches: opening\n", "", 1);
    assert!(!schema_errors(&neither).is_empty(), "a test with neither passed");
    let both = mini.replacen("    reaches: opening\n", "    reaches: opening\n    ends: ok_end\n", 1);
    assert!(!schema_errors(&both).is_empty(), "a test with both passed");
}

#[test]
fn the_schema_describes_every_key_for_hover_help() {
    snapshot_settings().bind(|| insta::assert_snapshot!("scenario_schema", schema_text()));
    // Every property an author can write has a description to show on hover.
    fn walk(value: &serde_json::Value, at: &str, missing: &mut Vec<String>) {
        if let Some(properties) = value.get("properties").and_then(|p| p.as_object()) {
            for (key, schema) in properties {
                if schema.get("description").is_none() {
                    missing.push(format!("{at}/{key}"));
                }
                walk(schema, &format!("{at}/{key}"), missing);
            }
        }
        for nested in ["definitions", "items", "additionalProperties"] {
            match value.get(nested) {
                Some(serde_json::Value::Object(map)) if nested == "definitions" => {
                    for (name, schema) in map {
                        walk(schema, &format!("{at}#{name}"), missing);
                    }
                }
                Some(schema) => walk(schema, at, missing),
                None => {}
            }
        }
        if let Some(options) = value.get("oneOf").and_then(|o| o.as_array()) {
            for option in options {
                walk(option, at, missing);
            }
        }
    }
    let mut missing = Vec::new();
    walk(&scenario_schema(), "", &mut missing);
    assert!(missing.is_empty(), "no description: {missing:?}");
}

#[test]
fn new_writes_the_schema_its_first_line_points_at() {
    let home = tempfile::tempdir().expect("temp dir");
    let library = tempfile::tempdir().expect("temp dir");
    let lib = library.path().to_str().expect("UTF-8 path");
    let out = common::rehearse_in(
        home.path(),
        &["--scenarios", lib, "new", "late-again", "--family", "boundary"],
        b"",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let scenario = library.path().join("boundary/late-again.yaml");
    let text = std::fs::read_to_string(&scenario).expect("written");
    let first = text.lines().next().expect("a first line");
    let target = first
        .strip_prefix("# yaml-language-server: $schema=")
        .expect("the first line points editors at the schema");
    let schema = scenario.parent().expect("folder").join(target);
    assert_eq!(
        std::fs::read_to_string(&schema).expect("the schema is there"),
        schema_text()
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("scenario.schema.json too"));

    // A second scenario in the same library finds the schema already there.
    let out = common::rehearse_in(
        home.path(),
        &["--scenarios", lib, "new", "late-again-2", "--family", "repair"],
        b"",
    );
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("scenario.schema.json too"));

    // Written anywhere with --output: the schema goes beside it.
    let drafts = tempfile::tempdir().expect("temp dir");
    let file = drafts.path().join("draft.yaml");
    let out = common::rehearse_in(
        home.path(),
        &[
            "new",
            "draft",
            "--family",
            "conflict",
            "--output",
            file.to_str().expect("UTF-8"),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(text.starts_with("# yaml-language-server: $schema=scenario.schema.json\n"));
    assert!(drafts.path().join("scenario.schema.json").is_file());
}
