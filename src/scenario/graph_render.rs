//! A scenario's branches as a picture or a listing: Mermaid, Graphviz DOT, SVG
//! (drawn by `graph_svg`) or plain text. Every beat and ending is a node (endings styled by kind), every
//! rule an arrow labelled with its number and condition (`otherwise` for the
//! fallback). Given the rules the tests take, the others are drawn dashed.

use super::model::{EndingKind, Rule, Scenario, Target};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The output formats of `rehearse graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Every beat with its lines and its rules, in plain text.
    Text,
    /// A Mermaid flowchart (paste into a Markdown file or mermaid.live).
    Mermaid,
    /// A Graphviz digraph (`dot -Tsvg`).
    Dot,
    /// A picture to open in a web browser or drop into a document; needs nothing installed.
    Svg,
}

/// The `(beat, rule number)` pairs some test takes.
pub type Taken = BTreeSet<(String, usize)>;

/// Draws `scenario` in `format`; with `taken`, rules not in it are dashed (marked in text).
pub fn render(scenario: &Scenario, format: GraphFormat, taken: Option<&Taken>) -> String {
    match format {
        GraphFormat::Text => text(scenario, taken),
        GraphFormat::Mermaid => mermaid(scenario, taken),
        GraphFormat::Dot => dot(scenario, taken),
        GraphFormat::Svg => super::graph_svg::render(scenario, taken, &[]),
    }
}

/// An arrow's label: `1: blame >= 0.5`, or `4: otherwise`.
fn condition(rule: &Rule) -> String {
    match &rule.when {
        Some(when) => when.source.trim().to_string(),
        None => "otherwise".to_string(),
    }
}

fn untaken(taken: Option<&Taken>, beat: &str, rule: &Rule) -> bool {
    taken.is_some_and(|t| !t.contains(&(beat.to_string(), rule.number)))
}

/// Node names that are safe in every format whatever the ids are: `b0`, `e2`.
struct Nodes<'a> {
    scenario: &'a Scenario,
}

impl Nodes<'_> {
    fn of(&self, target: &Target) -> String {
        match target {
            Target::Beat(id) => self.beat(id),
            Target::Ending(id) => format!("e{}", self.scenario.endings.get_index_of(id).unwrap_or(usize::MAX)),
        }
    }

    fn beat(&self, id: &str) -> String {
        format!("b{}", self.scenario.beats.get_index_of(id).unwrap_or(usize::MAX))
    }
}

/// Text for inside a Mermaid `"…"` label: quotes, angle brackets, ampersands,
/// bars and hashes become entity codes, line breaks become `<br/>`.
pub fn mermaid_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '|' => out.push_str("#124;"),
            '#' => out.push_str("#35;"),
            '\n' => out.push_str("<br/>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text for inside a DOT `"…"` string: backslashes and quotes escaped, line
/// breaks as `\n`.
pub fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn ending_label(id: &str, title: &str, kind: EndingKind) -> String {
    format!("{title}\n({id}, {})", kind.as_str())
}

fn mermaid(scenario: &Scenario, taken: Option<&Taken>) -> String {
    let nodes = Nodes { scenario };
    let mut out = String::new();
    out.push_str("flowchart TD\n");
    let _ = writeln!(out, "    %% {}: {}", scenario.id, mermaid_escape(&scenario.title));
    out.push_str("    start((start))\n");
    for id in scenario.beats.keys() {
        let _ = writeln!(out, "    {}[\"{}\"]", nodes.beat(id), mermaid_escape(id));
    }
    for (i, (id, ending)) in scenario.endings.iter().enumerate() {
        let _ = writeln!(
            out,
            "    e{i}([\"{}\"]):::{}",
            mermaid_escape(&ending_label(id, &ending.title, ending.kind)),
            ending.kind.as_str()
        );
    }
    let _ = writeln!(out, "    start --> {}", nodes.beat(&scenario.start));
    for (id, beat) in &scenario.beats {
        for rule in &beat.rules {
            let arrow = if untaken(taken, id, rule) { "-.->" } else { "-->" };
            let _ = writeln!(
                out,
                "    {} {arrow}|\"{}: {}\"| {}",
                nodes.beat(id),
                rule.number,
                mermaid_escape(&condition(rule)),
                nodes.of(&rule.goto)
            );
        }
    }
    out.push_str("    classDef good fill:#dff5e1,stroke:#2e7d32,color:#1b5e20\n");
    out.push_str("    classDef stuck fill:#fff4d6,stroke:#b8860b,color:#5d4300\n");
    out.push_str("    classDef escalated fill:#fde2e1,stroke:#c62828,color:#7f1d1d\n");
    out
}

fn dot(scenario: &Scenario, taken: Option<&Taken>) -> String {
    let nodes = Nodes { scenario };
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(&scenario.id));
    let _ = writeln!(
        out,
        "    graph [label=\"{}\", labelloc=t, rankdir=TB, fontname=\"Helvetica\"];",
        dot_escape(&scenario.title)
    );
    out.push_str("    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    out.push_str("    edge [fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("    start [shape=circle, label=\"start\", width=0.5];\n");
    for id in scenario.beats.keys() {
        let _ = writeln!(out, "    {} [label=\"{}\"];", nodes.beat(id), dot_escape(id));
    }
    for (i, (id, ending)) in scenario.endings.iter().enumerate() {
        let (fill, line) = match ending.kind {
            EndingKind::Good => ("#dff5e1", "#2e7d32"),
            EndingKind::Stuck => ("#fff4d6", "#b8860b"),
            EndingKind::Escalated => ("#fde2e1", "#c62828"),
        };
        let _ = writeln!(
            out,
            "    e{i} [label=\"{}\", shape=box, style=\"rounded,filled,bold\", fillcolor=\"{fill}\", color=\"{line}\"];",
            dot_escape(&ending_label(id, &ending.title, ending.kind))
        );
    }
    let _ = writeln!(out, "    start -> {};", nodes.beat(&scenario.start));
    for (id, beat) in &scenario.beats {
        for rule in &beat.rules {
            let style = if untaken(taken, id, rule) { ", style=dashed" } else { "" };
            let _ = writeln!(
                out,
                "    {} -> {} [label=\"{}: {}\"{style}];",
                nodes.beat(id),
                nodes.of(&rule.goto),
                rule.number,
                dot_escape(&condition(rule))
            );
        }
    }
    out.push_str("}\n");
    out
}

/// One line of text: control characters (a tab, a stray line break in a folded
/// line) become spaces, so every item stays on its line.
fn one_line(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn text(scenario: &Scenario, taken: Option<&Taken>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} ({}, {})",
        scenario.id,
        one_line(&scenario.title),
        scenario.category.as_str(),
        scenario.source
    );
    let _ = writeln!(out, "starts at: {}", scenario.start);
    if taken.is_some() {
        out.push_str("[untested] marks a rule no test takes\n");
    }
    for (id, beat) in &scenario.beats {
        let _ = writeln!(out, "\nbeat {id}");
        out.push_str("  says:\n");
        for line in &beat.say {
            let _ = writeln!(out, "    \"{}\"", one_line(line));
        }
        out.push_str("  rules:\n");
        for rule in &beat.rules {
            let target = match &rule.goto {
                Target::Beat(b) => b.clone(),
                Target::Ending(e) => {
                    let kind = scenario.endings.get(e).map_or("", |x| x.kind.as_str());
                    format!("ending {e} ({kind})")
                }
            };
            let when = match &rule.when {
                Some(w) => format!("when {}", one_line(&w.source)),
                None => "otherwise".to_string(),
            };
            let mut line = format!("    {}. {when} → {target}", rule.number);
            if !rule.set.is_empty() {
                let set: Vec<String> = rule
                    .set
                    .iter()
                    .map(|u| format!("{}: {}", u.dial, one_line(&u.value.source)))
                    .collect();
                let _ = write!(line, "  (set {})", set.join(", "));
            }
            if untaken(taken, id, rule) {
                line.push_str("  [untested]");
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str("\nendings\n");
    for (id, ending) in &scenario.endings {
        let _ = writeln!(
            out,
            "  {id} ({}): \"{}\"",
            ending.kind.as_str(),
            one_line(&ending.title)
        );
        for line in &ending.say {
            let _ = writeln!(out, "    says \"{}\"", one_line(line));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_labels_cannot_close_their_quotes_or_bars() {
        let escaped = mermaid_escape("a \"b\" <c> & d || e # f\ng");
        assert_eq!(escaped, "a #quot;b#quot; #lt;c#gt; #amp; d #124;#124; e #35; f<br/>g");
        assert!(!escaped.contains('"') && !escaped.contains('|'));
    }

    #[test]
    fn dot_strings_escape_backslashes_and_quotes() {
        assert_eq!(dot_escape("say \"hi\" \\l\nnext"), "say \\\"hi\\\" \\\\l\\nnext");
    }
}
