//! What a command pays before it can show anything: loading the scorer scripts,
//! trying every script once (what `check` does), and loading and checking a
//! scenario library: the bundled one, and a generated one of 1,000 scenarios
//! (what a large organisation's library might hold); and what piped `play ID`
//! reads (the one file that holds the scenario, with the scorer at hand or
//! only its score names, as since round 6), and, since round 8, the same on a
//! terminal: the scorer compiling on its own thread while that file is read.
//! The figures are in docs/performance.md.
//!
//! Compiled patterns are cached for the whole process, so "try every script"
//! measures a warm run after the first iteration; the whole-process timings in
//! docs/performance.md give the cold cost.

use criterion::{criterion_group, criterion_main, Criterion};
use rehearse::content::ContentRoot;
use rehearse::late_scorer::ScorerLoading;
use rehearse::scenario::load::SharedScorer;
use rehearse::scenario::Library;
use rehearse::score::{load_scorer, RhaiScorer, Scorer};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// Scenarios in the generated library.
const GENERATED: usize = 1_000;

fn folder(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn scorer() -> RhaiScorer {
    match load_scorer(&ContentRoot::Folder(folder("scripts"))) {
        Ok(s) => s,
        Err(problems) => panic!("the bundled scripts do not load: {problems:#?}"),
    }
}

/// Every `.yaml` file below `dir`, sorted.
fn scenario_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Writes `count` scenarios into `dir`: the bundled ones over and over, each
/// copy under an id of its own (`dishes-again-7`), so none is a duplicate, and
/// each round of copies in a folder of its own (`copy-7/`) beside the cue
/// scripts the scenarios name, as in the bundled library.
fn generate_library(dir: &Path, count: usize) {
    let bundled = scenario_files(&folder("scenarios"));
    assert!(!bundled.is_empty(), "no bundled scenarios to copy");
    for n in 0..count {
        let source = &bundled[n % bundled.len()];
        let copy = n / bundled.len();
        let into = dir.join(format!("copy-{copy}"));
        if n % bundled.len() == 0 {
            std::fs::create_dir_all(&into).expect("the temporary folder is writable");
            for script in cue_scripts() {
                let name = script.file_name().expect("a file name");
                std::fs::copy(&script, into.join(name)).expect("the temporary folder is writable");
            }
        }
        let text = std::fs::read_to_string(source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        let mut renamed = String::with_capacity(text.len() + 8);
        let mut done = false;
        for line in text.split_inclusive('\n') {
            match line.strip_prefix("id:") {
                Some(id) if !done => {
                    renamed.push_str(&format!("id: {}-{copy}\n", id.trim()));
                    done = true;
                }
                _ => renamed.push_str(line),
            }
        }
        assert!(done, "{} has no top-level `id:` line", source.display());
        let stem = source.file_stem().and_then(|s| s.to_str()).unwrap_or("scenario");
        std::fs::write(into.join(format!("{stem}-{copy}.yaml")), renamed).expect("the temporary folder is writable");
    }
}

/// The scenarios' own scripts (`cues:`): every `.rhai` file in a family folder.
fn cue_scripts() -> Vec<PathBuf> {
    let mut found = Vec::new();
    for family in std::fs::read_dir(folder("scenarios"))
        .expect("the bundled scenarios")
        .flatten()
    {
        if let Ok(entries) = std::fs::read_dir(family.path()) {
            found.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "rhai")),
            );
        }
    }
    found
}

fn loading_scorers(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(20);
    group.bench_function("scorer scripts, word lists and models", |b| {
        b.iter(|| black_box(scorer()))
    });
    let loaded = scorer();
    group.bench_function("try every script once (check, warm patterns)", |b| {
        b.iter(|| {
            let problems = loaded.try_every_script();
            assert!(problems.is_empty(), "{problems:#?}");
        })
    });
    group.finish();
}

/// Loads and checks the library in `root`, as `check` does; every file must be clean.
fn check(root: &ContentRoot, scorer: &RhaiScorer, expected: usize) -> Library {
    let library = match Library::load(root, scorer) {
        Ok(library) => library,
        Err(problem) => panic!("{problem}"),
    };
    assert_eq!(library.problems().count(), 0, "the library has problems");
    assert_eq!(library.scenarios.len(), expected, "scenarios loaded");
    library
}

fn checking_libraries(c: &mut Criterion) {
    let scorer = scorer();
    let bundled = ContentRoot::Folder(folder("scenarios"));
    let count = scenario_files(&folder("scenarios")).len();
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.bench_function(format!("the bundled library ({count} scenarios)"), |b| {
        b.iter(|| black_box(check(&bundled, &scorer, count)))
    });

    let dir = tempfile::tempdir().expect("a temporary folder");
    generate_library(dir.path(), GENERATED);
    let generated = ContentRoot::Folder(dir.path().to_path_buf());
    group.bench_function(format!("a generated library of {GENERATED} scenarios"), |b| {
        b.iter(|| black_box(check(&generated, &scorer, GENERATED)))
    });
    group.finish();
}

/// What piped `play ID` loads before the first partner line: only the file
/// that holds the scenario (round 5), beside the whole library it read before.
fn loading_to_play(c: &mut Criterion) {
    let scorer = scorer();
    let bundled = ContentRoot::Folder(folder("scenarios"));
    let mut group = c.benchmark_group("play");
    group.sample_size(20);
    group.bench_function("the file that holds dishes-again", |b| {
        b.iter(|| match Library::load_only(&bundled, &scorer, "dishes-again") {
            Ok(Some(one)) => black_box(one),
            Ok(None) => panic!("dishes-again was not read on its own"),
            Err(problem) => panic!("{problem}"),
        })
    });
    // Round 6: the first line no longer waits for the scorer, so the file is
    // checked against the score names alone and its cue scripts are set aside.
    let names = scorer.names().to_vec();
    group.bench_function("the file that holds dishes-again, against the score names only", |b| {
        b.iter(
            || match Library::load_only_with(&bundled, SharedScorer::Named(&names), "dishes-again") {
                Ok(Some(one)) => black_box(one),
                Ok(None) => panic!("dishes-again was not read on its own"),
                Err(problem) => panic!("{problem}"),
            },
        )
    });
    // Round 8: `play ID`, piped or on a terminal, until its opening can be
    // shown: the scripts folder read for the score names, their compiling
    // started on another thread, the one file read against the names. Only
    // that is timed; the compiling thread is waited for outside the timing.
    group.bench_function("to the opening, the scorer compiling beside", |b| {
        b.iter_custom(|iterations| {
            let mut until_opening = std::time::Duration::ZERO;
            for _ in 0..iterations {
                let started = std::time::Instant::now();
                let loading = match ScorerLoading::start(ContentRoot::Folder(folder("scripts"))) {
                    Ok(loading) => loading,
                    Err(problems) => panic!("{problems:#?}"),
                };
                let one = match Library::load_only_with(&bundled, SharedScorer::Named(loading.names()), "dishes-again")
                {
                    Ok(Some(one)) => black_box(one),
                    Ok(None) => panic!("dishes-again was not read on its own"),
                    Err(problem) => panic!("{problem}"),
                };
                until_opening += started.elapsed();
                drop(one);
                if let Err(failure) = loading.wait() {
                    panic!("{}", failure.message);
                }
            }
            until_opening
        })
    });
    group.bench_function("the whole bundled library", |b| {
        b.iter(|| match Library::load(&bundled, &scorer) {
            Ok(library) => black_box(library),
            Err(problem) => panic!("{problem}"),
        })
    });
    group.finish();
}

criterion_group!(benches, loading_scorers, loading_to_play, checking_libraries);
criterion_main!(benches);
