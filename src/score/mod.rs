//! Scoring replies: how much a reply blames, whether it is an I-statement, an
//! apology, a validation, a boundary… Scores drive the branching and the feedback.

mod ast_literals;
pub mod cpu_clock;
pub mod declared_rules;
pub mod eval;
mod extension_cache;
mod host;
pub mod lexicons;
pub mod literal_cache;
mod literal_scan;
pub mod memo;
pub mod patterns;
pub mod phrase_model;
pub mod phrase_training;
pub mod report;
pub mod rhai_scorer;
pub mod sandbox;
pub mod text;

pub use report::{Match, Parts, ScoreReport, APOLOGY_STARTED, I_STATEMENT_STARTED, PRESENT};
pub use rhai_scorer::RhaiScorer;

use crate::content::{read_files, ContentKind, ContentRoot};
use crate::diagnostic::Diagnostic;

/// Anything that can score a reply. The dialogue engine depends on this, not on
/// rhai, so tests can drive it with a fixed scorer.
pub trait Scorer {
    /// The score names this scorer produces, in order; each is a variable in conditions.
    fn names(&self) -> &[String];
    /// Whether `name` is a scenario's cue (`cues:`): a score its conditions read
    /// that the person is not shown as a skill.
    fn is_cue(&self, _name: &str) -> bool {
        false
    }
    /// Scores one reply. Never fails: a broken script is reported in `errors`.
    fn score(&self, text: &str) -> ScoreReport;
}

/// Loads and compiles the scorer scripts from `root`.
pub fn load_scorer(root: &ContentRoot) -> Result<RhaiScorer, Vec<Diagnostic>> {
    let files = read_files(ContentKind::Scripts, root, &["rhai", "txt", "tsv"])
        .map_err(|e| vec![Diagnostic::whole_file(root.describe(), e.to_string())])?;
    RhaiScorer::from_files(&files)
}

/// Only the word lists of the scripts folder `root` (what `rehearse train` needs
/// for the phrase model's word classes): no script is compiled and no model read,
/// so a model that no longer fits its lists can still be retrained.
pub fn load_word_lists(root: &ContentRoot) -> Result<lexicons::Lexicons, Vec<Diagnostic>> {
    let files = read_files(ContentKind::Scripts, root, &["txt"])
        .map_err(|e| vec![Diagnostic::whole_file(root.describe(), e.to_string())])?;
    match rhai_scorer::word_lists(&files) {
        (lists, problems) if problems.is_empty() => Ok(lists),
        (_, problems) => Err(problems),
    }
}
