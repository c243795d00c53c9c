//! `rehearse score`: how the scorers read a reply. Streams standard input, so a
//! file of 100,000 replies works in constant memory.

use crate::input::{LineProblem, Lines};
use crate::load;
use crate::load::Context;
use crate::outcome::{self, Outcome};
use crate::parallel;
use crate::render;
use crate::score::{RhaiScorer, ScoreReport, Scorer};
use crate::style::Style;
use serde_json::{json, Value};
use std::io::{BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};

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

/// What scoring one input line gave: a line of output, or a warning for
/// standard error (human output only), kept in input order either way.
enum Scored {
    Output(String),
    Warning(String),
}

/// How every reply is scored and shown: as JSON or for people, with which
/// example wordings in tips.
struct Shown<'a> {
    as_json: bool,
    examples: &'a render::Examples,
    style: Style,
}

/// Scores one raw reply (or reports its input problem) as `--json` or human output.
fn score_one(scorer: &RhaiScorer, raw: Result<&str, (usize, &LineProblem)>, shown: &Shown) -> Scored {
    let Shown {
        as_json,
        examples,
        style,
    } = *shown;
    let raw = match raw {
        Ok(raw) => raw,
        Err((number, problem)) if as_json => return Scored::Output(problem_line(number, problem).to_string()),
        Err((number, problem)) => return Scored::Warning(format!("input line {number}: {problem}")),
    };
    // Scored and echoed exactly as a reply in a scenario would be: escapes and
    // direction overrides cannot reach the terminal, and an empty line is not
    // a reply (in JSON it still gets a line, so output lines match input lines).
    let cleaned = crate::session::clean_reply(raw);
    let text = cleaned.as_str();
    if text.is_empty() {
        if as_json {
            return Scored::Output(serde_json::json!({ "text": "", "skipped": "empty" }).to_string());
        }
        return Scored::Warning("an empty reply is not scored".to_string());
    }
    let report = scorer.score(text);
    if as_json {
        Scored::Output(json_line(text, &report).to_string())
    } else {
        Scored::Output(render::scored_reply_with_examples(text, &report, examples, style))
    }
}

/// Scores replies on `jobs` threads, in input order; with `scenario` (an id or a
/// file), with that scenario's own scorers as well as the shared ones, and tips
/// quoting its example wordings, exactly as in play.
pub fn run(cli: &dyn Context, as_json: bool, texts: &[String], scenario: Option<&str>, jobs: Option<usize>) -> Outcome {
    let shared = load::until_exit(load::scorer(cli)?);
    let library = match scenario {
        Some(key) => Some(load::until_exit(load::library_for(cli, shared, key)?)),
        None => None,
    };
    let scenario = match (&library, scenario) {
        (Some(library), Some(key)) => Some(load::scenario_in(library, key)?),
        _ => None,
    };
    let scorer: &RhaiScorer = scenario.and_then(|s| s.own_scorer.as_deref()).unwrap_or(shared);
    let examples = scenario.map(|s| s.examples.clone()).unwrap_or_default();
    let shown = Shown {
        as_json,
        examples: &examples,
        style: Style::for_stdout(),
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    // Once output fails (a closed pipe), the readers stop taking replies.
    let stopped = AtomicBool::new(false);
    let mut written: std::io::Result<()> = Ok(());
    let mut emit = |scored: Scored| {
        if written.is_err() {
            return;
        }
        written = match scored {
            Scored::Output(line) => writeln!(out, "{line}"),
            Scored::Warning(message) => {
                outcome::warn(message);
                Ok(())
            }
        };
        if written.is_err() {
            stopped.store(true, Ordering::Relaxed);
        }
    };
    let jobs = jobs.unwrap_or_else(parallel::default_jobs);
    if !texts.is_empty() {
        // A few replies on the command line are not worth a thread each.
        let jobs = jobs.min(texts.len());
        parallel::for_each_ordered(
            texts.iter().take_while(|_| !stopped.load(Ordering::Relaxed)),
            jobs,
            || scorer.worker(),
            |worker, text| score_one(worker, Ok(text), &shown),
            &mut emit,
        );
    } else {
        // Not `stdin().lock()`: the lock cannot move to the thread that reads ahead.
        let lines = Lines::new(std::io::BufReader::new(std::io::stdin()));
        parallel::for_each_ordered(
            lines.take_while(|_| !stopped.load(Ordering::Relaxed)),
            jobs,
            || scorer.worker(),
            |worker, line| match &line.text {
                Ok(text) => score_one(worker, Ok(text), &shown),
                Err(problem) => score_one(worker, Err((line.number, problem)), &shown),
            },
            &mut emit,
        );
    }
    written?;
    out.flush()?;
    // The literal sets worked out here make the next run's start quicker.
    if !cli.no_journal() {
        crate::score::literal_cache::save();
    }
    Ok(())
}
