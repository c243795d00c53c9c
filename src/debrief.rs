//! Putting an ending's debrief together from what was actually said.
//!
//! A debrief that praises a move nobody made, or advises saying the very words the
//! person already said, teaches them to distrust the coach. So an ending's debrief
//! is a list of parts: each is shown only when its condition holds at the end of
//! the conversation, and a part that suggests a wording is left out when one of
//! the replies already said something close to it.

use crate::scenario::expr::Bindings;
use crate::scenario::DebriefPart;

/// The debrief for one conversation: the parts whose condition holds, in order,
/// joined into one paragraph. A condition that cannot be evaluated hides its part
/// and is reported through `warn`.
pub fn assemble(parts: &[DebriefPart], values: Bindings, replies: &[&str], mut warn: impl FnMut(String)) -> String {
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
        match &part.suggestion {
            Some(wording) if already_said(wording, replies) => continue,
            Some(wording) => shown.push(format!("{} \u{201c}{wording}\u{201d}", part.text)),
            None => shown.push(part.text.clone()),
        }
    }
    shown.join(" ")
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
fn stem(word: &str) -> String {
    let word = word.strip_suffix("'s").unwrap_or(word);
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
