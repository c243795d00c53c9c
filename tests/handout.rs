//! `rehearse handout`: the Markdown sheet as a snapshot, with and without the
//! facilitator's section; the HTML sheet is well-formed, self-contained and
//! escapes what the scenario says; `--output` never replaces a file unasked.

mod common;

use common::{rehearse, text};
use rehearse::handout::{model_answers, render, HandoutFormat};
use rehearse::scenario::Library;
use rehearse::score::RhaiScorer;
use std::sync::OnceLock;

/// The bundled scorer and library, loaded once for all the tests here (loading
/// checks every scenario, which takes seconds in a debug build).
fn bundled() -> &'static (RhaiScorer, Library) {
    static BUNDLED: OnceLock<(RhaiScorer, Library)> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let scorer = common::bundled_scorer();
        let library = common::bundled_library(&scorer);
        (scorer, library)
    })
}

/// The sheet for a bundled scenario, with or without the facilitator's section.
fn sheet(id: &str, format: HandoutFormat, answers: bool) -> String {
    let (scorer, library) = bundled();
    let scenario = library.find(id).expect("a bundled scenario");
    let answers = answers.then(|| model_answers(scenario, scorer));
    render(scenario, answers.as_ref(), format)
}

#[test]
fn markdown_handout_with_answers() {
    let md = sheet("dishes-again", HandoutFormat::Md, true);
    common::snapshot_settings().bind(|| insta::assert_snapshot!("handout_dishes_again_md", md));
}

#[test]
fn markdown_handout_without_answers() {
    let md = sheet("dishes-again", HandoutFormat::Md, false);
    common::snapshot_settings().bind(|| insta::assert_snapshot!("handout_dishes_again_md_no_answers", md));
}

#[test]
fn no_answers_is_the_same_sheet_without_the_facilitator_section() {
    for format in [HandoutFormat::Md, HandoutFormat::Html] {
        let with = sheet("thin-walls", format, true);
        let without = sheet("thin-walls", format, false);
        assert!(with.contains("For the facilitator") && with.contains("Model answers"));
        assert!(!without.contains("For the facilitator"));
        assert!(!without.contains("Coach:"), "coach notes are for the facilitator");
        // The participants' part is word for word the same in both copies.
        let closing = if format == HandoutFormat::Html {
            "</body>\n</html>\n"
        } else {
            ""
        };
        let participants = without.strip_suffix(closing).expect("the page closes");
        assert!(with.starts_with(participants), "{format:?}");
    }
}

#[test]
fn model_answers_are_test_conversations_that_reach_a_good_ending() {
    let (scorer, library) = bundled();
    for scenario in &library.scenarios {
        let answers = model_answers(scenario, scorer);
        assert!(!answers.shown.is_empty(), "{} has no model answer", scenario.id);
        assert!(answers.shown.len() <= rehearse::handout::MAX_MODEL_ANSWERS);
        for answer in &answers.shown {
            let good: Vec<&str> = scenario
                .endings
                .values()
                .filter(|e| e.kind == rehearse::scenario::EndingKind::Good)
                .map(|e| e.title.as_str())
                .collect();
            assert!(
                good.contains(&answer.ending_title.as_str()),
                "{}: {}",
                scenario.id,
                answer.name
            );
            assert!(!answer.exchanges.is_empty());
        }
    }
}

/// Checks that every tag is closed in order (void elements aside) and every
/// attribute value is quoted. All text is escaped, so each `<` starts a tag.
fn assert_well_formed(html: &str) {
    const VOID: [&str; 4] = ["meta", "br", "hr", "img"];
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').expect("every tag is closed with `>`");
        let tag = &after[..end];
        rest = &after[end + 1..];
        if tag.starts_with("!DOCTYPE") {
            continue;
        }
        assert!(!tag.contains('<'), "a `<` inside a tag: <{tag}>");
        if let Some(name) = tag.strip_prefix('/') {
            let expected = open.pop().unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(expected, name, "</{name}> closes <{expected}>");
            continue;
        }
        let mut parts = tag.splitn(2, ' ');
        let name = parts.next().expect("a tag name").to_string();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "tag name `{name}`"
        );
        if let Some(attributes) = parts.next() {
            assert_eq!(attributes.matches('"').count() % 2, 0, "unbalanced quotes in <{tag}>");
            for attribute in attributes.split("\" ").filter(|a| !a.is_empty()) {
                assert!(attribute.contains("=\""), "unquoted attribute in <{tag}>");
            }
        }
        // The style sheet is text up to `</style>`.
        if name == "style" {
            let close = rest.find("</style>").expect("the style sheet ends");
            assert!(!rest[..close].contains('<'));
            rest = &rest[close + "</style>".len()..];
            continue;
        }
        if !VOID.contains(&name.as_str()) {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "never closed: {open:?}");
}

#[test]
fn html_handout_is_well_formed_self_contained_and_printable() {
    for id in ["dishes-again", "after-the-review", "the-spare-key"] {
        for answers in [true, false] {
            let html = sheet(id, HandoutFormat::Html, answers);
            assert_well_formed(&html);
            assert!(html.starts_with("<!DOCTYPE html>"));
            for forbidden in ["<script", "src=", "href=", "url(", "http:", "https:", "@import"] {
                assert!(!html.contains(forbidden), "{id}: `{forbidden}` in the page");
            }
            assert!(html.contains("@media print"), "print rules");
            assert!(html.contains("<div class=\"ruled\"></div>"), "ruled lines to write on");
            assert_eq!(html.contains("class=\"facilitator\""), answers);
        }
    }
}

#[test]
fn content_notes_come_before_the_situation() {
    for format in [HandoutFormat::Md, HandoutFormat::Html] {
        let page = sheet("after-the-dinner", format, false);
        let notes = page.find("Content notes:").expect("content notes");
        let situation = page.find("The situation").expect("the situation");
        assert!(notes < situation, "{format:?}");
    }
}

const MARKUP: &str = r##"id: markup
title: "<script>alert(1)</script> *bold*"
category: conflict
difficulty: 1
summary: "A & B <b>"
content_notes: ["<i>notes</i>"]
persona: { name: "<Al>", relation: "[friend](http://x)" }
setting: "# not a heading"
examples:
  i_statement: "I feel <tired> & I'd like `this`."
start: opening
beats:
  opening:
    say: "<img src=x onerror=alert(1)>"
    coach: "</section><script>"
    on_reply:
      - when: apology >= 0.5
        goto: ok
      - when: turn >= 3
        goto: ok
      - goto: opening
endings:
  ok:
    kind: good
    title: "<b>Good</b>"
    say: "Deal."
    debrief: "Done <u>."
tests:
  - name: "<sorry>"
    replies: ["I'm sorry I left the pans <3"]
    ends: ok
"##;

#[test]
fn everything_the_scenario_says_is_escaped() {
    let scorer = common::fixture_scorer();
    let scenario = common::scenario_from("markup.yaml", MARKUP, &scorer).expect("valid");
    let answers = model_answers(&scenario, &scorer);
    assert_eq!(answers.shown.len(), 1, "the test reaches the good ending");
    let html = render(&scenario, Some(&answers), HandoutFormat::Html);
    assert_well_formed(&html);
    assert!(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>Good"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;3"));
    let md = render(&scenario, Some(&answers), HandoutFormat::Md);
    assert!(md.contains("\\<script\\>alert(1)\\</script\\> \\*bold\\*"), "{md}");
    assert!(md.contains("\\# not a heading"));
    assert!(md.contains("\\[friend\\](http://x)"));
}

#[test]
fn output_writes_a_file_and_never_replaces_one_unasked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sheet.html");
    let path_text = path.to_str().expect("a UTF-8 path");
    let args = [
        "handout",
        "dishes-again",
        "--format",
        "html",
        "--no-answers",
        "-o",
        path_text,
    ];
    let out = rehearse(&args, b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), path_text);
    let written = std::fs::read_to_string(&path).expect("the sheet");
    assert!(written.contains("The dishes, again") && !written.contains("For the facilitator"));

    let again = rehearse(&args, b"");
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already exists; pass --force"),
        "{}",
        text(&again.stderr)
    );
    let forced: Vec<&str> = args.iter().copied().chain(["--force"]).collect();
    assert!(rehearse(&forced, b"").status.success());
}

#[test]
fn an_unknown_scenario_gets_a_suggestion() {
    let out = rehearse(&["handout", "dishes-agian"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("did you mean `dishes-again`?"),
        "{}",
        text(&out.stderr)
    );
}
