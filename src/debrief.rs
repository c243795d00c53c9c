//! Putting an ending's debrief together from what was actually said.
//!
//! A debrief that praises a move nobody made, or advises saying the very words the
//! person already said, teaches them to distrust the coach. So an ending's debrief
//! is a list of parts: each is shown only when its condition holds at the end of
//! the conversation, and a part that suggests a wording is left out when one of
//! the replies already said something close to it.
//!
//! An ending reached by many paths cannot name the words that went wrong ("a
//! shutdown like 'whatever'") without sometimes quoting words nobody said. So a
//! part may write `{said:stonewalling}` where the person's own words belong: it
//! becomes what they actually said that the `stonewalling` scorer matched, and the
//! part is left out when they said nothing it matched.

use crate::scenario::expr::Bindings;
use crate::scenario::DebriefPart;
use crate::score::ScoreReport;

/// What opens a quote of the person's own words in a debrief text: `{said:blame}`.
const SAID_OPEN: &str = "{said:";

/// The debrief for one conversation: the parts whose condition holds, in order,
/// joined into one paragraph. `replies` are everything the person said and
/// `reports` how each scored, in the same order. A condition that cannot be
/// evaluated hides its part and is reported through `warn`.
pub fn assemble(
    parts: &[DebriefPart],
    values: Bindings,
    replies: &[&str],
    reports: &[&ScoreReport],
    mut warn: impl FnMut(String),
) -> String {
    let mut shown = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if let Some(cond) = &part.when {
            match cond.test(values) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(message) => {
                    warn(format!("part {}: {message}", i + 1));
                    continue;
                }
            }
        }
        let Some(text) = with_their_words(&part.text, reports) else {
            continue;
        };
        match &part.suggestion {
            Some(wording) if already_said(wording, replies) => continue,
            Some(wording) => shown.push(format!("{text} \u{201c}{wording}\u{201d}")),
            None => shown.push(text),
        }
    }
    shown.join(" ")
}

/// One piece of a debrief text, as [`pieces`] cuts it.
enum Piece<'a> {
    /// Text shown as written.
    Text(&'a str),
    /// The score a closed `{said:NAME}` marker names, trimmed.
    Said(&'a str),
    /// A marker with no closing `}`, and everything after it.
    Unclosed(&'a str),
}

/// `text` cut at its `{said:NAME}` markers, in order: the one reading of the
/// marker syntax that checking, handouts and debriefs share.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(SAID_OPEN) {
        out.push(Piece::Text(&rest[..at]));
        let after = &rest[at + SAID_OPEN.len()..];
        let Some(close) = after.find('}') else {
            out.push(Piece::Unclosed(&rest[at..]));
            return out;
        };
        out.push(Piece::Said(after[..close].trim()));
        rest = &after[close + 1..];
    }
    out.push(Piece::Text(rest));
    out
}

/// The score names a debrief text quotes with `{said:NAME}`, in order, or what is
/// wrong with a marker (for `rehearse check`).
pub fn quoted_scores(text: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    for piece in pieces(text) {
        match piece {
            Piece::Text(_) => {}
            Piece::Unclosed(_) => return Err(format!("`{SAID_OPEN}` is not closed with `}}`")),
            Piece::Said("") => return Err(format!("`{SAID_OPEN}}}` names no score")),
            Piece::Said(name) => names.push(name.to_string()),
        }
    }
    Ok(names)
}

/// `text` as an author or facilitator reads it outside a conversation (handouts):
/// each `{said:NAME}` becomes a placeholder saying whose words go there.
pub fn with_placeholders(text: &str) -> String {
    pieces(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) | Piece::Unclosed(text) => text.to_string(),
            Piece::Said(name) => format!("\u{201c}(their own words, {name})\u{201d}"),
        })
        .collect()
}

/// `text` with each `{said:NAME}` replaced by the person's own words for that
/// score, in quotes; `None` when one of them has nothing to quote, so the part
/// is left out rather than quote words nobody said.
fn with_their_words(text: &str, reports: &[&ScoreReport]) -> Option<String> {
    pieces(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => Some(text.to_string()),
            Piece::Said(name) => Some(format!("\u{201c}{}\u{201d}", their_words(name, reports)?)),
            Piece::Unclosed(_) => None,
        })
        .collect()
}

/// The words the person said that scored highest for `score` over the whole
/// conversation (the later reply on a tie: the one the partner last reacted to),
/// trimmed of the punctuation around them.
fn their_words(score: &str, reports: &[&ScoreReport]) -> Option<String> {
    let best = reports
        .iter()
        .filter(|r| r.matches.iter().any(|m| m.score == score))
        .max_by(|a, b| a.get(score).total_cmp(&b.get(score)))?;
    let found = best.matches.iter().find(|m| m.score == score)?;
    let words = found
        .text
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '-'));
    (!words.is_empty()).then(|| words.to_string())
}

/// Words that carry no content of their own in a suggested wording: "I want to
/// tell you the birthday one really hurt" is said when "birthday" and "hurt" are.
const FILLER: &[&str] = &[
    "a", "about", "all", "also", "am", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could",
    "did", "do", "does", "for", "from", "get", "go", "going", "got", "had", "has", "have", "i", "i'd", "i'll", "i'm",
    "i've", "if", "in", "is", "it", "it's", "just", "know", "let", "like", "me", "my", "of", "oh", "ok", "okay", "on",
    "one", "or", "really", "say", "so", "some", "that", "that's", "the", "them", "then", "there", "this", "to", "too",
    "very", "want", "was", "we", "well", "were", "what", "when", "will", "with", "would", "you", "you're", "your",
    "tell", "think", "though", "actually", "honestly", "bit", "quite", "still", "now", "here", "again",
];

/// The share of a suggestion's content words that, when found in one reply, means
/// the person said it in their own way.
const SAID_SHARE: f64 = 0.6;

/// Whether one of `replies` already says what `wording` suggests: most of its
/// content words (ignoring case, punctuation and simple endings) appear in a
/// single reply. Checked per reply, so words scattered over a long conversation
/// do not add up to a sentence nobody said.
pub fn already_said(wording: &str, replies: &[&str]) -> bool {
    let wanted = content_words(wording);
    if wanted.is_empty() {
        return false;
    }
    replies.iter().any(|reply| {
        let said = content_words(reply);
        let found = wanted.iter().filter(|w| said.contains(w)).count();
        found as f64 / wanted.len() as f64 >= SAID_SHARE
    })
}

/// Lowercased words without filler, each cut to a rough stem, in order, no repeats.
fn content_words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    let mut words: Vec<String> = Vec::new();
    for raw in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let word = raw.trim_matches('\'');
        if word.is_empty() || FILLER.contains(&word) {
            continue;
        }
        let stem = stem(word);
        if !words.contains(&stem) {
            words.push(stem);
        }
    }
    words
}

/// A rough stem, enough to match "hurt"/"hurts", "call"/"calling", "sorry"/"sorry".
/// A word ending in "ss" keeps it ("miss", "stress"), so it meets its own "missed"
/// and "stressed" instead of becoming "mis" and missing them.
fn stem(word: &str) -> String {
    let word = word.strip_suffix("'s").unwrap_or(word);
    if word.ends_with("ss") {
        return word.to_string();
    }
    for suffix in ["ing", "ed", "es", "s", "ly"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.chars().count() >= 3 {
                return base.to_string();
            }
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggestion_said_in_other_words_counts_as_said() {
        assert!(already_said(
            "I'm sorry I hung up on you, Dad.",
            &["I'm sorry Dad. I shouldn't have hung up on you"]
        ));
        assert!(already_said(
            "And I want to tell you the birthday one really hurt.",
            &["It did hurt though, especially the birthday one… I felt honestly a bit gutted"]
        ));
        assert!(already_said(
            "Please call first and I'll tell you when works.",
            &["please call first and ill tell u when works"]
        ));
        // "miss" and "missed" are one word (play-test 16 b: "I miss you" advised after it)
        assert!(already_said(
            "I miss you.",
            &["you're my friend and I missed you, la neta"]
        ));
        assert!(already_said("I've been so stressed.", &["i'm stressed out tbh"]));
    }

    fn report(score: &str, value: f64, said: &[&str]) -> ScoreReport {
        let mut r = ScoreReport::default();
        r.scores.insert(score.to_string(), value);
        for text in said {
            r.matches.push(crate::score::Match {
                score: score.to_string(),
                rule: "test".to_string(),
                start: 0,
                end: text.len(),
                text: text.to_string(),
            });
        }
        r
    }

    #[test]
    fn a_quote_is_what_the_person_said_or_the_part_goes() {
        let shrug = report("stonewalling", 0.6, &["fine."]);
        let harder = report("stonewalling", 0.9, &["I'm done talking", "whatever"]);
        let none = report("blame", 0.8, &["you always"]);
        let text = "A shutdown like {said: stonewalling} told Sam it was over.";
        assert_eq!(
            with_their_words(text, &[&shrug, &harder, &none]).as_deref(),
            Some("A shutdown like \u{201c}I'm done talking\u{201d} told Sam it was over.")
        );
        assert_eq!(with_their_words(text, &[&none]), None);
        assert_eq!(
            with_their_words("No quote here.", &[]).as_deref(),
            Some("No quote here.")
        );
    }

    #[test]
    fn markers_name_their_scores_or_say_what_is_wrong() {
        assert_eq!(
            quoted_scores("like {said:blame} and {said: stonewalling}"),
            Ok(vec!["blame".into(), "stonewalling".into()])
        );
        assert!(quoted_scores("like {said:blame").is_err());
        assert!(quoted_scores("like {said:} here").is_err());
        assert_eq!(quoted_scores("no marker {at all}"), Ok(vec![]));
    }

    #[test]
    fn a_suggestion_nobody_said_is_kept() {
        assert!(!already_said(
            "I feel worn out when I come home to a full sink, and I'd love us to take turns.",
            &["you never do the dishes", "whatever"]
        ));
        assert!(!already_said(
            "I'm sorry I hung up on you, Dad.",
            &["hi dad, how are you?"]
        ));
    }
}
