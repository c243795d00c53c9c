//! Scripts that declare their rules once (`fn rules()`) and judge the hits the host
//! finds (`declared_hits`): the same hits as searching rule by rule, and every
//! mistake in a declaration reported with the script's file and line, never a panic.

use rehearse::content::SourceFile;
use rehearse::diagnostic::Diagnostic;
use rehearse::score::{RhaiScorer, Scorer};

fn files(files: &[(&str, &str)]) -> Vec<SourceFile> {
    files
        .iter()
        .map(|(path, text)| SourceFile {
            display_path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
            unreadable: None,
        })
        .collect()
}

/// As `check` loads scripts: compiled, then every script tried once.
fn checked(list: &[(&str, &str)]) -> Result<RhaiScorer, Vec<Diagnostic>> {
    let scorer = RhaiScorer::from_files(&files(list))?;
    let problems = scorer.try_every_script();
    if problems.is_empty() {
        Ok(scorer)
    } else {
        Err(problems)
    }
}

const WORDS: (&str, &str) = ("scripts/lexicons/brush_offs.txt", "whatever\ndo what you want\n");

/// One scorer written both ways: declared rules, and a `find_all` per rule.
const DECLARED: &str = r#"fn rules() {
    [
        #{ name: "absolute", rule: "absolute", w: 0.8, pattern: `(?i)\b(?:you|u)\s+(?:always|never)\b` },
        #{ name: "brush_off", rule: "shutdown", w: 0.6, guard: "not_asked",
           pattern: `(?i)\b` + lexicon_pattern("brush_offs") + `\b` },
        #{ rule: "out", w: 0.7, pattern: `(?i)(?:^|[.!]\s*)(i'?m\s+out)\b` },
    ]
}
fn score(text) {
    let hits = [];
    for h in declared_hits(text) {
        if h.guard == "not_asked" && is_match(text, `\?`) { continue; }
        if h.rule == "out" { hits.push(#{ rule: "out", start: h.groups[0].start, end: h.groups[0].end, w: h.w }); continue; }
        hits.push(h);
    }
    let keep = 1.0;
    for h in hits { keep *= 1.0 - h.w; }
    #{ score: 1.0 - keep, matches: hits, tip: "" }
}
"#;

const SEARCHED: &str = r#"fn score(text) {
    let hits = [];
    for m in find_all(text, `(?i)\b(?:you|u)\s+(?:always|never)\b`) { hits.push(#{ rule: "absolute", start: m.start, end: m.end, w: 0.8 }); }
    for m in find_all(text, `(?i)\b` + lexicon_pattern("brush_offs") + `\b`) {
        if is_match(text, `\?`) { continue; }
        hits.push(#{ rule: "shutdown", start: m.start, end: m.end, w: 0.6 });
    }
    for c in captures(text, `(?i)(?:^|[.!]\s*)(i'?m\s+out)\b`) { hits.push(#{ rule: "out", start: c.groups[0].start, end: c.groups[0].end, w: 0.7 }); }
    hits.sort(|a, b| a.start - b.start);
    let keep = 1.0;
    for h in hits { keep *= 1.0 - h.w; }
    #{ score: 1.0 - keep, matches: hits, tip: "" }
}
"#;

#[test]
fn declared_rules_find_what_searching_rule_by_rule_finds() {
    let declared = checked(&[("scripts/s.rhai", DECLARED), WORDS]).expect("loads and runs");
    let searched = checked(&[("scripts/s.rhai", SEARCHED), WORDS]).expect("loads and runs");
    for text in [
        "You never listen. Whatever. I'm out",
        "whatever you want, u always know best?",
        "Do what you want. im out. YOU  ALWAYS do this.",
        "nothing to see here",
        "",
    ] {
        let (a, b) = (declared.score(text), searched.score(text));
        assert_eq!(a.errors, b.errors, "{text}");
        assert!(a.errors.is_empty(), "{text}: {:?}", a.errors);
        assert_eq!(a.scores, b.scores, "{text}");
        assert_eq!(a.matches, b.matches, "{text}");
    }
    let report = declared.score("You never listen. I'm out");
    let rules: Vec<&str> = report.matches.iter().map(|m| m.rule.as_str()).collect();
    assert_eq!(rules, ["absolute", "out"]);
    assert_eq!(
        report.matches[1].text, "I'm out",
        "the group's span, as the script chose"
    );
}

#[test]
fn a_bad_pattern_is_reported_by_check_at_the_rules_line() {
    let script = "fn rules() {\n  [\n    #{ name: \"fine\", pattern: `(?i)fine` },\n    #{ name: \"broken\", pattern: `(?i)(unclosed` },\n  ]\n}\nfn score(text) { #{ score: 0.0, matches: declared_hits(text), tip: \"\" } }\n";
    let problems = checked(&[("scripts/s.rhai", script)]).expect_err("a bad pattern");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let shown = problems[0].to_string();
    assert!(shown.starts_with("scripts/s.rhai:4:"), "{shown}");
    assert!(
        shown.contains("rule `broken`") && shown.contains("invalid pattern"),
        "{shown}"
    );
    assert!(
        problems[0].hint.as_deref().is_some_and(|h| h.contains("pattern")),
        "{problems:?}"
    );

    // Without `check`, the first reply says the same, and the other scores stand.
    let good = (
        "scripts/good.rhai",
        "fn score(text) { #{ score: 0.4, matches: [], tip: \"\" } }",
    );
    let scorer = RhaiScorer::from_files(&files(&[("scripts/s.rhai", script), good])).expect("compiles");
    for _ in 0..2 {
        let report = scorer.score("this is fine");
        assert_eq!(report.scores.get("good"), Some(&0.4));
        assert!(!report.scores.contains_key("s"));
        assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
        assert!(
            report.errors[0].message.contains("rule `broken` (line 4)"),
            "{:?}",
            report.errors
        );
    }
}

#[test]
fn badly_shaped_declarations_are_each_reported() {
    let script = "fn rules() {\n  [\n    #{ name: \"a\", pattern: `a` },\n    #{ name: \"a\", pattern: `b` },\n    #{ name: \"heavy\", pattern: `c`, w: 3 },\n    #{ name: \"nothing\" },\n    42,\n  ]\n}\nfn score(text) { #{ score: 0.0, matches: [], tip: \"\" } }\n";
    let problems = checked(&[("scripts/s.rhai", script)]).expect_err("bad declarations");
    let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 4, "{shown:#?}");
    assert!(
        shown[0].starts_with("scripts/s.rhai:3:") && shown[0].contains("both called `a`"),
        "{shown:#?}"
    );
    assert!(
        shown[1].starts_with("scripts/s.rhai:5:") && shown[1].contains("`w`"),
        "{shown:#?}"
    );
    assert!(
        shown[2].starts_with("scripts/s.rhai:6:") && shown[2].contains("`pattern`"),
        "{shown:#?}"
    );
    assert!(
        shown[3].starts_with("scripts/s.rhai:1:") && shown[3].contains("not a map"),
        "{shown:#?}"
    );

    let not_a_list = "fn rules() { 7 }\nfn score(text) { #{ score: 0.0, matches: [], tip: \"\" } }\n";
    let problems = checked(&[("scripts/s.rhai", not_a_list)]).expect_err("not an array");
    assert!(problems[0].to_string().contains("array of rule maps"), "{problems:?}");

    let failing =
        "fn rules() {\n  [#{ pattern: nope() }]\n}\nfn score(text) { #{ score: 0.0, matches: [], tip: \"\" } }\n";
    let problems = checked(&[("scripts/s.rhai", failing)]).expect_err("rules() fails");
    let shown = problems[0].to_string();
    assert!(
        shown.starts_with("scripts/s.rhai:2:") && shown.contains("`fn rules()` fails when run"),
        "{shown}"
    );
}

#[test]
fn declared_hits_without_rules_says_what_to_do() {
    let script = "fn score(text) { #{ score: 0.0, matches: declared_hits(text), tip: \"\" } }\n";
    let problems = checked(&[("scripts/s.rhai", script)]).expect_err("no rules");
    assert!(problems[0].to_string().contains("define `fn rules()`"), "{problems:?}");
}
