//! The scorer that runs the `.rhai` scripts in `scripts/`.
//!
//! Each script is compiled once, at start, with the shared prelude merged in; a
//! reply is then scored by calling every script's `score(text)` in name order.
//! A script that fails on one reply loses that score only: the others stand.

use super::declared_rules::{self, RuleProblem, RuleSet};
use super::host::{self, PhraseModels};
use super::lexicons::Lexicons;
use super::literal_scan;
use super::memo::{self, Memo};
use super::patterns::{self, compiling_every_pattern};
use super::phrase_model::PhraseModel;
use super::report::{Match, Parts, ScoreError, ScoreReport, Tip};
use super::sandbox::{sandboxed_engine, Deadline, OPERATION_LIMIT_TOKEN};
use super::Scorer;
use crate::content::SourceFile;
use crate::diagnostic::Diagnostic;
use rhai::{CallFnOptions, Dynamic, Engine, EvalAltResult, Map, Position, Scope, AST};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Replies longer than this are not scored (the REPL refuses them before this).
pub const MAX_SCORED_BYTES: usize = 16 * 1024;

/// The name of the file whose functions every scorer can call.
const PRELUDE: &str = "prelude";

/// A reply used at load time to run each script once, so a misspelled function
/// or a type error is reported before anyone plays.
const SMOKE_TEST_REPLY: &str = "I feel hurt when you're late, and I need a call. Sorry, but you never listen!";

#[derive(Clone)]
struct CompiledScript {
    name: String,
    path: String,
    ast: AST,
    /// The rules the script declares with `fn rules()`, if it does (shared by
    /// every worker's copy, so they are read once per process).
    rules: Option<Arc<Declared>>,
}

/// A script's `fn rules()`: its own text (for the lines in messages) and what
/// calling it once gave, on the first reply or when `check` tries the script.
struct Declared {
    source: Arc<str>,
    loaded: OnceLock<Result<Arc<RuleSet>, Vec<RuleProblem>>>,
}

pub struct RhaiScorer {
    /// Word lists and phrase models, shared with the scorers that extend this one.
    lexicons: Arc<Lexicons>,
    models: Arc<PhraseModels>,
    /// The shared helpers every script is merged with.
    prelude: AST,
    engine: Engine,
    deadline: Deadline,
    /// Values scripts keep while one reply is scored; cleared before each reply.
    reply_memo: Memo,
    scripts: Vec<CompiledScript>,
    names: Vec<String>,
    /// Scores of a scenario's own `cues:` scripts: read by its conditions, not
    /// shown to the person as skills (see [`ScoreReport::cues`]).
    cues: std::collections::BTreeSet<String>,
}

impl std::fmt::Debug for RhaiScorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RhaiScorer").field("names", &self.names).finish()
    }
}

fn file_stem(path: &str) -> &str {
    Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or(path)
}

fn is_in_folder(file: &SourceFile, folder: &str, extension: &str) -> bool {
    file.display_path.ends_with(extension)
        && Path::new(&file.display_path)
            .parent()
            .and_then(|p| p.file_name())
            .is_some_and(|dir| dir == folder)
}

fn is_lexicon(file: &SourceFile) -> bool {
    is_in_folder(file, "lexicons", ".txt")
}

fn is_phrase_model(file: &SourceFile) -> bool {
    is_in_folder(file, "models", ".tsv")
}

/// Whether `name` can be used as a variable in scenario conditions.
pub fn is_valid_score_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn text_of(file: &SourceFile) -> Result<&str, Diagnostic> {
    if let Some(problem) = &file.unreadable {
        return Err(Diagnostic::whole_file(&file.display_path, problem.clone()));
    }
    std::str::from_utf8(&file.bytes).map_err(|e| {
        Diagnostic::whole_file(
            &file.display_path,
            format!("the file is not valid UTF-8 (at byte {})", e.valid_up_to()),
        )
        .with_hint("save the file as UTF-8 text")
    })
}

fn position_diagnostic(path: &str, pos: Position, message: String) -> Diagnostic {
    Diagnostic::new(path, pos.line().unwrap_or(0), pos.position().unwrap_or(0), message)
}

/// The word lists (`lexicons/*.txt`) among `files`, and any that cannot be read.
/// The scorer is made with them; `rehearse train` needs only these, for the
/// phrase model's word classes.
pub fn word_lists(files: &[SourceFile]) -> (Lexicons, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut lexicons = Lexicons::default();
    for file in files.iter().filter(|f| is_lexicon(f)) {
        match text_of(file) {
            Ok(text) => lexicons.insert(file_stem(&file.display_path), text),
            Err(d) => problems.push(d),
        }
    }
    (lexicons, problems)
}

/// The score names a scorer made from `files` gives, in order, from the file
/// names alone: every `.rhai` file but the prelude, in file order. Checking a
/// scenario needs only these, so it can go on while the scripts compile on
/// another thread (`load::scorer_in_background`); when the scripts load,
/// [`Scorer::names`] gives exactly these (a file whose name cannot be a score's
/// is a loading error).
pub fn score_names(files: &[SourceFile]) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.display_path.ends_with(".rhai"))
        .map(|f| file_stem(&f.display_path).to_string())
        .filter(|name| name != PRELUDE)
        .collect()
}

/// The names `names` has once a scenario's own scripts `extra` are added, as
/// [`RhaiScorer::extended`] gives them when they load.
pub fn extended_names(names: &[String], extra: &[SourceFile]) -> Vec<String> {
    let mut all = names.to_vec();
    all.extend(extra.iter().map(|f| file_stem(&f.display_path).to_string()));
    all
}

/// A scenario's own scripts whose names are already scores' (`names`): they
/// cannot be added. Known from the file names alone, like [`score_names`].
pub fn name_clashes(names: &[String], extra: &[SourceFile]) -> Vec<Diagnostic> {
    extra
        .iter()
        .filter(|f| names.iter().any(|n| n == file_stem(&f.display_path)))
        .map(|f| {
            Diagnostic::whole_file(
                &f.display_path,
                format!("there is already a score called `{}`", file_stem(&f.display_path)),
            )
            .with_hint("give the scenario's scorer a name of its own, like `jealousy.rhai`")
        })
        .collect()
}

impl RhaiScorer {
    /// Compiles the scripts and loads the word lists and phrase models among
    /// `files` (`.rhai`, `lexicons/*.txt` and `models/*.tsv`). Every problem found is returned, not just the first.
    pub fn from_files(files: &[SourceFile]) -> Result<RhaiScorer, Vec<Diagnostic>> {
        RhaiScorer::from_files_with_jobs(files, crate::parallel::default_jobs())
    }

    /// [`RhaiScorer::from_files`], compiling the scripts on at most `jobs`
    /// threads (one when it is itself loading beside other work).
    pub fn from_files_with_jobs(files: &[SourceFile], jobs: usize) -> Result<RhaiScorer, Vec<Diagnostic>> {
        let (lexicons, mut problems) = word_lists(files);

        let mut models = PhraseModels::new();
        for file in files.iter().filter(|f| is_phrase_model(f)) {
            match text_of(file) {
                Ok(text) => match PhraseModel::parse(text) {
                    Ok(mut model) => match model.read_classes(|name| lexicons.get(name)) {
                        Ok(()) => {
                            models.insert(file_stem(&file.display_path).to_string(), model);
                        }
                        Err(message) => problems.push(Diagnostic::whole_file(&file.display_path, message)),
                    },
                    Err((line, message)) => {
                        problems.push(Diagnostic::new(&file.display_path, line, 1, message).with_source(text))
                    }
                },
                Err(d) => problems.push(d),
            }
        }

        let lexicons = Arc::new(lexicons);
        let models = Arc::new(models);
        let engine = scoring_engine(&lexicons, &models);
        let scripts: Vec<&SourceFile> = files.iter().filter(|f| f.display_path.ends_with(".rhai")).collect();
        let prelude_file = scripts.iter().find(|f| file_stem(&f.display_path) == PRELUDE).copied();
        let others: Vec<&SourceFile> = scripts
            .into_iter()
            .filter(|f| file_stem(&f.display_path) != PRELUDE)
            .collect();
        // The prelude and the scorers are compiled side by side (the prelude is
        // a third of the text); problems are reported in the same order as before.
        let mut parsed = compile_each(&engine.0, prelude_file.into_iter().chain(others.iter().copied()), jobs);
        let mut prelude = AST::empty();
        if prelude_file.is_some() {
            match parsed.remove(0) {
                Ok(ast) => prelude = ast,
                Err(d) => problems.push(d),
            }
        }
        let compiled = merge_with_prelude(&prelude, &others, parsed, &mut problems);
        if compiled.is_empty() && problems.is_empty() {
            problems.push(
                Diagnostic::whole_file("scripts", "no scorer scripts (*.rhai) were found")
                    .with_hint("point --scripts at a folder with blame.rhai, i_statement.rhai…, or leave it out to use the bundled ones"),
            );
        }
        let (engine, deadline, reply_memo) = engine;
        let scorer = RhaiScorer {
            lexicons,
            models,
            prelude,
            engine,
            deadline,
            reply_memo,
            names: compiled.iter().map(|s| s.name.clone()).collect(),
            scripts: compiled,
            cues: Default::default(),
        };
        // Scripts are not run here: running every script once compiles every
        // pattern it uses, which cost `list` and the menu most of a second before
        // anything appeared. `check` and `test` call `try_every_script`; a script
        // that fails in play is reported with its file and line on that reply.
        if problems.is_empty() {
            Ok(scorer)
        } else {
            Err(problems)
        }
    }

    /// Runs every script once on a sample reply: the problems `check` and `test`
    /// report with file and line before anyone plays.
    pub fn try_every_script(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let all: Vec<usize> = (0..self.scripts.len()).collect();
        self.smoke_test(&all, &mut problems);
        problems
    }

    /// Scores a sample reply and forgets the result: the patterns it meets get
    /// their literal sets, and those the sample could match are compiled, so a
    /// first real reply scored after this mostly finds its patterns ready.
    pub fn warm_up(&self) {
        let _ = self.score(SMOKE_TEST_REPLY);
    }

    /// Runs each of `scripts` (indices) once on a sample reply, so a script that
    /// fails when run is reported at load, with its line.
    /// Every pattern a script searches with is compiled here, even those the
    /// sample reply could not match, so a pattern too big to compile is
    /// reported now rather than on the first reply that needs it.
    fn smoke_test(&self, scripts: &[usize], problems: &mut Vec<Diagnostic>) {
        self.reply_memo.clear();
        compiling_every_pattern(|| {
            for &i in scripts {
                let script = &self.scripts[i];
                // Declared rules are read and every one of their regexes
                // compiled, so a bad pattern is reported at its line.
                let declared = self.rule_set(script).and_then(|rules| {
                    let problems = rules.map(|r| r.compile_all()).unwrap_or_default();
                    if problems.is_empty() {
                        Ok(())
                    } else {
                        Err(problems)
                    }
                });
                if let Err(rule_problems) = declared {
                    let source = script.rules.as_ref().map(|d| d.source.clone());
                    problems.extend(rule_problems.into_iter().map(|p| {
                        let d = Diagnostic::new(&script.path, p.line, 1, p.message).with_hint(p.hint);
                        match &source {
                            Some(text) => d.with_source(text),
                            None => d,
                        }
                    }));
                    continue;
                }
                if let Err(err) = self.call(script, SMOKE_TEST_REPLY) {
                    problems.push(position_diagnostic(
                        &script.path,
                        err.position(),
                        format!("the script fails when run: {}", describe(&err)),
                    ));
                }
            }
        });
    }

    /// A copy of this scorer for another thread: the same compiled scripts, word
    /// lists and models (shared, not rebuilt), with its own engine, deadline and
    /// per-reply memo, since those hold the state of the reply being scored.
    pub fn worker(&self) -> RhaiScorer {
        let (engine, deadline, reply_memo) = scoring_engine(&self.lexicons, &self.models);
        RhaiScorer {
            lexicons: self.lexicons.clone(),
            models: self.models.clone(),
            prelude: self.prelude.clone(),
            engine,
            deadline,
            reply_memo,
            names: self.names.clone(),
            scripts: self.scripts.clone(),
            cues: self.cues.clone(),
        }
    }

    /// Marks the scores of some script files (a scenario's `cues:` list) as cues:
    /// every report says so, and what the person sees leaves them out. A file's
    /// score is named as its script is, by the file's stem.
    pub fn with_cues<'a>(mut self, files: impl IntoIterator<Item = &'a String>) -> RhaiScorer {
        self.cues
            .extend(files.into_iter().map(|file| file_stem(file).to_string()));
        self
    }

    /// Whether this scorer uses the same word lists and models as `other` (one
    /// extended from the other does), rather than a copy.
    pub fn shares_content_with(&self, other: &RhaiScorer) -> bool {
        Arc::ptr_eq(&self.lexicons, &other.lexicons) && Arc::ptr_eq(&self.models, &other.models)
    }

    /// These scorers plus `extra` scripts (a scenario's own). A script may not
    /// reuse the name of an existing score. Only the extra scripts are compiled and
    /// tried: the shared ones, their word lists and models are reused, so 600
    /// scenarios that each bring a scorer do not load the shared scripts 600 times;
    /// and scripts several scenarios name are compiled and tried once
    /// ([`super::extension_cache`]).
    pub fn extended(&self, extra: &[SourceFile]) -> Result<RhaiScorer, Vec<Diagnostic>> {
        super::extension_cache::extended_once(&self.lexicons, &self.names, extra, || self.extend(extra))
    }

    /// [`RhaiScorer::extended`], built now.
    fn extend(&self, extra: &[SourceFile]) -> Result<RhaiScorer, Vec<Diagnostic>> {
        let clashes = name_clashes(&self.names, extra);
        if !clashes.is_empty() {
            return Err(clashes);
        }
        let mut problems = Vec::new();
        // A fresh engine over the shared scripts, word lists and models; the
        // scenario's own scripts are compiled with it and added.
        let mut scorer = self.worker();
        let files: Vec<&SourceFile> = extra.iter().collect();
        let added = compile_scripts(&scorer.engine, &scorer.prelude, &files, &mut problems);
        let first_added = scorer.scripts.len();
        scorer.scripts.extend(added);
        scorer.names = scorer.scripts.iter().map(|s| s.name.clone()).collect();
        let added: Vec<usize> = (first_added..scorer.scripts.len()).collect();
        scorer.smoke_test(&added, &mut problems);
        if problems.is_empty() {
            Ok(scorer)
        } else {
            Err(problems)
        }
    }

    fn call(&self, script: &CompiledScript, text: &str) -> Result<Dynamic, Box<EvalAltResult>> {
        // A script whose rules failed to load is reported before this is called.
        let rules = self.rule_set(script).ok().flatten();
        let options = CallFnOptions::new().eval_ast(false).rewind_scope(true);
        self.deadline.arm(text.len());
        let result = declared_rules::with_rules(rules, || {
            self.engine.call_fn_with_options::<Dynamic>(
                options,
                &mut Scope::new(),
                &script.ast,
                "score",
                (text.to_string(),),
            )
        });
        self.deadline.disarm();
        result
    }

    /// The rules `script` declares (none if it has no `fn rules()`), read by
    /// calling `fn rules()` once per process, on first need.
    fn rule_set(&self, script: &CompiledScript) -> Result<Option<Arc<RuleSet>>, Vec<RuleProblem>> {
        let Some(declared) = &script.rules else {
            return Ok(None);
        };
        declared
            .loaded
            .get_or_init(|| self.read_rules(script, &declared.source))
            .clone()
            .map(Some)
    }

    fn read_rules(&self, script: &CompiledScript, source: &str) -> Result<Arc<RuleSet>, Vec<RuleProblem>> {
        let options = CallFnOptions::new().eval_ast(false).rewind_scope(true);
        self.deadline.arm(0);
        let value = self
            .engine
            .call_fn_with_options::<Dynamic>(options, &mut Scope::new(), &script.ast, "rules", ());
        self.deadline.disarm();
        match value {
            Ok(value) => RuleSet::from_value(value, source).map(Arc::new),
            Err(err) => Err(vec![RuleProblem {
                line: err.position().line().unwrap_or(0),
                message: format!("`fn rules()` fails when run: {}", describe(&err)),
                hint: "`fn rules()` runs once, before the first reply; it may call the prelude and lexrx, but not search a reply",
            }]),
        }
    }
}

/// A sandboxed engine with the host functions over these word lists and models,
/// its deadline and its per-reply memo.
fn scoring_engine(lexicons: &Arc<Lexicons>, models: &Arc<PhraseModels>) -> (Engine, Deadline, Memo) {
    let deadline = Deadline::default();
    let mut engine = sandboxed_engine(&deadline);
    host::register(&mut engine, lexicons.clone(), models.clone());
    let reply_memo = Memo::default();
    memo::register(&mut engine, Memo::default(), reply_memo.clone());
    (engine, deadline, reply_memo)
}

/// Compiles scorer scripts, each merged with the prelude; problems are collected.
fn compile_scripts(
    engine: &Engine,
    prelude: &AST,
    files: &[&SourceFile],
    problems: &mut Vec<Diagnostic>,
) -> Vec<CompiledScript> {
    let parsed = compile_each(engine, files.iter().copied(), crate::parallel::default_jobs());
    merge_with_prelude(prelude, files, parsed, problems)
}

/// Each of `files` compiled on its own (on every core, results in file order);
/// a file whose name cannot be a score's is not compiled, and is reported by
/// [`merge_with_prelude`].
fn compile_each<'a>(
    engine: &Engine,
    files: impl Iterator<Item = &'a SourceFile> + Send,
    jobs: usize,
) -> Vec<Result<AST, Diagnostic>> {
    let files: Vec<&SourceFile> = files.collect();
    let mut parsed = Vec::with_capacity(files.len());
    let jobs = jobs.min(files.len());
    crate::parallel::for_each_ordered(
        files.into_iter(),
        jobs,
        || (),
        |(), file| {
            if is_valid_score_name(file_stem(&file.display_path)) {
                text_of(file).and_then(|text| compile(engine, &file.display_path, text))
            } else {
                Ok(AST::empty())
            }
        },
        |result| parsed.push(result),
    );
    parsed
}

/// The scorers among `files` (compiled by [`compile_each`], in the same order),
/// each with the prelude's functions; every file that is not one is reported.
fn merge_with_prelude(
    prelude: &AST,
    files: &[&SourceFile],
    parsed: Vec<Result<AST, Diagnostic>>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<CompiledScript> {
    let mut compiled = Vec::new();
    for (file, parsed) in files.iter().zip(parsed) {
        let name = file_stem(&file.display_path).to_string();
        if !is_valid_score_name(&name) {
            problems.push(
                Diagnostic::whole_file(&file.display_path, format!("`{name}` cannot be a score name")).with_hint(
                    "name scorer files with lowercase letters, digits and underscores, like `self_blame.rhai`",
                ),
            );
            continue;
        }
        let ast = match parsed {
            Ok(ast) => ast,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let has_score = ast.iter_functions().any(|f| f.name == "score" && f.params.len() == 1);
        let declares_rules = ast.iter_functions().any(|f| f.name == "rules" && f.params.is_empty());
        if !has_score {
            problems.push(
                Diagnostic::new(&file.display_path, 1, 1, "the script has no `fn score(text)`").with_hint(
                    "define `fn score(text) { #{ score: 0.0, matches: [], tip: \"\" } }`; see docs/scripting.md",
                ),
            );
            continue;
        }
        let rules = match (declares_rules, text_of(file)) {
            (true, Ok(text)) => Some(Arc::new(Declared {
                source: text.into(),
                loaded: OnceLock::new(),
            })),
            _ => None,
        };
        compiled.push(CompiledScript {
            name,
            path: file.display_path.clone(),
            ast: prelude.merge(&ast),
            rules,
        });
    }
    compiled
}

fn compile(engine: &Engine, path: &str, text: &str) -> Result<AST, Diagnostic> {
    engine.compile(text).map_err(|err| {
        position_diagnostic(
            path,
            err.position(),
            format!("the script does not compile: {}", err.err_type()),
        )
        .with_hint("see docs/scripting.md for the functions a scorer can use")
        .with_source(text)
    })
}

/// Whether a call used up its operations: rhai's own ceiling, or the budget for
/// this reply that the progress callback enforces (see `sandbox::operation_budget`).
fn ran_out_of_operations(err: &EvalAltResult) -> bool {
    match err {
        EvalAltResult::ErrorTooManyOperations(_) => true,
        EvalAltResult::ErrorTerminated(token, _) => {
            token.clone().into_string().ok().as_deref() == Some(OPERATION_LIMIT_TOKEN)
        }
        _ => false,
    }
}

/// A script error in words, without rhai's own "(line x, position y)" suffix.
fn describe(err: &EvalAltResult) -> String {
    match err {
        err if ran_out_of_operations(err) => {
            "it ran too long (over the operation limit) — look for a loop that never ends".to_string()
        }
        EvalAltResult::ErrorTerminated(..) => {
            "it ran past its time limit — look for a loop that never ends".to_string()
        }
        EvalAltResult::ErrorInFunctionCall(name, _, inner, _) => format!("in `{name}`: {}", describe(inner)),
        other => {
            let text = other.to_string();
            match text.rfind(" (line ") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

impl Scorer for RhaiScorer {
    fn names(&self) -> &[String] {
        &self.names
    }

    fn is_cue(&self, name: &str) -> bool {
        self.cues.contains(name)
    }

    fn score(&self, text: &str) -> ScoreReport {
        let mut report = ScoreReport {
            cues: self.cues.clone(),
            ..ScoreReport::default()
        };
        if text.len() > MAX_SCORED_BYTES {
            for name in &self.names {
                report.errors.push(ScoreError {
                    score: name.clone(),
                    message: format!(
                        "the reply is {} bytes; replies over {} bytes are not scored",
                        text.len(),
                        MAX_SCORED_BYTES
                    ),
                });
            }
            return report;
        }
        self.reply_memo.clear();
        literal_scan::new_reply();
        patterns::forget_released_strings();
        for script in &self.scripts {
            if let Err(problems) = self.rule_set(script) {
                if let Some(p) = problems.first() {
                    report.errors.push(ScoreError {
                        score: script.name.clone(),
                        message: format!("{}:{}: {}; {}", script.path, p.line, p.message, p.hint),
                    });
                }
                continue;
            }
            match self.call(script, text) {
                Ok(value) => absorb(&mut report, &script.name, text, value),
                Err(err) => report.errors.push(ScoreError {
                    score: script.name.clone(),
                    message: format!(
                        "{}:{}: {}",
                        script.path,
                        err.position().line().unwrap_or(0),
                        describe(&err)
                    ),
                }),
            }
        }
        report
            .matches
            .sort_by(|a, b| (a.start, a.end, &a.score, &a.rule).cmp(&(b.start, b.end, &b.score, &b.rule)));
        // A script may report the same span twice (two patterns agreeing); once is enough.
        report.matches.dedup();
        report
    }
}

fn number(value: &Dynamic) -> Option<f64> {
    value.as_float().ok().or_else(|| value.as_int().ok().map(|i| i as f64))
}

/// Folds one script's result map into the report, checking every field, so a
/// careless script produces an error message instead of a wrong highlight.
fn absorb(report: &mut ScoreReport, name: &str, text: &str, value: Dynamic) {
    let mut fail = |message: String| {
        report.errors.push(ScoreError {
            score: name.to_string(),
            message,
        })
    };
    let Some(map) = value.try_cast::<Map>() else {
        fail("score() must return a map like #{ score: 0.0, matches: [], tip: \"\" }".into());
        return;
    };
    let score = match map.get("score").and_then(number) {
        Some(s) if s.is_finite() => s.clamp(0.0, 1.0),
        _ => {
            fail("the returned map needs a number `score` between 0 and 1".into());
            return;
        }
    };
    report.scores.insert(name.to_string(), score);

    if let Some(matches) = map.get("matches").and_then(|m| m.clone().try_cast::<rhai::Array>()) {
        for item in matches {
            let Some(m) = item.try_cast::<Map>() else { continue };
            let start = m.get("start").and_then(|v| v.as_int().ok());
            let end = m.get("end").and_then(|v| v.as_int().ok());
            let (Some(start), Some(end)) = (start, end) else {
                continue;
            };
            let (start, end) = (start.max(0) as usize, end.max(0) as usize);
            if start > end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                report.errors.push(ScoreError {
                    score: name.to_string(),
                    message: format!("a match at bytes {start}..{end} is outside the reply"),
                });
                continue;
            }
            let rule = m
                .get("rule")
                .and_then(|r| r.clone().into_string().ok())
                .map(|r| crate::safe_text::visible(&r))
                .unwrap_or_else(|| name.to_string());
            report.matches.push(Match {
                score: name.to_string(),
                rule,
                start,
                end,
                text: text[start..end].to_string(),
            });
        }
    }
    if let Some(tip) = map.get("tip").and_then(|t| t.clone().into_string().ok()) {
        if !tip.trim().is_empty() {
            report.tips.push(Tip {
                score: name.to_string(),
                text: crate::safe_text::visible(&tip),
            });
        }
    }
    if let Some(s) = map.get("suggestion").and_then(|t| t.clone().into_string().ok()) {
        if !s.trim().is_empty() {
            report
                .suggestions
                .insert(name.to_string(), crate::safe_text::visible(&s));
        }
    }
    if let Some(parts) = map.get("parts").and_then(|p| p.clone().try_cast::<Map>()) {
        let flag = |key: &str| parts.get(key).and_then(|v| v.as_bool().ok()).unwrap_or(false);
        report.parts = Parts {
            feeling: flag("feeling"),
            situation: flag("situation"),
            need: flag("need"),
        };
    }
}
