//! One problem found in a scenario or script, with where it is and how to fix it.
//!
//! Authors are therapists, not programmers: every error names the file, line and
//! column in the `path:line:col: error: message` form editors understand, and
//! carries a hint in plain words wherever one helps.

use std::fmt;

/// A located problem in an author's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user would type it (relative where possible).
    pub path: String,
    /// 1-based line; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// What to do about it, in one sentence.
    pub hint: Option<String>,
    /// A warning does not stop the scenario loading: it plays, but probably not as
    /// the author meant (a partner who can say the same line forever).
    pub warning: bool,
}

impl Diagnostic {
    pub fn new(path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            column,
            message: message.into(),
            hint: None,
            warning: false,
        }
    }

    /// A problem with the file as a whole (unreadable, empty, not UTF-8…).
    pub fn whole_file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(path, 0, 0, message)
    }

    /// The same problem, as a warning.
    pub fn as_warning(mut self) -> Self {
        self.warning = true;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The `path:line:col` prefix alone.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.path.clone(),
            (line, 0) => format!("{}:{}", self.path, line),
            (line, col) => format!("{}:{}:{}", self.path, line, col),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A message can quote the author's file (`goto: …` names no beat), which
        // may hold anything, escape sequences included.
        use crate::safe_text::visible;
        let severity = if self.warning { "warning" } else { "error" };
        write!(
            f,
            "{}: {severity}: {}",
            visible(&self.location()),
            visible(&self.message)
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", visible(hint))?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Close by edit distance (swapped letters count once: "sya" → "say") or by
    // shared prefix and letters (Jaro-Winkler), whichever finds a likely typo.
    let allowed_edits = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| {
            let edits = strsim::damerau_levenshtein(word, c);
            let similar = strsim::jaro_winkler(word, c);
            let score = if edits <= allowed_edits {
                2.0 - edits as f64 / 10.0
            } else {
                similar
            };
            (score, c)
        })
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A hint for a name that is not one of `candidates`: "did you mean `x`?" for a
/// likely typo, else the list of what is allowed, introduced by `label`.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>, label: &str) -> String {
    let all: Vec<&str> = candidates.into_iter().collect();
    match did_you_mean(word, all.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("{label}: {}", all.join(", ")),
    }
}
