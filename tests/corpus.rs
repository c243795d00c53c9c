//! The scorers measured on our labelled corpus (tests/corpus/): F1 per skill must
//! stay above a floor, and false blame on replies that do not blame under 5%.
//!
//! - `dev.jsonl` and `heldout.jsonl` were used to tune the scripts; their floors
//!   guard against regressions, and a failure lists the misses to work on.
//! - `dev_blame.jsonl` (blame only) was written to widen blame and tuned on; the
//!   files in `train/` train the blame phrase model (scripts/models/blame.tsv).
//! - `final.jsonl` and `blind2.jsonl` were written blind and never used for tuning
//!   or training: they are the honest measure. Their floors are set from the
//!   measured numbers (see docs/scoring.md); a failure prints only the table, so
//!   running the tests does not leak them.

mod common;

use rehearse::score::eval::{evaluate, evaluate_on, parse_corpus, Evaluation};
use rehearse::score::phrase_model::PhraseModel;
use rehearse::score::Scorer;

/// The product target: under 5% false blame on replies that do not blame.
const MAX_FALSE_BLAME: f64 = 0.05;

/// On the blind files false blame was measured at 3.0% (final.jsonl) and 3.9%
/// (blind2.jsonl) after round 5 (4.2% and 5.1% in round 3, before the phrase model
/// was held to breaking ties), so they are held to a ceiling a little above that.
const BLIND_MAX_FALSE_BLAME: f64 = 0.045;

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
/// Measured after round 4 (docs/scoring.md lists every look).
const BLIND_FLOORS: [(&str, f64); 5] = [
    // Measured 0.874 (P 0.912, R 0.838), 3.0% false blame; 0.905 and 4.2% in round 3.
    ("blame", 0.85),
    // Measured 0.917.
    ("i_statement", 0.89),
    // Measured 0.885 (0.963 in round 3: recall 0.929 → 0.821, see docs/scoring.md).
    ("apology", 0.86),
    // Measured 0.919.
    ("validation", 0.89),
    // Measured 0.836 (0.893 in round 3).
    ("boundary", 0.81),
];

/// Floors for the second blind file (written later, by another writer, also never
/// opened by the scorer authors): the measured F1 less a small margin.
const BLIND2_FLOORS: [(&str, f64); 5] = [
    // Measured 0.854 (P 0.880, R 0.830), 3.9% false blame; 0.884 and 5.1% in round 3.
    ("blame", 0.83),
    // Measured 0.927.
    ("i_statement", 0.90),
    // Measured 0.870 (0.901 in round 3).
    ("apology", 0.85),
    // Measured 0.902.
    ("validation", 0.88),
    // Measured 0.824.
    ("boundary", 0.80),
];

/// Replies a corpus file must hold to be measured: a floor on fewer says little.
const MIN_REPLIES: usize = 200;

fn measure(file: &str) -> Evaluation {
    measure_at_least(file, MIN_REPLIES)
}

/// [`measure`] for a file that may be smaller: a set of near-misses, kept
/// for the rows themselves rather than as a sample.
fn measure_at_least(file: &str, min_replies: usize) -> Evaluation {
    let scorer = common::bundled_scorer();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let examples = parse_corpus(&text, scorer.names()).unwrap();
    assert!(examples.len() >= min_replies, "{file} has {} replies", examples.len());
    evaluate(&scorer, &examples)
}

fn check(file: &str, floors: &[(&str, f64)], show_misses: bool) {
    let max_false_blame = if show_misses {
        MAX_FALSE_BLAME
    } else {
        BLIND_MAX_FALSE_BLAME
    };
    check_with(file, floors, show_misses, max_false_blame);
}

fn check_with(file: &str, floors: &[(&str, f64)], show_misses: bool, max_false_blame: f64) {
    check_measured(file, measure(file), floors, show_misses, max_false_blame);
}

fn check_measured(file: &str, result: Evaluation, floors: &[(&str, f64)], show_misses: bool, max_false_blame: f64) {
    println!("{file}\n{}", result.table());
    assert_every_row_scored(file, &result);
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
    if blame.false_positive_rate() >= max_false_blame {
        problems.push(format!(
            "false blame {:.1}% ≥ {:.1}%",
            100.0 * blame.false_positive_rate(),
            100.0 * max_false_blame
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

/// Blame-only files (the dev set written to widen blame, and the training files):
/// tuned on, so held to the product target.
#[test]
fn blame_dev_corpus_meets_the_target() {
    check("dev_blame.jsonl", &[("blame", 0.90)], true);
}

/// Blame near-misses written in round 21b (docs/scoring.md): 21 blaming wordings
/// from the shapes that were reverted for want of a held-out gain, and 28 that
/// must stay clean (the same words said kindly, about oneself, about a thing,
/// quoted, denied). Tuned on, so it guards what is there: measured F1 0.606 and
/// 7.1% false blame (two clean rows still misread: "sure you can have the last
/// water if i get two firewood", "feelings you've never had before").
#[test]
fn blame_near_misses_stay_where_they_are() {
    let file = "blame_nearmiss.jsonl";
    check_measured(file, measure_at_least(file, 40), &[("blame", 0.55)], true, 0.10);
}

#[test]
fn second_blind_corpus_stays_above_its_floors() {
    check("blind2.jsonl", &BLIND2_FLOORS, false);
}

/// Real speech (tests/corpus/real/, see its ATTRIBUTION.md): people's own words
/// from public conversation datasets and replies typed under stress, labelled by
/// us. False blame on what real people say is the error users forgive least: the
/// product's ceiling is 3%.
const REAL_MAX_FALSE_BLAME: f64 = 0.03;

/// The real-speech blind half was measured at 3.1% false blame (23.1% before round
/// 4): just over the 3% target, so it is held to a ceiling just above the measure
/// and the miss stays visible in docs/scoring.md.
const REAL_BLIND_MAX_FALSE_BLAME: f64 = 0.035;

/// Floors for the real-speech dev half (tuned on, and the blame model is trained
/// on it): the measured F1 less a margin.
const REAL_DEV_FLOORS: [(&str, f64); 6] = [
    // Measured 0.811 (P 0.859, R 0.767), 1.1% false blame.
    ("blame", 0.78),
    // Measured 0.722.
    ("validation", 0.70),
    // Measured 0.849.
    ("apology_started", 0.82),
    // Measured 0.800.
    ("boundary", 0.77),
    // Measured 0.955 (64 replies).
    ("i_statement", 0.92),
    // Measured 0.931 (60 replies).
    ("apology", 0.89),
];

/// Floors for the real-speech blind half (never tuned or trained on): the
/// measured F1 less a margin. All but i_statement are below the targets
/// (blame 0.85, the others 0.80); docs/scoring.md has the table.
const REAL_BLIND_FLOORS: [(&str, f64); 6] = [
    // Measured 0.514 (P 0.540, R 0.490); 0.251 before round 4.
    ("blame", 0.48),
    // Measured 0.612; 0.415 before.
    ("validation", 0.58),
    // Measured 0.684; 0.543 before.
    ("apology_started", 0.65),
    // Measured 0.667; 0.420 before.
    ("boundary", 0.63),
    // Measured 0.821 (21 replies); 0.722 before.
    ("i_statement", 0.78),
    // Measured 0.538 (15 replies); 0.429 before.
    ("apology", 0.50),
];

#[test]
fn real_speech_dev_stays_above_its_floors() {
    check_with("real/dev.jsonl", &REAL_DEV_FLOORS, true, REAL_MAX_FALSE_BLAME);
}

#[test]
fn real_speech_blind_stays_above_its_floors() {
    check_with(
        "real/blind.jsonl",
        &REAL_BLIND_FLOORS,
        false,
        REAL_BLIND_MAX_FALSE_BLAME,
    );
}

/// The second real-speech blind file (fresh draw 7, tests/corpus/real/ATTRIBUTION.md):
/// 452 utterances held back from round 12, which tuned on the other 674 of the
/// same draw. Measured at 4.5% false blame after round 12 (4.2% before it), over the
/// 3% target: held to a ceiling just above the measure so the miss stays visible.
const REAL_BLIND7_MAX_FALSE_BLAME: f64 = 0.05;

/// Floors for the second real-speech blind file: the measured F1 less a margin.
/// Too few I-statements (1) and complete apologies (4) to hold a floor.
const REAL_BLIND7_FLOORS: [(&str, f64); 5] = [
    // Measured 0.472 (P 0.538, R 0.420); 0.477 before round 12.
    ("blame", 0.44),
    // Measured 0.609 (26 replies); 0.609 before.
    ("validation", 0.57),
    // Measured 0.706 (9 replies); 0.625 before.
    ("apology_started", 0.60),
    // Measured 0.720 (11 replies); 0.667 before.
    ("boundary", 0.62),
    // Measured 0.566 (34 replies); 0.520 before.
    ("repair", 0.53),
];

#[test]
fn real_speech_second_blind_stays_above_its_floors() {
    check_with(
        "real/blind7.jsonl",
        &REAL_BLIND7_FLOORS,
        false,
        REAL_BLIND7_MAX_FALSE_BLAME,
    );
}

/// The files named in a model's header, under "Trained on:".
fn training_files(model: &str) -> Vec<String> {
    model
        .lines()
        .skip_while(|l| !l.starts_with("# Trained on:"))
        .skip(1)
        .take_while(|l| l.starts_with("#   "))
        .filter_map(|l| l.trim_start_matches("#   ").split(" (").next().map(str::to_string))
        .collect()
}

/// The bundled model is what `rehearse train` makes of the corpus as committed, so
/// a corpus edit without a retrain (or a hand-edited model) fails here.
#[test]
fn the_blame_model_is_trained_on_the_committed_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed = std::fs::read_to_string(root.join("scripts/models/blame.tsv")).expect("the blame model");
    let files = training_files(&committed);
    assert!(files.len() >= 3, "the header lists the training files: {files:?}");
    for blind in ["final.jsonl", "blind2.jsonl", "real/blind.jsonl", "real/blind7.jsonl"] {
        assert!(
            files.iter().all(|f| !f.ends_with(blind)),
            "{blind} is the honest measure and must never be trained on"
        );
    }
    // Replies that also appear in a blind file are left out of training.
    let excluded: Vec<String> = committed
        .lines()
        .find_map(|l| l.split_once("replies that also appear in: "))
        .map(|(_, list)| list.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    for blind in [
        "tests/corpus/final.jsonl",
        "tests/corpus/blind2.jsonl",
        "tests/corpus/real/blind.jsonl",
        "tests/corpus/real/blind7.jsonl",
    ] {
        assert!(
            excluded.iter().any(|e| e == blind),
            "train with --exclude {blind}, so no blind reply is learned from: {excluded:?}"
        );
    }
    let mut args = vec!["train", "blame"];
    args.extend(files.iter().map(String::as_str));
    for file in &excluded {
        args.extend(["--exclude", file.as_str()]);
    }
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(&args)
        .current_dir(root)
        .output()
        .expect("rehearse train runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let retrained = String::from_utf8(output.stdout).expect("UTF-8");
    let old = PhraseModel::parse(&committed).expect("the committed model parses");
    let new = PhraseModel::parse(&retrained).expect("the retrained model parses");
    let phrases: std::collections::BTreeSet<&String> = old.weights.keys().chain(new.weights.keys()).collect();
    let mut drifted: Vec<String> = phrases
        .into_iter()
        .filter(|p| (old.weights.get(*p).unwrap_or(&0.0) - new.weights.get(*p).unwrap_or(&0.0)).abs() > 0.002)
        .take(10)
        .map(|p| format!("{p}: {:?} → {:?}", old.weights.get(p), new.weights.get(p)))
        .collect();
    if (old.bias - new.bias).abs() > 0.002 {
        drifted.push(format!("(bias): {} → {}", old.bias, new.bias));
    }
    assert!(
        drifted.is_empty(),
        "scripts/models/blame.tsv is out of date; run `rehearse {} -o scripts/models/blame.tsv`\n{}",
        args.join(" "),
        drifted.join("\n")
    );
}

/// A labelled row the scorers cannot score (a script error, or a reply over the
/// length limit) is left out of `eval`'s counts, so a script that fails on some
/// wordings made its own misses vanish: round 25a's chained `replace` failed on
/// one play-test row and no figure showed it. Every measured file is held to this
/// in [`check_measured`]; the files no floor measures are held to it here. Only
/// the line and the error are printed, never the text, so a blind row stays unread.
fn assert_every_row_scored(file: &str, result: &Evaluation) {
    assert!(
        result.unscored.is_empty(),
        "{file}: {} labelled row(s) could not be scored (lines {:?}); the first error: {}. \
         Run `rehearse score --json` on that line's text to see the script error, and fix the script.",
        result.unscored.len(),
        result.unscored,
        result.first_error.as_deref().unwrap_or("(none)")
    );
}

/// Corpus files some floor above already measures (and so checks row by row).
const MEASURED_FILES: [&str; 9] = [
    "dev.jsonl",
    "heldout.jsonl",
    "final.jsonl",
    "dev_blame.jsonl",
    "blame_nearmiss.jsonl",
    "blind2.jsonl",
    "real/dev.jsonl",
    "real/blind.jsonl",
    "real/blind7.jsonl",
];

/// Every other labelled file under tests/corpus/ (play-test misses, training
/// files, blame-only draws), found by walking the folder so a new file is
/// covered the day it is added.
#[test]
fn every_labelled_row_in_every_corpus_file_can_be_scored() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("{}: {e}", folder.display())).path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "jsonl") {
                files.push(path);
            }
        }
    }
    files.sort();
    let scorer = common::bundled_scorer();
    let jobs = rehearse::parallel::default_jobs();
    let mut checked = 0;
    for path in files {
        let name = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if MEASURED_FILES.contains(&name.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let examples = parse_corpus(&text, scorer.names()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let result = evaluate_on(&scorer, &examples, jobs);
        assert_every_row_scored(&name, &result);
        checked += result.examples;
    }
    assert!(checked > 10_000, "only {checked} rows found under tests/corpus/");
}
