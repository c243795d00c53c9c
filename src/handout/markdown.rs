//! The Markdown sheet. Reads as plain text when printed as it is; the writing
//! lines are rows of underscores, which a Markdown viewer draws as ruled lines.

use super::{
    answers_intro, capitalised, debrief_condition, family_line, openings, partner_text, skill_label, ModelAnswers,
    REPLY_HEADINGS,
};
use crate::journal::export::markdown::escape;
use crate::scenario::load::humanise;
use crate::scenario::Scenario;
use std::fmt::Write as _;

/// One writing line: long enough for a printed A4 or Letter page.
const RULE: &str = "______________________________________________________________________";

/// Lines of space under each numbered reply.
const LINES_PER_REPLY: usize = 3;

pub fn render(scenario: &Scenario, answers: Option<&ModelAnswers>) -> String {
    let mut out = String::new();
    let name = escape(&scenario.persona.name);
    let _ = writeln!(out, "# Exercise: {}", escape(&scenario.title));
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", escape(&family_line(scenario)));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "> **Content notes:** {}.",
        escape(&scenario.content_notes.join(", "))
    );
    let _ = writeln!(
        out,
        "> If this is too close to home today, you are welcome to sit it out or watch."
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "## The situation");
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", escape(&scenario.summary));
    if let Some(setting) = &scenario.setting {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", escape(setting.trim()));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "## Who you are talking to");
    let _ = writeln!(out);
    let _ = writeln!(out, "{}.", escape(&partner_text(scenario)));
    let _ = writeln!(out);
    let _ = writeln!(out, "## How {name} opens");
    let _ = writeln!(out);
    let lines = openings(scenario);
    if lines.len() > 1 {
        let _ = writeln!(
            out,
            "{name} starts with one of these lines (rehearse picks one at random). On paper, answer the one your facilitator reads out, or the first."
        );
        let _ = writeln!(out);
    }
    for (i, line) in lines.iter().enumerate() {
        let _ = writeln!(out, "{}. “{}”", i + 1, escape(line));
    }
    if !scenario.examples.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "## Skills to practise");
        let _ = writeln!(out);
        for (skill, examples) in &scenario.examples {
            let _ = writeln!(out, "- **{}**, for example:", escape(&skill_label(skill)));
            for example in examples {
                let _ = writeln!(out, "  - “{}”", escape(example));
            }
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "## Your replies");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Write what you would say to {name}. Then say it another way, and once more: small changes in wording change how it lands."
    );
    for (i, heading) in REPLY_HEADINGS.iter().enumerate() {
        let _ = writeln!(out);
        let _ = writeln!(out, "### {}. {heading}", i + 1);
        for _ in 0..LINES_PER_REPLY {
            let _ = writeln!(out);
            let _ = writeln!(out, "{RULE}");
        }
    }
    if let Some(answers) = answers {
        facilitator(&mut out, scenario, answers);
    }
    out
}

/// The section `--no-answers` leaves out.
fn facilitator(out: &mut String, scenario: &Scenario, answers: &ModelAnswers) {
    let name = escape(&scenario.persona.name);
    let _ = writeln!(out);
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(out, "## For the facilitator");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "*Leave this part out of participants' copies: `rehearse handout {} --no-answers`.*",
        scenario.id
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "### Coach notes, moment by moment");
    for beat in scenario.beats.values() {
        let (Some(coach), Some(line)) = (&beat.coach, beat.say.first()) else {
            continue;
        };
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "**{}.** {name}: “{}”",
            escape(&capitalised(&humanise(&beat.id))),
            escape(line)
        );
        let _ = writeln!(out);
        let _ = writeln!(out, "Coach: {}", escape(coach.trim()));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "### How it can end");
    for ending in scenario.endings.values() {
        let _ = writeln!(out);
        let _ = writeln!(out, "**{}** ({})", escape(&ending.title), ending.kind.as_str());
        if let Some(line) = ending.say.first() {
            let _ = writeln!(out);
            let _ = writeln!(out, "{name}: “{}”", escape(line));
        }
        let _ = writeln!(out);
        for part in &ending.debrief {
            let text = escape(&crate::debrief::with_placeholders(part.text.trim()));
            match debrief_condition(part) {
                Some(when) => {
                    let _ = writeln!(out, "- *When `{when}`:* {text}");
                }
                None => {
                    let _ = writeln!(out, "- {text}");
                }
            }
            if let Some(suggestion) = &part.suggestion {
                let _ = writeln!(out, "  Suggested wording: “{}”", escape(suggestion));
            }
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "### Model answers");
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", escape(&answers_intro(scenario, answers)));
    for (i, answer) in answers.shown.iter().enumerate() {
        let _ = writeln!(out);
        let _ = writeln!(out, "#### {}. {}", i + 1, escape(&answer.name));
        let _ = writeln!(out);
        let _ = writeln!(out, "**{name}:** {}", escape(&answer.opening));
        for exchange in &answer.exchanges {
            let _ = writeln!(out);
            let _ = writeln!(out, "**You:** {}", escape(&exchange.reply));
            let _ = writeln!(out);
            let _ = writeln!(out, "**{name}:** {}", escape(&exchange.partner));
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "*Ending: {}.*", escape(&answer.ending_title));
    }
}
