//! What changed when the same replies are played again on an edited scenario
//! or edited scorers (the REPL's `/reload`): where the path now branches
//! differently, which scores moved, which dials end elsewhere. An author edits,
//! reloads, and reads in a few lines what the edit did to the conversation
//! they were having.
//!
//! Pure: two lists of turns in, lines of text out.

use crate::render::number;
use crate::session::{Next, Turn};
use std::collections::BTreeSet;

/// A score that moved less than this is not worth a line: a tweak to a word
/// list nudges many scores by a hair, and only a move that could change a
/// rule's decision matters to an author.
pub const SCORE_THRESHOLD: f64 = 0.05;

fn target(next: &Next) -> &str {
    match next {
        Next::Beat(line) => &line.beat,
        Next::Ending(ending) => &ending.ending,
    }
}

/// `rule 2 (i_statement >= 0.6) → `opening_up``
fn rule_words(turn: &Turn) -> String {
    let when = turn.rule.when.as_deref().unwrap_or("otherwise");
    format!("rule {} ({when}) → `{}`", turn.rule.number, target(&turn.next))
}

/// One line per change between `before` (the turns as played) and `after` (the
/// same replies played again), in reply order; empty when nothing changed that
/// an author would notice.
///
/// Once the path branches differently, later replies answer other beats, so
/// only their scores are compared from there on (a score depends on the reply
/// and the scorers, not on where it was said).
pub fn changes(before: &[Turn], after: &[Turn]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut same_path = true;
    for (old, new) in before.iter().zip(after) {
        let n = new.number;
        if same_path && old.beat != new.beat {
            lines.push(format!("reply {n} now answers `{}` (before: `{}`)", new.beat, old.beat));
            same_path = false;
        } else if same_path && (old.rule.number != new.rule.number || target(&old.next) != target(&new.next)) {
            lines.push(format!(
                "reply {n} at `{}` now takes {} (before: {})",
                new.beat,
                rule_words(new),
                rule_words(old)
            ));
            same_path = false;
        } else if same_path && old.state != new.state {
            let moved: Vec<String> = new
                .state
                .iter()
                .filter(|(dial, value)| old.state.get(*dial) != Some(value))
                .map(|(dial, value)| {
                    let was = old.state.get(dial).map_or("unset".to_string(), |v| number(*v));
                    format!("{dial} {} (before: {was})", number(*value))
                })
                .collect();
            if !moved.is_empty() {
                lines.push(format!("after reply {n} the dials are now {}", moved.join(", ")));
            }
        }
        let names: BTreeSet<&String> = old.report.scores.keys().chain(new.report.scores.keys()).collect();
        let moved: Vec<String> = names
            .into_iter()
            .filter_map(|name| {
                let (was, now) = (old.report.scores.get(name), new.report.scores.get(name));
                let changed = match (was, now) {
                    (Some(a), Some(b)) => (a - b).abs() >= SCORE_THRESHOLD,
                    _ => true,
                };
                let show = |v: Option<&f64>| v.map_or("none".to_string(), |v| format!("{v:.2}"));
                changed.then(|| format!("{name} {} → {}", show(was), show(now)))
            })
            .collect();
        if !moved.is_empty() {
            lines.push(format!("reply {n} scores {}", moved.join(", ")));
        }
    }
    if after.len() < before.len() {
        let kept = after.len();
        let reason = match after.last().map(|t| &t.next) {
            Some(Next::Ending(ending)) => {
                format!("the conversation now ends at `{}` after reply {kept}", ending.ending)
            }
            _ => format!("reply {} is no longer taken", kept + 1),
        };
        let dropped = if before.len() - kept == 1 {
            format!("reply {} is", kept + 1)
        } else {
            format!("replies {}–{} are", kept + 1, before.len())
        };
        lines.push(format!("{reason}, so {dropped} taken back (the journal keeps them)"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::EndingKind;
    use crate::score::ScoreReport;
    use crate::session::{EndingReached, FiredRule, PartnerLine};

    fn turn(number: usize, beat: &str, rule: usize, to: &str, blame: f64) -> Turn {
        let mut report = ScoreReport::default();
        report.scores.insert("blame".into(), blame);
        Turn {
            number,
            beat: beat.into(),
            reply: format!("reply {number}"),
            report,
            rule: FiredRule {
                number: rule,
                when: (rule == 1).then(|| "blame >= 0.5".to_string()),
                note: None,
            },
            changes: Vec::new(),
            state: [("tension".to_string(), 5.0)].into(),
            next: Next::Beat(PartnerLine {
                beat: to.into(),
                line: "…".into(),
            }),
            warnings: Vec::new(),
            coaching: None,
        }
    }

    #[test]
    fn the_same_play_has_no_changes_and_a_hair_of_score_is_not_one() {
        let before = [turn(1, "opening", 2, "calm", 0.30)];
        let after = [turn(1, "opening", 2, "calm", 0.32)];
        assert!(changes(&before, &after).is_empty());
    }

    #[test]
    fn a_new_branch_is_named_once_with_the_rule_before_and_after() {
        let before = [turn(1, "opening", 2, "calm", 0.3), turn(2, "calm", 2, "calm", 0.0)];
        let after = [
            turn(1, "opening", 1, "defensive", 0.6),
            turn(2, "defensive", 2, "opening", 0.0),
        ];
        assert_eq!(
            changes(&before, &after),
            [
                "reply 1 at `opening` now takes rule 1 (blame >= 0.5) → `defensive` (before: rule 2 (otherwise) → `calm`)",
                "reply 1 scores blame 0.30 → 0.60",
            ]
        );
    }

    #[test]
    fn dials_that_end_elsewhere_on_the_same_path_are_named() {
        let before = [turn(1, "opening", 2, "calm", 0.0)];
        let mut now = turn(1, "opening", 2, "calm", 0.0);
        now.state.insert("tension".into(), 3.0);
        assert_eq!(
            changes(&before, &[now]),
            ["after reply 1 the dials are now tension 3 (before: 5)"]
        );
    }

    #[test]
    fn an_earlier_ending_takes_back_the_replies_after_it() {
        let before = [
            turn(1, "opening", 2, "calm", 0.0),
            turn(2, "calm", 2, "calm", 0.0),
            turn(3, "calm", 2, "calm", 0.0),
        ];
        let mut ended = turn(1, "opening", 2, "calm", 0.0);
        ended.next = Next::Ending(EndingReached {
            ending: "deal".into(),
            title: String::new(),
            kind: EndingKind::Good,
            line: "Deal.".into(),
            debrief: String::new(),
        });
        assert_eq!(
            changes(&before, &[ended]),
            [
                "reply 1 at `opening` now takes rule 2 (otherwise) → `deal` (before: rule 2 (otherwise) → `calm`)",
                "the conversation now ends at `deal` after reply 1, so replies 2–3 are taken back (the journal keeps them)",
            ]
        );
    }
}
