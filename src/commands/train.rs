//! `rehearse train SKILL FILE…`: learn a phrase model from labelled replies.
//!
//! The output is deterministic (fixed seed, sorted phrases), so retraining on the
//! same files gives the same model and a change to the corpus shows up as a
//! reviewable diff of `scripts/models/*.tsv`.

use crate::commands::corpus_file::read_corpus;
use crate::content::display_path;
use crate::load::Context;
use crate::outcome::{Failure, Outcome};
use crate::score::eval::parse_corpus;
use crate::score::phrase_model::class_members;
use crate::score::phrase_training::{train_weighted, TrainingSettings};
use std::path::{Path, PathBuf};

/// A reply reduced to its words, so "Whatever." and "whatever" count as the same reply.
fn comparable(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads `--weight FILE=WEIGHT` options: each names one of the training files and a
/// weight in (0, 1]. A weight of 1 changes nothing, so a file trained at weight 1
/// gives the same model as a file not named at all.
fn file_weights(options: &[String], files: &[PathBuf]) -> Result<Vec<f64>, Failure> {
    let mut weights = vec![1.0; files.len()];
    for option in options {
        let Some((path, number)) = option.rsplit_once('=') else {
            return Err(Failure::new(format!(
                "--weight {option}: give a training file and its weight, e.g. --weight hints.jsonl=0.2"
            )));
        };
        let weight: f64 = number
            .trim()
            .parse()
            .map_err(|_| Failure::new(format!("--weight {option}: `{number}` is not a number; give e.g. 0.2")))?;
        if !(weight > 0.0 && weight <= 1.0) {
            return Err(Failure::new(format!(
                "--weight {option}: a weight is above 0 and at most 1 (leave a file out instead of weighing it 0)"
            )));
        }
        let named = Path::new(path);
        let mut found = false;
        for (i, file) in files.iter().enumerate() {
            if file == named {
                weights[i] = weight;
                found = true;
            }
        }
        if !found {
            return Err(Failure::new(format!(
                "--weight {option}: {path} is not one of the files to train on; list it among them too"
            )));
        }
    }
    Ok(weights)
}

pub fn run(
    cli: &dyn Context,
    skill: &str,
    files: &[PathBuf],
    exclude: &[PathBuf],
    weight_options: &[String],
    class_options: &[String],
    output: Option<&Path>,
) -> Outcome {
    let mut settings = TrainingSettings::default();
    for option in class_options {
        let Some((token, list)) = option.split_once('=') else {
            return Err(Failure::new(format!(
                "--class {option}: give a token and a word list, e.g. --class '<neg>=negative'"
            )));
        };
        if !(token.starts_with('<') && token.ends_with('>') && token.len() > 2) || list.is_empty() {
            return Err(Failure::new(format!(
                "--class {option}: the token is a word in angle brackets and the list a file name in scripts/lexicons/ without .txt, e.g. --class '<neg>=negative'"
            )));
        }
        settings.classes.push(crate::score::phrase_model::WordClass {
            token: token.to_string(),
            lexicons: vec![list.to_string()],
        });
    }
    let weights = file_weights(weight_options, files)?;
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
    for (file, &weight) in files.iter().zip(&weights) {
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
            examples.push((ex.text, label, weight));
        }
        let added = &examples[before..];
        if added.is_empty() {
            return Err(Failure::new(format!(
                "{} has no replies labelled `{skill}` (each line needs \"{skill}\": true or false)",
                file.display()
            )));
        }
        let present = added.iter().filter(|(_, label, _)| *label).count();
        let weighed = if weight < 1.0 {
            format!(", each at weight {weight}")
        } else {
            String::new()
        };
        header.push(format!(
            "  {} ({} replies, {present} labelled true{weighed})",
            display_path(file),
            added.len()
        ));
    }
    let present = examples.iter().filter(|(_, label, _)| *label).count();
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

    let model = train_weighted(&examples, &settings, &members);
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
