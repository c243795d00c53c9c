//! The Markdown transcript. Everything that came from a person or a scenario is
//! escaped, so a reply containing `*` or `<b>` reads exactly as it was typed.

use super::{dials_text, ending_title, outcome_text, partner_title, pieces, scores_text, Piece};
use crate::journal::clock;
use crate::journal::record::Record;
use crate::session::Next;
use std::fmt::Write as _;

/// Backslash-escapes the characters Markdown would read as formatting. An
/// underscore inside a word (`i_statement`) is left alone: Markdown never reads it
/// as emphasis, and the raw file stays readable.
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let inside_word = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| c.is_alphanumeric());
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' => true,
            '_' => !(inside_word(i.checked_sub(1)) && inside_word(Some(i + 1))),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A reply with the matched words in bold.
fn highlighted(reply: &str, matches: &[crate::score::Match]) -> String {
    pieces(reply, matches)
        .into_iter()
        .map(|piece| match piece {
            Piece::Plain(text) => escape(text),
            Piece::Marked { text, .. } => format!("**{}**", escape(text)),
        })
        .collect()
}

pub fn render(record: &Record) -> String {
    let header = &record.header;
    let name = escape(&header.partner.name);
    let mut out = String::new();
    let _ = writeln!(out, "# Practice transcript: {}", escape(&header.scenario.title));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "- Scenario: `{}`, with {}",
        header.scenario.id,
        escape(&partner_title(record))
    );
    let _ = writeln!(
        out,
        "- Session: `{}`, started {}",
        record.id(),
        clock::display(&header.started)
    );
    let _ = writeln!(
        out,
        "- Seed: {} (`rehearse play {} --seed {}` brings back the same partner lines)",
        header.seed, header.scenario.id, header.seed
    );
    let _ = writeln!(out, "- {}", escape(&outcome_text(record)));
    let _ = writeln!(out);
    let _ = writeln!(out, "## Conversation");
    let _ = writeln!(out);
    let first = record
        .entries
        .first()
        .map_or(header.opening.line.as_str(), |e| e.partner.as_str());
    let _ = writeln!(out, "**{name}:** {}", escape(first));
    for entry in &record.entries {
        let turn = &entry.turn;
        let _ = writeln!(out);
        let _ = writeln!(out, "**You:** {}", highlighted(&turn.reply, &turn.report.matches));
        let _ = writeln!(out);
        let _ = writeln!(out, "- Scores: {}", escape(&scores_text(turn)));
        let mut words: Vec<String> = Vec::new();
        for piece in pieces(&turn.reply, &turn.report.matches) {
            if let Piece::Marked { text, labels, .. } = piece {
                words.push(format!("**{}** ({})", escape(text), escape(&labels.join(", "))));
            }
        }
        if !words.is_empty() {
            let _ = writeln!(out, "- Words: {}", words.join(" · "));
        }
        if let Some(note) = &turn.rule.note {
            let _ = writeln!(out, "- Note: {}", escape(note));
        }
        if let Some(dials) = dials_text(turn) {
            let _ = writeln!(out, "- Dials: {}", escape(&dials));
        }
        match &turn.next {
            Next::Beat(line) => {
                let _ = writeln!(out);
                let _ = writeln!(out, "**{name}:** {}", escape(&line.line));
            }
            Next::Ending(ending) => {
                let _ = writeln!(out);
                let _ = writeln!(out, "**{name}:** {}", escape(&ending.line));
                let _ = writeln!(out);
                let _ = writeln!(out, "## The end: {}", escape(&ending_title(ending)));
                let _ = writeln!(out);
                let _ = writeln!(out, "{}", escape(ending.debrief.trim()));
            }
        }
    }
    if !record.is_finished() {
        let _ = writeln!(out);
        let _ = writeln!(out, "*Unfinished: {name} is still waiting for a reply.*");
    }

    let summary = record.summary();
    if !summary.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "## Skills over the session");
        let _ = writeln!(out);
        let _ = writeln!(out, "| skill | average | peak | present in |");
        let _ = writeln!(out, "|---|---:|---:|---|");
        for skill in &summary {
            let _ = writeln!(
                out,
                "| {} | {:.2} | {:.2} | {} of {} |",
                escape(&skill.skill),
                skill.average,
                skill.peak,
                skill.present_in,
                skill.turns
            );
        }
    }
    if !record.taken_back.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "## Taken back with /undo");
        let _ = writeln!(out);
        for entry in &record.taken_back {
            let _ = writeln!(out, "- Turn {}: {}", entry.turn.number, escape(&entry.turn.reply));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "*Written by rehearse on this computer. It is private: share it only with people you choose.*"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_formatting() {
        assert_eq!(escape("a *b* <i> & [x](y)"), "a \\*b\\* \\<i\\> \\& \\[x\\](y)");
        assert_eq!(escape("i_statement _really_"), "i_statement \\_really\\_");
    }
}
