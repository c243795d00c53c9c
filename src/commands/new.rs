//! `rehearse new ID --family F`: writes a commented template scenario that
//! already passes `check` and `test`, for an author to turn into their own.

use crate::content::display_path;
use crate::load;
use crate::load::Context;
use crate::outcome::{self, Failure, Outcome};
use crate::scenario::scaffold::{is_valid_new_id, scaffold_with_schema};
use crate::scenario::schema::{schema_text, SCHEMA_FILE};
use crate::scenario::{Category, Library};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The families `--family` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Family {
    /// Raising a complaint without attacking.
    Conflict,
    /// Saying no, asking for space.
    Boundary,
    /// Apologising and reconnecting after a fight.
    Repair,
}

impl Family {
    fn category(self) -> Category {
        match self {
            Family::Conflict => Category::Conflict,
            Family::Boundary => Category::Boundary,
            Family::Repair => Category::Repair,
        }
    }
}

/// A valid id made from what was typed, for the hint: `Late Again` → `late-again`.
fn id_like(typed: &str) -> Option<String> {
    let mut id = String::new();
    for c in typed.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-').to_string();
    is_valid_new_id(&id).then_some(id)
}

fn check_id(id: &str) -> Result<(), Failure> {
    if is_valid_new_id(id) {
        return Ok(());
    }
    let example = match id_like(id) {
        Some(close) => format!("e.g. `{close}`"),
        None => "e.g. `late-again`".to_string(),
    };
    Err(Failure::new(format!(
        "`{id}` cannot be a scenario id: use lowercase letters, digits and single hyphens, starting with a letter and at most 60 long ({example})"
    )))
}

/// Where the file goes, and the library folder it joins (for the next steps).
fn destination(
    cli: &dyn Context,
    id: &str,
    family: Family,
    output: Option<&Path>,
) -> Result<(PathBuf, Option<PathBuf>), Failure> {
    let file_name = format!("{id}.yaml");
    if let Some(output) = output {
        if output.is_dir() {
            return Ok((output.join(file_name), None));
        }
        let is_yaml = output
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| crate::scenario::library::SCENARIO_EXTENSIONS.contains(&e));
        if !is_yaml {
            return Err(Failure::new(format!(
                "{} is not a folder and does not end in .yaml; give a folder to put {file_name} in, or a file name ending in .yaml",
                display_path(output)
            )));
        }
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(parent) = parent {
            if !parent.is_dir() {
                return Err(Failure::new(format!(
                    "the folder {} does not exist; create it first, or give another --output",
                    display_path(parent)
                )));
            }
        }
        return Ok((output.to_path_buf(), None));
    }
    let Some(library) = cli.scenarios() else {
        return Err(Failure::new(format!(
            "nowhere to write `{id}`: the scenario library in use is the one that comes with rehearse, and `new` does not write into it.\n\
             Pass `--scenarios DIR` to add it to your own scenario folder (as DIR/{}/{file_name}), or `--output PATH` to write the file anywhere.",
            family.category().as_str()
        )));
    };
    if !library.is_dir() {
        return Err(Failure::new(format!(
            "the scenario folder {} does not exist; create it first (`mkdir -p {}`), or give another --scenarios DIR",
            display_path(library),
            display_path(library)
        )));
    }
    let folder = library.join(family.category().as_str());
    Ok((folder.join(file_name), Some(library.to_path_buf())))
}

/// Where the schema for editors goes for a scenario written to `scenario`, and
/// the path its first line gives (relative to the scenario): at the top of the
/// library when the file is in a family folder (`conflict/`…), so one schema
/// serves every scenario there; else beside the file.
fn schema_place(scenario: &Path) -> (PathBuf, String) {
    let folder = scenario
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let in_family = folder
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| Category::ALL.iter().any(|c| c.as_str() == n));
    match folder.parent().filter(|_| in_family) {
        Some(library) => {
            let library = if library.as_os_str().is_empty() {
                Path::new(".")
            } else {
                library
            };
            (library.join(SCHEMA_FILE), format!("../{SCHEMA_FILE}"))
        }
        None => (folder.join(SCHEMA_FILE), SCHEMA_FILE.to_string()),
    }
}

/// Writes the schema to `file` unless the same text is there already; a file
/// of that name that is not rehearse's schema is left alone. True if written.
fn write_schema(file: &Path) -> std::io::Result<bool> {
    let text = schema_text();
    match std::fs::read_to_string(file) {
        Ok(existing) if existing == text => return Ok(false),
        Ok(existing) if !existing.contains("\"title\": \"rehearse scenario\"") => return Ok(false),
        _ => {}
    }
    std::fs::write(file, text)?;
    Ok(true)
}

pub fn run(cli: &dyn Context, id: &str, family: Family, output: Option<&Path>) -> Outcome {
    check_id(id)?;
    let (path, library_folder) = destination(cli, id, family, output)?;
    let shown = display_path(&path);
    if path.exists() {
        return Err(Failure::new(format!(
            "{shown} already exists, and `rehearse new` never overwrites a file; pick another id, or another --output"
        )));
    }
    // A second scenario with the same id would make the whole library fail `check`.
    if let Some(folder) = &library_folder {
        let scorer = load::scorer(cli)?;
        let library = Library::load(&crate::content::ContentRoot::Folder(folder.clone()), &scorer)?;
        let taken = library
            .scenarios
            .iter()
            .map(|s| (s.id.as_str(), s.source.as_str()))
            .chain(
                library
                    .broken
                    .iter()
                    .filter_map(|b| Some((b.id.as_deref()?, b.path.as_str()))),
            )
            .find(|(other, _)| *other == id);
        if let Some((_, source)) = taken {
            return Err(Failure::new(format!(
                "the id `{id}` is already used by {source}; pick another id"
            )));
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Failure::new(format!("cannot create the folder {}: {e}", display_path(parent))))?;
        }
    }
    let (schema_file, schema_ref) = schema_place(&path);
    let text = scaffold_with_schema(id, family.category(), &schema_ref);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Failure::new(format!(
                "{shown} already exists, and `rehearse new` never overwrites a file; pick another id, or another --output"
            )),
            _ => Failure::new(format!("cannot write {shown}: {e}")),
        })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Failure::new(format!("cannot write {shown}: {e}")))?;

    let schema_written = write_schema(&schema_file);

    let play_folder = library_folder
        .or_else(|| {
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(Path::to_path_buf)
        })
        .unwrap_or_else(|| PathBuf::from("."));
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Wrote {shown}: a template for a new {} scenario. It already passes check and test.",
        family.category().as_str()
    )?;
    match schema_written {
        Ok(true) => writeln!(
            out,
            "Wrote {} too: the scenario format, which gives your editor completion and hover help (docs/authoring.md).",
            display_path(&schema_file)
        )?,
        Ok(false) => {}
        Err(e) => outcome::warn(format!(
            "could not write {} ({e}); editor help needs it: `rehearse schema > {}` writes it",
            display_path(&schema_file),
            display_path(&schema_file)
        )),
    }
    writeln!(out, "Next:")?;
    writeln!(
        out,
        "  1. Open it and replace everything in [square brackets]; the notes in it say how."
    )?;
    writeln!(out, "  2. rehearse check {shown}")?;
    writeln!(out, "  3. rehearse test {shown}")?;
    writeln!(
        out,
        "  4. rehearse --scenarios {} play {id}",
        display_path(&play_folder)
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_goes_to_the_top_of_a_library_or_beside_the_file() {
        let (file, line) = schema_place(Path::new("lib/conflict/late.yaml"));
        assert_eq!(
            (file, line.as_str()),
            (PathBuf::from("lib/scenario.schema.json"), "../scenario.schema.json")
        );
        let (file, line) = schema_place(Path::new("conflict/late.yaml"));
        assert_eq!(
            (file, line.as_str()),
            (PathBuf::from("./scenario.schema.json"), "../scenario.schema.json")
        );
        let (file, line) = schema_place(Path::new("drafts/late.yaml"));
        assert_eq!(
            (file, line.as_str()),
            (PathBuf::from("drafts/scenario.schema.json"), "scenario.schema.json")
        );
        let (file, line) = schema_place(Path::new("late.yaml"));
        assert_eq!(
            (file, line.as_str()),
            (PathBuf::from("./scenario.schema.json"), "scenario.schema.json")
        );
    }

    #[test]
    fn typed_names_suggest_an_id() {
        assert_eq!(id_like("Late Again").as_deref(), Some("late-again"));
        assert_eq!(id_like("my_first__one!").as_deref(), Some("my-first-one"));
        assert_eq!(id_like("2nd try"), None);
        assert_eq!(id_like("!!!"), None);
    }
}
