//! Turning one YAML file into a checked [`Scenario`], or into every problem found.
//!
//! Syntax and shape errors come from serde_yaml (with its position); meaning errors
//! (unknown `goto`, bad condition, unreachable beat…) are found here and located
//! with the [`PositionIndex`]. Each problem is a [`Diagnostic`] that says what to do.

use super::expr::{CheckScope, Expr, Want, TURN, WORDS};
use super::graph;
use super::model::*;
use super::positions::{Pos, PositionIndex};
use super::raw::RawDebrief;
use super::raw::{Expression, RawScenario, RawTest};
use super::satisfiable::{never_true, range_of};
use super::start_point::StartPoint;
use super::yaml_file::{read_values, yaml_error, YamlText};
use crate::content::SourceFile;
use crate::diagnostic::{did_you_mean, suggest, Diagnostic};
use crate::facts::Facts;
use crate::score::{RhaiScorer, Scorer};
use indexmap::IndexMap;

/// Loads and checks one scenario file against the shared `scorer`. `siblings` are
/// the other files of its library, where the scenario's own scorer scripts are found.
pub fn load_scenario(
    file: &SourceFile,
    scorer: &RhaiScorer,
    siblings: &[SourceFile],
) -> Result<Scenario, Vec<Diagnostic>> {
    load_scenario_with(file, SharedScorer::Loaded(scorer), siblings).map(|(scenario, _)| scenario)
}

/// The shared scorer as checking a scenario sees it.
#[derive(Clone, Copy)]
pub enum SharedScorer<'a> {
    /// Loaded: a scenario's own scripts are compiled and tried with it.
    Loaded(&'a RhaiScorer),
    /// Still loading on another thread: only its score names are known (all a
    /// scenario's conditions need), and a scenario's own scripts are set aside
    /// as [`OwnScripts`], to be added once it has loaded.
    Named(&'a [String]),
}

impl SharedScorer<'_> {
    fn names(&self) -> &[String] {
        match self {
            SharedScorer::Loaded(scorer) => scorer.names(),
            SharedScorer::Named(names) => names,
        }
    }
}

/// A scenario's own scorer scripts (`scorers:` and `cues:`), found beside it
/// but not yet compiled, because the shared scorer they extend was still
/// loading when the scenario was checked ([`SharedScorer::Named`]).
#[derive(Debug, Clone)]
pub struct OwnScripts {
    files: Vec<SourceFile>,
    cues: Vec<String>,
}

impl OwnScripts {
    /// The script files, in the order their scores are added.
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The cue scores these scripts add (their `cues:` files' names, as
    /// [`RhaiScorer::with_cues`] takes them), known before they are compiled.
    pub fn cue_names(&self) -> std::collections::BTreeSet<String> {
        self.cues
            .iter()
            .map(|c| {
                let path = std::path::Path::new(c);
                path.file_stem().and_then(|s| s.to_str()).unwrap_or(c).to_string()
            })
            .collect()
    }

    /// `shared` with these scripts compiled, tried once and added, as loading
    /// the scenario with the shared scorer at hand would have made it; or the
    /// scripts' problems, with file and line.
    pub fn add_to(&self, shared: &RhaiScorer) -> Result<RhaiScorer, Vec<Diagnostic>> {
        shared.extended(&self.files).map(|scorer| scorer.with_cues(&self.cues))
    }
}

/// Loads and checks one scenario file against `shared` (see [`SharedScorer`]);
/// with [`SharedScorer::Named`], the scenario's own scripts come back set aside.
pub fn load_scenario_with(
    file: &SourceFile,
    shared: SharedScorer,
    siblings: &[SourceFile],
) -> Result<(Scenario, Option<OwnScripts>), Vec<Diagnostic>> {
    let path = &file.display_path;
    let YamlText { text, index, problems } = YamlText::open(
        file,
        "start from docs/authoring.md, or copy a scenario from scenarios/ and change it",
    )?;
    // Every problem in this file carries its line of the file, to show under the
    // message; a problem in one of its scripts already carries the script's line.
    let with_source = |found: Vec<Diagnostic>| -> Vec<Diagnostic> {
        found
            .into_iter()
            .map(|d| if d.path == *path { d.with_source(text) } else { d })
            .collect()
    };
    match load_text(path, text, &index, problems, shared, siblings) {
        Ok((mut scenario, own)) => {
            scenario.warnings = with_source(std::mem::take(&mut scenario.warnings));
            Ok((scenario, own))
        }
        Err(problems) => Err(with_source(problems)),
    }
}

/// Loads and checks the text of one scenario file (a byte-order mark removed),
/// given its position index and the problems its first reading found.
fn load_text(
    path: &str,
    text: &str,
    index: &PositionIndex,
    problems: Vec<Diagnostic>,
    shared: SharedScorer,
    siblings: &[SourceFile],
) -> Result<(Scenario, Option<OwnScripts>), Vec<Diagnostic>> {
    let mut problems = problems;
    let raw: RawScenario = match read_values(text, index) {
        Ok(raw) => raw,
        Err(err) => {
            problems.push(yaml_error(path, text, &err));
            return Err(problems);
        }
    };
    let mut checker = Checker {
        path,
        index,
        problems,
        warnings: Vec::new(),
        scopes: CheckScope::default(),
    };
    if !checker.within_limits(&raw) {
        return Err(checker.problems);
    }
    let (names, own_scorer, set_aside) = match checker.own_scorer(&raw.scorers, &raw.cues, shared, siblings) {
        Own::None => (shared.names().to_vec(), None, None),
        Own::Broken(names) => (names, None, None),
        Own::Loaded(scorer) => (scorer.names().to_vec(), Some(*scorer), None),
        Own::SetAside(scripts, names) => (names, None, Some(scripts)),
    };
    let mut scenario = checker.check(raw, &names);
    scenario.own_scorer = own_scorer.map(std::sync::Arc::new);
    if checker.problems.is_empty() {
        Ok((scenario, set_aside))
    } else {
        // In file order, as an author reads and fixes them.
        let mut problems = checker.problems;
        problems.sort_by_key(|d| (d.line, d.column));
        Err(problems)
    }
}

/// The folder of scripts every family of a library can name in `scorers:` or
/// `cues:`: `shared/` beside the scenario's own folder (`scenarios/conflict/` →
/// `scenarios/shared/`), so one copy of a cue serves conflict, boundary and
/// repair scenarios alike. It is looked in after the scenario's own folder.
/// A scenario in the current folder (`""` or `.`) has `../shared`; `None` only
/// for a folder with nothing above it (the root).
pub fn shared_scripts_folder(folder: &std::path::Path) -> Option<std::path::PathBuf> {
    // A scenario named from inside its family's folder (`rehearse check
    // dishes-again.yaml` in `scenarios/conflict/`) has the current folder as
    // its own, and the shared folder is beside it, one up.
    if folder.as_os_str().is_empty() || folder == std::path::Path::new(".") {
        return Some(std::path::Path::new("..").join(SHARED_SCRIPTS));
    }
    folder.parent().map(|above| above.join(SHARED_SCRIPTS))
}

/// Whether two paths name the same place, `./` steps aside: a file named on the
/// command line as `dishes-again.yaml` looks for `washes_up.rhai`, which was
/// read from the current folder as `./washes_up.rhai`.
fn same_path(a: &std::path::Path, b: &std::path::Path) -> bool {
    let not_here = |c: &std::path::Component| !matches!(c, std::path::Component::CurDir);
    a.components().filter(not_here).eq(b.components().filter(not_here))
}

/// The name of the library folder for scripts every family can use
/// ([`shared_scripts_folder`]).
pub const SHARED_SCRIPTS: &str = "shared";

/// Returns true if `id` is lowercase letters, digits, `-` and `_`, starting with a letter.
fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Every text of a scenario that is shown to someone, with escape sequences made
/// visible and direction overrides removed (see `safe_text`): the pack may come
/// from anyone, and its lines reach the terminal and exports.
fn make_visible(scenario: &mut Scenario) {
    use crate::safe_text::visible;
    let fix = |t: &mut String| *t = visible(t);
    fix(&mut scenario.title);
    fix(&mut scenario.summary);
    scenario.content_notes.iter_mut().for_each(fix);
    fix(&mut scenario.persona.name);
    fix(&mut scenario.persona.relation);
    scenario.persona.pronouns.iter_mut().for_each(fix);
    scenario.setting.iter_mut().for_each(fix);
    scenario.examples.values_mut().flatten().for_each(fix);
    for beat in scenario.beats.values_mut() {
        beat.say.iter_mut().for_each(fix);
        beat.say_again.iter_mut().for_each(fix);
        beat.coach.iter_mut().for_each(fix);
        for rule in &mut beat.rules {
            rule.note.iter_mut().for_each(fix);
        }
    }
    for ending in scenario.endings.values_mut() {
        fix(&mut ending.title);
        ending.say.iter_mut().for_each(fix);
        for part in &mut ending.debrief {
            fix(&mut part.text);
            part.suggestion.iter_mut().for_each(fix);
        }
    }
}

/// An id as words, for a title the author did not give: `half_fixed` → "half fixed".
pub fn humanise(id: &str) -> String {
    id.replace(['_', '-'], " ")
}

fn is_valid_name(name: &str) -> bool {
    crate::score::rhai_scorer::is_valid_score_name(name)
}

/// A scenario's own scorer, as [`Checker::own_scorer`] finds it.
enum Own {
    /// It brings no scripts.
    None,
    /// Its scripts are missing or have problems (already noted), with the score
    /// names to check conditions against: for scripts that do not compile, the
    /// names they would add, so that every condition reading one is not reported
    /// too, as if the author had misspelt it.
    Broken(Vec<String>),
    Loaded(Box<RhaiScorer>),
    /// Set aside until the shared scorer has loaded, with the names it will give.
    SetAside(OwnScripts, Vec<String>),
}

struct Checker<'a> {
    path: &'a str,
    index: &'a PositionIndex,
    problems: Vec<Diagnostic>,
    /// Found while checking, shown beside the graph's warnings.
    warnings: Vec<Diagnostic>,
    /// The scope every expression of the scenario is compiled against.
    scopes: CheckScope,
}

impl Checker<'_> {
    fn at(&self, pos: Pos, message: impl Into<String>, hint: Option<String>) -> Diagnostic {
        let d = Diagnostic::new(self.path, pos.line, pos.column, message);
        match hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    }

    /// An error at the value found at `yaml_path` (or its nearest parent).
    fn value_error(&mut self, yaml_path: &str, message: impl Into<String>, hint: impl Into<Option<String>>) {
        let d = self.at(self.index.nearest(yaml_path), message, hint.into());
        self.problems.push(d);
    }

    /// An error at the key that introduces `yaml_path`.
    fn key_error(&mut self, yaml_path: &str, message: impl Into<String>, hint: impl Into<Option<String>>) {
        let pos = self
            .index
            .key(yaml_path)
            .unwrap_or_else(|| self.index.nearest(yaml_path));
        let d = self.at(pos, message, hint.into());
        self.problems.push(d);
    }

    fn required_text(&mut self, yaml_path: &str, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.value_error(
                yaml_path,
                format!("{what} is empty"),
                Some(format!("write {what} here")),
            );
        }
    }

    fn lines(&mut self, yaml_path: &str, lines: Vec<String>, what: &str) -> Vec<String> {
        if lines.is_empty() {
            self.value_error(
                yaml_path,
                format!("{what} has no lines"),
                Some("give at least one line; with several, one is picked at random".to_string()),
            );
        }
        for (i, line) in lines.iter().enumerate() {
            if line.trim().is_empty() {
                self.value_error(
                    &format!("{yaml_path}.{i}"),
                    format!("line {} of {what} is empty", i + 1),
                    None,
                );
            }
        }
        lines
    }

    fn expression(
        &mut self,
        yaml_path: &str,
        source: &Expression,
        want: Want,
        bindings: &[(&str, f64)],
        known: &[&str],
    ) -> Option<Expr> {
        // Symbols pasted from a word processor: rhai would say "Unexpected '≥'".
        let typographic = [
            ('≥', ">="),
            ('≤', "<="),
            ('≠', "!="),
            ('−', "-"),
            ('–', "-"),
            ('×', "*"),
            ('÷', "/"),
            ('“', "\""),
            ('”', "\""),
        ];
        if let Some((c, plain)) = typographic.iter().find(|(c, _)| source.0.contains(*c)) {
            self.value_error(
                yaml_path,
                format!(
                    "`{}` uses the symbol `{c}`, which conditions do not understand",
                    source.0.trim()
                ),
                Some(format!("type it with plain keyboard characters: `{plain}`")),
            );
            return None;
        }
        match Expr::compile_in(&mut self.scopes, &source.0, bindings, want, known) {
            Ok(expr) => Some(expr),
            Err(err) => {
                let mut pos = self.index.nearest(yaml_path);
                if let Some(col) = err.column {
                    pos.column += col.saturating_sub(1);
                }
                let d = self.at(pos, err.message, err.hint);
                self.problems.push(d);
                None
            }
        }
    }

    /// A condition: compiled, and warned about when no reply can ever make it
    /// true (see `satisfiable`).
    fn condition(
        &mut self,
        yaml_path: &str,
        source: &Expression,
        bindings: &[(&str, f64)],
        known: &[&str],
        dials: &[&str],
        score_names: &[String],
    ) -> Option<Expr> {
        let expr = self.expression(yaml_path, source, Want::Condition, bindings, known)?;
        let scores: Vec<&str> = score_names.iter().map(String::as_str).collect();
        if let Some(reason) = never_true(&expr.source, |name| range_of(name, dials, &scores)) {
            let because = if reason.is_empty() {
                String::new()
            } else {
                format!(": {reason}")
            };
            let warning = self
                .at(
                    self.index.nearest(yaml_path),
                    format!("`{}` can never be true{because}", expr.source.trim()),
                    Some("check the numbers, and whether `&&` (both) should be `||` (either)".to_string()),
                )
                .as_warning();
            self.warnings.push(warning);
        }
        Some(expr)
    }

    fn comparisons(
        &mut self,
        yaml_path: &str,
        items: IndexMap<String, Expression>,
        allowed: &[&str],
        what: &str,
    ) -> Vec<(String, Comparison)> {
        let mut out = Vec::new();
        for (name, expected) in items {
            let p = format!("{yaml_path}.{name}");
            if !allowed.contains(&name.as_str()) {
                let hint = suggest(&name, allowed.iter().copied(), &format!("known {what}s"));
                self.key_error(&p, format!("`{name}` is not a {what}"), Some(hint));
                continue;
            }
            match Comparison::parse(&expected.0) {
                Some(c) => out.push((name, c)),
                None => self.value_error(
                    &p,
                    format!("`{}` is not a comparison", expected.0),
                    Some("write it like \">= 0.5\", \"< 3\" or \"== 6\" (in quotes)".to_string()),
                ),
            }
        }
        out
    }

    /// Finds and compiles the scenario's own scripts (`scorers:` and `cues:`),
    /// named relative to its file; the `cues:` ones are marked as cues. While
    /// the shared scorer is still loading, they are found and set aside instead,
    /// with the score names they will add.
    fn own_scorer(
        &mut self,
        scorers: &[String],
        cues: &[String],
        shared: SharedScorer,
        siblings: &[SourceFile],
    ) -> Own {
        if scorers.is_empty() && cues.is_empty() {
            return Own::None;
        }
        let listed: Vec<(String, &String)> = scorers
            .iter()
            .enumerate()
            .map(|(i, name)| (format!("scorers.{i}"), name))
            .chain(cues.iter().enumerate().map(|(i, name)| (format!("cues.{i}"), name)))
            .collect();
        let folder = std::path::Path::new(self.path)
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        let shared_folder = shared_scripts_folder(&folder);
        let mut extra = Vec::new();
        for (path, name) in &listed {
            // The scenario's own folder first, so a family can keep its own
            // version of a shared script under the same name.
            let found = std::iter::once(folder.join(name))
                .chain(shared_folder.as_ref().map(|shared| shared.join(name)))
                .find_map(|wanted| {
                    // The file name first: comparing whole paths (component by
                    // component) for every script of a large library was a few
                    // percent of checking it.
                    let wanted_name = wanted.file_name();
                    siblings.iter().find(|f| {
                        let sibling = std::path::Path::new(&f.display_path);
                        sibling.file_name() == wanted_name && same_path(sibling, &wanted)
                    })
                });
            match found {
                Some(file) if name.ends_with(".rhai") => extra.push(file.clone()),
                _ => self.value_error(
                    path,
                    format!("there is no scorer script `{name}` beside this scenario"),
                    Some(format!(
                        "put `{name}` in {}{} (a .rhai file; see docs/scripting.md), or correct the name here",
                        if folder.as_os_str().is_empty() {
                            "the same folder as this scenario".to_string()
                        } else {
                            folder.display().to_string()
                        },
                        match &shared_folder {
                            Some(shared) => format!(" or, for every family to use, in {}", shared.display()),
                            None => String::new(),
                        }
                    )),
                ),
            }
        }
        if extra.len() != listed.len() {
            // Which name was meant is not known (the file's or the conditions'),
            // so conditions are checked against the scripts that exist.
            return Own::Broken(crate::score::rhai_scorer::extended_names(shared.names(), &extra));
        }
        match shared {
            SharedScorer::Loaded(shared) => match shared.extended(&extra) {
                Ok(scorer) => Own::Loaded(Box::new(scorer.with_cues(cues))),
                Err(problems) => {
                    self.problems.extend(problems);
                    Own::Broken(crate::score::rhai_scorer::extended_names(shared.names(), &extra))
                }
            },
            SharedScorer::Named(names) => {
                let clashes = crate::score::rhai_scorer::name_clashes(names, &extra);
                if !clashes.is_empty() {
                    self.problems.extend(clashes);
                    return Own::Broken(crate::score::rhai_scorer::extended_names(names, &extra));
                }
                let names = crate::score::rhai_scorer::extended_names(names, &extra);
                let scripts = OwnScripts {
                    files: extra,
                    cues: cues.to_vec(),
                };
                Own::SetAside(scripts, names)
            }
        }
    }

    /// Refuses counts far beyond any real scenario before any work that grows with
    /// them (each condition is compiled against every dial).
    fn within_limits(&mut self, raw: &RawScenario) -> bool {
        use super::limits::*;
        let mut ok = true;
        let mut over = |me: &mut Self, path: &str, what: &str, count: usize, max: usize| {
            if count > max {
                me.value_error(
                    path,
                    format!("the scenario has {count} {what}; at most {max} are allowed"),
                    Some(format!(
                        "split it into smaller scenarios, or remove {what} it does not use"
                    )),
                );
                ok = false;
            }
        };
        over(self, "state", "dials", raw.state.len(), MAX_DIALS);
        over(self, "beats", "beats", raw.beats.len(), MAX_BEATS);
        over(self, "endings", "endings", raw.endings.len(), MAX_ENDINGS);
        over(self, "tests", "tests", raw.tests.len(), MAX_TESTS);
        for (id, beat) in &raw.beats {
            over(
                self,
                &format!("beats.{id}.on_reply"),
                "rules in one beat",
                beat.on_reply.len(),
                MAX_RULES_PER_BEAT,
            );
            over(
                self,
                &format!("beats.{id}.say"),
                "variants of one line",
                beat.say.0.len(),
                MAX_VARIANTS,
            );
            if let Some(again) = &beat.say_again {
                over(
                    self,
                    &format!("beats.{id}.say_again"),
                    "variants of one line",
                    again.0.len(),
                    MAX_VARIANTS,
                );
            }
        }
        ok
    }

    fn check(&mut self, raw: RawScenario, score_names: &[String]) -> Scenario {
        if !is_valid_id(&raw.id) {
            self.value_error(
                "id",
                format!("`{}` cannot be an id", raw.id),
                Some("use lowercase letters, digits and hyphens, like `dishes-again`".to_string()),
            );
        }
        self.required_text("title", &raw.title, "the title");
        self.required_text("summary", &raw.summary, "the summary");
        if !(1..=5).contains(&raw.difficulty) {
            self.value_error(
                "difficulty",
                format!("difficulty {} is out of range", raw.difficulty),
                Some("use a whole number from 1 (gentle) to 5 (very hard)".to_string()),
            );
        }
        if raw.content_notes.is_empty() {
            self.value_error(
                "content_notes",
                "content notes are empty",
                Some(
                    "say what the scenario touches on (e.g. `[raised voices, money]`), so people can choose"
                        .to_string(),
                ),
            );
        }
        self.required_text("persona.name", &raw.persona.name, "the persona's name");
        self.required_text("persona.relation", &raw.persona.relation, "the persona's relation");

        // Dials.
        let fact_names = Facts::names(score_names);
        let reserved: Vec<&str> = score_names
            .iter()
            .chain(&fact_names)
            .map(String::as_str)
            .chain([TURN, WORDS])
            .collect();
        let mut state = IndexMap::new();
        for (name, value) in &raw.state {
            let p = format!("state.{name}");
            if !is_valid_name(name) {
                self.key_error(
                    &p,
                    format!("`{name}` cannot be a dial name"),
                    Some("use lowercase letters and underscores, like `tension`".to_string()),
                );
            } else if reserved.contains(&name.as_str()) {
                self.key_error(
                    &p,
                    format!("`{name}` is already a score or built-in name"),
                    Some("pick another name for this dial".to_string()),
                );
            }
            self.starting_value(&p, name, *value);
            state.insert(name.clone(), *value);
        }

        // Names conditions can read, and placeholder values for the load-time check.
        let mut known: Vec<&str> = score_names.iter().map(String::as_str).collect();
        known.extend(state.keys().map(String::as_str));
        known.extend([TURN, WORDS]);
        known.extend(fact_names.iter().map(String::as_str));
        let bindings: Vec<(&str, f64)> = known
            .iter()
            .map(|n| (*n, state.get(*n).copied().unwrap_or(if *n == TURN { 1.0 } else { 0.0 })))
            .collect();
        let dial_names: Vec<&str> = state.keys().map(String::as_str).collect();

        // Beats and endings share one namespace: `goto` can name either.
        for id in raw.beats.keys() {
            if raw.endings.contains_key(id) {
                self.key_error(
                    &format!("endings.{id}"),
                    format!("`{id}` is both a beat and an ending"),
                    Some("rename one of them so `goto` is unambiguous".to_string()),
                );
            }
        }
        if raw.beats.is_empty() {
            self.value_error(
                "beats",
                "the scenario has no beats",
                Some("add at least one beat under `beats:`".to_string()),
            );
        }
        if raw.endings.is_empty() {
            self.value_error(
                "endings",
                "the scenario has no endings",
                Some(
                    "add at least one ending under `endings:` (a good one, a stuck one, an escalated one)".to_string(),
                ),
            );
        }
        let target_names: Vec<&str> = raw.beats.keys().chain(raw.endings.keys()).map(String::as_str).collect();
        let resolve = |id: &str| -> Option<Target> {
            if raw.beats.contains_key(id) {
                Some(Target::Beat(id.to_string()))
            } else if raw.endings.contains_key(id) {
                Some(Target::Ending(id.to_string()))
            } else {
                None
            }
        };
        if !raw.beats.contains_key(&raw.start) {
            let hint = suggest(&raw.start, raw.beats.keys().map(String::as_str), "beats");
            self.value_error(
                "start",
                format!("`start` names `{}`, which is not a beat", raw.start),
                Some(hint),
            );
        }

        let mut beats = IndexMap::new();
        for (id, beat) in &raw.beats {
            let bp = format!("beats.{id}");
            if !is_valid_id(id) {
                self.key_error(
                    &bp,
                    format!("`{id}` cannot be a beat name"),
                    Some("use lowercase letters, digits, `-` and `_`".to_string()),
                );
            }
            let say = self.lines(&format!("{bp}.say"), beat.say.0.clone(), "`say`");
            let say_again = match &beat.say_again {
                Some(lines) => self.lines(&format!("{bp}.say_again"), lines.0.clone(), "`say_again`"),
                None => Vec::new(),
            };
            if beat.on_reply.is_empty() {
                self.value_error(
                    &format!("{bp}.on_reply"),
                    format!("beat `{id}` has no rules"),
                    Some("add at least a last rule with only `goto:` (what happens otherwise)".to_string()),
                );
            }
            let mut rules = Vec::new();
            let count = beat.on_reply.len();
            for (i, rule) in beat.on_reply.iter().enumerate() {
                let rp = format!("{bp}.on_reply.{i}");
                let last = i + 1 == count;
                let when = match &rule.when {
                    Some(cond) => {
                        self.condition(&format!("{rp}.when"), cond, &bindings, &known, &dial_names, score_names)
                    }
                    None => None,
                };
                if last && rule.when.is_some() {
                    self.value_error(
                        &rp,
                        format!("the last rule of beat `{id}` has a `when`, so some replies match no rule"),
                        Some("add a final rule with only `goto:` for every other reply".to_string()),
                    );
                }
                if !last && rule.when.is_none() {
                    self.value_error(
                        &rp,
                        format!(
                            "rule {} of beat `{id}` has no `when`, so the rules after it can never fire",
                            i + 1
                        ),
                        Some("give it a `when:` condition, or move it to the end as the fallback".to_string()),
                    );
                }
                let mut set = Vec::new();
                for (dial, value) in &rule.set {
                    let sp = format!("{rp}.set.{dial}");
                    if !state.contains_key(dial) {
                        let hint = match did_you_mean(dial, dial_names.iter().copied()) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None if dial_names.is_empty() => {
                                "declare it under `state:` with a starting value".to_string()
                            }
                            None => format!("dials: {} — or declare `{dial}` under `state:`", dial_names.join(", ")),
                        };
                        self.key_error(&sp, format!("`{dial}` is not a dial of this scenario"), Some(hint));
                        continue;
                    }
                    // `trust: +1` reads as the number 1 to YAML, so it would set the
                    // dial to 1; every author who writes it means "add one".
                    if let Some(written) = self.index.scalar(&sp).map(str::trim) {
                        let signed = written
                            .strip_prefix('+')
                            .map(|n| ('+', n))
                            .or_else(|| written.strip_prefix('-').map(|n| ('-', n)));
                        if let Some((sign, n)) =
                            signed.filter(|(_, n)| !n.is_empty() && n.trim().parse::<f64>().is_ok())
                        {
                            let n = n.trim();
                            let (meaning, fix) = if sign == '+' {
                                (
                                    format!("sets `{dial}` to {n}, not {dial} plus {n}"),
                                    format!("to add {n}, write `{dial}: {dial} + {n}`"),
                                )
                            } else {
                                (
                                    format!("sets `{dial}` to -{n} (kept at 0), not {dial} minus {n}"),
                                    format!("to take {n} away, write `{dial}: {dial} - {n}`"),
                                )
                            };
                            self.value_error(
                                &sp,
                                format!("`{dial}: {written}` {meaning}"),
                                Some(format!("{fix}; to set it outright, write the number without a sign")),
                            );
                            continue;
                        }
                    }
                    if let Some(expr) = self.expression(&sp, value, Want::Number, &bindings, &known) {
                        set.push(Update {
                            dial: dial.clone(),
                            value: expr,
                        });
                    }
                }
                let goto = match resolve(&rule.goto) {
                    Some(t) => t,
                    None => {
                        let hint = suggest(&rule.goto, target_names.iter().copied(), "beats and endings");
                        self.value_error(
                            &format!("{rp}.goto"),
                            format!("`goto: {}` names no beat or ending", rule.goto),
                            Some(hint),
                        );
                        Target::Beat(rule.goto.clone())
                    }
                };
                rules.push(Rule {
                    number: i + 1,
                    when,
                    set,
                    note: rule.note.clone().filter(|n| !n.trim().is_empty()),
                    goto,
                    line: self.index.nearest(&rp).line,
                });
            }
            beats.insert(
                id.clone(),
                Beat {
                    id: id.clone(),
                    say,
                    say_again,
                    coach: beat.coach.clone().filter(|c| !c.trim().is_empty()),
                    rules,
                },
            );
        }

        let mut endings = IndexMap::new();
        for (id, ending) in &raw.endings {
            let ep = format!("endings.{id}");
            if !is_valid_id(id) {
                self.key_error(
                    &ep,
                    format!("`{id}` cannot be an ending name"),
                    Some("use lowercase letters, digits, `-` and `_`".to_string()),
                );
            }
            let say = self.lines(&format!("{ep}.say"), ending.say.0.clone(), "`say`");
            let debrief = self.debrief(
                &format!("{ep}.debrief"),
                &ending.debrief,
                &bindings,
                &known,
                (&dial_names, score_names),
            );
            let title = match &ending.title {
                Some(t) => {
                    self.required_text(&format!("{ep}.title"), t, "the ending's title");
                    t.trim().to_string()
                }
                None => humanise(id),
            };
            endings.insert(
                id.clone(),
                Ending {
                    id: id.clone(),
                    title,
                    kind: ending.kind,
                    say,
                    debrief,
                },
            );
        }

        if !endings.is_empty() && !endings.values().any(|e: &Ending| e.kind == EndingKind::Good) {
            self.value_error(
                "endings",
                "no ending is `kind: good`, so no conversation can go well",
                Some("add an ending with `kind: good` for a conversation handled well".to_string()),
            );
        }
        // A file in `boundary/` that says `category: conflict` is shown in the
        // wrong family, or was saved into the wrong folder.
        let folder = std::path::Path::new(self.path)
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("");
        if let Some(family) = Category::ALL.iter().find(|c| c.as_str() == folder) {
            if *family != raw.category {
                self.value_error(
                    "category",
                    format!(
                        "the file is in the `{folder}` folder but says `category: {}`",
                        raw.category.as_str()
                    ),
                    Some(format!(
                        "move it to the `{}` folder, or change the line to `category: {folder}`",
                        raw.category.as_str()
                    )),
                );
            }
        }

        let mut scenario = Scenario {
            id: raw.id.clone(),
            title: raw.title.trim().to_string(),
            category: raw.category,
            difficulty: raw.difficulty.clamp(1, 5) as u8,
            summary: raw.summary.trim().to_string(),
            content_notes: raw.content_notes.clone(),
            persona: Persona {
                name: raw.persona.name.clone(),
                relation: raw.persona.relation.clone(),
                pronouns: raw.persona.pronouns.clone(),
            },
            setting: raw.setting.as_ref().map(|s| s.trim().to_string()),
            examples: self.examples(&raw.examples, score_names),
            state,
            start: raw.start.clone(),
            beats,
            endings,
            tests: Vec::new(),
            warnings: Vec::new(),
            source: self.path.to_string(),
            own_scorer: None,
        };

        // The graph: only worth checking when every goto resolved.
        if self.problems.is_empty() {
            for id in graph::unreachable(&scenario) {
                let p = if scenario.beats.contains_key(&id) {
                    format!("beats.{id}")
                } else {
                    format!("endings.{id}")
                };
                self.key_error(
                    &p,
                    format!("`{id}` can never be reached from `start`"),
                    Some(format!("add a rule with `goto: {id}` somewhere, or remove it")),
                );
            }
            for id in graph::dead_ends(&scenario) {
                self.key_error(
                    &format!("beats.{id}"),
                    format!("from beat `{id}` no reply can ever reach an ending"),
                    Some("give one of its rules (or a later beat's) a `goto:` that leads to an ending".to_string()),
                );
            }
        }

        if self.problems.is_empty() {
            scenario.warnings = std::mem::take(&mut self.warnings);
            scenario.warnings.extend(self.loop_warnings(&scenario));
            scenario.warnings.sort_by_key(|d| (d.line, d.column));
        }
        make_visible(&mut scenario);
        scenario.tests = self.tests(&raw, &scenario, score_names);
        scenario
    }

    /// Ways the partner can get stuck saying the same thing: a fallback that goes
    /// round to the same beat with nothing that ever ends it, and a beat that can
    /// follow itself with only one line to say.
    fn loop_warnings(&self, scenario: &Scenario) -> Vec<Diagnostic> {
        let mut warnings = Vec::new();
        for id in graph::uncapped_fallback_loops(scenario) {
            let beat = &scenario.beats[&id];
            let Some(fallback) = beat.rules.last() else { continue };
            let pos = self
                .index
                .nearest(&format!("beats.{id}.on_reply.{}", beat.rules.len() - 1));
            warnings.push(
                self.at(
                    pos,
                    format!("the last rule of beat `{id}` goes round to `{}` and back, and no rule on the way reads `turn` or `quiet_turns`, so a person who keeps saying nothing useful hears the same lines forever", fallback.goto.id()),
                    Some(format!("add a rule before it such as `- when: quiet_turns >= 3` (or `turn >= 10`) with `goto:` a beat where {} checks in, or an ending", scenario.persona.name)),
                )
                .as_warning(),
            );
        }
        for (dial, _) in &scenario.state {
            let mentions = |source: &str| {
                source
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .any(|word| word == dial)
            };
            let rules = scenario.beats.values().flat_map(|b| b.rules.iter());
            let read = rules.clone().any(|r| {
                r.when.as_ref().is_some_and(|w| mentions(&w.source))
                    || r.set.iter().any(|u| u.dial != *dial && mentions(&u.value.source))
            }) || scenario
                .endings
                .values()
                .flat_map(|e| e.debrief.iter())
                .any(|p| p.when.as_ref().is_some_and(|w| mentions(&w.source)));
            let set = rules.clone().any(|r| r.set.iter().any(|u| u.dial == *dial));
            let problem = match (read, set) {
                (false, false) => Some("is never set and never read by a condition"),
                (false, true) => Some("is set but no condition reads it, so it changes nothing"),
                (true, false) => Some("is read but never set, so it always has its starting value"),
                (true, true) => None,
            };
            if let Some(problem) = problem {
                warnings.push(
                    self.at(
                        self.index.key(&format!("state.{dial}")).unwrap_or_default(),
                        format!("dial `{dial}` {problem}"),
                        Some("use it in a `set:` and a `when:`, or remove it from `state:`".to_string()),
                    )
                    .as_warning(),
                );
            }
        }
        for (id, beat) in &scenario.beats {
            if beat.coach.is_none() {
                warnings.push(
                    self.at(
                        self.index.key(&format!("beats.{id}")).unwrap_or_default(),
                        format!("beat `{id}` has no `coach:` note, so /hint has nothing to offer here"),
                        Some(
                            "add a short `coach:` with what would help at this moment, and an example wording"
                                .to_string(),
                        ),
                    )
                    .as_warning(),
                );
            }
        }
        for (id, beat) in &scenario.beats {
            let loops = beat.rules.iter().any(|r| r.goto.id() == id);
            // Coming back to itself, a beat speaks from `say_again` when it has one.
            let (key, repeat_lines) = if beat.say_again.is_empty() {
                ("say", beat.say.len())
            } else {
                ("say_again", beat.say_again.len())
            };
            if loops && repeat_lines < 2 {
                warnings.push(
                    self.at(
                        self.index.nearest(&format!("beats.{id}.{key}")),
                        format!(
                            "beat `{id}` can follow itself but has one line, so {} would say it twice in a row",
                            scenario.persona.name
                        ),
                        Some(format!(
                            "give `{key}:` a second variant (rehearse never repeats the line just said)"
                        )),
                    )
                    .as_warning(),
                );
            }
        }
        warnings
    }

    /// A debrief's parts, each condition compiled against the names rules can read
    /// (at the end they hold their final values, and the facts cover the whole talk).
    fn debrief(
        &mut self,
        yaml_path: &str,
        raw: &RawDebrief,
        bindings: &[(&str, f64)],
        known: &[&str],
        (dials, score_names): (&[&str], &[String]),
    ) -> Vec<DebriefPart> {
        let raw_parts = match raw {
            RawDebrief::Text(text) => vec![super::raw::RawDebriefPart {
                when: None,
                text: text.clone(),
                suggestion: None,
            }],
            RawDebrief::Parts(parts) => parts.clone(),
        };
        if raw_parts.is_empty() {
            self.value_error(
                yaml_path,
                "the debrief is empty",
                Some("say what happened and why, kindly, for the person to take away".to_string()),
            );
        }
        let mut parts = Vec::new();
        for (i, part) in raw_parts.iter().enumerate() {
            let pp = match raw {
                RawDebrief::Text(_) => yaml_path.to_string(),
                RawDebrief::Parts(_) => format!("{yaml_path}.{i}"),
            };
            self.required_text(&pp, &part.text, "the debrief text");
            self.quoted_scores(&pp, &part.text, score_names);
            let when = match &part.when {
                Some(cond) => self.condition(&format!("{pp}.when"), cond, bindings, known, dials, score_names),
                None => None,
            };
            let suggestion = part
                .suggestion
                .as_ref()
                .map(|s| s.trim().trim_matches('"').trim().to_string())
                .filter(|s| !s.is_empty());
            parts.push(DebriefPart {
                when,
                text: part.text.trim().to_string(),
                suggestion,
            });
        }
        if !raw_parts.is_empty() && raw_parts.iter().all(|p| p.when.is_some()) {
            self.value_error(
                yaml_path,
                "every part of this debrief has a `when`, so it can come out empty",
                Some("add one part without `when:`: what is true whenever this ending is reached".to_string()),
            );
        }
        parts
    }

    /// Each `{said:NAME}` in a debrief text must name a score, so the debrief can
    /// quote what the person said for it.
    fn quoted_scores(&mut self, yaml_path: &str, text: &str, score_names: &[String]) {
        let hint = "write `{said:` and a score name and `}`, like `{said:stonewalling}`: it shows the person's own words that scored for it";
        match crate::debrief::quoted_scores(text) {
            Err(message) => self.value_error(yaml_path, message, Some(hint.to_string())),
            Ok(names) => {
                for name in names.iter().filter(|n| !score_names.contains(n)) {
                    let known = suggest(name, score_names.iter().map(String::as_str), "scores");
                    self.value_error(
                        yaml_path,
                        format!("`{{said:{name}}}`: `{name}` is not a score, so there are no words to quote"),
                        Some(known),
                    );
                }
            }
        }
    }

    /// The scenario's own example wordings: each must name a score.
    fn examples(
        &mut self,
        raw: &IndexMap<String, super::raw::Lines>,
        score_names: &[String],
    ) -> IndexMap<String, Vec<String>> {
        let mut examples = IndexMap::new();
        for (skill, lines) in raw {
            let p = format!("examples.{skill}");
            if !score_names.iter().any(|n| n == skill) {
                let hint = suggest(skill, score_names.iter().map(String::as_str), "scores");
                self.key_error(
                    &p,
                    format!("`{skill}` is not a score, so no tip would use this example"),
                    Some(hint),
                );
                continue;
            }
            let lines = self.lines(&p, lines.0.clone(), "the example");
            examples.insert(skill.clone(), lines);
        }
        examples
    }

    fn tests(&mut self, raw: &RawScenario, scenario: &Scenario, score_names: &[String]) -> Vec<AuthorTest> {
        let scores: Vec<&str> = score_names.iter().map(String::as_str).collect();
        let dials: Vec<&str> = scenario.state.keys().map(String::as_str).collect();
        let mut tests = Vec::new();
        for (i, test) in raw.tests.iter().enumerate() {
            let tp = format!("tests.{i}");
            self.required_text(&format!("{tp}.name"), &test.name, "the test name");
            if test.replies.is_empty() {
                self.value_error(
                    &format!("{tp}.replies"),
                    "the test has no replies",
                    Some("list the replies to play, in order".to_string()),
                );
            }
            let outcome = match (&test.ends, &test.reaches) {
                (Some(_), Some(_)) => {
                    self.value_error(&tp, "a test can say `ends:` or `reaches:`, not both", None);
                    Outcome::Unspecified
                }
                (Some(e), None) => {
                    if !scenario.endings.contains_key(e) {
                        let hint = suggest(e, scenario.endings.keys().map(String::as_str), "endings");
                        self.value_error(
                            &format!("{tp}.ends"),
                            format!("`ends: {e}` names no ending"),
                            Some(hint),
                        );
                    }
                    Outcome::Ends(e.clone())
                }
                (None, Some(b)) => {
                    if !scenario.beats.contains_key(b) {
                        let hint = suggest(b, scenario.beats.keys().map(String::as_str), "beats");
                        self.value_error(
                            &format!("{tp}.reaches"),
                            format!("`reaches: {b}` names no beat"),
                            Some(hint),
                        );
                    }
                    Outcome::Reaches(b.clone())
                }
                (None, None) => {
                    self.value_error(
                        &tp,
                        "the test says neither where it ends nor where it stops",
                        Some("add `ends: ENDING` (the ending it must reach) or `reaches: BEAT` (the beat it must be waiting at)".to_string()),
                    );
                    Outcome::Unspecified
                }
            };
            let start = self.test_start(&tp, test, scenario);
            let mut expect = Vec::new();
            for (j, e) in test.expect.iter().enumerate() {
                let ep = format!("{tp}.expect.{j}");
                if e.turn == 0 || e.turn > test.replies.len() {
                    self.value_error(
                        &format!("{ep}.turn"),
                        format!("turn {} is outside this test's {} replies", e.turn, test.replies.len()),
                        Some("turns count replies from 1".to_string()),
                    );
                }
                if let Some(b) = &e.beat {
                    if !scenario.beats.contains_key(b) && !scenario.endings.contains_key(b) {
                        self.value_error(&format!("{ep}.beat"), format!("`{b}` is not a beat or ending"), None);
                    }
                }
                expect.push(Expectation {
                    turn: e.turn,
                    scores: self.comparisons(&format!("{ep}.scores"), e.scores.clone(), &scores, "score"),
                    state: self.comparisons(&format!("{ep}.state"), e.state.clone(), &dials, "dial"),
                    beat: e.beat.clone(),
                    line: self.index.nearest(&ep).line,
                });
            }
            tests.push(AuthorTest {
                name: test.name.clone(),
                seed: test.seed.unwrap_or(DEFAULT_SEED),
                start,
                replies: test.replies.clone(),
                outcome,
                expect,
                line: self.index.nearest(&tp).line,
            });
        }
        tests
    }

    /// Whether `value` can be where dial `name` starts (at the top, or in a
    /// test's `state:`): a whole number from 0 to 10. If not, says so at `yaml_path`.
    fn starting_value(&mut self, yaml_path: &str, name: &str, value: f64) -> bool {
        if !(DIAL_MIN..=DIAL_MAX).contains(&value) {
            self.value_error(
                yaml_path,
                format!("dial `{name}` starts at {value}, outside 0..10"),
                Some("dials run from 0 to 10".to_string()),
            );
            false
        } else if value.fract() != 0.0 {
            self.value_error(
                yaml_path,
                format!("dial `{name}` starts at {value}, which is not a whole number"),
                Some(format!(
                    "dials are whole numbers from 0 to 10: write {} or {}",
                    value.floor(),
                    value.ceil()
                )),
            );
            false
        } else {
            true
        }
    }

    /// A test's `from:` and `state:`: a beat of this scenario, and dials it
    /// declares at whole values from 0 to 10 (as `state:` at the top needs).
    fn test_start(&mut self, tp: &str, test: &RawTest, scenario: &Scenario) -> StartPoint {
        let mut start = StartPoint::default();
        if let Some(from) = &test.from {
            if scenario.beats.contains_key(from) {
                start.beat = Some(from.clone());
            } else if scenario.endings.contains_key(from) {
                self.value_error(
                    &format!("{tp}.from"),
                    format!("`from: {from}` names an ending, and a conversation cannot start at its end"),
                    Some(format!(
                        "start from a beat that leads there; beats: {}",
                        scenario.beats.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
                    )),
                );
            } else {
                let hint = suggest(from, scenario.beats.keys().map(String::as_str), "beats");
                self.value_error(
                    &format!("{tp}.from"),
                    format!("`from: {from}` names no beat"),
                    Some(hint),
                );
            }
        }
        for (dial, value) in &test.state {
            let sp = format!("{tp}.state.{dial}");
            if !scenario.state.contains_key(dial) {
                let dials: Vec<&str> = scenario.state.keys().map(String::as_str).collect();
                let hint = if dials.is_empty() {
                    "this scenario has no dials; declare them under `state:` at the top of the file".to_string()
                } else {
                    suggest(dial, dials.iter().copied(), "its dials")
                };
                self.key_error(&sp, format!("`{dial}` is not a dial of this scenario"), Some(hint));
            } else if self.starting_value(&sp, dial, *value) {
                start.dials.insert(dial.clone(), *value);
            }
        }
        start
    }
}
