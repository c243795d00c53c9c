//! Word lists in `scripts/lexicons/*.txt`, which therapists extend without code.
//!
//! One entry per line; `#` starts a comment (a whole line, or after a space).
//! Entries keep their case and spacing; matching is the scripts' business, helped
//! by [`Lexicons::pattern`], which turns a list into one regex group.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    lists: BTreeMap<String, Vec<String>>,
    patterns: BTreeMap<String, String>,
}

impl Lexicons {
    /// Adds the list `name` from the text of its file.
    pub fn insert(&mut self, name: &str, text: &str) {
        let entries: Vec<String> = text
            .lines()
            .map(strip_comment)
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_string)
            .collect();
        self.patterns.insert(name.to_string(), alternation(&entries));
        self.lists.insert(name.to_string(), entries);
    }

    pub fn get(&self, name: &str) -> Option<&[String]> {
        self.lists.get(name).map(Vec::as_slice)
    }

    /// `(?:entry|entry…)`: escaped, longest first (so "let down" wins over "let"),
    /// spaces matching any white space and apostrophes matching straight or curly ones.
    pub fn pattern(&self, name: &str) -> Option<&str> {
        self.patterns.get(name).map(String::as_str)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.lists.keys().map(String::as_str)
    }
}

fn strip_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    }
}

fn alternation(entries: &[String]) -> String {
    let mut sorted: Vec<&String> = entries.iter().collect();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted.dedup();
    if sorted.is_empty() {
        // Matches nothing, so an empty list never matches everything by accident.
        return "(?:[^\\s\\S])".to_string();
    }
    let alternatives: Vec<String> = sorted
        .iter()
        .map(|entry| {
            regex::escape(entry)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(r"\s+")
                .replace(['\'', '’'], "['’]")
        })
        .collect();
    format!("(?:{})", alternatives.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let mut lex = Lexicons::default();
        lex.insert(
            "feelings",
            "# genuine emotions\nhurt\n\nlet down # pseudo, really\nsad\n",
        );
        assert_eq!(lex.get("feelings").unwrap(), ["hurt", "let down", "sad"]);
    }

    #[test]
    fn pattern_is_longest_first_and_flexible() {
        let mut lex = Lexicons::default();
        lex.insert("x", "let\nlet down\ndon't");
        assert_eq!(lex.pattern("x").unwrap(), r"(?:let\s+down|don['’]t|let)");
        let re = regex::Regex::new(lex.pattern("x").unwrap()).unwrap();
        assert_eq!(re.find("I felt let   down").unwrap().as_str(), "let   down");
        assert!(re.is_match("don’t"));
    }

    #[test]
    fn empty_list_matches_nothing() {
        let mut lex = Lexicons::default();
        lex.insert("empty", "# nothing yet\n");
        let re = regex::Regex::new(lex.pattern("empty").unwrap()).unwrap();
        assert!(!re.is_match("anything at all"));
    }
}
