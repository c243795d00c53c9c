//! Splitting a reply into sentences, words and quotations, keeping byte offsets.
//!
//! Offsets always point into the original reply, so a match found in a sentence
//! can be highlighted in what the user typed.

use super::patterns::compiled;

/// A piece of the reply: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Sentences, split after `.`, `!`, `?`, `;` (followed by a space or the end) and at
/// line breaks, with surrounding white space trimmed. Empty pieces are dropped.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end_here = match c {
            '\n' | '\r' => true,
            '.' | '!' | '?' | ';' | '…' => {
                // Swallow runs like "?!" or "...", then require a break or the end.
                while let Some(&(_, next)) = chars.peek() {
                    if matches!(next, '.' | '!' | '?' | '…') {
                        chars.next();
                    } else {
                        break;
                    }
                }
                chars.peek().is_none_or(|&(_, next)| next.is_whitespace())
            }
            _ => false,
        };
        if end_here {
            let end = chars.peek().map_or(text.len(), |&(j, _)| j);
            let end = if matches!(c, '\n' | '\r') { i } else { end };
            push_trimmed(text, start, end, &mut spans);
            start = chars.peek().map_or(text.len(), |&(j, _)| j);
        }
    }
    push_trimmed(text, start, text.len(), &mut spans);
    spans
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span {
            start: start + lead,
            end: end - trail,
        });
    }
}

/// Words: runs of letters, digits and apostrophes (straight or curly).
pub fn words(text: &str) -> Vec<Span> {
    let re = compiled(r"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*");
    let Ok(found) = re.find_iter(text) else {
        return Vec::new();
    };
    found
        .map(|m| Span {
            start: m.start(),
            end: m.end(),
        })
        .collect()
}

/// Quotations: text between `"…"`, `“…”`, or single quotes that open after a space
/// or the start and close before a space, punctuation or the end (so the apostrophes
/// in "don't" and "Sam's" are not taken for quotes). Spans include the marks.
pub fn quoted_spans(text: &str) -> Vec<Span> {
    const PATTERNS: [&str; 3] = [
        r#""[^"\n]*""#,
        r"“[^”\n]*”",
        r"(?:^|[\s(:,])('(?:[^'\n]|'\p{L})*?[^\s']')(?:$|[\s.,!?;:)])",
    ];
    // Elisions like 'cause, 'em, 'til open with an apostrophe but are not quotes.
    let elision = compiled(r"(?i)^'(?:cause|cos|coz|cuz|em|til|till|bout|n|round|nother)\b");
    let mut spans = Vec::new();
    for pattern in PATTERNS {
        let re = compiled(pattern);
        let Ok(found) = re.captures_iter(text) else { continue };
        for caps in found {
            let whole = caps.get(1).or_else(|| caps.get(0));
            if let Some(m) = whole {
                if elision.is_match(m.as_str()) == Ok(true) {
                    continue;
                }
                spans.push(Span {
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
    }
    spans.sort_by_key(|s| (s.start, s.end));
    spans
}

/// Counts words the way the `words` condition variable does.
pub fn word_count(text: &str) -> usize {
    words(text).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| text[s.start..s.end].to_string()).collect()
    }

    #[test]
    fn sentences_split_on_punctuation_and_lines() {
        let text = "I'm tired. Can we talk?!  Later\nok... fine";
        assert_eq!(
            pieces(text, &sentences(text)),
            ["I'm tired.", "Can we talk?!", "Later", "ok...", "fine"]
        );
    }

    #[test]
    fn decimals_and_abbreviations_without_space_stay_whole() {
        let text = "It cost 3.50 today";
        assert_eq!(pieces(text, &sentences(text)), ["It cost 3.50 today"]);
    }

    #[test]
    fn words_keep_contractions() {
        let text = "you don’t care, Sam's mum";
        assert_eq!(pieces(text, &words(text)), ["you", "don’t", "care", "Sam's", "mum"]);
    }

    #[test]
    fn elisions_are_not_quotes() {
        let text = "I left 'cause you never listen, not 'cause of the kids' toys";
        assert!(quoted_spans(text).is_empty(), "{:?}", quoted_spans(text));
    }

    #[test]
    fn quotes_are_found_but_apostrophes_are_not() {
        let text = "When you said 'you don't care', I froze. Sam's \"always\" too.";
        assert_eq!(pieces(text, &quoted_spans(text)), ["'you don't care'", "\"always\""]);
    }
}
