//! A whole dialogue as a reviewer wants to read it in a snapshot diff: every
//! partner line and reply, the scores with the words that triggered them, the
//! rule that fired, the dials that moved, and the ending with its debrief.

use crate::render::number;
use crate::session::{Next, Session};
use std::fmt::Write as _;

pub fn review(session: &Session) -> String {
    let scenario = session.scenario();
    let name = &scenario.persona.name;
    let mut out = String::new();
    let _ = writeln!(out, "{} ({}), seed {}", scenario.title, scenario.id, session.seed());
    let dials: Vec<String> = scenario
        .state
        .iter()
        .map(|(k, v)| format!("{k} {}", number(*v)))
        .collect();
    if !dials.is_empty() {
        let _ = writeln!(out, "dials: {}", dials.join(", "));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "[{}] {name}: {}", session.opening().beat, session.opening().line);
    for turn in session.turns() {
        let _ = writeln!(out);
        let _ = writeln!(out, "> {}", turn.reply);
        let scores: Vec<String> = turn.report.scores.iter().map(|(k, v)| format!("{k} {v:.2}")).collect();
        let _ = writeln!(out, "  scores: {}", scores.join(" · "));
        for m in &turn.report.matches {
            let _ = writeln!(out, "    {} / {}: \"{}\"", m.score, m.rule, m.text);
        }
        let parts = turn.report.parts;
        if parts.feeling || parts.situation || parts.need {
            let _ = writeln!(
                out,
                "  parts: feeling {} · situation {} · need {}",
                parts.feeling, parts.situation, parts.need
            );
        }
        for e in &turn.report.errors {
            let _ = writeln!(out, "  error in {}: {}", e.score, e.message);
        }
        let rule = turn.rule.when.as_deref().unwrap_or("otherwise");
        let _ = writeln!(out, "  rule {} of `{}`: {rule}", turn.rule.number, turn.beat);
        if let Some(note) = &turn.rule.note {
            let _ = writeln!(out, "  note: {note}");
        }
        for c in &turn.changes {
            let _ = writeln!(out, "  {} {} → {}", c.dial, number(c.from), number(c.to));
        }
        let _ = writeln!(out);
        match &turn.next {
            Next::Beat(line) => {
                let _ = writeln!(out, "[{}] {name}: {}", line.beat, line.line);
            }
            Next::Ending(e) => {
                let _ = writeln!(out, "[{} · {}] {name}: {}", e.ending, e.kind.as_str(), e.line);
                let _ = writeln!(out);
                let _ = writeln!(out, "debrief: {}", e.debrief);
            }
        }
    }
    out
}
