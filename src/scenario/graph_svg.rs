//! A scenario's branches drawn as an SVG picture that needs nothing else to view:
//! no Graphviz, no script, no network. `rehearse graph --format svg` writes it for
//! authors; the HTML transcript embeds it with the path a conversation took drawn
//! bold, so a person reading it with their therapist can see where it turned.
//!
//! The layout is layered: beats sit in rows by how many replies it takes to reach
//! them from the start, endings share the last row (good, then stuck, then
//! escalated), and each row is ordered to keep arrows from crossing where it can.
//! Arrows carry their rule numbers; hovering one shows its conditions.

use super::graph_render::Taken;
use super::model::{EndingKind, Scenario, Target};
use crate::markup::escape;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;

const ROW_GAP: f64 = 96.0;
const NODE_HEIGHT: f64 = 36.0;
const NODE_GAP: f64 = 28.0;
const MARGIN: f64 = 24.0;
/// Roughly the width of one character at the 13px label size.
const CHAR_WIDTH: f64 = 7.4;

/// One step a conversation took: the beat it answered and the rule that fired there.
pub type Step = (String, usize);

/// A box in the picture.
struct Node {
    label: String,
    /// `None` for beats; the kind for endings.
    kind: Option<EndingKind>,
    row: usize,
    x: f64,
    width: f64,
}

impl Node {
    fn y(&self) -> f64 {
        MARGIN + 34.0 + self.row as f64 * ROW_GAP
    }
    fn center(&self) -> f64 {
        self.x + self.width / 2.0
    }
}

/// An arrow: every rule between the same two nodes drawn as one, with all their numbers.
struct Arrow {
    from: String,
    to: String,
    numbers: Vec<usize>,
    conditions: Vec<String>,
    on_path: bool,
    untested: bool,
    /// For arrows going back up: which lane on the right they use (0 is nearest).
    lane: usize,
}

/// The picture of `scenario`. With `taken`, arrows no test takes are dashed; the
/// `path` steps (in the order played) are drawn bold, as are the beats and the
/// ending they went through.
pub fn render(scenario: &Scenario, taken: Option<&Taken>, path: &[Step]) -> String {
    let mut nodes = place(scenario);
    order_rows(scenario, &mut nodes);
    let mut arrows = arrows(scenario, taken, path);
    let visited = visited(scenario, path);
    let lane_right = nodes.values().map(|n| n.x + n.width).fold(0.0, f64::max);
    let mut lanes = 0;
    for arrow in &mut arrows {
        let rows = (
            nodes.get(&arrow.from).map(|n| n.row),
            nodes.get(&arrow.to).map(|n| n.row),
        );
        if let (Some(from), Some(to)) = rows {
            if to < from {
                arrow.lane = lanes;
                lanes += 1;
            }
        }
    }
    let width = lane_right + 24.0 + 10.0 * lanes as f64 + MARGIN;
    let rows = nodes.values().map(|n| n.row).max().unwrap_or(0) + 1;
    let height = MARGIN * 2.0 + 34.0 + rows as f64 * ROW_GAP - (ROW_GAP - NODE_HEIGHT);

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"graph-title\" font-family=\"system-ui, sans-serif\" font-size=\"13\">"
    );
    let _ = writeln!(
        out,
        "<title id=\"graph-title\">The branches of {}: {} beats, {} endings</title>",
        escape(&scenario.title),
        scenario.beats.len(),
        scenario.endings.len()
    );
    out.push_str("<defs>");
    for (id, colour) in [("arrow", "#777"), ("arrow-path", "#1f4fa8")] {
        let _ = write!(
            out,
            "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>"
        );
    }
    out.push_str("</defs>\n");

    // The start marker, with its arrow into the first beat.
    if let Some(first) = nodes.get(&scenario.start) {
        let (cx, top) = (first.center(), first.y());
        let _ = writeln!(
            out,
            "<g><rect x=\"{:.1}\" y=\"{MARGIN:.1}\" width=\"48\" height=\"20\" rx=\"10\" fill=\"#fff\" stroke=\"#555\"/><text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\">start</text><path d=\"M{cx:.1},{:.1} L{cx:.1},{:.1}\" stroke=\"#555\" fill=\"none\" marker-end=\"url(#arrow)\"/></g>",
            cx - 24.0,
            MARGIN + 14.0,
            MARGIN + 20.0,
            top - 2.0
        );
    }
    // Arrows first, so the boxes sit on top of them.
    for arrow in arrows.iter().filter(|a| !a.on_path) {
        draw_arrow(&mut out, &nodes, arrow, lane_right, !path.is_empty());
    }
    for arrow in arrows.iter().filter(|a| a.on_path) {
        draw_arrow(&mut out, &nodes, arrow, lane_right, !path.is_empty());
    }
    for (id, node) in &nodes {
        draw_node(&mut out, node, visited.contains(id));
    }
    out.push_str("</svg>\n");
    out
}

/// Rows from the start (shortest number of replies); endings share the last row.
fn place(scenario: &Scenario) -> BTreeMap<String, Node> {
    let mut row: HashMap<&str, usize> = HashMap::new();
    let mut queue = VecDeque::from([(scenario.start.as_str(), 0usize)]);
    while let Some((id, depth)) = queue.pop_front() {
        if row.contains_key(id) || !scenario.beats.contains_key(id) {
            continue;
        }
        row.insert(id, depth);
        for rule in &scenario.beats[id].rules {
            if let Target::Beat(next) = &rule.goto {
                queue.push_back((next.as_str(), depth + 1));
            }
        }
    }
    let deepest = row.values().copied().max().unwrap_or(0);
    let mut nodes = BTreeMap::new();
    // Beats no path reaches (the checker reports them) get a row of their own.
    let unreached_row = deepest + 1;
    let any_unreached = scenario.beats.keys().any(|id| !row.contains_key(id.as_str()));
    let endings_row = if any_unreached { deepest + 2 } else { deepest + 1 };
    for id in scenario.beats.keys() {
        let r = row.get(id.as_str()).copied().unwrap_or(unreached_row);
        nodes.insert(id.clone(), node(id.clone(), None, r));
    }
    for (id, ending) in &scenario.endings {
        let label = format!("{} ({})", ending.title, ending.kind.as_str());
        nodes.insert(ending_key(id), node(label, Some(ending.kind), endings_row));
    }
    nodes
}

fn node(label: String, kind: Option<EndingKind>, row: usize) -> Node {
    let width = (label.chars().count() as f64 * CHAR_WIDTH + 24.0).max(84.0);
    Node {
        label,
        kind,
        row,
        x: 0.0,
        width,
    }
}

/// Endings live in the same map as beats; their keys cannot clash with a beat id.
fn ending_key(id: &str) -> String {
    format!("ending:{id}")
}

fn key_of(target: &Target) -> String {
    match target {
        Target::Beat(id) => id.clone(),
        Target::Ending(id) => ending_key(id),
    }
}

/// Orders each row by where its arrows come from (the mean position of the nodes
/// one row up that point to it), a few sweeps, then lays the rows out centred.
fn order_rows(scenario: &Scenario, nodes: &mut BTreeMap<String, Node>) {
    let rows = nodes.values().map(|n| n.row).max().unwrap_or(0) + 1;
    // Start from file order: beats as written, endings good → stuck → escalated.
    let mut order: Vec<Vec<String>> = vec![Vec::new(); rows];
    for id in scenario.beats.keys() {
        order[nodes[id].row].push(id.clone());
    }
    let mut endings: Vec<(&String, EndingKind)> = scenario.endings.iter().map(|(id, e)| (id, e.kind)).collect();
    endings.sort_by_key(|(_, kind)| kind_rank(*kind));
    for (id, _) in endings {
        let key = ending_key(id);
        order[nodes[&key].row].push(key);
    }
    let mut parents: HashMap<String, Vec<String>> = HashMap::new();
    for (id, beat) in &scenario.beats {
        for rule in &beat.rules {
            parents.entry(key_of(&rule.goto)).or_default().push(id.clone());
        }
    }
    for _ in 0..4 {
        let position: HashMap<String, f64> = order
            .iter()
            .flat_map(|row| row.iter().enumerate().map(|(i, id)| (id.clone(), i as f64)))
            .collect();
        for (r, row) in order.iter_mut().enumerate().skip(1) {
            let mean = |id: &String| -> f64 {
                let above: Vec<f64> = parents
                    .get(id)
                    .into_iter()
                    .flatten()
                    .filter(|p| nodes[*p].row < r)
                    .filter_map(|p| position.get(p).copied())
                    .collect();
                if above.is_empty() {
                    position.get(id).copied().unwrap_or(0.0)
                } else {
                    above.iter().sum::<f64>() / above.len() as f64
                }
            };
            let mut keyed: Vec<(f64, usize, String)> = row
                .iter()
                .enumerate()
                .map(|(i, id)| (mean(id), i, id.clone()))
                .collect();
            // Endings keep their good → stuck → escalated order; beats move.
            if r + 1 < rows {
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            }
            *row = keyed.into_iter().map(|(_, _, id)| id).collect();
        }
    }
    let row_width = |row: &Vec<String>| -> f64 {
        row.iter().map(|id| nodes[id].width).sum::<f64>() + NODE_GAP * row.len().saturating_sub(1) as f64
    };
    let widths: Vec<f64> = order.iter().map(row_width).collect();
    let widest = widths.iter().copied().fold(0.0, f64::max);
    for (row, row_width) in order.iter().zip(widths) {
        let mut x = MARGIN + (widest - row_width) / 2.0;
        for id in row {
            if let Some(node) = nodes.get_mut(id) {
                node.x = x;
                x += node.width + NODE_GAP;
            }
        }
    }
}

fn kind_rank(kind: EndingKind) -> u8 {
    match kind {
        EndingKind::Good => 0,
        EndingKind::Stuck => 1,
        EndingKind::Escalated => 2,
    }
}

fn arrows(scenario: &Scenario, taken: Option<&Taken>, path: &[Step]) -> Vec<Arrow> {
    let mut arrows: Vec<Arrow> = Vec::new();
    for (id, beat) in &scenario.beats {
        for rule in &beat.rules {
            let to = key_of(&rule.goto);
            let condition = match &rule.when {
                Some(when) => when.source.trim().to_string(),
                None => "otherwise".to_string(),
            };
            let on_path = path.iter().any(|(b, n)| b == id && *n == rule.number);
            let untested = taken.is_some_and(|t| !t.contains(&(id.clone(), rule.number)));
            let text = format!("{}: {condition}", rule.number);
            match arrows.iter_mut().find(|a| a.from == *id && a.to == to) {
                Some(arrow) => {
                    arrow.numbers.push(rule.number);
                    arrow.conditions.push(text);
                    arrow.on_path |= on_path;
                    arrow.untested &= untested;
                }
                None => arrows.push(Arrow {
                    from: id.clone(),
                    to,
                    numbers: vec![rule.number],
                    conditions: vec![text],
                    on_path,
                    untested,
                    lane: 0,
                }),
            }
        }
    }
    arrows
}

/// The nodes a path went through, and the one it led to last (the ending, or
/// the beat still waiting).
fn visited(scenario: &Scenario, path: &[Step]) -> HashSet<String> {
    let mut seen = HashSet::new();
    for (beat, number) in path {
        seen.insert(beat.clone());
        let next = scenario
            .beats
            .get(beat)
            .and_then(|b| b.rules.iter().find(|r| r.number == *number))
            .map(|r| key_of(&r.goto));
        seen.extend(next);
    }
    seen
}

fn draw_node(out: &mut String, node: &Node, on_path: bool) {
    let (fill, stroke, dash) = match node.kind {
        None => ("#ffffff", "#555555", ""),
        Some(EndingKind::Good) => ("#dff5e1", "#2e7d32", ""),
        // Stuck and escalated differ in line as well as colour, for anyone who
        // cannot tell the colours apart or prints in grey.
        Some(EndingKind::Stuck) => ("#fff4d6", "#8a6500", " stroke-dasharray=\"6 3\""),
        Some(EndingKind::Escalated) => ("#fde2e1", "#b71c1c", " stroke-dasharray=\"2 2\""),
    };
    let (stroke, width) = if on_path { ("#1f4fa8", 3.0) } else { (stroke, 1.4) };
    let y = node.y();
    let weight = if on_path { " font-weight=\"600\"" } else { "" };
    let _ = writeln!(
        out,
        "<g><rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{NODE_HEIGHT:.1}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\"{weight} fill=\"#1a1a1a\">{}</text></g>",
        node.x,
        node.width,
        if node.kind.is_some() { 18 } else { 6 },
        node.center(),
        y + NODE_HEIGHT / 2.0 + 4.5,
        escape(&node.label)
    );
}

/// A point on the cubic Bézier curve `p` at `t`.
fn bezier(p: [(f64, f64); 4], t: f64) -> (f64, f64) {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    (
        a * p[0].0 + b * p[1].0 + c * p[2].0 + d * p[3].0,
        a * p[0].1 + b * p[1].1 + c * p[2].1 + d * p[3].1,
    )
}

fn draw_arrow(out: &mut String, nodes: &BTreeMap<String, Node>, arrow: &Arrow, lane_right: f64, faint: bool) {
    let (Some(from), Some(to)) = (nodes.get(&arrow.from), nodes.get(&arrow.to)) else {
        return;
    };
    let curve: [(f64, f64); 4] = if arrow.from == arrow.to {
        // A beat that can come back to itself: a small loop under its right-hand end.
        let (x, bottom) = (from.x + from.width, from.y() + NODE_HEIGHT);
        [
            (x - 30.0, bottom),
            (x - 30.0, bottom + 26.0),
            (x + 6.0, bottom + 26.0),
            (x - 8.0, bottom + 2.0),
        ]
    } else if to.row > from.row {
        let (x1, y1) = (from.center(), from.y() + NODE_HEIGHT);
        let (x2, y2) = (to.center(), to.y() - 2.0);
        let bend = (y2 - y1) * 0.45;
        [(x1, y1), (x1, y1 + bend), (x2, y2 - bend), (x2, y2)]
    } else if to.row == from.row {
        // Across a row: a shallow arc under the row, in the gap before the next.
        let (x1, x2) = (from.center(), to.center());
        let bottom = from.y() + NODE_HEIGHT;
        // Right-to-left arcs dip deeper, so a pair of beats that lead to each
        // other get two arcs, not one on top of the other.
        let dip = 18.0 + (x2 - x1).abs() * 0.05 + if x2 < x1 { 14.0 } else { 0.0 };
        [(x1, bottom), (x1, bottom + dip), (x2, bottom + dip), (x2, bottom + 2.0)]
    } else {
        // Back up to an earlier beat: up out of the top of the box, along a lane
        // of its own to the right of the picture, and in from above, through the
        // gaps between rows rather than across the boxes.
        let (x1, y1) = (from.x + from.width * 0.8, from.y());
        let (x2, y2) = (to.x + to.width * 0.8, to.y() - 2.0);
        let lane = lane_right + 14.0 + 10.0 * arrow.lane as f64;
        let lift = ROW_GAP * 0.3;
        [(x1, y1), (lane, y1 - lift), (lane, y2 - lift), (x2, y2)]
    };
    let (colour, width, marker) = if arrow.on_path {
        ("#1f4fa8", 2.8, "arrow-path")
    } else if faint {
        ("#aaaaaa", 1.0, "arrow")
    } else {
        ("#666666", 1.3, "arrow")
    };
    let dash = if arrow.untested && !arrow.on_path {
        " stroke-dasharray=\"5 4\""
    } else {
        ""
    };
    let numbers: Vec<String> = arrow.numbers.iter().map(usize::to_string).collect();
    let label = numbers.join(",");
    let (lx, ly) = bezier(curve, 0.5);
    let label_width = label.len() as f64 * 6.6 + 10.0;
    let _ = writeln!(
        out,
        "<g><title>{}</title><path d=\"M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#{marker})\"/><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{label_width:.1}\" height=\"15\" rx=\"7\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"0.8\"/><text x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10.5\" fill=\"{colour}\">{}</text></g>",
        escape(&arrow.conditions.join("\n")),
        curve[0].0,
        curve[0].1,
        curve[1].0,
        curve[1].1,
        curve[2].0,
        curve[2].1,
        curve[3].0,
        curve[3].1,
        lx - label_width / 2.0,
        ly - 7.5,
        ly + 4.0,
        escape(&label)
    );
}

#[cfg(test)]
mod tests {
    use super::bezier;

    #[test]
    fn the_middle_of_a_straight_curve_is_halfway() {
        let (x, y) = bezier([(0.0, 0.0), (0.0, 10.0), (0.0, 20.0), (0.0, 30.0)], 0.5);
        assert!((x - 0.0).abs() < 1e-9 && (y - 15.0).abs() < 1e-9);
    }
}
