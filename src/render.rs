//! Turning session events into text a person reads: the partner's lines, the
//! feedback on a reply, the ending and the session summary.
//!
//! One renderer serves the REPL, `rehearse play`, transcripts and the snapshot
//! tests, so what is reviewed in a snapshot is what a user sees.

use crate::coaching::Coaching;
use crate::scenario::Scenario;
use crate::score::{ScoreReport, APOLOGY_STARTED, I_STATEMENT_STARTED, PRESENT};
use crate::session::{EndingReached, Next, SkillSummary, Turn};
use crate::style::Style;
use std::fmt::Write as _;

/// A scenario's own example wordings, by score name.
pub type Examples = indexmap::IndexMap<String, Vec<String>>;

/// Scores where being present is the problem, not the goal.
pub const HARMFUL_SCORES: [&str; 2] = ["blame", "stonewalling"];

pub fn is_harmful(score: &str) -> bool {
    HARMFUL_SCORES.contains(&score)
}

/// A dial value without a needless `.0`.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// Difficulty as five dots: `●●●○○`.
pub fn difficulty_dots(difficulty: u8) -> String {
    let filled = usize::from(difficulty.min(5));
    format!("{}{}", "●".repeat(filled), "○".repeat(5 - filled))
}

/// The header shown before a scenario starts.
pub fn introduction(scenario: &Scenario, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.bold(&scenario.title));
    let _ = writeln!(
        out,
        "{} · difficulty {}/5 · with {} ({})",
        scenario.category.as_str(),
        scenario.difficulty,
        scenario.persona.name,
        scenario.persona.relation
    );
    let _ = writeln!(
        out,
        "{}",
        style.dim(&format!("Content notes: {}", scenario.content_notes.join(", ")))
    );
    if let Some(setting) = &scenario.setting {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", style.dim(setting));
    }
    out
}

/// Dials and their values as authors write them: `tension 8, trust 5`.
pub fn dial_values<'a>(dials: impl IntoIterator<Item = (&'a String, &'a f64)>) -> String {
    let values: Vec<String> = dials.into_iter().map(|(k, v)| format!("{k} {}", number(*v))).collect();
    values.join(", ")
}

/// For a session that does not begin at the top (`play --from/--set`): where it
/// began, with the dials it began with, so the person knows why the first line
/// is not the usual one.
pub fn start_note(session: &crate::session::Session, style: Style) -> Option<String> {
    let start = session.start();
    if start.is_top() {
        return None;
    }
    let dials = match dial_values(&start.dials_in(session.scenario())) {
        values if values.is_empty() => values,
        values => format!(", with {values}"),
    };
    Some(style.dim(&format!(
        "(Starting at beat `{}`{dials}.)",
        start.beat_in(session.scenario())
    )))
}

/// `Sam: line`
pub fn partner(scenario: &Scenario, line: &str, style: Style) -> String {
    format!("{}: {}", style.accent(&scenario.persona.name), line)
}

/// The quoted words that triggered one score: `"you never" (absolute), "lazy" (criticism)`.
fn quoted_matches(report: &ScoreReport, score: &str, style: Style) -> String {
    let mut seen = Vec::new();
    for m in report.matches_for(score) {
        let item = format!(
            "{} ({})",
            style.accent(&format!("\"{}\"", m.text)),
            m.rule.replace('_', " ")
        );
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen.join(", ")
}

/// Feedback on one reply outside a game (`rehearse score`): what hurt, what
/// helped, the words that did it, one thing to try. `examples` are the scenario's
/// own wordings per skill (empty outside a scenario): a tip quotes them instead of
/// leaving the person with a generic frame. With no game before it, the tip is the
/// reply's own best one.
pub fn feedback(report: &ScoreReport, examples: &Examples, style: Style) -> String {
    let coaching = crate::coaching::choose(report, examples, &crate::coaching::History::default());
    feedback_with(report, coaching.as_ref(), style)
}

/// Feedback on one reply with the advice already chosen: in a game the session
/// chooses it against what was shown before (see `src/coaching.rs`).
pub fn feedback_with(report: &ScoreReport, coaching: Option<&Coaching>, style: Style) -> String {
    feedback_lines(report, coaching, false, style)
}

/// Whether [`feedback_with`] shows a hurt or helped line for `report`.
fn scored_line(report: &ScoreReport) -> bool {
    report
        .skills()
        .any(|(name, &score)| score >= PRESENT || (name == "apology" && score >= APOLOGY_STARTED))
}

/// The feedback lines; `noted` when the scene's own note follows them. Play-test 14
/// (A12): "neutral: no skill is there yet" printed above "Jordan heard something
/// concrete you'll do" contradicted the note; with a note under it, the neutral line
/// only says what is sure, that nothing in it blamed.
fn feedback_lines(report: &ScoreReport, coaching: Option<&Coaching>, noted: bool, style: Style) -> String {
    let mut out = String::new();
    let mut hurt = Vec::new();
    let mut helped = Vec::new();
    for (name, &score) in report.skills() {
        // An apology that names what I did is a real start, even before it says what
        // it did to them or what I'll do: it is recognised, and the tip says what
        // would complete it.
        let started = name == "apology" && (APOLOGY_STARTED..PRESENT).contains(&score);
        if score < PRESENT && !started {
            continue;
        }
        let label = if started {
            format!("{name} started")
        } else {
            name.clone()
        };
        let words = quoted_matches(report, name, style);
        let line = if words.is_empty() {
            format!("{label} {score:.2}")
        } else {
            format!("{label} {score:.2} — {words}")
        };
        if is_harmful(name) {
            hurt.push(line);
        } else {
            helped.push(line);
        }
    }
    for line in &hurt {
        let _ = writeln!(out, "  {} {line}", style.red("hurt:  "));
    }
    for line in &helped {
        let _ = writeln!(out, "  {} {line}", style.green("helped:"));
    }
    let parts = report.parts;
    let any_part = parts.feeling || parts.situation || parts.need;
    if any_part && report.get("i_statement") < PRESENT {
        let mark = |present: bool, name: &str| {
            if present {
                format!("{name} ✓")
            } else {
                format!("{name} ✗")
            }
        };
        let _ = writeln!(
            out,
            "  {} {} · {} · {}",
            style.yellow("parts: "),
            mark(parts.feeling, "feeling"),
            mark(parts.situation, "situation"),
            mark(parts.need, "need")
        );
    }
    if hurt.is_empty() && helped.is_empty() && !any_part {
        let said = if noted {
            "no blame in it".to_string()
        } else {
            neutral(report)
        };
        let _ = writeln!(out, "  {} {said}", style.dim("neutral:"));
    }
    if let Some(advice) = coaching {
        let _ = writeln!(out, "  {} {}", style.cyan("tip:   "), advice.tip);
        if let Some(s) = &advice.suggestion {
            let _ = writeln!(out, "  {} {s}", style.cyan("try:   "));
        }
        if let Some(example) = &advice.example {
            let _ = writeln!(out, "  {} \u{201c}{example}\u{201d}", style.cyan("e.g.:  "));
        }
    }
    for error in &report.errors {
        let _ = writeln!(
            out,
            "  {} {} could not be scored: {}",
            style.yellow("note:  "),
            error.score,
            error.message
        );
    }
    out
}

/// What a reply with no strong signal did: it blamed no one (worth saying to
/// someone braced for criticism), and which skill it came closest to, if any.
fn neutral(report: &ScoreReport) -> String {
    const CLOSE: f64 = 0.15;
    let closest = report
        .skills()
        .filter(|(name, score)| !is_harmful(name) && **score >= CLOSE)
        .max_by(|a, b| a.1.total_cmp(b.1));
    match closest {
        Some((name, score)) => format!(
            "no blame in it; no skill is there yet (closest: {} {score:.2})",
            name.replace('_', " ")
        ),
        None => "no blame in it; no skill is there yet either".to_string(),
    }
}

/// Everything after the reply: feedback, the author's note, dial changes, then
/// the partner's next line or the ending.
pub fn turn(scenario: &Scenario, turn: &Turn, style: Style) -> String {
    let mut out = feedback_lines(&turn.report, turn.coaching.as_ref(), turn.rule.note.is_some(), style);
    if let Some(note) = &turn.rule.note {
        let _ = writeln!(out, "  {} {note}", style.yellow("note:  "));
    } else if let Some(turned) = turned_without_a_word(scenario, turn) {
        let _ = writeln!(out, "  {} {turned}", style.yellow("note:  "));
    }
    if !turn.changes.is_empty() {
        let changes: Vec<String> = turn
            .changes
            .iter()
            .map(|c| format!("{} {} → {}", c.dial, number(c.from), number(c.to)))
            .collect();
        let _ = writeln!(out, "  {} {}", style.dim("dials: "), style.dim(&changes.join(" · ")));
    }
    for warning in &turn.warnings {
        let _ = writeln!(out, "  {} {warning}", style.yellow("warn:  "));
    }
    let _ = writeln!(out);
    match &turn.next {
        Next::Beat(line) => {
            let _ = writeln!(out, "{}", partner(scenario, &line.line, style));
        }
        Next::Ending(ending) => out.push_str(&ending_text(scenario, ending, style)),
    }
    out
}

/// What to say when the partner's reaction turned and nothing else on screen says
/// why. Play-test 14 (A9): a reply with no skill and no hurt line raised the tension,
/// the scene had no note for it, and the feedback was silent on the one turn that went
/// wrong. This names the turn and what the moment asks for (the beat's own `coach:`
/// line), without guessing at a fault the scorers did not find. `None` when a line
/// above already explains the turn or nothing turned.
fn turned_without_a_word(scenario: &Scenario, turn: &Turn) -> Option<String> {
    if scored_line(&turn.report) {
        return None;
    }
    let worse = turn.changes.iter().find(|c| {
        let dial = c.dial.to_lowercase();
        (dial.contains("tension") && c.to > c.from) || (dial.contains("trust") && c.to < c.from)
    })?;
    let name = &scenario.persona.name;
    let moved = format!("{} {} → {}", worse.dial, number(worse.from), number(worse.to));
    let asks = scenario
        .beats
        .get(&turn.beat)
        .and_then(|b| b.coach.as_deref())
        .map(str::trim)
        .filter(|c| !c.is_empty());
    Some(match asks {
        Some(coach) => format!(
            "{name} took this harder than the scores show ({moved}); the next line shows what {name} heard. What this moment asks for: {coach}"
        ),
        None => format!("{name} took this harder than the scores show ({moved}); the next line shows what {name} heard."),
    })
}

/// The partner's last line and the debrief.
pub fn ending_text(scenario: &Scenario, ending: &EndingReached, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", partner(scenario, &ending.line, style));
    let _ = writeln!(out);
    let heading = format!("— The end: {} ({}) —", ending.display_title(), ending.kind.as_str());
    let _ = writeln!(out, "{}", style.bold(&heading));
    let _ = writeln!(out, "{}", ending.debrief);
    out
}

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The most points a sparkline draws; longer runs show their latest points after `…`,
/// so a piped file of 100,000 replies cannot draw a 100,000-character line.
pub const MAX_SPARK_POINTS: usize = 60;

/// A sparkline of values in 0..=1 (the latest [`MAX_SPARK_POINTS`] of them).
pub fn sparkline(values: &[f64]) -> String {
    let shown = &values[values.len().saturating_sub(MAX_SPARK_POINTS)..];
    let prefix = if shown.len() < values.len() { "…" } else { "" };
    let line: String = shown
        .iter()
        .map(|v| SPARKS[((v.clamp(0.0, 1.0) * 7.0).round()) as usize])
        .collect();
    format!("{prefix}{line}")
}

/// The band below [`PRESENT`] in which a skill has been *started*, for the skills that have
/// one: a started apology names what I did, a started I-statement has two of its parts.
/// The session table counts these apart, so "present in 0 of 4" does not contradict an
/// ending that praised the move.
fn started_band(skill: &str) -> Option<f64> {
    match skill {
        "apology" => Some(APOLOGY_STARTED),
        "i_statement" => Some(I_STATEMENT_STARTED),
        _ => None,
    }
}

/// Per-skill summary of the whole session, with a sparkline per turn. A skill with a
/// started band counts its complete replies and its started ones apart, and says
/// "complete in" rather than "present in": "apology present in 0 of 4" read as "you
/// never apologised" to a player who had apologised twice (play-test 13).
pub fn summary(turns: &[Turn], skills: &[SkillSummary], style: Style) -> String {
    let mut out = String::new();
    let count = match turns.len() {
        1 => "1 reply".to_string(),
        n => format!("{n} replies"),
    };
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!("Your replies, skill by skill ({count}):"))
    );
    for skill in skills {
        let values: Vec<f64> = turns.iter().map(|t| t.report.get(&skill.skill)).collect();
        let started = started_band(&skill.skill)
            .map(|low| values.iter().filter(|v| (low..PRESENT).contains(*v)).count())
            .unwrap_or(0);
        let banded = started_band(&skill.skill).is_some();
        let counted = if banded { "complete" } else { "present" };
        let started = if started > 0 {
            format!(" · started in {started}")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {:<13} {}  average {:.2} · {counted} in {} of {}{}",
            skill.skill,
            sparkline(&values),
            skill.average,
            skill.present_in,
            skill.turns,
            started
        );
    }
    out
}

/// Human output: each present score with its highlighted words, then the tip.
pub fn scored_reply(text: &str, report: &ScoreReport, style: Style) -> String {
    scored_reply_with_examples(text, report, &Examples::new(), style)
}

/// [`scored_reply`], with tips quoting a scenario's own example wordings.
pub fn scored_reply_with_examples(text: &str, report: &ScoreReport, examples: &Examples, style: Style) -> String {
    let mut out = format!("{}\n", style.bold(&format!("\"{text}\"")));
    for (name, score) in report.skills() {
        let words: Vec<String> = report
            .matches_for(name)
            .map(|m| format!("\"{}\" ({})", m.text, m.rule.replace('_', " ")))
            .collect();
        let bar = sparkline(&[*score]);
        let flag = if *score >= crate::score::PRESENT { "present" } else { "" };
        let mut line = format!("  {name:<13} {bar} {score:.2} {flag:<8}");
        if !words.is_empty() {
            line.push_str(&format!(" {}", style.accent(&words.join(", "))));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    // The tip reads the reply too, so it never asks for what the reply has.
    let coaching = crate::coaching::choose(report, examples, &crate::coaching::History::default().about(text));
    out.push_str(&feedback_with(report, coaching.as_ref(), style));
    out
}
