//! How fast replies are scored: one reply through every scorer (short replies,
//! a long one of several sentences that mixes them, and real replies from the
//! dev split), and the
//! `rehearse score --json` path over a large batch (what a facilitator runs on a
//! workshop's worth of replies, or an author on a corpus).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rehearse::commands::score::json_line;
use rehearse::content::{read_files, ContentKind, ContentRoot};
use rehearse::score::{load_scorer, RhaiScorer, Scorer};
use std::hint::black_box;
use std::io::Write;
use std::path::Path;

const REPLIES: [&str; 8] = [
    "You never help with anything around here.",
    "I feel worn out when I come home to a full sink, and I'd love us to split the evenings.",
    "I'm sorry I snapped at you in front of everyone. That was embarrassing for you, and next time I'll ask for a minute outside.",
    "It sounds like you felt left out when we made the plan without you. That makes sense.",
    "I'm not able to lend money any more. I know that's disappointing to hear.",
    "i feel like u never listen tbh",
    "Whatever. Fine.",
    "When you said 'you always do this', I felt hurt, and I'd like us to talk about it tonight.",
];

/// A long reply: what someone writes when they finally say everything at once.
fn long_reply() -> String {
    let mut reply = REPLIES.join(" ");
    reply.push_str(" And honestly, every time I bring this up you change the subject, so I end up carrying it alone.");
    reply
}

/// The scripts folder: the repository's, or `REHEARSE_BENCH_SCRIPTS` (another
/// checkout's scripts, to compare two versions of a scorer in the same build).
fn scripts_dir() -> std::path::PathBuf {
    std::env::var_os("REHEARSE_BENCH_SCRIPTS")
        .map(Into::into)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts"))
}

fn scorer() -> rehearse::score::RhaiScorer {
    let root = ContentRoot::Folder(scripts_dir());
    match load_scorer(&root) {
        Ok(s) => s,
        Err(problems) => panic!("the bundled scripts do not load: {problems:#?}"),
    }
}

fn one_reply(c: &mut Criterion) {
    let scorer = scorer();
    let mut group = c.benchmark_group("score one reply (all scorers)");
    group.throughput(Throughput::Elements(1));
    for (i, reply) in REPLIES.iter().enumerate() {
        group.bench_function(format!("reply {i}"), |b| {
            b.iter(|| black_box(scorer.score(black_box(reply))))
        });
    }
    let long = long_reply();
    group.bench_function(format!("long reply ({} bytes)", long.len()), |b| {
        b.iter(|| black_box(scorer.score(black_box(&long))))
    });
    group.finish();
}

/// The first real replies of the dev split (`tests/corpus/real/dev.jsonl`):
/// lower case, typos, several sentences, what people actually write. The bench
/// replies above are ours and short; these are what the per-reply target is about.
fn real_dev_texts(n: usize) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/real/dev.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .filter(|t| !t.trim().is_empty())
        .take(n)
        .collect()
}

fn real_replies(c: &mut Criterion) {
    let scorer = scorer();
    let texts = real_dev_texts(50);
    let mut group = c.benchmark_group("score real replies (all scorers)");
    // Time per reply: each iteration scores all of them once.
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.sample_size(10);
    group.bench_function(format!("first {} dev texts", texts.len()), |b| {
        b.iter(|| {
            for text in &texts {
                black_box(scorer.score(black_box(text)));
            }
        })
    });
    group.finish();
}

/// A scorer of the scripts folder's prelude, word lists and models with only
/// the script `name`: what one scorer costs per reply.
fn one_scorer(name: &str) -> RhaiScorer {
    let root = ContentRoot::Folder(scripts_dir());
    let files = read_files(ContentKind::Scripts, &root, &["rhai", "txt", "tsv"])
        .unwrap_or_else(|e| panic!("{}: {e}", scripts_dir().display()));
    let keep = |path: &str| {
        let stem = Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or("");
        !path.ends_with(".rhai") || stem == name || stem == "prelude"
    };
    let files: Vec<_> = files.into_iter().filter(|f| keep(&f.display_path)).collect();
    match RhaiScorer::from_files(&files) {
        Ok(s) => s,
        Err(problems) => panic!("{name} does not load: {problems:#?}"),
    }
}

/// Per scorer, on the real dev texts: the scorers declared rules were first
/// tried on (`declared_hits`), to compare before and after a conversion.
fn one_scorer_real(c: &mut Criterion) {
    let texts = real_dev_texts(200);
    let mut group = c.benchmark_group("score real replies (one scorer)");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.sample_size(10);
    for name in ["offer", "stonewalling"] {
        let scorer = one_scorer(name);
        group.bench_function(format!("{name}, first {} dev texts", texts.len()), |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(scorer.score(black_box(text)));
                }
            })
        });
    }
    group.finish();
}

fn json_batch(c: &mut Criterion) {
    let scorer = scorer();
    let batch: Vec<&str> = REPLIES.iter().cycle().take(2_000).copied().collect();
    let mut group = c.benchmark_group("score --json");
    group.throughput(Throughput::Elements(batch.len() as u64));
    group.sample_size(10);
    group.bench_function("2000 replies", |b| {
        b.iter_batched(
            || Vec::with_capacity(1 << 20),
            |mut out: Vec<u8>| {
                for reply in &batch {
                    let report = scorer.score(reply);
                    let _ = writeln!(out, "{}", json_line(reply, &report));
                }
                out
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, one_reply, real_replies, one_scorer_real, json_batch);
criterion_main!(benches);
