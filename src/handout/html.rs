//! The HTML sheet: one self-contained page built on the transcript's page head
//! and style, with large type, ruled writing lines and print rules: the
//! facilitator's section starts on a new page, and a reply space or a model
//! answer is never split across two.

use super::{
    answers_intro, capitalised, debrief_condition, family_line, openings, partner_text, skill_label, ModelAnswers,
    REPLY_HEADINGS,
};
use crate::journal::export::html::{page_head, PAGE_STYLE};
use crate::markup::escape;
use crate::scenario::load::humanise;
use crate::scenario::Scenario;
use std::fmt::Write as _;

/// The sheet's rules, after the shared page style: bigger type for reading at a
/// table, a clearly boxed content note, ruled lines with room for handwriting.
const SHEET_STYLE: &str = "body{font-size:1.2rem;max-width:46rem}h1{font-size:1.8rem}h2{font-size:1.4rem}h3{font-size:1.2rem}h4{font-size:1.1rem}\
p.family{color:#444;margin-top:-.5rem}\
aside.notes{border:2px solid #444;padding:.6rem 1rem;margin:1rem 0}\
ol.openings li,ul.skills li li{margin:.3rem 0}\
section.reply{break-inside:avoid;page-break-inside:avoid}\
div.ruled{border-bottom:1px solid #777;height:2.6rem}\
section.facilitator{margin-top:3rem;border-top:3px double #444}\
p.aside{font-style:italic;color:#444}\
dl.coach dt{margin-top:1rem}dl.coach dd{margin:.3rem 0 0 1.5rem}dl.coach dt,dl.coach dd{break-inside:avoid;page-break-inside:avoid}\
div.answer{break-inside:avoid;page-break-inside:avoid;margin-bottom:1.5rem}\
div.answer p{margin:.3rem 0}\
@page{margin:16mm}\
@media print{body{max-width:none;margin:0;font-size:13pt}section.facilitator{break-before:page;page-break-before:always;border-top:none;margin-top:0}}";

/// Lines of space under each numbered reply.
const LINES_PER_REPLY: usize = 4;

pub fn render(scenario: &Scenario, answers: Option<&ModelAnswers>) -> String {
    let mut out = String::new();
    let name = escape(&scenario.persona.name);
    let title = format!("Exercise: {}", scenario.title);
    page_head(&mut out, &title, &format!("{PAGE_STYLE}{SHEET_STYLE}"));
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(out, "<p class=\"family\">{}</p>", escape(&family_line(scenario)));
    let _ = writeln!(
        out,
        "<aside class=\"notes\"><p><b>Content notes:</b> {}.</p><p>If this is too close to home today, you are welcome to sit it out or watch.</p></aside>",
        escape(&scenario.content_notes.join(", "))
    );
    let _ = writeln!(out, "<h2>The situation</h2>");
    let _ = writeln!(out, "<p>{}</p>", escape(&scenario.summary));
    if let Some(setting) = &scenario.setting {
        let _ = writeln!(out, "<p>{}</p>", escape(setting.trim()));
    }
    let _ = writeln!(out, "<h2>Who you are talking to</h2>");
    let _ = writeln!(out, "<p>{}.</p>", escape(&partner_text(scenario)));
    let _ = writeln!(out, "<h2>How {name} opens</h2>");
    let lines = openings(scenario);
    if lines.len() > 1 {
        let _ = writeln!(
            out,
            "<p>{name} starts with one of these lines (rehearse picks one at random). On paper, answer the one your facilitator reads out, or the first.</p>"
        );
    }
    let _ = writeln!(out, "<ol class=\"openings\">");
    for line in lines {
        let _ = writeln!(out, "<li>“{}”</li>", escape(line));
    }
    let _ = writeln!(out, "</ol>");
    if !scenario.examples.is_empty() {
        let _ = writeln!(out, "<h2>Skills to practise</h2>");
        let _ = writeln!(out, "<ul class=\"skills\">");
        for (skill, examples) in &scenario.examples {
            let _ = writeln!(out, "<li><b>{}</b>, for example:<ul>", escape(&skill_label(skill)));
            for example in examples {
                let _ = writeln!(out, "<li>“{}”</li>", escape(example));
            }
            let _ = writeln!(out, "</ul></li>");
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "<h2>Your replies</h2>");
    let _ = writeln!(
        out,
        "<p>Write what you would say to {name}. Then say it another way, and once more: small changes in wording change how it lands.</p>"
    );
    for (i, heading) in REPLY_HEADINGS.iter().enumerate() {
        let _ = writeln!(out, "<section class=\"reply\">");
        let _ = writeln!(out, "<h3>{}. {heading}</h3>", i + 1);
        for _ in 0..LINES_PER_REPLY {
            let _ = writeln!(out, "<div class=\"ruled\"></div>");
        }
        let _ = writeln!(out, "</section>");
    }
    if let Some(answers) = answers {
        facilitator(&mut out, scenario, answers);
    }
    let _ = writeln!(out, "</body>");
    let _ = writeln!(out, "</html>");
    out
}

/// The section `--no-answers` leaves out; it starts on a new printed page.
fn facilitator(out: &mut String, scenario: &Scenario, answers: &ModelAnswers) {
    let name = escape(&scenario.persona.name);
    let _ = writeln!(out, "<section class=\"facilitator\">");
    let _ = writeln!(out, "<h2>For the facilitator</h2>");
    let _ = writeln!(
        out,
        "<p class=\"aside\">Leave this part out of participants' copies: <code>rehearse handout {} --no-answers</code>.</p>",
        escape(&scenario.id)
    );
    let _ = writeln!(out, "<h3>Coach notes, moment by moment</h3>");
    let _ = writeln!(out, "<dl class=\"coach\">");
    for beat in scenario.beats.values() {
        let (Some(coach), Some(line)) = (&beat.coach, beat.say.first()) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<dt><b>{}.</b> {name}: “{}”</dt><dd>Coach: {}</dd>",
            escape(&capitalised(&humanise(&beat.id))),
            escape(line),
            escape(coach.trim())
        );
    }
    let _ = writeln!(out, "</dl>");
    let _ = writeln!(out, "<h3>How it can end</h3>");
    for ending in scenario.endings.values() {
        let _ = writeln!(out, "<h4>{} ({})</h4>", escape(&ending.title), ending.kind.as_str());
        if let Some(line) = ending.say.first() {
            let _ = writeln!(out, "<p>{name}: “{}”</p>", escape(line));
        }
        let _ = writeln!(out, "<ul>");
        for part in &ending.debrief {
            let when = debrief_condition(part)
                .map(|w| format!("<i>When <code>{}</code>:</i> ", escape(w)))
                .unwrap_or_default();
            let suggestion = part
                .suggestion
                .as_ref()
                .map(|s| format!("<br>Suggested wording: “{}”", escape(s)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<li>{when}{}{suggestion}</li>",
                escape(&crate::debrief::with_placeholders(part.text.trim()))
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "<h3>Model answers</h3>");
    let _ = writeln!(out, "<p>{}</p>", escape(&answers_intro(scenario, answers)));
    for (i, answer) in answers.shown.iter().enumerate() {
        let _ = writeln!(out, "<div class=\"answer\">");
        let _ = writeln!(out, "<h4>{}. {}</h4>", i + 1, escape(&answer.name));
        let _ = writeln!(out, "<p><b>{name}:</b> {}</p>", escape(&answer.opening));
        for exchange in &answer.exchanges {
            let _ = writeln!(out, "<p><b>You:</b> {}</p>", escape(&exchange.reply));
            let _ = writeln!(out, "<p><b>{name}:</b> {}</p>", escape(&exchange.partner));
        }
        let _ = writeln!(out, "<p><i>Ending: {}.</i></p>", escape(&answer.ending_title));
        let _ = writeln!(out, "</div>");
    }
    let _ = writeln!(out, "</section>");
}
