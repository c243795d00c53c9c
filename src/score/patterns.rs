//! Compiled regular expressions, each with a literal prefilter, cached per process.
//!
//! Scorer scripts search a reply with a few hundred patterns, and almost every
//! search finds nothing. A regex that cannot find a literal prefix to jump to
//! scans the whole reply with its automaton to say so. Most of these patterns do
//! contain words that any match must include ("medal", "convenient"), so each
//! pattern is given, when first used, the set of literals one of which every
//! match contains; a reply without any of them is answered "no match" without
//! running the regex (literal by literal for a pattern's first few searches,
//! then with one Aho-Corasick pass). The set is derived from the pattern's
//! syntax tree, so it is exact: it can only skip searches that would have found
//! nothing, and output does not change.
//!
//! The regex itself is compiled only when a text first passes that check.
//! Compiling is most of what a one-off `score "…"` costs, and most patterns
//! never meet a reply they could match. `check` compiles every pattern its
//! sample reply meets regardless ([`compiling_every_pattern`]), so a pattern
//! too big to compile is still reported before anyone plays.
//!
//! Each distinct pattern is parsed, and compiled, at most once per process. Lookups go to a small
//! per-thread table first, so threads scoring side by side do not queue on the
//! process-wide lock for every search.

use super::literal_cache;
use super::literal_scan::{self, PatternId};
use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_syntax::hir::{Hir, HirKind};
use rhai::ImmutableString;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

/// A pattern, with the literals that every match contains at least one of
/// (when the pattern has such a set). The regex itself is compiled on the
/// first search whose text contains one of those literals: a reply that holds
/// none of them cannot match, so for most patterns and most replies it is
/// never needed, and a one-off `score "…"` compiles only the few that can match.
#[derive(Debug)]
pub struct Pattern {
    source: Box<str>,
    /// Literals (ASCII lower case) one of which every match contains, or `None`
    /// when the pattern has no useful set (or does not parse) and every text
    /// must be searched. Found from the syntax tree on the first search.
    literals: OnceLock<Option<Literals>>,
    /// The regex, compiled on first need (an error if it is too big).
    regex: OnceLock<Result<Regex, String>>,
    /// The literals as one Aho-Corasick searcher, built on the
    /// [`PREFILTER_AFTER`]th search: a pattern used once or twice is cheaper to
    /// check literal by literal than to build a searcher for.
    required: OnceLock<Option<AhoCorasick>>,
    searches: AtomicU32,
}

/// A pattern's literal set, and its place in the combined searcher of
/// [`literal_scan`] (none when that is full).
#[derive(Debug)]
struct Literals {
    set: Vec<Vec<u8>>,
    id: Option<PatternId>,
}

/// Searches a pattern runs (checking its literals one by one) before its
/// Aho-Corasick searcher is built.
const PREFILTER_AFTER: u32 = 3;

thread_local! {
    /// Set while `check` tries every script: each pattern a script uses is then
    /// compiled whether or not the sample reply could match it, so a pattern
    /// too big to compile is reported by `check`, not first met in play.
    static COMPILE_EVERY_PATTERN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work` with every pattern it searches with compiled, even those the
/// prefilter would skip (see [`COMPILE_EVERY_PATTERN`]).
pub fn compiling_every_pattern<T>(work: impl FnOnce() -> T) -> T {
    let before = COMPILE_EVERY_PATTERN.with(|flag| flag.replace(true));
    let result = work();
    COMPILE_EVERY_PATTERN.with(|flag| flag.set(before));
    result
}

impl Pattern {
    /// The pattern's text (a script's declared rules build their own literal
    /// searcher from it: `declared_rules.rs`).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether `text` can contain a match: false only when it contains none of
    /// the literals every match needs (the regex then need not run at all).
    pub fn may_match(&self, text: &str) -> bool {
        let found = self.literals.get_or_init(|| {
            timed(|| {
                let set = literal_cache::lookup(&self.source).unwrap_or_else(|| {
                    let set = necessary_literals(&self.source);
                    literal_cache::remember(&self.source, &set);
                    set
                });
                set.map(|set| Literals {
                    id: literal_scan::register(&set),
                    set,
                })
            })
        });
        let Some(Literals { set: literals, id }) = found else {
            return true;
        };
        if let Some(answer) = id.and_then(|id| literal_scan::may_match(id, text)) {
            return answer;
        }
        let required = match self.required.get() {
            Some(required) => required,
            None if self.searches.fetch_add(1, Ordering::Relaxed) < PREFILTER_AFTER => {
                return contains_any(text, literals);
            }
            None => self.required.get_or_init(|| timed(|| searcher(literals))),
        };
        match required {
            Some(ac) => ac.is_match(text),
            None => contains_any(text, literals),
        }
    }

    /// The compiled regex, compiling it now if this is its first use.
    pub fn regex(&self) -> Result<&Regex, String> {
        self.regex
            .get_or_init(|| timed(|| compile(&self.source)))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The regex, if `text` may hold a match. When `check` asks for every
    /// pattern to be compiled, the regex in any case, so its errors show (and
    /// the literal set is not worked out: the regex searches every text, which
    /// gives the same answer, since the set only skips texts with no match).
    fn regex_for(&self, text: &str) -> Result<Option<&Regex>, String> {
        if COMPILE_EVERY_PATTERN.with(std::cell::Cell::get) || self.may_match(text) {
            self.regex().map(Some)
        } else {
            Ok(None)
        }
    }

    /// The matches of the pattern in `text`, left to right.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> Result<impl Iterator<Item = regex::Match<'t>> + 't, String> {
        Ok(self.regex_for(text)?.map(|re| re.find_iter(text)).into_iter().flatten())
    }

    /// The captures of every match in `text`, left to right.
    pub fn captures_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> Result<impl Iterator<Item = regex::Captures<'t>> + 't, String> {
        Ok(self
            .regex_for(text)?
            .map(|re| re.captures_iter(text))
            .into_iter()
            .flatten())
    }

    /// Whether the pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> Result<bool, String> {
        Ok(self.regex_for(text)?.is_some_and(|re| re.is_match(text)))
    }
}

/// Whether `text` contains one of `literals` (ASCII lower case), ignoring ASCII
/// case: the same answer the Aho-Corasick searcher gives, without building it.
fn contains_any(text: &str, literals: &[Vec<u8>]) -> bool {
    let lower = text.as_bytes().to_ascii_lowercase();
    literals
        .iter()
        .any(|literal| memchr::memmem::find(&lower, literal).is_some())
}

/// One ASCII-case-insensitive searcher for `literals`.
fn searcher(literals: &[Vec<u8>]) -> Option<AhoCorasick> {
    AhoCorasick::builder().ascii_case_insensitive(true).build(literals).ok()
}

/// Patterns by source text (a bad pattern holds its error message, found on
/// its first search). Keys can be long (a word list as one alternation), so a
/// fast hash matters: the lookup happens on every search a script makes.
type Table = HashMap<Box<str>, Arc<Pattern>, ahash::RandomState>;

fn cache() -> &'static RwLock<Table> {
    static CACHE: OnceLock<RwLock<Table>> = OnceLock::new();
    CACHE.get_or_init(|| RwLock::new(HashMap::default()))
}

thread_local! {
    /// This thread's view of the cache: filled from the process-wide table on
    /// first use of each pattern, bounded like it.
    static LOCAL: RefCell<(Table, usize)> = RefCell::new((HashMap::default(), 0));
}

/// Pattern text the cache may hold in all. The bundled scripts use about 250 KB in
/// some 300 patterns; a script that builds a new pattern on every call (by mistake
/// or on purpose) stops being cached here instead of filling memory.
pub const MAX_CACHED_PATTERN_BYTES: usize = 8 * 1024 * 1024;
/// Patterns the cache may hold.
pub const MAX_CACHED_PATTERNS: usize = 4_096;
/// The most memory one compiled pattern may take (the regex crate's default is
/// 10 MB); a word list of a few thousand words needs well under 1 MB.
pub const MAX_PATTERN_SIZE: usize = 4 * 1024 * 1024;

/// Pattern text held by the cache, kept beside it so the check costs nothing.
static CACHED_BYTES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The pattern for `pattern`, from the cache when it has been used before.
pub fn compiled(pattern: &str) -> Arc<Pattern> {
    if let Some(found) = LOCAL.with(|local| local.borrow().0.get(pattern).cloned()) {
        return found;
    }
    let result = shared(pattern);
    LOCAL.with(|local| {
        let mut local = local.borrow_mut();
        let (table, bytes) = &mut *local;
        if table.len() < MAX_CACHED_PATTERNS && *bytes + pattern.len() <= MAX_CACHED_PATTERN_BYTES {
            *bytes += pattern.len();
            table.insert(pattern.into(), result.clone());
        }
    });
    result
}

/// A script's pattern string, by the address of its text, with the string
/// itself (so that address cannot be freed and reused while the entry lives).
type ByString = HashMap<usize, (ImmutableString, Arc<Pattern>), ahash::RandomState>;

thread_local! {
    /// Patterns by the script string that named them. Most searches name their
    /// pattern with a string the script holds for good: a literal in the
    /// compiled script, or a word-list pattern kept by `memo`. rhai hands the
    /// same shared string to every such call, so finding the pattern by the
    /// string's identity saves hashing and comparing its text (word lists run to
    /// kilobytes) on every one of a reply's ~1,000 searches.
    static BY_STRING: RefCell<ByString> = RefCell::new(HashMap::default());
}

/// Entries [`BY_STRING`] may hold; past this, patterns are found by text only.
const MAX_BY_STRING: usize = 8_192;

/// The pattern for a script's string `pattern`: [`compiled`], found by the
/// string's identity when the script has searched with this very string before.
/// Identity is exact: the table holds the string, so while an entry lives no
/// other string can have its address, and a string rhai shares cannot change
/// (changing one copies it).
pub fn compiled_string(pattern: &ImmutableString) -> Arc<Pattern> {
    let key = pattern.as_str().as_ptr() as usize;
    let known = BY_STRING.with(|table| {
        let table = table.borrow();
        table
            .get(&key)
            .filter(|(held, _)| held.ptr_eq(pattern))
            .map(|(_, found)| found.clone())
    });
    if let Some(found) = known {
        return found;
    }
    let found = compiled(pattern.as_str());
    // A string only this call holds (built for the call: `"(?i)" + x`) will not
    // come again; keeping it would only hold memory until the next reply.
    if pattern.strong_count() > 1 {
        BY_STRING.with(|table| {
            let mut table = table.borrow_mut();
            if table.len() < MAX_BY_STRING {
                table.insert(key, (pattern.clone(), found.clone()));
            }
        });
    }
    found
}

/// Lets go of the pattern strings only [`BY_STRING`] still holds (a script's
/// per-reply variables, say): called before each reply, so the table keeps the
/// strings scripts hold for good and stays bounded by them.
pub fn forget_released_strings() {
    BY_STRING.with(|table| table.borrow_mut().retain(|_, (held, _)| held.strong_count() > 1));
}

/// The process-wide table: every thread compiles a pattern at most once between them.
fn shared(pattern: &str) -> Arc<Pattern> {
    if let Ok(map) = cache().read() {
        if let Some(found) = map.get(pattern) {
            return found.clone();
        }
    }
    let result = build(pattern);
    if let Ok(mut map) = cache().write() {
        let bytes = CACHED_BYTES.load(Ordering::Relaxed);
        if map.len() < MAX_CACHED_PATTERNS && bytes + pattern.len() <= MAX_CACHED_PATTERN_BYTES {
            CACHED_BYTES.store(bytes + pattern.len(), Ordering::Relaxed);
            map.insert(pattern.into(), result.clone());
        }
    }
    result
}

thread_local! {
    /// CPU time this thread has spent compiling patterns and prefilters, in microseconds.
    static COMPILING_MICROS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// CPU time this thread has spent compiling patterns, so a script's time limit can
/// leave it out: compiling is the host's work, done once, and on a busy machine
/// it could otherwise push the first reply a script scores past its limit.
pub fn compiling_micros_on_this_thread() -> u64 {
    COMPILING_MICROS.with(std::cell::Cell::get)
}

fn timed<T>(work: impl FnOnce() -> T) -> T {
    // CPU time, like the limit it is taken off (src/score/sandbox.rs).
    let start = super::cpu_clock::thread_cpu_time();
    let result = work();
    let spent = super::cpu_clock::thread_cpu_time().saturating_sub(start).as_micros() as u64;
    COMPILING_MICROS.with(|total| total.set(total.get().saturating_add(spent)));
    result
}

/// A pattern ready to search with. Nothing is parsed or compiled yet: its
/// literal set is worked out on its first search, and its regex compiled on
/// the first search that needs it (a pattern that does not parse is an error
/// then, with the regex crate's own message).
fn build(pattern: &str) -> Arc<Pattern> {
    Arc::new(Pattern {
        source: pattern.into(),
        literals: OnceLock::new(),
        regex: OnceLock::new(),
        required: OnceLock::new(),
        searches: AtomicU32::new(0),
    })
}

/// The literal set of `pattern`, or `None`: worked out from its syntax tree
/// ([`super::ast_literals`], a fraction of the cost), or, for a pattern whose
/// translation could fail, from the translated form
/// ([`necessary_literals_translated`]), so such a pattern keeps having no set
/// and its error shows on its first search.
pub(crate) fn necessary_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    super::ast_literals::necessary_literals(pattern).unwrap_or_else(|| necessary_literals_translated(pattern))
}

/// The literal set of `pattern` (see [`necessary`]), or `None`. Parsed with the
/// same syntax and flags the regex crate uses, so case-insensitive letters are
/// classes of their variants (Unicode folds like the Kelvin sign included) and
/// the set is exact. A pattern that does not parse has no set; compiling its
/// regex then reports why.
pub(crate) fn necessary_literals_translated(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    necessary(&hir)
}

fn compile(pattern: &str) -> Result<Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(MAX_PATTERN_SIZE)
        .build()
        .map_err(|e| format!("invalid pattern {pattern:?}: {e}"))
}

/// How many compiled patterns the process-wide cache holds (for tests and benchmarks).
pub fn cached_count() -> usize {
    cache().read().map(|m| m.len()).unwrap_or(0)
}

/// Literals shorter than this make a prefilter that lets almost every reply
/// through ("u", "i"), so a set with one is not used.
const MIN_USEFUL_LITERAL: usize = 3;
/// A set larger than this costs more to look for than it saves.
const MAX_LITERALS: usize = 400;
/// A character class with more members than this ends a literal (`[a-z]` is not one).
pub(super) const MAX_CLASS_CHARS: usize = 4;

/// A set of non-empty literals such that every match of `hir` contains one of
/// them, or `None`. A concatenation needs every part, so the best part's set
/// serves (a run of letters is one part: the word they spell); an alternation
/// needs one branch, so the union of the branches' sets. Literals are ASCII
/// lower case: the search ignores ASCII case, which can only let more replies
/// through, never fewer. One walk over the tree, so long patterns stay cheap.
fn necessary(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Capture(capture) => necessary(&capture.sub),
        HirKind::Repetition(rep) if rep.min >= 1 => necessary(&rep.sub),
        HirKind::Literal(_) | HirKind::Class(_) => useful(letters(hir)?),
        HirKind::Concat(parts) => {
            let mut best = ConcatBest::default();
            for part in parts {
                match letters(part) {
                    Some(options) => best.letters(options),
                    None => best.other(necessary(part)),
                }
            }
            best.finish()
        }
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            for branch in branches {
                union.extend(necessary(branch)?);
            }
            union.sort();
            union.dedup();
            useful(union)
        }
        _ => None,
    }
}

/// The strings a literal or a small class stands for, ASCII lower-cased.
fn letters(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::Class;
    let mut options: Vec<Vec<u8>> = match hir.kind() {
        HirKind::Literal(literal) => vec![literal.0.to_vec()],
        HirKind::Class(Class::Unicode(class)) => {
            let chars: usize = class.ranges().iter().map(|r| r.len()).sum();
            if chars > MAX_CLASS_CHARS * 2 {
                return None;
            }
            let chars = class.ranges().iter().flat_map(|r| r.start()..=r.end());
            chars.map(|c| c.to_string().into_bytes()).collect()
        }
        HirKind::Class(Class::Bytes(class)) => {
            let bytes: usize = class
                .ranges()
                .iter()
                .map(|r| usize::from(r.end() - r.start()) + 1)
                .sum();
            if bytes > MAX_CLASS_CHARS * 2 {
                return None;
            }
            class
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(|b| vec![b])
                .collect()
        }
        _ => return None,
    };
    for option in &mut options {
        option.make_ascii_lowercase();
    }
    options.sort();
    options.dedup();
    (options.len() <= MAX_CLASS_CHARS).then_some(options)
}

/// The best literal set of a concatenation, built part by part: consecutive runs of
/// letters are crossed into the words they spell (one part), any other part brings its
/// own set, and the set of highest [`quality`] is kept. One fold for both literal
/// walks (the translated form here, the syntax tree in `ast_literals`), so they
/// cannot drift apart.
#[derive(Default)]
pub(super) struct ConcatBest {
    best: Option<Vec<Vec<u8>>>,
    run: Option<Vec<Vec<u8>>>,
}

impl ConcatBest {
    fn keep(&mut self, candidate: Option<Vec<Vec<u8>>>) {
        if let Some(set) = candidate {
            if self.best.as_ref().is_none_or(|b| quality(&set) > quality(b)) {
                self.best = Some(set);
            }
        }
    }

    /// A part that stands for one of `options` (a literal, a small class): it grows
    /// the current run, or, when the run would grow too large, ends it and starts anew.
    pub(super) fn letters(&mut self, options: Vec<Vec<u8>>) {
        self.run = Some(match self.run.take() {
            None => options,
            Some(words) => match cross(&words, &options) {
                Some(longer) => longer,
                None => {
                    self.keep(useful(words));
                    options
                }
            },
        });
    }

    /// A single ASCII byte: the same as [`ConcatBest::letters`] with one option, in
    /// place (the allocations of crossing were a third of the syntax-tree walk).
    pub(super) fn byte(&mut self, byte: u8) {
        match self.run.as_mut() {
            Some(words) => words.iter_mut().for_each(|word| word.push(byte)),
            None => self.run = Some(vec![vec![byte]]),
        }
    }

    /// Any other part: it ends the run and brings its own set (or none).
    pub(super) fn other(&mut self, set: Option<Vec<Vec<u8>>>) {
        let run = self.run.take().and_then(useful);
        self.keep(run);
        self.keep(set);
    }

    /// The best set, once every part is in.
    pub(super) fn finish(mut self) -> Option<Vec<Vec<u8>>> {
        let run = self.run.take().and_then(useful);
        self.keep(run);
        self.best
    }
}

/// Every word of `words` followed by every option, or `None` if that is too many.
pub(super) fn cross(words: &[Vec<u8>], options: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if words.len() * options.len() > MAX_LITERALS {
        return None;
    }
    Some(
        words
            .iter()
            .flat_map(|w| options.iter().map(move |o| [w.as_slice(), o.as_slice()].concat()))
            .collect(),
    )
}

/// The set if it is worth searching for: not too many, none too short.
pub(super) fn useful(set: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    let ok = !set.is_empty() && set.len() <= MAX_LITERALS && set.iter().all(|l| l.len() >= MIN_USEFUL_LITERAL);
    ok.then_some(set)
}

/// Longer shortest literals are rarer in a reply; fewer literals are cheaper.
pub(super) fn quality(set: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
    (shortest.min(8), std::cmp::Reverse(set.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals_of(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
        necessary(&hir).map(|set| {
            set.into_iter()
                .map(|l| String::from_utf8_lossy(&l).into_owned())
                .collect()
        })
    }

    #[test]
    fn a_required_word_after_a_short_one_is_found() {
        let set = literals_of(r"\b(?:you|u)\s+want\s+a\s+(?:medal|cookie)\b").expect("a set");
        assert!(
            set.contains(&"medal".to_string()) && set.contains(&"cookie".to_string()),
            "{set:?}"
        );
    }

    #[test]
    fn patterns_that_can_match_anything_short_have_no_prefilter() {
        assert_eq!(literals_of(r"(?i)\b(?:you|u)\b"), None);
        assert_eq!(literals_of(r"(?s)\A.*\z"), None);
        assert_eq!(
            literals_of(r"[a-z]+ing"),
            literals_of(r"ing").map(|_| vec!["ing".to_string()])
        );
    }

    #[test]
    fn the_prefilter_never_hides_a_match() {
        let cases = [
            (r"(?i)\bhow\s+convenient\b", "HOW   Convenient!"),
            (r"(?i)straße", "STRASSE strasse STRAẞE"),
            (r"(?i)kelvin", "\u{212A}elvin"),
            (
                r"(?i)\b(?:congrat(?:ulation)?s|well\s+done)\b[^.!?]{0,50}?\bfor\s+once\b",
                "Well done for once.",
            ),
            (r"(?i-u)\b(?:don(?:'|’)?t|never)\s+ever\b", "you DON’T ever"),
            (r"x*", "anything"),
        ];
        for (pattern, text) in cases {
            // Before the searcher is built (literals checked one by one)…
            let fresh = build(pattern);
            let re = regex::Regex::new(pattern).expect("compiles");
            assert_eq!(
                fresh.is_match(text),
                Ok(re.is_match(text)),
                "{pattern} on {text}, fresh"
            );
            assert!(fresh.regex.get().is_some(), "{pattern}: compiled once a text may match");
            // …and after.
            let p = build(pattern);
            for _ in 0..=PREFILTER_AFTER {
                p.may_match("warming up");
            }
            assert_eq!(
                p.required.get().is_some(),
                necessary_literals(pattern).is_some(),
                "{pattern}: the searcher is built when there are literals"
            );
            assert_eq!(p.is_match(text), Ok(re.is_match(text)), "{pattern} on {text}");
            assert_eq!(p.find_iter(text).expect("compiles").count(), re.find_iter(text).count());
        }
    }

    #[test]
    fn a_pattern_is_compiled_only_when_a_text_may_match() {
        let p = build(r"(?i)\bhow\s+convenient\b");
        assert_eq!(p.is_match("you never listen"), Ok(false));
        assert!(
            p.regex.get().is_none(),
            "no text held `convenient`, so nothing was compiled"
        );
        assert_eq!(p.is_match("how CONVENIENT"), Ok(true));
        assert!(p.regex.get().is_some());
    }

    #[test]
    fn check_compiles_every_pattern_it_meets() {
        let p = build(r"(?i)\bwell\s+done\b");
        let searched = compiling_every_pattern(|| p.is_match("no such words"));
        assert_eq!(searched, Ok(false));
        assert!(p.regex.get().is_some(), "compiled although the text could not match");
        assert!(p.literals.get().is_none(), "the literal set was not needed");
    }

    #[test]
    fn a_pattern_too_big_to_compile_is_an_error_when_searched() {
        // A thousand copies of a large Unicode class: parses, but compiles past the size limit.
        let pattern = format!("(?:{}){{1000}}zebra", r"\w");
        let p = build(&pattern);
        assert_eq!(
            p.is_match("no stripes here"),
            Ok(false),
            "cannot match, so not compiled"
        );
        let err = p.is_match("a zebra").expect_err("too big");
        assert!(err.starts_with("invalid pattern"), "{err}");
        let fresh = build(&pattern);
        let err = compiling_every_pattern(|| fresh.is_match("nothing"));
        assert!(err.is_err(), "`check` reports it even when the sample cannot match");
    }

    #[test]
    fn a_pattern_that_does_not_parse_has_the_regex_crate_message() {
        // Built at run time, as a script's pattern is.
        let unclosed = ["(?i)", "(unclosed"].concat();
        let ours = build(&unclosed).is_match("text").expect_err("does not parse");
        let theirs = regex::Regex::new(&unclosed).expect_err("does not parse");
        assert_eq!(ours, format!("invalid pattern {unclosed:?}: {theirs}"));
    }

    #[test]
    fn a_script_string_finds_its_pattern_by_identity_and_only_while_held() {
        let held = ImmutableString::from(r"(?i)\bidentity\s+lookup\b");
        let first = compiled_string(&held);
        let again = compiled_string(&held.clone());
        assert!(Arc::ptr_eq(&first, &again), "the same string finds the same pattern");
        let same_text = ImmutableString::from(held.as_str());
        assert!(
            Arc::ptr_eq(&first, &compiled_string(&same_text)),
            "equal text, same pattern"
        );
        let other = ImmutableString::from(r"(?i)\bother\s+pattern\b");
        assert_eq!(compiled_string(&other).is_match("an OTHER  pattern"), Ok(true));
        let key = held.as_str().as_ptr() as usize;
        let entry = |key: usize| BY_STRING.with(|t| t.borrow().contains_key(&key));
        assert!(entry(key));
        drop(held);
        forget_released_strings();
        assert!(!entry(key), "a string the script no longer holds is let go");
    }

    #[test]
    fn a_reply_without_the_needed_words_is_not_searched() {
        let p = compiled(r"(?i)\bwant\s+a\s+(?:medal|cookie)\b");
        for _ in 0..=PREFILTER_AFTER {
            p.may_match("warming up");
        }
        assert!(!p.may_match("you never listen to me"));
        assert!(p.may_match("do you want a MEDAL?"));
    }
}
