//! `rehearse list`: the library at a glance.

use crate::app::{self, Outcome};
use crate::cli::Cli;
use crate::scenario::Category;
use serde_json::json;
use std::io::Write as _;

pub fn run(cli: &Cli, as_json: bool) -> Outcome {
    // Written with `?`, not `println!`: a closed pipe ends the command quietly.
    let mut out = std::io::stdout().lock();
    let scorer = app::scorer(cli)?;
    let library = app::library(cli, &scorer)?;
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
        let value = if broken.is_empty() {
            json!(items)
        } else {
            json!({ "scenarios": items, "broken": broken })
        };
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).map_err(|e| app::Failure::new(e.to_string()))?
        )?;
        return Ok(());
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
