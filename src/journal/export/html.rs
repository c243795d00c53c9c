//! The HTML transcript: one self-contained page (inline style, no scripts, nothing
//! fetched from anywhere), so it opens offline and leaks nothing. Every piece of
//! text is HTML-escaped: a reply is data, never markup.

use super::{dials_text, ending_title, outcome_text, partner_title, pieces, scores_text, Piece};
use crate::journal::clock;
use crate::journal::record::Record;
use crate::scenario::{graph_svg, Scenario};
use crate::session::Next;
use std::fmt::Write as _;

/// The page style every HTML file rehearse writes starts from: readable type,
/// plain colours, nothing fetched. Pages add their own rules after it.
pub const PAGE_STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}\
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}\
dl.meta{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;color:#444}dl.meta dt{font-weight:600}dl.meta dd{margin:0}\
p.partner{margin:1.2rem 0 .4rem}p.you{margin:.4rem 0 .2rem;padding-left:.8rem;border-left:3px solid #bbb}\
ul.details{margin:.2rem 0 1rem 1rem;padding:0;list-style:none;color:#555;font-size:.92rem}\
mark.hurt{background:#ffd9d9}mark.helped{background:#d8f0d8}\
table{border-collapse:collapse}th,td{padding:.2rem .7rem;border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}\
footer{margin-top:2.5rem;color:#777;font-size:.85rem}\
figure.map{margin:1rem 0;overflow-x:auto}figure.map svg{max-width:100%;height:auto}p.map-note{color:#444}";

pub use crate::markup::escape;

/// The scenario's map with this conversation's path drawn bold, or a line saying
/// why it is left out.
fn map(out: &mut String, record: &Record, scenario: &Scenario) {
    let _ = writeln!(out, "<h2>The path through the scenario</h2>");
    match super::path_on_map(record, scenario) {
        Some(steps) => {
            let _ = writeln!(
                out,
                "<p class=\"map-note\">Every box is a moment in the conversation and every arrow a way it can go; the numbers are the scenario's rules. The bold blue arrows are the way this conversation went.</p>"
            );
            let _ = writeln!(
                out,
                "<figure class=\"map\">{}</figure>",
                graph_svg::render(scenario, None, &steps)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "<p class=\"map-note\">The map is left out: the scenario has changed since this session, so the path would not match it.</p>"
            );
        }
    }
}

/// The start of a self-contained page, up to and including `<body>`: UTF-8, a
/// viewport for phones, kept out of search engines, `title` (escaped here) and one
/// inline style sheet. No script and nothing fetched: the page opens offline and
/// leaks nothing. Empty elements are closed (`<meta …/>`), which HTML allows, so
/// every page also reads as XML (the workshop report's test parses it so).
pub fn page_head(out: &mut String, title: &str, style: &str) {
    let _ = writeln!(out, "<!DOCTYPE html>");
    let _ = writeln!(out, "<html lang=\"en\">");
    let _ = writeln!(out, "<head>");
    let _ = writeln!(out, "<meta charset=\"utf-8\"/>");
    let _ = writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
    );
    let _ = writeln!(out, "<meta name=\"robots\" content=\"noindex\"/>");
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(out, "<style>{style}</style>");
    let _ = writeln!(out, "</head>");
    let _ = writeln!(out, "<body>");
}

/// A reply with the matched words in `<mark>`, labelled with the scores that found them.
fn highlighted(reply: &str, matches: &[crate::score::Match]) -> String {
    pieces(reply, matches)
        .into_iter()
        .map(|piece| match piece {
            Piece::Plain(text) => escape(text),
            Piece::Marked { text, labels, harmful } => format!(
                "<mark class=\"{}\" title=\"{}\">{}</mark>",
                if harmful { "hurt" } else { "helped" },
                escape(&labels.join(", ")),
                escape(text)
            ),
        })
        .collect()
}

fn partner_line(out: &mut String, name: &str, line: &str) {
    let _ = writeln!(out, "<p class=\"partner\"><b>{name}:</b> {}</p>", escape(line));
}

pub fn render(record: &Record, scenario: Option<&Scenario>) -> String {
    let header = &record.header;
    let name = escape(&header.partner.name);
    let title = format!("Practice transcript: {}", header.scenario.title);
    let mut out = String::new();
    page_head(&mut out, &title, PAGE_STYLE);
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(out, "<dl class=\"meta\">");
    let _ = writeln!(
        out,
        "<dt>Scenario</dt><dd><code>{}</code>, with {}</dd>",
        escape(&header.scenario.id),
        escape(&partner_title(record))
    );
    let _ = writeln!(
        out,
        "<dt>Session</dt><dd><code>{}</code>, started {}</dd>",
        escape(record.id()),
        escape(&clock::display(&header.started))
    );
    let _ = writeln!(out, "<dt>Seed</dt><dd>{}</dd>", header.seed);
    let _ = writeln!(out, "<dt>Outcome</dt><dd>{}</dd>", escape(&outcome_text(record)));
    let _ = writeln!(out, "</dl>");
    let _ = writeln!(out, "<h2>Conversation</h2>");
    let first = record
        .entries
        .first()
        .map_or(header.opening.line.as_str(), |e| e.partner.as_str());
    partner_line(&mut out, &name, first);
    for entry in &record.entries {
        let turn = &entry.turn;
        let _ = writeln!(
            out,
            "<p class=\"you\"><b>You:</b> {}</p>",
            highlighted(&turn.reply, &turn.report.matches)
        );
        let _ = writeln!(out, "<ul class=\"details\">");
        let _ = writeln!(out, "<li>Scores: {}</li>", escape(&scores_text(turn)));
        let words: Vec<String> = pieces(&turn.reply, &turn.report.matches)
            .into_iter()
            .filter_map(|piece| match piece {
                Piece::Marked { text, labels, .. } => {
                    Some(format!("<b>{}</b> ({})", escape(text), escape(&labels.join(", "))))
                }
                Piece::Plain(_) => None,
            })
            .collect();
        if !words.is_empty() {
            let _ = writeln!(out, "<li>Words: {}</li>", words.join(" · "));
        }
        if let Some(note) = &turn.rule.note {
            let _ = writeln!(out, "<li>Note: {}</li>", escape(note));
        }
        if let Some(dials) = dials_text(turn) {
            let _ = writeln!(out, "<li>Dials: {}</li>", escape(&dials));
        }
        let _ = writeln!(out, "</ul>");
        match &turn.next {
            Next::Beat(line) => partner_line(&mut out, &name, &line.line),
            Next::Ending(ending) => {
                partner_line(&mut out, &name, &ending.line);
                let _ = writeln!(out, "<h2>The end: {}</h2>", escape(&ending_title(ending)));
                let _ = writeln!(out, "<p class=\"debrief\">{}</p>", escape(ending.debrief.trim()));
            }
        }
    }
    if !record.is_finished() {
        let _ = writeln!(out, "<p><em>Unfinished: {name} is still waiting for a reply.</em></p>");
    }
    if let Some(scenario) = scenario {
        map(&mut out, record, scenario);
    }
    let summary = record.summary();
    if !summary.is_empty() {
        let _ = writeln!(out, "<h2>Skills over the session</h2>");
        let _ = writeln!(out, "<table>");
        let _ = writeln!(
            out,
            "<tr><th>skill</th><th>average</th><th>peak</th><th>present in</th></tr>"
        );
        for skill in &summary {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"n\">{:.2}</td><td class=\"n\">{:.2}</td><td>{} of {}</td></tr>",
                escape(&skill.skill),
                skill.average,
                skill.peak,
                skill.present_in,
                skill.turns
            );
        }
        let _ = writeln!(out, "</table>");
    }
    if !record.taken_back.is_empty() {
        let _ = writeln!(out, "<h2>Taken back with /undo</h2>");
        let _ = writeln!(out, "<ul>");
        for entry in &record.taken_back {
            let _ = writeln!(
                out,
                "<li>Turn {}: {}</li>",
                entry.turn.number,
                escape(&entry.turn.reply)
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(
        out,
        "<footer>Written by rehearse on this computer. It is private: share it only with people you choose.</footer>"
    );
    let _ = writeln!(out, "</body>");
    let _ = writeln!(out, "</html>");
    out
}
