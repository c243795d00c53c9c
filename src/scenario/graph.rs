//! The shape of a scenario as a graph of beats and endings: what can be reached,
//! and what can never lead to an ending. Used by the checker and by coverage.

use super::model::{Scenario, Target};
use std::collections::{BTreeSet, VecDeque};

/// Beats and endings that no path from `start` reaches, in file order.
pub fn unreachable(scenario: &Scenario) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([scenario.start.clone()]);
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(beat) = scenario.beats.get(&id) {
            for rule in &beat.rules {
                queue.push_back(rule.goto.id().to_string());
            }
        }
    }
    scenario
        .beats
        .keys()
        .chain(scenario.endings.keys())
        .filter(|id| !seen.contains(*id))
        .cloned()
        .collect()
}

/// Beats from which no sequence of rules reaches any ending, in file order.
pub fn dead_ends(scenario: &Scenario) -> Vec<String> {
    // Walk backwards from the endings: a beat can finish if any rule leads to a
    // beat or ending that can finish.
    let mut can_finish: BTreeSet<&str> = scenario.endings.keys().map(String::as_str).collect();
    loop {
        let before = can_finish.len();
        for (id, beat) in &scenario.beats {
            if beat.rules.iter().any(|r| match &r.goto {
                Target::Ending(_) => true,
                Target::Beat(b) => can_finish.contains(b.as_str()),
            }) {
                can_finish.insert(id);
            }
        }
        if can_finish.len() == before {
            break;
        }
    }
    scenario
        .beats
        .keys()
        .filter(|id| !can_finish.contains(id.as_str()))
        .cloned()
        .collect()
}

/// Whether a beat has a rule that ends a loop: one whose condition puts a floor
/// on `turn` or `quiet_turns` (`turn >= 10`, `quiet_turns > 2`, `3 <= quiet_turns`).
/// `first_boundary == turn` reads `turn` but caps nothing.
fn has_loop_cap(beat: &super::model::Beat) -> bool {
    static CAP: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let cap = CAP.get_or_init(|| {
        regex::Regex::new(r"\b(?:turn|quiet_turns)\s*>|<=?\s*(?:turn|quiet_turns)\b").expect("a valid pattern")
    });
    beat.rules
        .iter()
        .filter_map(|r| r.when.as_ref())
        .any(|w| cap.is_match(&w.source))
}

/// Beats whose fallback rule, followed from beat to beat, comes back round to them
/// without passing a beat with a turn cap: a reply that never matches any other
/// rule keeps the partner circling forever. Each cycle is reported once, at the
/// first of its beats in file order.
pub fn uncapped_fallback_loops(scenario: &Scenario) -> Vec<String> {
    let fallback = |id: &str| -> Option<String> {
        match scenario.beats.get(id)?.rules.last()?.goto {
            Target::Beat(ref next) => Some(next.clone()),
            Target::Ending(_) => None,
        }
    };
    let mut reported: BTreeSet<String> = BTreeSet::new();
    let mut found = Vec::new();
    for id in scenario.beats.keys() {
        if reported.contains(id) {
            continue;
        }
        // Follow fallbacks from `id`; a cycle exists if we come back to `id`.
        let mut path = vec![id.clone()];
        let mut at = id.clone();
        let closes = loop {
            match fallback(&at) {
                Some(next) if next == *id => break true,
                Some(next) if path.contains(&next) || path.len() > scenario.beats.len() => break false,
                Some(next) => {
                    path.push(next.clone());
                    at = next;
                }
                None => break false,
            }
        };
        if closes && !path.iter().any(|b| has_loop_cap(&scenario.beats[b])) {
            reported.extend(path.iter().cloned());
            found.push(id.clone());
        }
    }
    found
}
