//! `rehearse list`: the library at a glance.

use crate::load;
use crate::load::Context;
use crate::outcome::{self, Outcome};
use crate::scenario::Category;
use serde_json::json;
use std::io::Write;

pub fn run(cli: &dyn Context, as_json: bool) -> Outcome {
    // Written with `?`, not `println!`: a closed pipe ends the command quietly.
    let mut out = std::io::stdout().lock();
    let library = load::library_unscored(cli)?;
    if as_json {
        let items: Vec<_> = library
            .menu_order()
            .into_iter()
            .map(|s| {
                json!({
                    "id": s.id, "title": s.title, "category": s.category.as_str(),
                    "difficulty": s.difficulty, "summary": s.summary,
                    "persona": { "name": s.persona.name, "relation": s.persona.relation },
                    "content_notes": s.content_notes,
                })
            })
            .collect();
        let broken: Vec<_> = library
            .broken
            .iter()
            .map(|b| json!({ "path": b.path, "id": b.id, "problems": b.problems.iter().map(|p| p.brief()).collect::<Vec<_>>() }))
            .collect();
        return write_json(&mut out, "scenarios", items, broken);
    }
    for category in Category::ALL {
        let scenarios: Vec<_> = library.in_category(category).collect();
        if scenarios.is_empty() {
            continue;
        }
        writeln!(out, "{}", category.heading())?;
        for s in scenarios {
            writeln!(
                out,
                "  {:<24} {} {:<40} {}",
                s.id,
                crate::render::difficulty_dots(s.difficulty),
                s.title,
                s.summary
            )?;
        }
        writeln!(out)?;
    }
    for broken in &library.broken {
        writeln!(out, "  broken: {} — run `rehearse check {}`", broken.path, broken.path)?;
    }
    Ok(())
}

/// `rehearse list --sets`: the exercise sets, with how many scenarios each plays.
pub fn run_sets(cli: &dyn Context, as_json: bool) -> Outcome {
    let mut out = std::io::stdout().lock();
    let library = load::library_unscored(cli)?;
    let sets = load::sets(cli, &library)?;
    if as_json {
        let items: Vec<_> = sets
            .sets
            .iter()
            .map(|s| {
                json!({
                    "name": s.name, "title": s.title, "summary": s.summary,
                    "scenarios": s.steps.iter().map(|step| step.id.as_str()).collect::<Vec<_>>(),
                    "for_facilitators": s.for_facilitators, "path": s.source,
                })
            })
            .collect();
        let broken: Vec<_> = sets
            .broken
            .iter()
            .map(|b| json!({ "path": b.path, "name": b.name, "problems": b.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>() }))
            .collect();
        return write_json(&mut out, "sets", items, broken);
    }
    if sets.sets.is_empty() && sets.broken.is_empty() {
        writeln!(
            out,
            "No exercise sets in {}. docs/authoring.md shows how to write one.",
            sets.origin
        )?;
        return Ok(());
    }
    writeln!(out, "Exercise sets — `rehearse play --set NAME` plays one in order")?;
    for set in &sets.sets {
        let count = match set.steps.len() {
            1 => "1 scenario ".to_string(),
            n => format!("{n} scenarios"),
        };
        writeln!(out, "  {:<24} {count:>12}  {:<40} {}", set.name, set.title, set.summary)?;
    }
    for broken in &sets.broken {
        writeln!(out, "  broken: {} — run `rehearse check {}`", broken.path, broken.path)?;
    }
    Ok(())
}

/// The `--json` listing: an array of `items`, or, when some files are broken,
/// `{ "<key>": items, "broken": [...] }` so a script notices them.
fn write_json(
    out: &mut impl Write,
    key: &str,
    items: Vec<serde_json::Value>,
    broken: Vec<serde_json::Value>,
) -> Outcome {
    let value = if broken.is_empty() {
        json!(items)
    } else {
        json!({ key: items, "broken": broken })
    };
    writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&value).map_err(|e| outcome::Failure::new(e.to_string()))?
    )?;
    Ok(())
}
