//! `rehearse graph --format svg`: a picture that needs nothing installed. It must
//! be well-formed (browsers refuse broken SVG), draw every beat and ending, escape
//! every author's word, and stay stable (an insta snapshot of a fixture scenario).

mod common;

use common::snapshot_settings;
use rehearse::content::ContentRoot;
use rehearse::scenario::graph_svg;
use rehearse::scenario::Library;
use rehearse::score::load_scorer;

/// Checks that every tag opened is closed in order, and that no raw `&` or `<`
/// appears in text: enough to know a browser will draw it.
fn assert_well_formed(svg: &str) {
    let mut open: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "a raw & in text: {entity:.30}"
            );
        }
        let end = rest[start..].find('>').expect("a tag is closed") + start;
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "a `<` inside a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop().as_deref(), Some(name.trim()), "closing </{name}>");
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().unwrap_or_default().to_string();
            open.push(name);
        }
        rest = &rest[end + 1..];
    }
    assert!(open.is_empty(), "left open: {open:?}");
}

#[test]
fn every_bundled_scenario_draws_as_well_formed_svg_with_every_node() {
    let scorer = load_scorer(&ContentRoot::Folder("scripts".into())).expect("bundled scripts");
    let library = Library::load(&ContentRoot::Folder("scenarios".into()), &scorer).expect("bundled scenarios");
    assert!(library.scenarios.len() >= 12);
    for scenario in &library.scenarios {
        let svg = graph_svg::render(scenario, None, &[]);
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{}",
            scenario.id
        );
        assert_well_formed(&svg);
        for id in scenario.beats.keys() {
            assert!(
                svg.contains(&format!(">{id}</text>")),
                "{}: beat {id} is drawn",
                scenario.id
            );
        }
        for ending in scenario.endings.values() {
            let label = rehearse::markup::escape(&format!("{} ({})", ending.title, ending.kind.as_str()));
            assert!(svg.contains(&label), "{}: ending {label}", scenario.id);
        }
        let rules: usize = scenario.beats.values().map(|b| b.rules.len()).sum();
        let titles = svg.matches("<g><title>").count();
        assert!(
            titles >= 1 && titles <= rules,
            "{}: {titles} arrows for {rules} rules",
            scenario.id
        );
    }
}

#[test]
fn graph_svg_of_a_fixture_scenario() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = common::rehearse_in(
        home.path(),
        &[
            "--scripts",
            "tests/fixtures/journal/scripts",
            "--scenarios",
            "tests/fixtures/journal/scenarios",
            "graph",
            "kitchen-talk",
            "--format",
            "svg",
            "--coverage",
        ],
        b"",
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let svg = String::from_utf8(output.stdout).expect("utf-8");
    assert_well_formed(&svg);
    snapshot_settings().bind(|| insta::assert_snapshot!("graph_svg_kitchen_talk", svg));
}
