//! How long a very large workshop takes: 10,000 reply files played through
//! `dishes-again` on every core (what `rehearse run --format json` does), and
//! the group report made from the result (what `rehearse report` does). The
//! figures are in docs/workshops.md.

use criterion::{criterion_group, criterion_main, Criterion};
use rehearse::content::ContentRoot;
use rehearse::scenario::Library;
use rehearse::score::load_scorer;
use rehearse::workshop::{analysis, html, markdown, replies, results::RunWriter, run::Worker, sources};
use std::hint::black_box;
use std::path::{Path, PathBuf};

const PEOPLE: usize = 10_000;

/// First replies, then second, third and fourth: each person takes one of each,
/// in a different combination, so the group spreads over every ending.
const OPENINGS: [&str; 6] = [
    "i feel really worn out when i come home and the sink is full, can we work out some kind of rota?",
    "you always leave the kitchen like this, its honestly disgusting",
    "whatever. its fine",
    "hi. long day?",
    "i feel like you never listen to me about the kitchen",
    "seriously sam? you always leave it like this, every single night",
];
const SECONDS: [&str; 5] = [
    "yeah that makes sense, after cooking all evening you must be shattered",
    "well you never do anything else around here so dont act like the victim",
    "sorry, that came out wrong. im just tired and id really like us to share it more evenly",
    "nothing. forget it",
    "i just get so frustrated when i walk in and theres nowhere to put my bag down. could we sort out a system",
];
const THIRDS: [&str; 4] = [
    "ok that works for me, i'll do the dishes on the nights you cook",
    "that sounds fair, i hadnt thought about how much the cooking takes out of you",
    "i dont know, i guess i just want you to do them before bed",
    "fine. whatever you want",
];
const FOURTHS: [&str; 3] = [
    "yes deal, lets try it for two weeks",
    "ok lets do that, ill take the washing up",
    "thanks for listening",
];

fn source_dir(name: &str) -> ContentRoot {
    ContentRoot::Folder(Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
}

/// Writes the 10,000 reply files into `dir`.
fn write_reply_files(dir: &Path) -> PathBuf {
    let folder = dir.join("replies");
    std::fs::create_dir(&folder).expect("replies folder");
    for i in 0..PEOPLE {
        let text = format!(
            "{}\n{}\n{}\n{}\n",
            OPENINGS[i % OPENINGS.len()],
            SECONDS[(i / OPENINGS.len()) % SECONDS.len()],
            THIRDS[(i / 7) % THIRDS.len()],
            FOURTHS[(i / 11) % FOURTHS.len()]
        );
        std::fs::write(folder.join(format!("person-{i:05}.txt")), text).expect("reply file");
    }
    folder
}

fn workshop(c: &mut Criterion) {
    let scorer = load_scorer(&source_dir("scripts")).expect("the bundled scripts load");
    let library = Library::load(&source_dir("scenarios"), &scorer).expect("the bundled scenarios load");
    let scenario = library.find("dishes-again").expect("dishes-again is bundled");
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = write_reply_files(dir.path());
    let jobs = rehearse::parallel::default_jobs();

    // Reading the files, playing everyone, writing the JSON document.
    let run = || -> Vec<u8> {
        let people = replies::read(std::slice::from_ref(&folder)).expect("the reply files read");
        let reference = rehearse::journal::event::ScenarioRef {
            id: scenario.id.clone(),
            title: scenario.title.clone(),
        };
        let mut writer = RunWriter::start(Vec::with_capacity(64 << 20), &reference, 1).expect("header");
        rehearse::parallel::for_each_ordered(
            people.iter(),
            jobs,
            || Worker::new(&scorer, scenario),
            |worker, person| worker.play(scenario, 1, person).0,
            |result| writer.participant(&result).expect("write to memory"),
        );
        writer.finish().expect("finish")
    };
    let results = dir.path().join("results.json");
    std::fs::write(&results, run()).expect("results file");

    let mut group = c.benchmark_group("workshop of 10,000");
    group.sample_size(10);
    group.bench_function(
        format!("run: read, play and write 10,000 reply files ({jobs} threads)"),
        |b| b.iter(|| black_box(run())),
    );
    group.bench_function("report: read 10,000 results, count, Markdown and HTML", |b| {
        b.iter(|| {
            let gathered = sources::gather(std::slice::from_ref(&results)).expect("results read");
            let groups = analysis::group(&gathered.conversations);
            let options = markdown::Options::default();
            black_box((
                markdown::render(&groups, options, "Workshop report"),
                html::render(&groups, options, "Workshop report"),
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, workshop);
criterion_main!(benches);
