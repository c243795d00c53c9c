//! Every bundled scenario's test conversations as reviewed snapshots: a change to
//! a partner line or a scoring rule shows up here as a readable diff.
//! New scenario files get snapshots without new test code (`glob!`).

mod common;

use rehearse::scenario::Library;
use rehearse::session::Session;
use rehearse::testing::{run_test, transcript, Coverage};

fn slug(name: &str) -> String {
    let mut slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while slug.contains("--") {
        slug = slug.replace("--", "-");
    }
    slug.trim_matches('-').to_string()
}

#[test]
fn every_scenario_test_dialogue_matches_its_snapshot() {
    let scorer = common::bundled_scorer();
    insta::glob!("../scenarios", "**/*.yaml", |path| {
        let library = Library::load_paths(&[path.to_path_buf()], &scorer).unwrap();
        assert!(library.broken.is_empty(), "{:#?}", library.broken);
        let scenario = &library.scenarios[0];
        for (i, test) in scenario.tests.iter().enumerate() {
            let mut session = Session::start_at(scenario, &scorer, test.seed, test.start.clone()).unwrap();
            for reply in &test.replies {
                if session.reply(reply).is_err() {
                    break;
                }
            }
            let name = format!("dialogue__{}__{:02}-{}", scenario.id, i + 1, slug(&test.name));
            insta::with_settings!({
                snapshot_path => "../snapshots",
                prepend_module_to_snapshot => false,
                snapshot_suffix => "",
                input_file => path,
                description => format!("{} — test {}: {}", scenario.source, i + 1, test.name),
            }, {
                insta::assert_snapshot!(name, transcript::review(&session));
            });
        }
    });
}

#[test]
fn every_bundled_scenario_passes_its_own_tests_with_full_branch_coverage() {
    let scorer = common::bundled_scorer();
    let library = common::bundled_library(&scorer);
    assert!(library.broken.is_empty(), "{:#?}", library.broken);
    let mut problems = Vec::new();
    for scenario in &library.scenarios {
        let results: Vec<_> = scenario.tests.iter().map(|t| run_test(scenario, &scorer, t)).collect();
        for r in results.iter().filter(|r| !r.passed()) {
            problems.push(format!(
                "{} / {}: {}\n    {}",
                scenario.id,
                r.name,
                r.failures.join("; "),
                r.trace.join("\n    ")
            ));
        }
        let coverage = Coverage::of(scenario, &results);
        if !coverage.meets_bar() {
            problems.push(format!(
                "{}: coverage {} — missed rules {:?}, endings {:?}",
                scenario.id,
                coverage.headline(),
                coverage.missed_rules,
                coverage.missed_endings
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
