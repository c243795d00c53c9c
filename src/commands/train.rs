//! `rehearse train SKILL FILE…`: learn a phrase model from labelled replies.
//!
//! The output is deterministic (fixed seed, sorted phrases), so retraining on the
//! same files gives the same model and a change to the corpus shows up as a
//! reviewable diff of `scripts/models/*.tsv`.

use crate::cli::Cli;
use crate::commands::corpus_file::read_corpus;
use crate::content::display_path;
use crate::outcome::{Failure, Outcome};
use crate::score::eval::parse_corpus;
use crate::score::phrase_model::class_members;
use crate::score::phrase_training::{train, TrainingSettings};
use std::path::{Path, PathBuf};

/// A reply reduced to its words, so "Whatever." and "whatever" count as the same reply.
fn comparable(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn run(cli: &Cli, skill: &str, files: &[PathBuf], exclude: &[PathBuf], output: Option<&Path>) -> Outcome {
    let settings = TrainingSettings::default();
    // The word classes are made of the word lists in the scripts folder (--scripts),
    // the same lists the model will be read with.
    let lists = crate::load::word_lists(cli)?;
    let members = class_members(&settings.classes, |name| lists.get(name)).map_err(Failure::new)?;
    let mut held_out = std::collections::HashSet::new();
    for file in exclude {
        let replies =
            parse_corpus(&read_corpus(file)?, &[]).map_err(|e| Failure::new(format!("{}: {e}", file.display())))?;
        held_out.extend(replies.iter().map(|ex| comparable(&ex.text)));
    }
    let mut dropped = 0;
    let mut examples = Vec::new();
    let mut header = vec![
        format!("Phrase model for `{skill}`: weight<TAB>phrase, learned by `rehearse train {skill}`."),
        "Do not edit by hand: add labelled replies to the corpus and retrain (docs/scoring.md).".to_string(),
        "Trained on:".to_string(),
    ];
    for file in files {
        let text = read_corpus(file)?;
        let parsed =
            parse_corpus(&text, &[skill.to_string()]).map_err(|e| Failure::new(format!("{}: {e}", file.display())))?;
        let before = examples.len();
        for ex in parsed {
            let Some(&label) = ex.labels.get(skill) else { continue };
            if held_out.contains(&comparable(&ex.text)) {
                dropped += 1;
                continue;
            }
            examples.push((ex.text, label));
        }
        let added = &examples[before..];
        if added.is_empty() {
            return Err(Failure::new(format!(
                "{} has no replies labelled `{skill}` (each line needs \"{skill}\": true or false)",
                file.display()
            )));
        }
        let present = added.iter().filter(|(_, label)| *label).count();
        header.push(format!(
            "  {} ({} replies, {present} labelled true)",
            display_path(file),
            added.len()
        ));
    }
    let present = examples.iter().filter(|(_, label)| *label).count();
    if present == 0 || present == examples.len() {
        let which = if present == 0 { "no" } else { "every" };
        return Err(Failure::new(format!(
            "{which} reply is labelled \"{skill}\": true; a model needs examples of both"
        )));
    }
    if !exclude.is_empty() {
        let names: Vec<String> = exclude.iter().map(|f| display_path(f)).collect();
        header.push(format!(
            "Left out {dropped} replies that also appear in: {}",
            names.join(" ")
        ));
    }
    header.push(settings.describe());

    let model = train(&examples, &settings, &members);
    let file = model.to_file(&header);
    match output {
        None => print!("{file}"),
        Some(path) => {
            write_replacing(path, file.as_bytes())
                .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
            eprintln!(
                "wrote {} ({} phrases, from {} replies)",
                display_path(path),
                model.weights.len(),
                examples.len()
            );
        }
    }
    Ok(())
}

/// Writes through a private temporary file and a rename, so a model file is
/// never half written and never readable by others whatever the umask (0600);
/// the temporary file is removed if anything fails. A folder is refused before
/// anything is written: renaming a file over it cannot work.
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a folder; give the path of the model file to write, e.g. -o scripts/models/blame.tsv",
        ));
    }
    crate::journal::atomic::write_private(path, bytes)
}
