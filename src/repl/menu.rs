//! The scenario menu: numbered, grouped by family, with broken files named.

use crate::scenario::{Category, Library, Scenario};
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
    let _ = writeln!(
        out,
        "Type a number, an id or words from a title to start (Tab completes ids)."
    );
    out
}

/// What a line typed at the menu (or after `/play`) picks.
#[derive(Debug)]
pub enum Choice<'a> {
    One(&'a Scenario),
    /// Several scenarios fit what was typed: they are listed to choose from.
    Several(Vec<(usize, &'a Scenario)>),
    None,
}

/// Finds the scenario meant by `typed`: its menu number or exact id first;
/// else every scenario whose id or title contains each typed word (any case),
/// so `dishes` finds `dishes-again` and `spare key` finds "The spare key".
/// When several fit but exactly one id starts with what was typed, that one is
/// meant. Menu numbers come with the candidates, so they can be listed.
pub fn choose<'a>(library: &'a Library, typed: &str) -> Choice<'a> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Choice::None;
    }
    if let Some(scenario) = library.find(typed) {
        return Choice::One(scenario);
    }
    let lower = typed.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Choice::None;
    }
    let fits: Vec<(usize, &Scenario)> = library
        .menu_order()
        .into_iter()
        .enumerate()
        .map(|(i, s)| (i + 1, s))
        .filter(|(_, s)| {
            let text = format!("{} {}", s.id, s.title).to_lowercase();
            words.iter().all(|w| text.contains(w))
        })
        .collect();
    let as_id = words.join("-");
    let by_prefix: Vec<&(usize, &Scenario)> = fits.iter().filter(|(_, s)| s.id.starts_with(&as_id)).collect();
    match (fits.as_slice(), by_prefix.as_slice()) {
        ([], _) => Choice::None,
        ([(_, only)], _) => Choice::One(only),
        (_, [(_, only)]) => Choice::One(only),
        _ => Choice::Several(fits),
    }
}

/// The candidates when what was typed fits several scenarios.
pub fn several(typed: &str, candidates: &[(usize, &Scenario)], style: Style) -> String {
    let mut out = format!(
        "`{}` fits {} scenarios; type more of a title, or a number or id:\n",
        typed.trim(),
        candidates.len()
    );
    for (number, s) in candidates {
        let _ = writeln!(
            out,
            "  {number:>2}. {}  {}",
            style.accent(&s.title),
            style.dim(&format!("[{}]", s.id))
        );
    }
    out
}
