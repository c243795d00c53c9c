//! `rehearse why ID BEAT "reply"`: how one beat's rules read one reply — the
//! scores, every rule's condition true or false with the values it read, the
//! rule that fires and the dials it moves. For authors asking "why did it go there?".
//!
//! The values are bound as `Session::reply` binds them (scores, dials, `turn`,
//! `words`, then the session facts), for a reply answered at `BEAT` as if it
//! were the first of the conversation; `--set` overrides any dial or fact.

use crate::commands::start_options::{beat, Settable};
use crate::facts::{Facts, BEST_PREFIX, FIXED_NAMES};
use crate::load;
use crate::load::Context;
use crate::outcome::{Failure, Outcome};
use crate::scenario::expr::{TURN, WORDS};
use crate::scenario::{Rule, Scenario, Target, DIAL_MAX, DIAL_MIN};
use crate::score::{text::word_count, ScoreReport, PRESENT};
use crate::session::{clean_reply, condition_values, MAX_REPLY_CHARS};
use std::fmt::Write as _;
use std::io::Write as _;

/// A number as an author wrote it: `4`, `0.90`.
fn show(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

/// The names a condition reads, in the order it reads them, once each.
fn names_in(source: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for word in source.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        if word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') && !names.contains(&word) {
            names.push(word);
        }
    }
    names
}

fn scores_block(report: &ScoreReport, names: &[String], own: bool) -> String {
    let mut out = format!(
        "scores ({}):\n",
        if own {
            "the shared scorers and the scenario's own"
        } else {
            "the shared scorers"
        }
    );
    for name in names {
        let score = report.get(name);
        let mut line = format!("  {name:<13} {score:.2}");
        if score >= PRESENT {
            line.push_str("  present");
        }
        let words: Vec<String> = report
            .matches_for(name)
            .map(|m| format!("\"{}\" ({})", m.text, m.rule.replace('_', " ")))
            .collect();
        if !words.is_empty() {
            let _ = write!(line, "  {}", words.join(", "));
        }
        out.push_str(&line);
        out.push('\n');
    }
    for error in &report.errors {
        let _ = writeln!(out, "  ({} could not score this reply: {})", error.score, error.message);
    }
    out
}

fn target_words(scenario: &Scenario, target: &Target) -> String {
    match target {
        Target::Beat(id) => format!("beat `{id}`"),
        Target::Ending(id) => {
            let kind = scenario.endings.get(id).map_or("", |e| e.kind.as_str());
            format!("ending `{id}` ({kind})")
        }
    }
}

pub fn run(cli: &dyn Context, key: &str, beat_id: &str, reply: &str, sets: &[String]) -> Outcome {
    let shared = load::scorer(cli)?;
    let library = load::library_for(cli, &shared, key)?;
    let scenario = load::scenario_in(&library, key)?;
    let beat = beat(scenario, beat_id)?;
    let reply = clean_reply(reply);
    if reply.is_empty() {
        return Err(Failure::new(format!(
            "give the reply to try in quotes, e.g. rehearse why {} {beat_id} \"I feel tired when…\"",
            scenario.id
        )));
    }
    let chars = reply.chars().count();
    if chars > MAX_REPLY_CHARS {
        return Err(Failure::new(format!(
            "that reply is {chars} characters; replies can be up to {MAX_REPLY_CHARS}"
        )));
    }
    // A scenario that brings its own scripts is scored with them, as in play.
    let scorer = crate::session::scorer_for(scenario, &shared);
    let score_names = scorer.names();
    let settable = Settable::for_why(scenario, score_names);
    let mut overrides: Vec<(String, f64)> = Vec::new();
    for text in sets {
        let (name, value) = settable.parse(text)?;
        overrides.retain(|(n, _)| *n != name);
        overrides.push((name, value));
    }
    let overridden = |name: &str| overrides.iter().find(|(n, _)| n == name).map(|(_, v)| *v);

    // The values a rule reads, bound exactly as `Session::reply` binds them.
    let report = scorer.score(&reply);
    let turn = overridden(TURN).unwrap_or(1.0);
    let mut facts = Facts::default();
    facts.record(turn as usize, &report);
    let dials: std::collections::BTreeMap<String, f64> = scenario.state.iter().map(|(k, v)| (k.clone(), *v)).collect();
    let mut bound = condition_values(
        score_names,
        &report,
        &dials,
        turn as usize,
        word_count(&reply) as f64,
        &facts,
    );
    for (name, value) in &overrides {
        if let Some(slot) = bound.iter_mut().find(|(n, _)| n == name) {
            slot.1 = *value;
        }
    }
    let values: Vec<(&str, f64)> = bound.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let value_of = |name: &str| values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);

    let mut out = String::new();
    let _ = writeln!(out, "{}: {}, beat `{}`", scenario.id, scenario.title, beat.id);
    let _ = writeln!(out, "reply: \"{reply}\"\n");
    out.push_str(&scores_block(&report, score_names, scenario.own_scorer.is_some()));

    out.push_str("\nwhat else the rules read:\n");
    if !scenario.state.is_empty() {
        let dials: Vec<String> = scenario
            .state
            .keys()
            .map(|d| format!("{d} {}", show(value_of(d).unwrap_or(0.0))))
            .collect();
        let _ = writeln!(out, "  dials: {}", dials.join(", "));
    }
    let _ = writeln!(
        out,
        "  turn {} · words {}",
        show(value_of(TURN).unwrap_or(1.0)),
        show(value_of(WORDS).unwrap_or(0.0))
    );
    let fixed: Vec<String> = FIXED_NAMES
        .iter()
        .map(|n| format!("{n} {}", show(value_of(n).unwrap_or(0.0))))
        .collect();
    let _ = writeln!(out, "  session facts: {}", fixed.join(", "));
    out.push_str(
        "    best_<score> is the score above and first_<score> is this turn when it is 0.5 or more, else 0:\n    the facts count this reply only, as if it were the first of the conversation.\n",
    );
    if overrides.is_empty() {
        out.push_str("    (the dials are at their starting values; `--set NAME=N` tries others)\n");
    } else {
        let set: Vec<String> = overrides.iter().map(|(n, v)| format!("{n} {}", show(*v))).collect();
        let _ = writeln!(out, "  set with --set: {}", set.join(", "));
    }

    let _ = writeln!(
        out,
        "\nrules of `{}`, tried top to bottom (the first that holds fires):",
        beat.id
    );
    let mut fired: Option<&Rule> = None;
    for rule in &beat.rules {
        let _ = writeln!(
            out,
            "  {}. {} → {}",
            rule.number,
            rule.when.as_ref().map_or("otherwise", |w| w.source.trim()),
            target_words(scenario, &rule.goto)
        );
        let (verdict, fires) = match &rule.when {
            None => match fired {
                None => ("fires: no rule above holds".to_string(), true),
                Some(first) => (format!("not reached: rule {} fired first", first.number), false),
            },
            Some(when) => {
                let read: Vec<String> = names_in(&when.source)
                    .into_iter()
                    .filter_map(|n| {
                        let is_score = score_names.iter().any(|s| s == n) || n.starts_with(BEST_PREFIX);
                        value_of(n).map(|v| match is_score {
                            true => format!("{n} {v:.2}"),
                            false => format!("{n} {}", show(v)),
                        })
                    })
                    .collect();
                let read = if read.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", read.join(", "))
                };
                match (when.test(&values), fired) {
                    (Ok(true), None) => (format!("true{read}: fires"), true),
                    (Ok(true), Some(first)) => (format!("true{read}, but rule {} fired first", first.number), false),
                    (Ok(false), _) => (format!("false{read}"), false),
                    (Err(message), _) => (
                        format!("could not be worked out, so it counts as false: {message}"),
                        false,
                    ),
                }
            }
        };
        if fires {
            fired = Some(rule);
        }
        let _ = writeln!(out, "     {verdict}");
    }

    // A checked beat always has a fallback, so some rule fires.
    let Some(rule) = fired.or(beat.rules.last()) else {
        return Err(Failure::new(format!("beat `{}` has no rules", beat.id)));
    };
    let _ = writeln!(
        out,
        "\nrule {} fires: the conversation goes to {}.",
        rule.number,
        target_words(scenario, &rule.goto)
    );
    if let Some(note) = &rule.note {
        let _ = writeln!(out, "  note: {}", note.trim());
    }
    if rule.set.is_empty() {
        out.push_str("  dials: no change\n");
    } else {
        let mut changes = Vec::new();
        for update in &rule.set {
            let before = value_of(&update.dial).unwrap_or(0.0);
            match update.value.number(&values) {
                Ok(v) if v.is_finite() => {
                    let after = v.clamp(DIAL_MIN, DIAL_MAX);
                    if after == before {
                        changes.push(format!("{} stays at {}", update.dial, show(before)));
                    } else {
                        changes.push(format!("{} {} → {}", update.dial, show(before), show(after)));
                    }
                }
                Ok(_) => changes.push(format!(
                    "{} stays at {} (`{}` gives no number)",
                    update.dial,
                    show(before),
                    update.value.source
                )),
                Err(message) => changes.push(format!("{} stays at {} ({message})", update.dial, show(before))),
            }
        }
        let _ = writeln!(out, "  dials: {}", changes.join(", "));
    }

    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_name_what_they_read_once() {
        assert_eq!(
            names_in("blame >= 0.5 && tension >= 6 || blame > 0.9"),
            ["blame", "tension"]
        );
        assert_eq!(names_in("(words >= 6 && quiet_turns == 0)"), ["words", "quiet_turns"]);
    }
}
