//! `rehearse score`: how the scorers read a reply. Streams standard input, so a
//! file of 100,000 replies works in constant memory.

use crate::app::{self, Outcome};
use crate::cli::Cli;
use crate::input::{LineProblem, Lines};
use crate::render;
use crate::score::ScoreReport;
use crate::session::ScorerRef;
use crate::style::Style;
use serde_json::{json, Value};
use std::io::{BufWriter, Write};

/// The JSON object for one scored reply (the `--json` line format).
pub fn json_line(text: &str, report: &ScoreReport) -> Value {
    let mut value = json!({
        "text": text,
        "scores": report.scores,
        "matches": report.matches,
        "parts": report.parts,
        "tips": report.tips.iter().map(|t| t.text.clone()).collect::<Vec<_>>(),
    });
    if !report.suggestions.is_empty() {
        value["suggestions"] = json!(report.suggestions);
    }
    if !report.errors.is_empty() {
        value["errors"] = json!(report.errors);
    }
    value
}

fn problem_line(number: usize, problem: &LineProblem) -> Value {
    json!({ "text": Value::Null, "line": number, "error": problem.to_string() })
}

/// Human output: each present score with its highlighted words, then the tip.
pub fn human(text: &str, report: &ScoreReport, style: Style) -> String {
    human_with_examples(text, report, &render::Examples::new(), style)
}

/// [`human`], with tips quoting a scenario's own example wordings.
fn human_with_examples(text: &str, report: &ScoreReport, examples: &render::Examples, style: Style) -> String {
    let mut out = format!("{}\n", style.bold(&format!("\"{text}\"")));
    for (name, score) in &report.scores {
        let words: Vec<String> = report
            .matches_for(name)
            .map(|m| format!("\"{}\" ({})", m.text, m.rule.replace('_', " ")))
            .collect();
        let bar = render::sparkline(&[*score]);
        let flag = if *score >= crate::score::PRESENT { "present" } else { "" };
        let mut line = format!("  {name:<13} {bar} {score:.2} {flag:<8}");
        if !words.is_empty() {
            line.push_str(&format!(" {}", style.accent(&words.join(", "))));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(&render::feedback(report, examples, style));
    out
}

/// Scores replies; with `scenario` (an id or a file), with that scenario's own
/// scorers as well as the shared ones, and tips quoting its example wordings,
/// exactly as in play.
pub fn run(cli: &Cli, as_json: bool, texts: &[String], scenario: Option<&str>) -> Outcome {
    let shared = app::scorer(cli)?;
    let library = match scenario {
        Some(key) => Some(crate::commands::graph::library_for(cli, &shared, key)?),
        None => None,
    };
    let scenario = match (&library, scenario) {
        (Some(library), Some(key)) => Some(crate::commands::graph::scenario_in(library, key)?),
        _ => None,
    };
    let scorer: &dyn ScorerRef = match scenario.and_then(|s| s.own_scorer.as_deref()) {
        Some(own) => own,
        None => &shared,
    };
    let examples = scenario.map(|s| s.examples.clone()).unwrap_or_default();
    let style = Style::for_stdout();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let emit = |out: &mut BufWriter<_>, raw: &str| -> std::io::Result<()> {
        // Scored and echoed exactly as a reply in a scenario would be: escapes and
        // direction overrides cannot reach the terminal, and an empty line is not
        // a reply (in JSON it still gets a line, so output lines match input lines).
        let cleaned = crate::session::clean_reply(raw);
        let text = cleaned.as_str();
        if text.is_empty() {
            if as_json {
                return writeln!(out, "{}", serde_json::json!({ "text": "", "skipped": "empty" }));
            }
            app::warn("an empty reply is not scored");
            return Ok(());
        }
        let report = scorer.score(text);
        if as_json {
            writeln!(out, "{}", json_line(text, &report))
        } else {
            writeln!(out, "{}", human_with_examples(text, &report, &examples, style))
        }
    };
    if !texts.is_empty() {
        for text in texts {
            emit(&mut out, text)?;
        }
    } else {
        for line in Lines::new(std::io::stdin().lock()) {
            match &line.text {
                Ok(text) => emit(&mut out, text)?,
                Err(problem) if as_json => writeln!(out, "{}", problem_line(line.number, problem))?,
                Err(problem) => app::warn(format!("input line {}: {problem}", line.number)),
            }
        }
    }
    out.flush()?;
    Ok(())
}
