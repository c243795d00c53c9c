//! Tab completion and hints for the REPL: slash commands and scenario ids.

use rustyline::completion::{Completer, Pair};
use rustyline::hint::Hinter;
use rustyline::Context;
use rustyline::{Helper, Highlighter, Validator};

/// The slash commands and what they do, for completion, hints and `/help`.
pub const COMMANDS: [(&str, &str); 12] = [
    ("/help", "show these commands"),
    ("/hint", "the coach's note for this moment"),
    ("/score", "how your last reply scored, and the words that did it"),
    ("/undo", "take back your last reply"),
    ("/restart", "start this scenario again"),
    (
        "/reload",
        "after editing the scenario or scorers: read them again and replay your replies",
    ),
    ("/transcript", "show this session so far"),
    (
        "/save",
        "write a transcript (Markdown) into the data folder: /save html, /save json",
    ),
    ("/menu", "back to the list of scenarios"),
    ("/play", "play a scenario by number, id or title words: /play dishes"),
    (
        "/next",
        "the next scenario of an exercise set (rehearse play --set NAME)",
    ),
    ("/quit", "leave (Ctrl-D works too)"),
];

#[derive(Helper, Highlighter, Validator, Default)]
pub struct ReplHelper {
    pub scenario_ids: Vec<String>,
}

impl ReplHelper {
    fn candidates(&self, line: &str) -> Vec<String> {
        if let Some(rest) = line.strip_prefix("/play ") {
            return self
                .scenario_ids
                .iter()
                .filter(|id| id.starts_with(rest.trim_start()))
                .map(|id| format!("/play {id}"))
                .collect();
        }
        if line.starts_with('/') {
            return COMMANDS
                .iter()
                .map(|(c, _)| c.to_string())
                .filter(|c| c.starts_with(line))
                .collect();
        }
        // At the menu, a bare id is a choice too.
        self.scenario_ids
            .iter()
            .filter(|id| !line.is_empty() && id.starts_with(line))
            .cloned()
            .collect()
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        if pos < line.len() {
            return Ok((pos, Vec::new()));
        }
        let pairs = self
            .candidates(line)
            .into_iter()
            .map(|c| Pair {
                display: c.clone(),
                replacement: c,
            })
            .collect();
        Ok((0, pairs))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    /// Greys in the rest of a command when only one fits, and what it does.
    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos < line.len() || !line.starts_with('/') {
            return None;
        }
        let matches = self.candidates(line);
        match matches.as_slice() {
            [only] if only.len() > line.len() => Some(only[line.len()..].to_string()),
            [only] => COMMANDS
                .iter()
                .find(|(c, _)| c == only)
                .map(|(_, what)| format!("  — {what}")),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_commands_and_ids() {
        let helper = ReplHelper {
            scenario_ids: vec!["dishes-again".into(), "dinner-party".into()],
        };
        assert_eq!(helper.candidates("/re"), ["/restart", "/reload"]);
        assert_eq!(helper.candidates("/rel"), ["/reload"]);
        assert_eq!(helper.candidates("/play di").len(), 2);
        assert_eq!(helper.candidates("dis"), ["dishes-again"]);
    }
}
