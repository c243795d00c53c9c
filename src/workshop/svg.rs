//! Charts as inline SVG for the HTML report: drawn here as text, with no
//! script, font or image fetched, so the page works offline, projected and
//! printed. Every label is escaped; each chart has a title a screen reader reads.

use crate::journal::export::html_escape as escape;
use std::fmt::Write as _;

/// One bar: its label, its count, and the CSS class that colours it.
pub struct Bar<'a> {
    pub label: &'a str,
    pub count: usize,
    pub class: &'a str,
}

/// One row: the label on a line of its own, then the bar below it, so a long
/// label (an ending's title) is never cut. In SVG units (px at 100%).
const ROW: usize = 76;
const LABEL_BASELINE: usize = 24;
const BAR_TOP: usize = 34;
const BAR: usize = 30;
/// Width of the whole chart and the room kept for the count after the longest bar.
const WIDTH: usize = 720;
const COUNT_ROOM: usize = 70;

/// Horizontal bars scaled to the largest count, each under its label; `title`
/// names the chart for screen readers.
pub fn horizontal(title: &str, bars: &[Bar]) -> String {
    let height = ROW * bars.len().max(1);
    let most = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let room = WIDTH - COUNT_ROOM;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    for (i, bar) in bars.iter().enumerate() {
        let y = i * ROW;
        let width = if bar.count == 0 {
            0
        } else {
            (room * bar.count / most).max(3)
        };
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text>",
            y + LABEL_BASELINE,
            escape(bar.label)
        );
        let _ = writeln!(
            out,
            "<rect class=\"{}\" x=\"0\" y=\"{}\" width=\"{width}\" height=\"{BAR}\"/>",
            escape(bar.class),
            y + BAR_TOP
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            width + 10,
            y + BAR_TOP + BAR - 7,
            bar.count
        );
    }
    out.push_str("</svg>\n");
    out
}

/// Height of the column area of a spread chart, and its layout.
const COLUMNS_HEIGHT: usize = 150;
const COLUMN_WIDTH: usize = 56;
const COLUMN_GAP: usize = 12;
const AXIS_ROOM: usize = 34;
const TOP_ROOM: usize = 30;

/// Vertical columns, one per band, with the band's name below and its count on
/// top: how a skill is spread over the people.
pub fn columns(title: &str, bars: &[Bar]) -> String {
    let width = bars.len().max(1) * (COLUMN_WIDTH + COLUMN_GAP) + COLUMN_GAP;
    let height = TOP_ROOM + COLUMNS_HEIGHT + AXIS_ROOM;
    let most = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg class=\"spread\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let base = TOP_ROOM + COLUMNS_HEIGHT;
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"0\" y1=\"{base}\" x2=\"{width}\" y2=\"{base}\"/>"
    );
    for (i, bar) in bars.iter().enumerate() {
        let x = COLUMN_GAP + i * (COLUMN_WIDTH + COLUMN_GAP);
        let h = if bar.count == 0 {
            0
        } else {
            (COLUMNS_HEIGHT * bar.count / most).max(3)
        };
        let middle = x + COLUMN_WIDTH / 2;
        let _ = writeln!(
            out,
            "<rect class=\"{}\" x=\"{x}\" y=\"{}\" width=\"{COLUMN_WIDTH}\" height=\"{h}\"/>",
            escape(bar.class),
            base - h
        );
        let _ = writeln!(
            out,
            "<text x=\"{middle}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            base - h - 8,
            bar.count
        );
        let _ = writeln!(
            out,
            "<text class=\"small\" x=\"{middle}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            base + 24,
            escape(bar.label)
        );
    }
    out.push_str("</svg>\n");
    out
}
