//! `rehearse eval FILE`: precision, recall and F1 of each scorer on labelled replies.

use crate::app::{self, Failure, Outcome};
use crate::cli::Cli;
use crate::score::eval::{evaluate, evaluate_by, parse_corpus};
use crate::score::Scorer;
use std::path::Path;

pub fn run(cli: &Cli, file: &Path, show_errors: bool, as_json: bool, by: Option<&str>) -> Outcome {
    let scorer = app::scorer(cli)?;
    let text =
        std::fs::read_to_string(file).map_err(|e| Failure::new(format!("cannot read {}: {e}", file.display())))?;
    let examples = parse_corpus(&text, scorer.names()).map_err(|e| Failure::new(format!("{}: {e}", file.display())))?;
    if examples.is_empty() {
        return Err(Failure::new(format!("{} has no labelled replies", file.display())));
    }
    if let Some(field) = by {
        let groups = evaluate_by(&scorer, &examples, field);
        if as_json {
            println!(
                "{}",
                serde_json::to_string_pretty(&groups).map_err(|e| Failure::new(e.to_string()))?
            );
            return Ok(());
        }
        for (group, result) in &groups {
            println!("== {field}: {group}");
            print!("{}", result.table());
            println!();
        }
        return Ok(());
    }
    let result = evaluate(&scorer, &examples);
    if as_json {
        println!(
            "{}",
            serde_json::to_string_pretty(&result).map_err(|e| Failure::new(e.to_string()))?
        );
        return Ok(());
    }
    print!("{}", result.table());
    if show_errors {
        println!();
        for miss in &result.misses {
            println!(
                "{}:{}: {} expected {}, scored {:.2}: {}",
                file.display(),
                miss.line,
                miss.skill,
                if miss.expected { "present" } else { "absent" },
                miss.score,
                miss.text
            );
        }
    }
    Ok(())
}
