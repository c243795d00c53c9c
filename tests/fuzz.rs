//! Fuzzing on arbitrary input, for a fixed budget: the scenario loader, the
//! condition language, the journal reader and the scorer host must never panic,
//! hang or give a score outside 0..1, whatever bytes they are given.
//!
//! A small mutation fuzzer, deterministic by seed, rather than `cargo fuzz`: the
//! machine has only a stable toolchain (cargo-fuzz needs nightly), and a seeded
//! run replays exactly in CI. Inputs start from real files (the bundled scenarios,
//! the fixture journals, real replies) and are mutated: bytes flipped, slices
//! duplicated, removed or spliced from elsewhere, YAML/JSON/regex-shaped tokens
//! inserted. Each target runs `REHEARSE_FUZZ_CASES` inputs (default 300 in
//! `cargo test`); docs/reliability.md gives the figures of a longer run. A failure
//! prints the seed and the input, so it can be kept as a regression test below.

mod common;

use common::{bundled_scorer, fixture, journal_fixture};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rehearse::content::SourceFile;
use rehearse::scenario::expr::{Expr, Want};
use rehearse::scenario::load_scenario;
use rehearse::score::Scorer;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

fn cases() -> usize {
    std::env::var("REHEARSE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

/// Tokens that steer mutations into the interesting corners of each format.
const TOKENS: &[&str] = &[
    ":",
    "- ",
    "  ",
    "\n",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!binary ",
    "|",
    ">",
    "'",
    "\"",
    "#",
    "---",
    "...",
    "\t",
    "\u{feff}",
    "\u{202e}",
    "\u{1b}[2J",
    "\\e",
    "\\u0000",
    "NaN",
    ".inf",
    "-1",
    "1e309",
    "0x7f",
    "null",
    "true",
    "~",
    "when: ",
    "goto: ",
    "set: ",
    "say: ",
    "debrief:",
    "- when: ",
    "text: ",
    "try: ",
    "turn",
    "quiet_turns",
    "best_blame",
    "tension",
    "/",
    "(",
    ")",
    "&&",
    "||",
    "!",
    ">=",
    "==",
    "(?i)",
    "\\b",
    ".*",
    "{\"",
    "\":",
    ",",
    "0.44999999999999996",
    "\u{0}",
    "é",
    "💔",
    "I feel",
    "you never",
    "sorry",
];

/// One mutation of `input`, drawing extra material from `corpus`.
fn mutate(rng: &mut ChaCha8Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..rng.random_range(1..8) {
        let len = out.len();
        match rng.random_range(0..7) {
            0 if len > 0 => {
                let i = rng.random_range(0..len);
                out[i] ^= 1 << rng.random_range(0..8);
            }
            1 if len > 0 => {
                let i = rng.random_range(0..len);
                let j = (i + rng.random_range(0..64)).min(len);
                out.drain(i..j);
            }
            2 if len > 0 => {
                let i = rng.random_range(0..len);
                let j = (i + rng.random_range(0..256)).min(len);
                let slice = out[i..j].to_vec();
                let at = rng.random_range(0..=len);
                for _ in 0..rng.random_range(1..4) {
                    out.splice(at..at, slice.iter().copied());
                }
            }
            3 => {
                let token = TOKENS[rng.random_range(0..TOKENS.len())].as_bytes();
                let at = rng.random_range(0..=len);
                out.splice(at..at, token.iter().copied());
            }
            4 if !corpus.is_empty() => {
                let other = &corpus[rng.random_range(0..corpus.len())];
                if !other.is_empty() {
                    let i = rng.random_range(0..other.len());
                    let j = (i + rng.random_range(0..512)).min(other.len());
                    let at = rng.random_range(0..=len);
                    out.splice(at..at, other[i..j].iter().copied());
                }
            }
            5 if len > 0 => out.truncate(rng.random_range(0..len)),
            _ => {
                let at = rng.random_range(0..=len);
                let junk: Vec<u8> = (0..rng.random_range(1..16)).map(|_| rng.random()).collect();
                out.splice(at..at, junk);
            }
        }
    }
    out
}

/// Runs `target` on `cases()` mutated inputs; a panic fails with the seed and input.
fn fuzz(name: &str, seeds: &[Vec<u8>], target: impl Fn(&[u8])) {
    let mut rng = ChaCha8Rng::seed_from_u64(0x5eed_0000 + name.len() as u64);
    for case in 0..cases() {
        let base = &seeds[case % seeds.len()];
        let input = mutate(&mut rng, base, seeds);
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            panic!(
                "{name}: case {case} panicked on input {:?}",
                String::from_utf8_lossy(&input)
            );
        }
    }
}

fn files_in(dir: &Path, ext: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("folder").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == ext) {
                out.push(std::fs::read(&p).expect("read"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_scenario_loader_never_panics() {
    let scorer = bundled_scorer();
    let mut seeds = files_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"), "yaml");
    seeds.extend(files_in(&fixture("broken"), "yaml"));
    fuzz("loader", &seeds, |bytes| {
        let file = SourceFile {
            display_path: "fuzz.yaml".to_string(),
            bytes: bytes.to_vec(),
            unreadable: None,
        };
        // Either a scenario or located problems; never a panic.
        if let Err(problems) = load_scenario(&file, &scorer, &[]) {
            assert!(!problems.is_empty());
            for p in problems {
                assert!(p.path == "fuzz.yaml");
            }
        }
    });
}

#[test]
fn the_condition_language_never_panics() {
    let names = ["blame", "tension", "turn", "quiet_turns", "best_blame", "limit_stated"];
    let bindings: Vec<(&str, f64)> = names.iter().map(|n| (*n, 1.0)).collect();
    let seeds: Vec<Vec<u8>> = [
        "blame >= 0.5 && tension > 6",
        "(tension - tension) / (turn - turn)",
        "!(quiet_turns >= 3) || best_blame < 0.5",
        "tension + 2",
        "limit_stated == 1",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    let rng = std::cell::RefCell::new(ChaCha8Rng::seed_from_u64(7));
    fuzz("conditions", &seeds, |bytes| {
        let source = String::from_utf8_lossy(bytes);
        for want in [Want::Condition, Want::Number] {
            if let Ok(expr) = Expr::compile(&source, &bindings, want, &names) {
                let values: Vec<(&str, f64)> = names
                    .iter()
                    .map(|n| {
                        (
                            *n,
                            [0.0, -1.0, 1e308, f64::NAN, 7.5][rng.borrow_mut().random_range(0..5)],
                        )
                    })
                    .collect();
                let _ = expr.test(&values);
                let _ = expr.number(&values);
            }
        }
    });
}

#[test]
fn the_journal_reader_never_panics() {
    let seeds = files_in(&journal_fixture("home/sessions"), "jsonl");
    assert!(!seeds.is_empty());
    fuzz("journal", &seeds, |bytes| {
        let _ = rehearse::journal::reader::parse(bytes, Path::new("fuzz.jsonl"));
    });
}

#[test]
fn the_scorer_host_never_panics_and_stays_in_range() {
    let scorer = bundled_scorer();
    let seeds: Vec<Vec<u8>> = [
        "i feel like you never listen when i get home, and i need you to put the phone down",
        "I'm sorry I hung up on you, Dad. That wasn't fair, and I'll call tomorrow.",
        "whatever. fine.",
        "I can see why you'd be upset. My answer is still no, but I can drive you on Tuesday.",
        "lol ok 😂😂 ur unbelievable",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    let budget = (cases() / 3).max(20);
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for case in 0..budget {
        let input = mutate(&mut rng, &seeds[case % seeds.len()], &seeds);
        let text = rehearse::session::clean_reply(&String::from_utf8_lossy(&input));
        let report = catch_unwind(AssertUnwindSafe(|| scorer.score(&text)))
            .unwrap_or_else(|_| panic!("scorer: case {case} panicked on {text:?}"));
        for (name, score) in &report.scores {
            assert!((0.0..=1.0).contains(score), "{name} = {score} on {text:?}");
        }
        for m in &report.matches {
            assert!(m.start <= m.end && m.end <= text.len(), "{m:?} on {text:?}");
        }
    }
}
