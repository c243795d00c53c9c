//! The group report as Markdown: for reading, pasting into notes, or printing.
//! Everything that came from a person or a scenario is escaped.

use super::analysis::{band_label, skill_label, ScenarioGroup, BANDS};
use crate::journal::export::markdown_escape as escape;
use std::fmt::Write as _;

/// What the report shows beyond the anonymous patterns.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The per-person grid, with the names the facilitator gave.
    pub names: bool,
}

/// `3 people`
pub fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}

/// The line under the title that says what is (and is not) in the report.
pub fn privacy_line(options: Options) -> &'static str {
    if options.names {
        "This report names people (made with --names): share it only with the people in it."
    } else {
        "No names: this report shows the group's patterns, not who said what. Quotes are not attributed."
    }
}

/// The footer.
pub const FOOTER: &str = "Made by rehearse on this computer, from the scores of each reply. Nothing was sent anywhere.";

/// The report as Markdown, headed `title` ("Workshop report", or with a set's title).
pub fn render(groups: &[ScenarioGroup], options: Options, title: &str) -> String {
    let mut out = String::new();
    let total: usize = groups.iter().map(|g| g.size).sum();
    let _ = writeln!(out, "# {}", escape(title));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{} conversation{} in {} scenario{}. {}",
        total,
        if total == 1 { "" } else { "s" },
        groups.len(),
        if groups.len() == 1 { "" } else { "s" },
        privacy_line(options)
    );
    for group in groups {
        scenario(&mut out, group, options);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(out, "{FOOTER}");
    out
}

fn scenario(out: &mut String, group: &ScenarioGroup, options: Options) {
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "## {} ({}): {}",
        escape(&group.scenario.title),
        md_code(&group.scenario.id),
        people(group.size)
    );

    let _ = writeln!(out);
    let _ = writeln!(out, "### How the conversations ended");
    let _ = writeln!(out);
    let _ = writeln!(out, "| ending | kind | people |");
    let _ = writeln!(out, "|---|---|--:|");
    for e in &group.endings {
        let _ = writeln!(out, "| {} | {} | {} |", escape(&e.label), e.kind, e.count);
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "### Skills across the group");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "How many people's average score over their replies falls in each band. For blame and stonewalling, lower is better."
    );
    let _ = writeln!(out);
    let bands: Vec<String> = (0..BANDS).map(band_label).collect();
    let _ = writeln!(out, "| skill | {} | median | present in |", bands.join(" | "));
    let _ = writeln!(out, "|---|{}--:|--:|", "--:|".repeat(BANDS));
    for s in &group.skills {
        let counts: Vec<String> = s.bands.iter().map(usize::to_string).collect();
        let _ = writeln!(
            out,
            "| {}{} | {} | {:.2} | {:.0}% of replies |",
            escape(&skill_label(&s.skill)),
            if s.harmful { " (lower is better)" } else { "" },
            counts.join(" | "),
            s.median,
            100.0 * s.present_share
        );
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "### Where conversations turned");
    let _ = writeln!(out);
    let _ = writeln!(out, "_{}_", escape(&group.turning.definition));
    let _ = writeln!(out);
    let turned = turning_text(group, escape, md_code);
    let _ = writeln!(out, "{}", turned.lead);
    if !turned.rules.is_empty() {
        let _ = writeln!(out);
        for rule in &turned.rules {
            let _ = writeln!(out, "- {rule}");
        }
    }
    if let Some(others) = &turned.others {
        let _ = writeln!(out);
        let _ = writeln!(out, "{others}");
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "### Blaming phrases heard most");
    let _ = writeln!(out);
    if group.blaming.is_empty() {
        let _ = writeln!(out, "No reply counted as blaming.");
    }
    for p in &group.blaming {
        let _ = writeln!(
            out,
            "- \u{201c}{}\u{201d} ({}): {}",
            escape(&p.text),
            escape(&p.family),
            people(p.people)
        );
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "### The best reframes");
    let _ = writeln!(out);
    if group.reframes.is_empty() {
        let _ = writeln!(
            out,
            "No reply scored 0.5 or more on a helpful skill without also blaming."
        );
    }
    for r in &group.reframes {
        let _ = writeln!(
            out,
            "- \u{201c}{}\u{201d} ({} {:.2})",
            escape(&r.text),
            escape(&skill_label(&r.skill)),
            r.score
        );
    }

    if options.names {
        let _ = writeln!(out);
        let _ = writeln!(out, "### Each person");
        let _ = writeln!(out);
        let skills: Vec<&str> = group.skills.iter().map(|s| s.skill.as_str()).collect();
        let labels: Vec<String> = skills.iter().map(|s| escape(&skill_label(s))).collect();
        let _ = writeln!(out, "| person | ending | {} |", labels.join(" | "));
        let _ = writeln!(out, "|---|---|{}", "--:|".repeat(skills.len()));
        for row in &group.grid {
            let values: Vec<String> = skills
                .iter()
                .map(|s| row.averages.get(*s).map_or("–".to_string(), |v| format!("{v:.2}")))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                escape(&row.participant),
                escape(&row.outcome),
                values.join(" | ")
            );
        }
    }
}

/// Where conversations turned, in words: a lead sentence, a line per rule the
/// turning replies took, and where the others turned. `escape` is the format's
/// escaping of text, `code` how it shows a beat or a rule.
pub struct TurningText {
    pub lead: String,
    pub rules: Vec<String>,
    pub others: Option<String>,
}

pub fn turning_text(group: &ScenarioGroup, escape: fn(&str) -> String, code: fn(&str) -> String) -> TurningText {
    let turning = &group.turning;
    let plain = |lead: String| TurningText {
        lead,
        rules: Vec::new(),
        others: None,
    };
    if turning.not_good == 0 {
        return plain("Every conversation ended well: none turned.".to_string());
    }
    let Some(top) = turning.beats.first() else {
        return plain(format!(
            "None of the {} that did not end well left the good paths before the replies ran out.",
            conversations(turning.not_good)
        ));
    };
    let said = if top.other_wordings {
        "the partner said (in one of its wordings)"
    } else {
        "the partner said"
    };
    let line = top.partner_line.trim();
    let stop = if line.ends_with(['.', '!', '?']) { "" } else { "." };
    let lead = format!(
        "Most turned at the beat {}: {} of the {} that did not end well. There, {said} \u{201c}{}\u{201d}{stop}",
        code(&top.beat),
        top.count,
        conversations(turning.not_good),
        escape(line),
    );
    let rules = top
        .rules
        .iter()
        .map(|rule| {
            let replies = if rule.count == 1 {
                "1 reply".to_string()
            } else {
                format!("{} replies", rule.count)
            };
            let mut text = format!("{replies} took {}", code(&rule.rule));
            match rule.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(note) => {
                    let _ = write!(text, ": {}", escape(note));
                    if !note.ends_with(['.', '!', '?']) {
                        text.push('.');
                    }
                }
                None => text.push('.'),
            }
            text
        })
        .collect();
    let others: Vec<String> = turning
        .beats
        .iter()
        .skip(1)
        .map(|b| format!("{} ({})", code(&b.beat), b.count))
        .collect();
    TurningText {
        lead,
        rules,
        others: (!others.is_empty()).then(|| format!("Others turned at {}.", others.join(", "))),
    }
}

/// A beat or rule as Markdown code: in backticks, doubled if it holds one.
fn md_code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// `4 conversations`
fn conversations(n: usize) -> String {
    if n == 1 {
        "1 conversation".to_string()
    } else {
        format!("{n} conversations")
    }
}
