//! `rehearse eval FILE`: precision, recall and F1 of each scorer on labelled replies.

use crate::app::{self, Failure, Outcome};
use crate::cli::Cli;
use crate::score::eval::{evaluate, evaluate_by, parse_corpus};
use crate::score::Scorer;
use std::io::Write as _;
use std::path::Path;

pub fn run(cli: &Cli, file: &Path, show_errors: bool, as_json: bool, by: Option<&str>) -> Outcome {
    // Written with `?`, not `println!`: a closed pipe ends the command quietly.
    let mut out = std::io::stdout().lock();
    let scorer = app::scorer(cli)?;
    let text = read_corpus(file)?;
    let examples = parse_corpus(&text, scorer.names()).map_err(|e| Failure::new(format!("{}: {e}", file.display())))?;
    if examples.is_empty() {
        return Err(Failure::new(format!("{} has no labelled replies", file.display())));
    }
    if let Some(field) = by {
        let groups = evaluate_by(&scorer, &examples, field);
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
    let result = evaluate(&scorer, &examples);
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

/// A labelled corpus is at most this big: the largest in the repository is a few
/// megabytes, and a wrong path such as `/dev/zero` must stop at once.
pub const MAX_CORPUS_BYTES: u64 = 64 * 1024 * 1024;

/// The corpus at `file` as text, refusing what is not a regular file or too big.
fn read_corpus(file: &Path) -> Result<String, Failure> {
    use std::io::Read as _;
    let name = file.display();
    let meta = std::fs::metadata(file).map_err(|e| Failure::new(format!("cannot read {name}: {e}")))?;
    if !meta.is_file() {
        return Err(Failure::new(format!(
            "{name} is not a regular file; give a JSON Lines file of labelled replies"
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_CORPUS_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Failure::new(format!("cannot read {name}: {e}")))?;
    if bytes.len() as u64 > MAX_CORPUS_BYTES {
        return Err(Failure::new(format!(
            "{name} is over {} MB; split it into smaller files",
            MAX_CORPUS_BYTES / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|e| Failure::new(format!("{name} is not UTF-8 text: {e}")))
}
