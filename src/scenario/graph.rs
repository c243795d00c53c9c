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
