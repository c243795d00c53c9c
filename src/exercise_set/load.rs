//! Turning one exercise-set file into a checked [`ExerciseSet`], or into every
//! problem found, each at its file:line:column with what to do about it.
//!
//! The file goes through the same first steps as a scenario (`yaml_file`), so a
//! tab, a duplicate key or a stray quote reads the same way in both.

use super::{ExerciseSet, Step};
use crate::content::SourceFile;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::safe_text::visible;
use crate::scenario::yaml_file::{read_values, yaml_error, YamlText};
use serde::Deserialize;

/// The YAML shape of a set file, exactly as a facilitator writes it. Unknown keys
/// are refused, so a typo like `sumary:` is reported instead of ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExerciseSet {
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    for_facilitators: Option<String>,
    scenarios: Vec<RawStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: String,
    #[serde(default)]
    notes: Option<String>,
}

/// The set's name, the one typed after `--set`: its file name without `.yaml`.
pub fn set_name(display_path: &str) -> String {
    std::path::Path::new(display_path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Loads one set file; `known` are the ids of the scenario library it is played
/// with (broken scenarios included: their own problems are reported on their own).
pub fn load_set(file: &SourceFile, known: &[&str]) -> Result<ExerciseSet, Vec<Diagnostic>> {
    let path = &file.display_path;
    let YamlText { text, index, problems } = YamlText::open(
        file,
        "start from one of the sets in sets/ or from the example in docs/authoring.md",
    )?;
    let mut problems = problems;
    // Read from the events `YamlText::open` already parsed: the file is parsed once.
    let raw: RawExerciseSet = match read_values(text, &index) {
        Ok(raw) => raw,
        Err(err) => {
            problems.push(yaml_error(path, text, &err));
            return Err(problems.into_iter().map(|d| d.with_source(text)).collect());
        }
    };
    let at = |yaml_path: &str, message: String, hint: String| {
        let pos = index.nearest(yaml_path);
        Diagnostic::new(path, pos.line, pos.column, message).with_hint(hint)
    };
    if raw.title.trim().is_empty() {
        problems.push(at(
            "title",
            "the set's title is empty".into(),
            "write a short title after `title:`; it is what `rehearse list --sets` shows".into(),
        ));
    }
    if raw.scenarios.is_empty() {
        problems.push(at(
            "scenarios",
            "the set lists no scenarios".into(),
            "add at least one step under `scenarios:`, e.g. `- id: dishes-again` (`rehearse list` shows the ids)"
                .into(),
        ));
    }
    let mut steps: Vec<Step> = Vec::new();
    for (i, raw_step) in raw.scenarios.into_iter().enumerate() {
        let id = raw_step.id.trim().to_string();
        let id_path = format!("scenarios.{i}.id");
        if let Some(problem) = step_problem(&id, &steps, known) {
            problems.push(at(&id_path, problem.0, problem.1));
            continue;
        }
        steps.push(Step {
            id,
            notes: raw_step.notes.map(|n| visible(n.trim())).filter(|n| !n.is_empty()),
            line: index.nearest(&id_path).line,
        });
    }
    if !problems.is_empty() {
        problems.sort_by_key(|d| (d.line, d.column));
        // Each problem shows its line of the file under the message, as for scenarios.
        return Err(problems.into_iter().map(|d| d.with_source(text)).collect());
    }
    Ok(ExerciseSet {
        name: set_name(path),
        title: visible(raw.title.trim()),
        summary: visible(raw.summary.trim()),
        for_facilitators: raw
            .for_facilitators
            .map(|n| visible(n.trim()))
            .filter(|n| !n.is_empty()),
        steps,
        source: path.clone(),
    })
}

/// What is wrong with a step's scenario id, if anything: the message and the hint.
fn step_problem(id: &str, earlier: &[Step], known: &[&str]) -> Option<(String, String)> {
    if id.is_empty() {
        return Some((
            "this step names no scenario".into(),
            "write the scenario's id after `id:` (`rehearse list` shows the ids)".into(),
        ));
    }
    if let Some(n) = earlier.iter().position(|s| s.id == id) {
        return Some((
            format!("`{}` is already step {} of this set", visible(id), n + 1),
            "each scenario comes once in a set; remove this step or name another scenario".into(),
        ));
    }
    if known.contains(&id) {
        return None;
    }
    let hint = match did_you_mean(id, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "`rehearse list` shows the ids of the scenarios there are".into(),
    };
    Some((format!("there is no scenario `{}`", visible(id)), hint))
}
