//! The group report as one self-contained web page, made to be projected and
//! printed: large type, black on white, charts as inline SVG, no script and
//! nothing fetched. Everything that came from a person or a scenario is escaped.
//! The page is also well-formed XML (every element closed), so any parser reads it.

use super::analysis::{band_label, skill_label, ScenarioGroup, BANDS};
use super::markdown::{people, privacy_line, turning_text, Options, FOOTER};
use super::svg::{self, Bar};
use crate::journal::export::html::page_head;
use crate::journal::export::html_escape as escape;
use std::fmt::Write as _;

const STYLE: &str = "\
html{font-size:22px}body{font-family:system-ui,'Segoe UI',Arial,sans-serif;font-size:1rem;line-height:1.45;color:#000;background:#fff;max-width:62rem;margin:1.5rem auto;padding:0 1.2rem}\
h1{font-size:2.1rem;margin:.2rem 0 .6rem}h2{font-size:1.7rem;margin-top:2.4rem;border-bottom:3px solid #000}h3{font-size:1.3rem;margin-top:1.8rem}\
p.lead{font-size:1.1rem}p.definition{font-style:italic}\
table{border-collapse:collapse;margin:.6rem 0}th,td{padding:.3rem .8rem;border-bottom:2px solid #444;text-align:left}td.n,th.n{text-align:right}\
ul.quotes{padding-left:1.2rem}ul.quotes li{margin:.4rem 0}\
.spreads{display:flex;flex-wrap:wrap;gap:1.4rem 2.2rem}.spreads figure{margin:0;width:17rem}figcaption{min-height:2.9em}figcaption .sub{font-size:.8rem}\
svg.chart{max-width:36rem}svg text{font-size:20px;fill:#000}svg text.small{font-size:16px}svg line.axis{stroke:#000;stroke-width:2}\
rect.good{fill:#14591d}rect.stuck{fill:#8a5300}rect.escalated{fill:#a3001b}rect.unfinished{fill:#555}\
table.grid{font-size:.8rem}rect.helpful{fill:#0b3a82}rect.harmful{fill:#a3001b}\
footer{margin-top:2.5rem;font-size:.9rem}\
@media print{html{font-size:12pt}body{max-width:none;margin:0}section{break-inside:avoid-page}figure,svg,table{break-inside:avoid}h2{break-after:avoid}}";

/// One `<code>` beat id.
fn code(text: &str) -> String {
    format!("<code>{}</code>", escape(text))
}

pub fn render(groups: &[ScenarioGroup], options: Options, title: &str) -> String {
    let total: usize = groups.iter().map(|g| g.size).sum();
    let mut out = String::new();
    page_head(&mut out, title, STYLE);
    let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    let _ = writeln!(
        out,
        "<p class=\"lead\">{} conversation{} in {} scenario{}. {}</p>",
        total,
        if total == 1 { "" } else { "s" },
        groups.len(),
        if groups.len() == 1 { "" } else { "s" },
        escape(privacy_line(options))
    );
    for group in groups {
        scenario(&mut out, group, options);
    }
    let _ = writeln!(out, "<footer>{}</footer>", escape(FOOTER));
    let _ = writeln!(out, "</body>");
    let _ = writeln!(out, "</html>");
    out
}

fn scenario(out: &mut String, group: &ScenarioGroup, options: Options) {
    let _ = writeln!(
        out,
        "<h2>{} ({}): {}</h2>",
        escape(&group.scenario.title),
        code(&group.scenario.id),
        people(group.size)
    );

    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h3>How the conversations ended</h3>");
    let labels: Vec<String> = group
        .endings
        .iter()
        .map(|e| {
            if e.kind == "unfinished" {
                "unfinished".to_string()
            } else {
                format!("{} ({})", e.label, e.kind)
            }
        })
        .collect();
    let bars: Vec<Bar> = group
        .endings
        .iter()
        .zip(&labels)
        .map(|(e, label)| Bar {
            label,
            count: e.count,
            class: &e.kind,
        })
        .collect();
    out.push_str(&svg::horizontal("How many people reached each ending", &bars));
    let _ = writeln!(out, "</section>");

    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h3>Skills across the group</h3>");
    let _ = writeln!(
        out,
        "<p>How many people&#39;s average score over their replies falls in each band, from 0 (left) to 1 (right). For blame and stonewalling, lower is better.</p>"
    );
    let _ = writeln!(out, "<div class=\"spreads\">");
    let band_names: Vec<String> = (0..BANDS).map(band_label).collect();
    for s in &group.skills {
        let class = if s.harmful { "harmful" } else { "helpful" };
        let bars: Vec<Bar> = s
            .bands
            .iter()
            .zip(&band_names)
            .map(|(count, label)| Bar {
                label,
                count: *count,
                class,
            })
            .collect();
        let name = skill_label(&s.skill);
        let _ = writeln!(out, "<figure>");
        let _ = writeln!(
            out,
            "<figcaption><b>{}</b>{}<br/><span class=\"sub\">median {:.2} · present in {:.0}% of replies</span></figcaption>",
            escape(&name),
            if s.harmful { " (lower is better)" } else { "" },
            s.median,
            100.0 * s.present_share
        );
        out.push_str(&svg::columns(
            &format!("{name}: people per band of average score"),
            &bars,
        ));
        let _ = writeln!(out, "</figure>");
    }
    let _ = writeln!(out, "</div>");
    let _ = writeln!(out, "</section>");

    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h3>Where conversations turned</h3>");
    let _ = writeln!(out, "<p class=\"definition\">{}</p>", escape(&group.turning.definition));
    let turned = turning_text(group, escape, code);
    let _ = writeln!(out, "<p>{}</p>", turned.lead);
    if !turned.rules.is_empty() {
        let _ = writeln!(out, "<ul>");
        for rule in &turned.rules {
            let _ = writeln!(out, "<li>{rule}</li>");
        }
        let _ = writeln!(out, "</ul>");
    }
    if let Some(others) = &turned.others {
        let _ = writeln!(out, "<p>{others}</p>");
    }
    let _ = writeln!(out, "</section>");

    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h3>Blaming phrases heard most</h3>");
    if group.blaming.is_empty() {
        let _ = writeln!(out, "<p>No reply counted as blaming.</p>");
    } else {
        let _ = writeln!(out, "<ul class=\"quotes\">");
        for p in &group.blaming {
            let _ = writeln!(
                out,
                "<li>\u{201c}{}\u{201d} ({}): {}</li>",
                escape(&p.text),
                escape(&p.family),
                people(p.people)
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</section>");

    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h3>The best reframes</h3>");
    if group.reframes.is_empty() {
        let _ = writeln!(
            out,
            "<p>No reply scored 0.5 or more on a helpful skill without also blaming.</p>"
        );
    } else {
        let _ = writeln!(out, "<ul class=\"quotes\">");
        for r in &group.reframes {
            let _ = writeln!(
                out,
                "<li>\u{201c}{}\u{201d} ({} {:.2})</li>",
                escape(&r.text),
                escape(&skill_label(&r.skill)),
                r.score
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</section>");

    if options.names {
        grid(out, group);
    }
}

/// The per-person table (`--names` only).
fn grid(out: &mut String, group: &ScenarioGroup) {
    let skills: Vec<&str> = group.skills.iter().map(|s| s.skill.as_str()).collect();
    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h3>Each person</h3>");
    let _ = writeln!(out, "<table class=\"grid\">");
    let headings: Vec<String> = skills
        .iter()
        .map(|s| format!("<th class=\"n\">{}</th>", escape(&skill_label(s))))
        .collect();
    let _ = writeln!(out, "<tr><th>person</th><th>ending</th>{}</tr>", headings.concat());
    for row in &group.grid {
        let values: Vec<String> = skills
            .iter()
            .map(|s| {
                let value = row.averages.get(*s).map_or("–".to_string(), |v| format!("{v:.2}"));
                format!("<td class=\"n\">{value}</td>")
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td>{}</tr>",
            escape(&row.participant),
            escape(&row.outcome),
            values.concat()
        );
    }
    let _ = writeln!(out, "</table>");
    let _ = writeln!(out, "</section>");
}
