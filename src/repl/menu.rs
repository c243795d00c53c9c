//! The scenario menu: numbered, grouped by family, with broken files named.

use crate::scenario::{Category, Library};
use crate::style::Style;
use std::fmt::Write as _;

pub fn render(library: &Library, style: Style) -> String {
    let mut out = String::new();
    let order = library.menu_order();
    for category in Category::ALL {
        let mut first = true;
        for (i, s) in order.iter().enumerate().filter(|(_, s)| s.category == category) {
            if first {
                let _ = writeln!(out, "{}", style.bold(category.heading()));
                first = false;
            }
            let dots = crate::render::difficulty_dots(s.difficulty);
            let _ = writeln!(
                out,
                "  {:>2}. {}  {}  {}",
                i + 1,
                style.accent(&s.title),
                style.dim(&dots),
                style.dim(&format!("[{}]", s.id))
            );
            let _ = writeln!(out, "      {}", s.summary);
        }
        if !first {
            let _ = writeln!(out);
        }
    }
    for broken in &library.broken {
        let first = broken.problems.first().map(|p| p.to_string()).unwrap_or_default();
        let name = broken.id.clone().unwrap_or_else(|| broken.path.clone());
        let _ = writeln!(
            out,
            "  {} {name}: {}",
            style.yellow("broken:"),
            first.lines().next().unwrap_or("")
        );
    }
    let _ = writeln!(out, "Type a number or an id to start (Tab completes ids).");
    out
}
