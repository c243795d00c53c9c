//! `rehearse report PATH…`: a group's conversations as one anonymous report,
//! in Markdown or as a self-contained web page. A group smaller than
//! `--min-group` gets no report at all, so no one in it can be singled out.

use crate::load;
use crate::load::Context;
use crate::outcome::{self, Failure, Outcome};
use crate::workshop::analysis;
use crate::workshop::markdown::Options;
use crate::workshop::sources;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The report's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown, for reading and printing.
    #[value(alias = "markdown")]
    Md,
    /// One self-contained web page with charts, for projecting and printing.
    Html,
}

/// The smallest group a report is written for unless told otherwise.
pub const DEFAULT_MIN_GROUP: usize = 5;

/// What `rehearse report` was asked for.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub paths: &'a [PathBuf],
    /// `None`: from `--output`'s extension, else Markdown.
    pub format: Option<ReportFormat>,
    pub output: Option<&'a Path>,
    pub min_group: usize,
    pub names: bool,
    /// An exercise set to report on, by name.
    pub set: Option<&'a str>,
    pub force: bool,
}

pub fn run(cli: &dyn Context, request: &Request) -> Outcome {
    let gathered = sources::gather(request.paths).map_err(|problems| {
        Failure::new(format!(
            "no report was written; these could not be read:\n{}",
            problems.join("\n")
        ))
    })?;
    for warning in &gathered.warnings {
        outcome::warn(format!("warning: {warning}"));
    }
    let mut groups = analysis::group(&gathered.conversations);
    let mut title = "Workshop report".to_string();
    if let Some(name) = request.set {
        let (set_title, order) = set_order(cli, name)?;
        let left_out = analysis::keep_in_order(&mut groups, &order);
        if !left_out.is_empty() {
            outcome::warn(format!(
                "warning: left out of the report, as they are not in the set `{name}`: {}",
                left_out.join(", ")
            ));
        }
        if groups.is_empty() {
            return Err(Failure::new(format!(
                "none of the conversations given are of a scenario in the set `{name}` ({}); no report was written",
                order.join(", ")
            )));
        }
        title = format!("Workshop report: {set_title}");
    }
    if let Some(message) = analysis::too_small(&groups, request.min_group) {
        return Err(Failure::new(message));
    }
    let format =
        request.format.unwrap_or_else(
            || match request.output.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
                Some(ext) if ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm") => ReportFormat::Html,
                _ => ReportFormat::Md,
            },
        );
    let options = Options { names: request.names };
    let text = match format {
        ReportFormat::Md => crate::workshop::markdown::render(&groups, options, &title),
        ReportFormat::Html => crate::workshop::html::render(&groups, options, &title),
    };
    match request.output.filter(|p| *p != Path::new("-")) {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            if path.exists() && !request.force {
                return Err(Failure::new(format!(
                    "{} already exists; pass --force to replace it, or choose another -o",
                    path.display()
                )));
            }
            crate::journal::atomic::write_private(path, text.as_bytes()).map_err(|e| {
                Failure::new(format!(
                    "could not write the report to {}: {e}; check that the folder exists and is writable",
                    path.display()
                ))
            })?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", path.display())?;
        }
    }
    Ok(())
}

/// The title of the exercise set `name` and its scenario ids in order, from the
/// sets that go with the scenario library in use.
fn set_order(cli: &dyn Context, name: &str) -> Result<(String, Vec<String>), Failure> {
    let scorer = load::scorer(cli)?;
    let library = load::library(cli, &scorer)?;
    let sets = load::sets(cli, &library)?;
    let set = sets.find(name).map_err(Failure::new)?;
    Ok((set.title.clone(), set.steps.iter().map(|s| s.id.clone()).collect()))
}
