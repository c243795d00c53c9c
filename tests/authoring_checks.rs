//! What the checker says about the mistakes authors really make (issue 11, item 7):
//! each is an error or warning in plain words, at the line of the mistake, with
//! the fix. The base is the fixture `mini.yaml`, changed one mistake at a time.

mod common;

use common::{fixture, fixture_scorer, one_containing, scenario_from};
use rehearse::diagnostic::Diagnostic;

fn mini() -> String {
    std::fs::read_to_string(fixture("scenarios/mini.yaml")).expect("mini.yaml")
}

fn problems(name: &str, yaml: &str) -> Vec<Diagnostic> {
    scenario_from(name, yaml, &fixture_scorer()).expect_err("the mistake is refused")
}

#[test]
fn a_signed_number_in_set_is_read_as_add_or_take_away() {
    let yaml = mini().replace("set: { tension: tension - 2 }", "set: { tension: -2, trust: +1 }");
    let found = problems("mini.yaml", &yaml);
    let plus = one_containing(&found, "`trust: +1` sets `trust` to 1, not trust plus 1");
    assert_eq!(plus.line, 24, "{plus}");
    assert!(
        plus.hint.as_deref().unwrap_or("").contains("`trust: trust + 1`"),
        "{plus}"
    );
    let minus = one_containing(&found, "`tension: -2` sets `tension` to -2");
    assert!(
        minus.hint.as_deref().unwrap_or("").contains("`tension: tension - 2`"),
        "{minus}"
    );
}

#[test]
fn a_scenario_without_a_good_ending_is_refused() {
    let yaml = mini().replace("kind: good", "kind: stuck");
    let found = problems("mini.yaml", &yaml);
    one_containing(&found, "no ending is `kind: good`");
}

#[test]
fn a_test_that_says_neither_ends_nor_reaches_is_refused() {
    let yaml = mini().replace("    reaches: opening\n", "");
    let found = problems("mini.yaml", &yaml);
    let p = one_containing(&found, "neither where it ends nor where it stops");
    assert!(p.hint.as_deref().unwrap_or("").contains("ends:"), "{p}");
}

#[test]
fn a_dial_must_start_at_a_whole_number() {
    let yaml = mini().replace("state: { tension: 5, trust: 5 }", "state: { tension: 5, trust: 6.5 }");
    let found = problems("mini.yaml", &yaml);
    let p = one_containing(&found, "dial `trust` starts at 6.5, which is not a whole number");
    assert!(p.hint.as_deref().unwrap_or("").contains("write 6 or 7"), "{p}");
}

#[test]
fn a_file_in_one_family_folder_with_another_category_is_refused() {
    let found = problems("scenarios/boundary/mini.yaml", &mini());
    let p = one_containing(&found, "is in the `boundary` folder but says `category: conflict`");
    assert!(p.hint.as_deref().unwrap_or("").contains("category: boundary"), "{p}");
    // Outside a family folder, any category is fine.
    assert!(scenario_from("somewhere/mini.yaml", &mini(), &fixture_scorer()).is_ok());
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_scenario() {
    let yaml = format!("\u{feff}{}", mini());
    let scenario = scenario_from("mini.yaml", &yaml, &fixture_scorer()).expect("a BOM is accepted");
    assert_eq!(scenario.title, "A small test scenario");
}

#[test]
fn a_pasted_comparison_symbol_is_named_with_its_plain_spelling() {
    let yaml = mini().replace("when: i_statement >= 0.5", "when: i_statement ≥ 0.5");
    let found = problems("mini.yaml", &yaml);
    let p = one_containing(&found, "uses the symbol `≥`");
    assert!(p.hint.as_deref().unwrap_or("").contains("`>=`"), "{p}");
    assert!(!p.message.contains("Unexpected"), "{p}");
}

#[test]
fn an_unquoted_colon_in_a_line_is_explained_in_author_words() {
    let yaml = mini().replace("      - \"Opening line B.\"", "      - Note to self: say it kindly.");
    let found = problems("mini.yaml", &yaml);
    let p = &found[0];
    assert!(!p.message.contains("map") && !p.message.contains("[1]"), "{p}");
    assert!(p.message.contains("item 2"), "list items count from 1: {p}");
    assert!(p.hint.as_deref().unwrap_or("").contains("double quotes"), "{p}");
}

#[test]
fn an_unused_dial_and_a_beat_without_a_coach_note_are_warnings() {
    let yaml = mini().replace(
        "state: { tension: 5, trust: 5 }",
        "state: { tension: 5, trust: 5, patience: 5 }",
    );
    let scenario = scenario_from("mini.yaml", &yaml, &fixture_scorer()).expect("warnings do not stop it");
    let warnings: Vec<String> = scenario.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("warning: dial `patience` is never set and never read")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("warning: beat `defensive` has no `coach:` note")),
        "{warnings:#?}"
    );
}

#[test]
fn a_debrief_quote_must_name_a_score_and_be_closed() {
    let yaml = mini().replace(
        "debrief: It escalated.",
        "debrief: \"Words like {said:blam} set it off.\"",
    );
    let found = problems("mini.yaml", &yaml);
    let p = one_containing(&found, "`{said:blam}`: `blam` is not a score");
    assert_eq!(p.line, 56, "{p}");
    assert!(p.hint.as_deref().unwrap_or("").contains("blame"), "{p}");

    let yaml = mini().replace(
        "debrief: It escalated.",
        "debrief: \"Words like {said:blame set it off.\"",
    );
    let found = problems("mini.yaml", &yaml);
    let p = one_containing(&found, "is not closed");
    assert!(p.hint.as_deref().unwrap_or("").contains("{said:stonewalling}"), "{p}");
}
