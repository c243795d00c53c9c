//! The scorers measured on our labelled corpus (tests/corpus/): F1 per skill must
//! stay above a floor, and false blame on replies that do not blame under 5%.
//!
//! - `dev.jsonl` and `heldout.jsonl` were used to tune the scripts; their floors
//!   guard against regressions, and a failure lists the misses to work on.
//! - `final.jsonl` was written blind and never used for tuning: it is the honest
//!   measure. Its floors are set from the measured numbers (see docs/scoring.md);
//!   a failure prints only the table, so running the tests does not leak it.

mod common;

use rehearse::score::eval::{evaluate, parse_corpus, Evaluation};
use rehearse::score::Scorer;

const MAX_FALSE_BLAME: f64 = 0.05;

/// Floors for the files used in tuning: the product targets.
const TUNED_FLOORS: [(&str, f64); 5] = [
    ("blame", 0.90),
    ("i_statement", 0.85),
    ("apology", 0.80),
    ("validation", 0.80),
    ("boundary", 0.80),
];

/// Floors for the blind file: the measured F1 less a small margin, so a real
/// regression fails and an honest miss of a target stays visible in the docs.
const BLIND_FLOORS: [(&str, f64); 5] = [
    // Measured 0.823 (P 0.947, R 0.727): below the 0.90 target; see docs/scoring.md.
    ("blame", 0.80),
    // Measured 0.886.
    ("i_statement", 0.85),
    // Measured 0.963.
    ("apology", 0.90),
    // Measured 0.917.
    ("validation", 0.88),
    // Measured 0.893.
    ("boundary", 0.85),
];

fn measure(file: &str) -> Evaluation {
    let scorer = common::bundled_scorer();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let examples = parse_corpus(&text, scorer.names()).unwrap();
    assert!(examples.len() >= 200, "{file} has {} replies", examples.len());
    evaluate(&scorer, &examples)
}

fn check(file: &str, floors: &[(&str, f64)], show_misses: bool) {
    let result = measure(file);
    println!("{file}\n{}", result.table());
    let mut problems = Vec::new();
    for &(skill, floor) in floors {
        let c = result
            .skills
            .get(skill)
            .unwrap_or_else(|| panic!("{file} has no `{skill}` labels"));
        if c.f1() < floor {
            problems.push(format!("{skill}: F1 {:.3} < {floor}", c.f1()));
        }
    }
    let blame = result.skills["blame"];
    if blame.false_positive_rate() >= MAX_FALSE_BLAME {
        problems.push(format!(
            "false blame {:.1}% ≥ {:.0}%",
            100.0 * blame.false_positive_rate(),
            100.0 * MAX_FALSE_BLAME
        ));
    }
    if problems.is_empty() {
        return;
    }
    let misses = if show_misses {
        result
            .misses
            .iter()
            .map(|m| {
                format!(
                    "  line {} {} expected {} got {:.2}: {}",
                    m.line, m.skill, m.expected, m.score, m.text
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        "(misses of the blind set are not printed; it must not be tuned on)".to_string()
    };
    panic!("{file}: {}\n{}\n{misses}", problems.join("; "), result.table());
}

#[test]
fn dev_corpus_meets_the_targets() {
    check("dev.jsonl", &TUNED_FLOORS, true);
}

#[test]
fn heldout_corpus_meets_the_targets() {
    check("heldout.jsonl", &TUNED_FLOORS, true);
}

#[test]
fn blind_corpus_stays_above_its_floors() {
    check("final.jsonl", &BLIND_FLOORS, false);
}
