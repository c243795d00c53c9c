//! The first steps every author file goes through, scenario or exercise set: read
//! it as UTF-8 text, index where each value is, refuse what is too deep or too big,
//! note duplicate keys; then, after serde_yaml, turn its errors into an author's
//! words. One path for every kind of file, so each gets the same care.

use super::positions::PositionIndex;
use crate::content::SourceFile;
use crate::diagnostic::{suggest, Diagnostic};

/// An author's file as text, with its position index and the duplicate keys found
/// in it (reported together with whatever else is wrong).
pub struct YamlText<'a> {
    pub text: &'a str,
    pub index: PositionIndex,
    pub problems: Vec<Diagnostic>,
}

impl<'a> YamlText<'a> {
    /// Reads `file` as text and indexes it. A file that cannot be read, is not
    /// UTF-8, is empty (`empty_hint` says how to start one) or goes past the
    /// limits gives its one problem instead: it must not reach serde_yaml.
    pub fn open(file: &'a SourceFile, empty_hint: &str) -> Result<YamlText<'a>, Vec<Diagnostic>> {
        let path = &file.display_path;
        if let Some(problem) = &file.unreadable {
            return Err(vec![Diagnostic::whole_file(path, problem.clone())]);
        }
        let text = std::str::from_utf8(&file.bytes).map_err(|e| {
            let line = file.bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            vec![Diagnostic::new(path, line, 0, "the file is not valid UTF-8 text")
                .with_hint("save it as UTF-8 (most editors offer this under \"Save with encoding\")")]
        })?;
        if text.trim().is_empty() {
            return Err(vec![
                Diagnostic::whole_file(path, "the file is empty").with_hint(empty_hint)
            ]);
        }
        // A byte-order mark, as some Windows editors save, is not part of the file.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let index = PositionIndex::build(text);
        if let Some(limit) = &index.limit {
            return Err(vec![Diagnostic::new(
                path,
                limit.pos.line,
                limit.pos.column,
                limit.message.clone(),
            )
            .with_hint(limit.hint.clone())]);
        }
        let problems = index
            .duplicates
            .iter()
            .map(|d| {
                Diagnostic::new(
                    path,
                    d.pos.line,
                    d.pos.column,
                    format!("`{}` appears twice here", d.key),
                )
                .with_hint("each name may appear once in the same list; rename or remove one")
            })
            .collect();
        Ok(YamlText { text, index, problems })
    }
}

/// The values of `text` as a `T`: read from the events its `index` already
/// parsed when [`super::yaml_events`] can (the file is then parsed once), else
/// by serde_yaml, whose errors are the ones [`yaml_error`] turns into an
/// author's words. Either way the value is the one serde_yaml would give.
pub fn read_values<T: serde::de::DeserializeOwned>(text: &str, index: &PositionIndex) -> Result<T, serde_yaml::Error> {
    match index.events().and_then(super::yaml_events::read) {
        Some(value) => Ok(value),
        None => serde_yaml::from_str(text),
    }
}

/// Makes a serde_yaml error readable for an author: position, plain message,
/// hint; at the line that is really wrong when `yaml_layout` can tell.
pub fn yaml_error(path: &str, text: &str, err: &serde_yaml::Error) -> Diagnostic {
    let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
    let mut message = err.to_string();
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    message = message
        .replace(
            "struct RawScenario",
            "a scenario (lines of `key: value`, starting with `id:`)",
        )
        .replace("struct RawBeat", "a beat (with `say:` and `on_reply:`)")
        .replace("struct RawRule", "a rule (with `when:` and `goto:`)")
        .replace("struct RawEnding", "an ending (with `kind:`, `say:` and `debrief:`)")
        .replace("struct RawPersona", "a persona (with `name:` and `relation:`)")
        .replace("struct RawTest", "a test (with `name:` and `replies:`)")
        .replace("struct RawExpect", "an expectation (with `turn:`)")
        .replace(
            "struct RawExerciseSet",
            "an exercise set (with `title:` and `scenarios:`)",
        )
        .replace("struct RawStep", "a step of the set (`- id: dishes-again`)")
        .replace("enum Category", "a category")
        .replace("enum EndingKind", "an ending kind");
    let message = author_words(&message);
    if let Some(better) = super::yaml_layout::diagnose(text, line, column, &message) {
        return Diagnostic::new(path, better.line, better.column, better.message).with_hint(better.hint);
    }
    let hint = yaml_hint(&message);
    let diagnostic = Diagnostic::new(path, line, column, message);
    match hint {
        Some(h) => diagnostic.with_hint(h),
        None => diagnostic,
    }
}

/// serde's words for YAML's shapes, in an author's: "a piece of text", "a whole
/// number", "a list"; list positions counted from 1, as an editor shows them
/// (serde says `say[1]` for the second line).
fn author_words(message: &str) -> String {
    static INDEX: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| regex::Regex::new(r"\[(\d+)\]").expect("a valid pattern"));
    let counted = index.replace_all(message, |c: &regex::Captures| {
        let n: usize = c[1].parse().unwrap_or(0);
        format!(" (item {})", n + 1)
    });
    let mut out = counted.into_owned();
    for (serde, words) in [
        ("invalid type: unit value", "nothing is written here"),
        ("unit value", "nothing"),
        ("invalid type: map", "found `key: value` lines"),
        ("invalid type: sequence", "found a list"),
        ("invalid type: string", "found the text"),
        ("invalid type: integer", "found the whole number"),
        ("invalid type: floating point", "found the number"),
        ("invalid type: boolean", "found"),
        ("expected a string", "expected a piece of text"),
        ("expected u64", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected a list (lines starting with `- `)"),
        ("expected a map", "expected `key: value` lines"),
        ("unknown variant", "unknown value"),
        ("missing field", "missing the line"),
    ] {
        out = out.replace(serde, words);
    }
    out
}

fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

fn yaml_hint(message: &str) -> Option<String> {
    if message.contains("unknown field") || message.contains("unknown value") {
        let words = backticked(message);
        let (wrong, allowed) = words.split_first()?;
        return Some(suggest(wrong, allowed.iter().copied(), "allowed here"));
    }
    if message.contains("found `key: value` lines") && message.contains("expected a piece of text") {
        return Some(
            "a line of text with `: ` in it reads as `key: value`; put the whole line in double quotes: say: \"Note: …\""
                .into(),
        );
    }
    if message.contains("expected a step of the set") {
        return Some("write each step as `- id: ` and the scenario's id, e.g. `- id: dishes-again`".into());
    }
    if message.contains("missing the line") {
        let field = backticked(message).into_iter().next()?;
        return Some(format!("add a `{field}:` line here (see docs/authoring.md)"));
    }
    if message.contains("did not find expected") || message.contains("mapping values are not allowed") {
        return Some(
            "check the indentation (spaces, not tabs) and put text containing `: ` or starting with a quote inside double quotes"
                .into(),
        );
    }
    if message.contains("unexpected end of stream") {
        return Some("a quote, bracket or brace opened earlier in the file is never closed".into());
    }
    if message.contains("found character that cannot start any token") {
        return Some("YAML does not allow tabs for indentation; use spaces".into());
    }
    if message.contains("found ") && message.contains(", expected ") {
        return Some("check what this key expects in docs/authoring.md (text, a number, or a list)".into());
    }
    None
}
