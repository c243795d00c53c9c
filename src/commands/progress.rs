//! `rehearse progress [SCENARIO] [--skill NAME]`: how each skill moved across
//! sessions, so a person can see themselves improve ("blame fell from 0.70 to
//! 0.20 over five sessions"). One point per session: that session's average.

use crate::journal::clock;
use crate::journal::record::Record;
use crate::journal::store;
use crate::outcome::{Failure, Outcome};
use crate::render::{is_harmful, sparkline};
use crate::style::Style;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;

/// Changes smaller than this read as "steady".
const STEADY: f64 = 0.05;
/// Width of a full bar in the one-skill chart.
const BAR: usize = 20;

pub fn run(scenario: Option<&str>, skill: Option<&str>) -> Outcome {
    let (_, listing) = store::list_data_dir()?;
    for problem in &listing.problems {
        crate::outcome::warn(format!("warning: {problem}"));
    }
    let played: Vec<&Record> = listing.records.iter().filter(|r| !r.entries.is_empty()).collect();
    let chosen: Vec<&Record> = match scenario {
        Some(id) => played.iter().copied().filter(|r| r.header.scenario.id == id).collect(),
        None => played.clone(),
    };
    if chosen.is_empty() {
        return match scenario {
            Some(id) => {
                let ids: BTreeSet<&str> = played.iter().map(|r| r.header.scenario.id.as_str()).collect();
                let hint = match crate::diagnostic::did_you_mean(id, ids.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => "`rehearse history` lists your sessions".to_string(),
                };
                Err(Failure::new(format!(
                    "there are no sessions of `{id}` with replies yet; {hint}"
                )))
            }
            None => {
                writeln!(
                    std::io::stdout().lock(),
                    "No sessions with replies yet. Play one with `rehearse`; progress shows here after a session or two."
                )?;
                Ok(())
            }
        };
    }
    let style = Style::for_stdout();
    let text = match skill {
        Some(name) => {
            let skills = skills_of(&chosen);
            if !skills.contains(name) {
                let hint = match crate::diagnostic::did_you_mean(name, skills.iter().map(String::as_str)) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!(
                        "the skills scored so far are: {}",
                        skills.into_iter().collect::<Vec<_>>().join(", ")
                    ),
                };
                return Err(Failure::new(format!("no session has a `{name}` score; {hint}")));
            }
            one_skill(&chosen, name, style)
        }
        None => overview(&chosen, scenario, style),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn skills_of(records: &[&Record]) -> BTreeSet<String> {
    records.iter().flat_map(|r| r.skills()).collect()
}

/// Each session's average for `skill`, oldest first; sessions that were not
/// scored on it (older scripts) are left out.
fn series(records: &[&Record], skill: &str) -> Vec<(usize, f64)> {
    records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.averages().get(skill).map(|v| (i, *v)))
        .collect()
}

/// `two`, `five`… for small counts: "over five sessions" reads as a sentence.
fn count_words(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS.get(n).map_or_else(|| n.to_string(), |w| w.to_string())
}

/// How `skill` moved, to follow its name, describing the whole series the chart
/// beside it shows, not only its two ends: `fell from 0.70 to 0.20 over five
/// sessions (better)`, `rose from about 0.20 to about 0.60 over 41 sessions,
/// between 0.00 and 0.86 (better)`, or `no lasting change over 41 sessions:
/// about 0.02 at first and 0.03 lately, peaking at 0.86`.
///
/// The direction comes from the first third of the sessions against the last
/// third, so one unusual session at either end does not decide it; a peak or a
/// dip beyond both ends is always named, so the sentence never calls a series
/// steady while the chart climbs to 0.86.
pub fn trend(skill: &str, values: &[f64], style: Style) -> String {
    let (Some(&first), Some(&last)) = (values.first(), values.last()) else {
        return "no scores yet".to_string();
    };
    if values.len() == 1 {
        return format!("{first:.2} in the one session so far");
    }
    let n = count_words(values.len());
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if hi - lo < STEADY {
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        return format!("held steady around {mean:.2} over {n} sessions");
    }
    let third = (values.len() / 3).max(1);
    let mean = |part: &[f64]| part.iter().sum::<f64>() / part.len() as f64;
    let early = mean(&values[..third]);
    let late = mean(&values[values.len() - third..]);
    // Beyond both ends by a visible step: the chart shows it, so the words must.
    let peak = hi - first.max(last) >= STEADY;
    let dip = first.min(last) - lo >= STEADY;
    let extremes = match (peak, dip) {
        (true, true) => Some(format!("between {lo:.2} and {hi:.2}")),
        (true, false) => Some(format!("peaking at {hi:.2}")),
        (false, true) => Some(format!("dipping to {lo:.2}")),
        (false, false) => None,
    };
    let overall = late - early;
    if overall.abs() < STEADY {
        let mut text = format!("no lasting change over {n} sessions: about {early:.2} at first and {late:.2} lately");
        if let Some(extremes) = extremes {
            text.push_str(&format!(", {extremes}"));
        }
        return text;
    }
    let falling = overall < 0.0;
    let verb = if falling { "fell" } else { "rose" };
    // The two ends tell the story when they move the same way as the thirds;
    // otherwise the thirds' averages do.
    let ends_agree = (last - first).abs() >= STEADY && ((last - first) < 0.0) == falling;
    let mut text = if ends_agree {
        format!("{verb} from {first:.2} to {last:.2} over {n} sessions")
    } else {
        format!("{verb} from about {early:.2} to about {late:.2} over {n} sessions")
    };
    if let Some(extremes) = extremes {
        text.push_str(&format!(", {extremes}"));
    }
    let better = falling == is_harmful(skill);
    let verdict = if better {
        style.green("(better)")
    } else {
        style.yellow("(worse)")
    };
    format!("{text} {verdict}")
}

fn span(records: &[&Record]) -> String {
    match (records.first(), records.last()) {
        (Some(first), Some(last)) if records.len() > 1 => format!(
            "{} → {}",
            clock::display(&first.header.started),
            clock::display(&last.header.started)
        ),
        (Some(only), _) => clock::display(&only.header.started),
        _ => String::new(),
    }
}

/// Every skill as a sparkline, one mark per session, with its trend in words.
fn overview(records: &[&Record], scenario: Option<&str>, style: Style) -> String {
    let mut out = String::new();
    let which = scenario.map_or_else(|| "all scenarios".to_string(), |id| format!("`{id}`"));
    let sessions = if records.len() == 1 {
        "1 session".to_string()
    } else {
        format!("{} sessions", records.len())
    };
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!("Progress on {which}: {sessions}, {}", span(records)))
    );
    let skills = skills_of(records);
    let width = skills.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    for skill in &skills {
        let values: Vec<f64> = series(records, skill).into_iter().map(|(_, v)| v).collect();
        let _ = writeln!(
            out,
            "  {skill:<width$}  {}  {}",
            sparkline(&values),
            trend(skill, &values, style)
        );
    }
    let _ = writeln!(
        out,
        "{}",
        style.dim("One mark per session: that session's average. Lower is better for blame and stonewalling.")
    );
    out
}

/// One skill, session by session, as a bar chart.
fn one_skill(records: &[&Record], skill: &str, style: Style) -> String {
    let mut out = String::new();
    let direction = if is_harmful(skill) {
        "lower is better"
    } else {
        "higher is better"
    };
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!("{skill}, session by session ({direction}):"))
    );
    let points = series(records, skill);
    let id_width = points
        .iter()
        .map(|(i, _)| records[*i].header.scenario.id.chars().count())
        .max()
        .unwrap_or(0);
    for (i, value) in &points {
        let record = records[*i];
        let filled = (value.clamp(0.0, 1.0) * BAR as f64).round() as usize;
        let bar = format!("{}{}", "█".repeat(filled), "░".repeat(BAR - filled));
        let _ = writeln!(
            out,
            "  {}  {:<id_width$}  {bar}  {value:.2}",
            clock::display(&record.header.started),
            record.header.scenario.id
        );
    }
    let values: Vec<f64> = points.iter().map(|(_, v)| *v).collect();
    let _ = writeln!(out, "{skill} {}", trend(skill, &values, style));
    out
}
