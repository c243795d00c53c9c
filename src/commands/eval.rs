//! `rehearse eval FILE`: precision, recall and F1 of each scorer on labelled replies.

use crate::load;
use crate::load::Context;
use crate::outcome::{Failure, Outcome};
use crate::score::eval::{evaluate_by, evaluate_on, parse_corpus};
use crate::score::Scorer;
use std::io::Write as _;
use std::path::Path;

pub fn run(
    cli: &dyn Context,
    file: &Path,
    show_errors: bool,
    as_json: bool,
    by: Option<&str>,
    jobs: Option<usize>,
) -> Outcome {
    let jobs = jobs.unwrap_or_else(crate::parallel::default_jobs);
    // Written with `?`, not `println!`: a closed pipe ends the command quietly.
    let mut out = std::io::stdout().lock();
    let scorer = load::scorer(cli)?;
    let text = crate::commands::corpus_file::read_corpus(file)?;
    let examples = parse_corpus(&text, scorer.names()).map_err(|e| Failure::new(format!("{}: {e}", file.display())))?;
    if examples.is_empty() {
        return Err(Failure::new(format!("{} has no labelled replies", file.display())));
    }
    if let Some(field) = by {
        let groups = evaluate_by(&scorer, &examples, field, jobs);
        if as_json {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&groups).map_err(|e| Failure::new(e.to_string()))?
            )?;
            return Ok(());
        }
        for (group, result) in &groups {
            writeln!(out, "== {field}: {group}")?;
            write!(out, "{}", result.table())?;
            writeln!(out)?;
        }
        return Ok(());
    }
    let result = evaluate_on(&scorer, &examples, jobs);
    if as_json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&result).map_err(|e| Failure::new(e.to_string()))?
        )?;
        return Ok(());
    }
    write!(out, "{}", result.table())?;
    if show_errors {
        writeln!(out)?;
        for miss in &result.misses {
            writeln!(
                out,
                "{}:{}: {} expected {}, scored {:.2}: {}",
                file.display(),
                miss.line,
                miss.skill,
                if miss.expected { "present" } else { "absent" },
                miss.score,
                miss.text
            )?;
        }
    }
    Ok(())
}
