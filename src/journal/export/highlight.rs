//! Which words of a reply to highlight in an export: the spans the scorers
//! matched, overlapping ones merged, each labelled with the scores that found it.

use crate::render::is_harmful;
use crate::score::Match;

/// A piece of a reply: plain text, or words a scorer reacted to.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece<'a> {
    Plain(&'a str),
    Marked {
        text: &'a str,
        /// `blame: absolute`, one per distinct score and rule.
        labels: Vec<String>,
        /// Whether any of the scores is one where being present hurts (blame…).
        harmful: bool,
    },
}

/// Splits `reply` at the matched spans. Spans that do not fit the text (a journal
/// edited by hand) are ignored rather than trusted.
pub fn pieces<'a>(reply: &'a str, matches: &[Match]) -> Vec<Piece<'a>> {
    let mut spans: Vec<(usize, usize, String, bool)> = matches
        .iter()
        .filter(|m| m.start < m.end && reply.get(m.start..m.end).is_some())
        .map(|m| {
            (
                m.start,
                m.end,
                format!("{}: {}", m.score, m.rule.replace('_', " ")),
                is_harmful(&m.score),
            )
        })
        .collect();
    spans.sort_by_key(|span| (span.0, span.1));

    let mut merged: Vec<(usize, usize, Vec<String>, bool)> = Vec::new();
    for (start, end, label, harmful) in spans {
        match merged.last_mut() {
            Some(last) if start < last.1 => {
                last.1 = last.1.max(end);
                last.3 |= harmful;
                if !last.2.contains(&label) {
                    last.2.push(label);
                }
            }
            _ => merged.push((start, end, vec![label], harmful)),
        }
    }

    let mut pieces = Vec::new();
    let mut at = 0;
    for (start, end, labels, harmful) in merged {
        if start > at {
            pieces.push(Piece::Plain(&reply[at..start]));
        }
        pieces.push(Piece::Marked {
            text: &reply[start..end],
            labels,
            harmful,
        });
        at = end;
    }
    if at < reply.len() {
        pieces.push(Piece::Plain(&reply[at..]));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(score: &str, rule: &str, start: usize, end: usize) -> Match {
        Match {
            score: score.into(),
            rule: rule.into(),
            start,
            end,
            text: String::new(),
        }
    }

    #[test]
    fn merges_overlaps_and_ignores_spans_that_do_not_fit() {
        let reply = "you never help, é";
        let pieces = pieces(
            reply,
            &[
                m("blame", "absolute", 0, 9),
                m("blame", "absolute_you", 4, 9),
                m("x", "y", 16, 17),
                m("x", "y", 3, 99),
            ],
        );
        assert_eq!(
            pieces,
            [
                Piece::Marked {
                    text: "you never",
                    labels: vec!["blame: absolute".into(), "blame: absolute you".into()],
                    harmful: true
                },
                Piece::Plain(" help, é"),
            ]
        );
    }
}
