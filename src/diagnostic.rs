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
    /// The text of line `line` of the file, shown under the message with a
    /// caret at the column; `None` when the file's text is not at hand.
    pub source_line: Option<String>,
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
            source_line: None,
        }
    }

    /// The same problem, with its line taken from `text` (the whole file) to
    /// show under the message.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.line > 0 {
            self.source_line = text.lines().nth(self.line - 1).map(str::to_string);
        }
        self
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

impl Diagnostic {
    /// The problem as shown to an author: the `path:line:col: error: message`
    /// line editors understand, the line of the file with a caret under the
    /// spot, then the hint. `color` only where the reader wants it (a terminal,
    /// `NO_COLOR` unset; see `Style`).
    pub fn render(&self, color: bool) -> String {
        // A message can quote the author's file (`goto: …` names no beat), which
        // may hold anything, escape sequences included.
        use crate::safe_text::visible;
        let style = crate::style::Style { color };
        let severity = if self.warning {
            style.yellow("warning")
        } else {
            style.red("error")
        };
        let mut out = format!("{}: {severity}: {}", visible(&self.location()), visible(&self.message));
        if let Some(snippet) = self.snippet(color) {
            out.push('\n');
            out.push_str(&snippet);
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n  {}: {}", style.bold("hint"), visible(hint)));
        }
        out
    }

    /// The source line with a caret under the spot, drawn by annotate-snippets.
    fn snippet(&self, color: bool) -> Option<String> {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let line = crate::safe_text::visible(self.source_line.as_deref()?);
        if self.line == 0 || line.trim().is_empty() {
            return None;
        }
        let span = spot(&line, self.column, &self.message);
        let level = if self.warning { Level::WARNING } else { Level::ERROR };
        let report = [Group::with_level(level).element(
            Snippet::source(line.as_str())
                .line_start(self.line)
                .annotation(AnnotationKind::Primary.span(span)),
        )];
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        let drawn = renderer.render(&report);
        let drawn = drawn.trim_end();
        (!drawn.is_empty()).then(|| drawn.to_string())
    }
}

/// The bytes of `line` to underline for a 1-based character `column`: the text
/// the message quotes (`tension + 1`) when it is written there, else the word
/// that starts there (up to a space or a YAML separator); the first thing
/// written on the line when the column is unknown.
fn spot(line: &str, column: usize, message: &str) -> std::ops::Range<usize> {
    let mut start = if column == 0 {
        line.len() - line.trim_start().len()
    } else {
        line.char_indices().nth(column - 1).map_or(line.len(), |(i, _)| i)
    };
    // A position at the colon of `when:` means the key before it.
    if line[start..].starts_with(':') {
        let key = line[..start].trim_end_matches(|c: char| c.is_alphanumeric() || c == '_' || c == '-');
        if key.len() < start {
            start = key.len();
        }
    }
    let rest = &line[start..];
    if let Some(quoted) = message.split('`').nth(1).filter(|q| q.len() > 1 && rest.starts_with(q)) {
        return start..start + quoted.len();
    }
    let mut chars = rest.char_indices().peekable();
    let mut length = rest.len();
    while let Some((i, c)) = chars.next() {
        let key_colon = c == ':' && chars.peek().is_none_or(|(_, next)| next.is_whitespace());
        if c.is_whitespace() || matches!(c, ',' | '}' | ']') || key_colon {
            length = i;
            break;
        }
    }
    let length = if length == 0 {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        length
    };
    start..start + length
}

impl Diagnostic {
    /// The problem without its source line: `path:line:col: error: message`
    /// and the hint, for places with no room for a snippet (JSON, menus).
    pub fn brief(&self) -> String {
        Diagnostic {
            source_line: None,
            ..self.clone()
        }
        .render(false)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
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
