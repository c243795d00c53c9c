//! Rules a scorer script declares once, found in a reply in one pass.
//!
//! A scorer that searched the reply rule by rule (`for m in find_all(text, P)`)
//! made one host call per rule on every reply, most of them finding nothing,
//! and often built `P` afresh by concatenation first. A script may instead
//! return its rules from `fn rules()` (an array of maps: `name`, `rule`,
//! `pattern`, `w`, `guard`); the host calls it once, on the scorer's first reply
//! (or when `check` tries the scripts), and keeps them as a [`RuleSet`]. Then
//! `declared_hits(text)` answers every rule at once: one Aho-Corasick pass over
//! the text with the literals every match of each rule needs (the same exact
//! sets `patterns.rs` works out) picks the rules that can match, and only their
//! regexes run. The script keeps the judgement: guards, combining, the tip.
//!
//! Regexes are the process-wide compiled patterns of `patterns.rs`, compiled
//! on the first text that may match, so a rule shared with a `find_all`
//! elsewhere is compiled once and a one-off `score "…"` compiles few.

use super::host::{groups_array, span_map};
use super::literal_cache;
use super::patterns::{self, Pattern};
use aho_corasick::{AhoCorasick, MatchKind};
use rhai::{Array, Dynamic, ImmutableString, Map};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// One declared rule.
#[derive(Debug)]
struct Rule {
    /// Tells rules apart in the script's guards (defaults to `rule`).
    name: ImmutableString,
    /// The family the hit is reported under (`matches[].rule`).
    rule: ImmutableString,
    w: f64,
    /// A name the script's per-reply code tests to apply a check ("" if none).
    guard: ImmutableString,
    pattern: Arc<Pattern>,
    /// The line of the script the rule is declared on (best effort), for messages.
    line: usize,
}

/// A problem with a script's declared rules, at a line of the script.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleProblem {
    pub line: usize,
    pub message: String,
    pub hint: &'static str,
}

const HINT_SHAPE: &str =
    "`fn rules()` returns an array of maps like #{ name: \"absolute\", rule: \"absolute\", pattern: `(?i)\\byou\\s+never\\b`, w: 0.8 }; see docs/scripting.md";
const HINT_PATTERN: &str =
    "fix the rule's pattern (Rust regex syntax; see docs/scripting.md), or split a very large word list";

/// Every rule a script declared, with one literal searcher over all of them.
#[derive(Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// The literals of every rule that has a set, as one searcher.
    searcher: Option<AhoCorasick>,
    /// For each literal of the searcher, the rules that need it.
    owners: Vec<Vec<u32>>,
    /// Rules with no literal set: every text is searched with them.
    always: Vec<u32>,
}

/// The literals one of which every match of `source` contains (`None` when it
/// has no useful set or does not parse), kept in the literal-set file like
/// every other pattern's.
fn literal_set(source: &str) -> Option<Vec<Vec<u8>>> {
    literal_cache::lookup(source).unwrap_or_else(|| {
        let set = patterns::necessary_literals(source);
        literal_cache::remember(source, &set);
        set
    })
}

/// The 0-based line of `fn rules(` in `script` (0 if it is not found).
fn rules_fn_index(script: &str) -> usize {
    script
        .lines()
        .position(|l| l.trim_start().starts_with("fn rules("))
        .unwrap_or(0)
}

/// The line of `script` where the rule called `name` is declared: the first line
/// from `fn rules` on that names it in quotes, else the line of `fn rules`.
fn line_of(script: &str, name: &str) -> usize {
    let start = rules_fn_index(script);
    let quoted = [format!("\"{name}\""), format!("`{name}`")];
    script
        .lines()
        .enumerate()
        .skip(start)
        .find(|(_, l)| quoted.iter().any(|q| l.contains(q.as_str())))
        .map_or(start + 1, |(i, _)| i + 1)
}

fn text_field(map: &Map, key: &str) -> Option<Result<ImmutableString, ()>> {
    map.get(key).map(|v| v.clone().into_immutable_string().map_err(|_| ()))
}

impl RuleSet {
    /// Reads what `fn rules()` returned. `script` is the script's own text (for
    /// the lines in messages). Every problem is returned, not just the first.
    pub fn from_value(value: Dynamic, script: &str) -> Result<RuleSet, Vec<RuleProblem>> {
        let rules_line = rules_fn_index(script) + 1;
        let problem = |line: usize, message: String, hint: &'static str| RuleProblem { line, message, hint };
        let Some(items) = value.try_cast::<Array>() else {
            return Err(vec![problem(
                rules_line,
                "`fn rules()` must return an array of rule maps".into(),
                HINT_SHAPE,
            )]);
        };
        let mut problems = Vec::new();
        let mut rules = Vec::with_capacity(items.len());
        let mut seen: HashMap<ImmutableString, usize> = HashMap::new();
        for (i, item) in items.into_iter().enumerate() {
            let n = i + 1;
            let Some(map) = item.try_cast::<Map>() else {
                problems.push(problem(
                    rules_line,
                    format!("rule {n} of `fn rules()` is not a map"),
                    HINT_SHAPE,
                ));
                continue;
            };
            let rule = match (text_field(&map, "rule"), text_field(&map, "name")) {
                (Some(Ok(rule)), _) => rule,
                (None, Some(Ok(name))) => name,
                _ => {
                    problems.push(problem(
                        rules_line,
                        format!(
                            "rule {n} of `fn rules()` needs a text `rule` (the family its hits are reported under)"
                        ),
                        HINT_SHAPE,
                    ));
                    continue;
                }
            };
            let name = match text_field(&map, "name") {
                None => rule.clone(),
                Some(Ok(name)) => name,
                Some(Err(())) => {
                    problems.push(problem(
                        rules_line,
                        format!("rule {n}: `name` must be text"),
                        HINT_SHAPE,
                    ));
                    continue;
                }
            };
            let line = line_of(script, &name);
            let Some(Ok(source)) = text_field(&map, "pattern") else {
                problems.push(problem(
                    line,
                    format!("rule `{name}` needs a text `pattern` (a regex, or `lexrx(\"list\")`)"),
                    HINT_SHAPE,
                ));
                continue;
            };
            let w = match map.get("w") {
                None => 0.5,
                Some(v) => match v.as_float().ok().or_else(|| v.as_int().ok().map(|i| i as f64)) {
                    Some(w) if (0.0..=1.0).contains(&w) => w,
                    _ => {
                        problems.push(problem(
                            line,
                            format!("rule `{name}`: `w` must be a number from 0 to 1"),
                            HINT_SHAPE,
                        ));
                        continue;
                    }
                },
            };
            let guard = match text_field(&map, "guard") {
                None => ImmutableString::new(),
                Some(Ok(guard)) => guard,
                Some(Err(())) => {
                    problems.push(problem(
                        line,
                        format!("rule `{name}`: `guard` must be text"),
                        HINT_SHAPE,
                    ));
                    continue;
                }
            };
            if let Some(first) = seen.insert(name.clone(), n) {
                problems.push(problem(
                    line,
                    format!("rules {first} and {n} are both called `{name}`"),
                    "give each rule its own `name`, so the script's guards can tell their hits apart",
                ));
                continue;
            }
            rules.push(Rule {
                name,
                rule,
                w,
                guard,
                pattern: patterns::compiled(&source),
                line,
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(RuleSet::with_searcher(rules))
    }

    fn with_searcher(rules: Vec<Rule>) -> RuleSet {
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        let mut always = Vec::new();
        for (id, rule) in rules.iter().enumerate() {
            let id = id as u32;
            match literal_set(rule.pattern.source()) {
                None => always.push(id),
                Some(set) => {
                    for literal in set {
                        let at = *index.entry(literal.clone()).or_insert_with(|| {
                            literals.push(literal);
                            owners.push(Vec::new());
                            literals.len() - 1
                        });
                        if owners[at].last() != Some(&id) {
                            owners[at].push(id);
                        }
                    }
                }
            }
        }
        let searcher = if literals.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .ok()
        };
        if searcher.is_none() {
            // No searcher (nothing to search for, or it could not be built):
            // every rule is tried, which gives the same hits.
            always = (0..rules.len() as u32).collect();
            owners.clear();
        }
        RuleSet {
            rules,
            searcher,
            owners,
            always,
        }
    }

    /// How many rules were declared.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether no rule was declared.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Compiles every rule's regex now (what `check` does), so a pattern that
    /// does not parse or is too big to compile is reported at its line.
    pub fn compile_all(&self) -> Vec<RuleProblem> {
        self.rules
            .iter()
            .filter_map(|rule| {
                rule.pattern.regex().err().map(|e| RuleProblem {
                    line: rule.line,
                    message: format!("rule `{}`: {e}", rule.name),
                    hint: HINT_PATTERN,
                })
            })
            .collect()
    }

    /// The rules that may match `text`, in declaration order: those one of
    /// whose literals occurs in it, and those with no literals.
    fn candidates(&self, text: &str) -> Vec<u32> {
        let Some(searcher) = &self.searcher else {
            return self.always.clone();
        };
        let mut hit = vec![false; self.rules.len()];
        for &id in &self.always {
            hit[id as usize] = true;
        }
        for found in searcher.find_overlapping_iter(text) {
            for &id in &self.owners[found.pattern().as_usize()] {
                hit[id as usize] = true;
            }
        }
        (0..self.rules.len() as u32).filter(|&id| hit[id as usize]).collect()
    }

    /// Every hit of every rule in `text`, sorted by start (then by the order the
    /// rules were declared in, then left to right), each a map `#{ name, rule,
    /// start, end, text, w, guard }` with `groups` (as `captures` gives them)
    /// when the rule's pattern has capture groups.
    pub fn hits(&self, text: &str) -> Result<Array, String> {
        let mut found: Vec<(usize, u32, Dynamic)> = Vec::new();
        for id in self.candidates(text) {
            let rule = &self.rules[id as usize];
            let re = rule
                .pattern
                .regex()
                .map_err(|e| format!("rule `{}` (line {}): {e}", rule.name, rule.line))?;
            if re.captures_len() > 1 {
                for caps in re.captures_iter(text) {
                    let Some(whole) = caps.get(0) else { continue };
                    let mut map = rule.hit(text, whole.start(), whole.end());
                    map.insert("groups".into(), Dynamic::from_array(groups_array(text, &caps)));
                    found.push((whole.start(), id, Dynamic::from_map(map)));
                }
            } else {
                for m in re.find_iter(text) {
                    found.push((m.start(), id, Dynamic::from_map(rule.hit(text, m.start(), m.end()))));
                }
            }
        }
        // Stable: one rule's hits stay left to right.
        found.sort_by_key(|(start, id, _)| (*start, *id));
        Ok(found.into_iter().map(|(_, _, hit)| hit).collect())
    }
}

impl Rule {
    fn hit(&self, text: &str, start: usize, end: usize) -> Map {
        let mut map = span_map(text, start, end);
        map.insert("name".into(), Dynamic::from(self.name.clone()));
        map.insert("rule".into(), Dynamic::from(self.rule.clone()));
        map.insert("w".into(), Dynamic::from_float(self.w));
        map.insert("guard".into(), Dynamic::from(self.guard.clone()));
        map
    }
}

thread_local! {
    /// The rules of the script being run on this thread (set by the scorer
    /// around each call), so `declared_hits` needs no handle from the script.
    static CURRENT: RefCell<Option<Arc<RuleSet>>> = const { RefCell::new(None) };
}

/// Runs `work` with `rules` as the current script's rules on this thread.
pub fn with_rules<T>(rules: Option<Arc<RuleSet>>, work: impl FnOnce() -> T) -> T {
    let before = CURRENT.with(|c| c.replace(rules));
    let result = work();
    CURRENT.with(|c| *c.borrow_mut() = before);
    result
}

/// `declared_hits(text)` for the script being run: its declared rules' hits in `text`.
pub fn current_hits(text: &str) -> Result<Array, String> {
    let rules = CURRENT.with(|c| c.borrow().clone());
    match rules {
        Some(rules) => rules.hits(text),
        None => Err(
            "this script declares no rules: define `fn rules()` to use declared_hits (see docs/scripting.md)".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str, rule: &str, pattern: &str, w: f64) -> Dynamic {
        let mut map = Map::new();
        map.insert("name".into(), Dynamic::from(name.to_string()));
        map.insert("rule".into(), Dynamic::from(rule.to_string()));
        map.insert("pattern".into(), Dynamic::from(pattern.to_string()));
        map.insert("w".into(), Dynamic::from_float(w));
        Dynamic::from_map(map)
    }

    fn set(rules: Vec<Dynamic>) -> RuleSet {
        RuleSet::from_value(Dynamic::from_array(rules), "fn rules() {}").expect("valid rules")
    }

    fn field(hit: &Dynamic, key: &str) -> Dynamic {
        hit.read_lock::<Map>()
            .and_then(|m| m.get(key).cloned())
            .unwrap_or(Dynamic::UNIT)
    }

    #[test]
    fn hits_are_those_of_find_all_rule_by_rule_sorted_by_start() {
        let patterns = [
            (r"(?i)\byou\s+never\b", "absolute"),
            (r"(?i)\bwhatever\b", "shutdown"),
            (r"(?i)\b(?:you|u)\b", "you"), // no literal set: always tried
        ];
        let rules = set(patterns
            .iter()
            .enumerate()
            .map(|(i, (p, r))| rule(&format!("r{i}"), r, p, 0.5))
            .collect());
        for text in [
            "Whatever. You never listen, u know",
            "nothing here",
            "",
            "WHATEVER you NEVER",
        ] {
            let mut expected: Vec<(usize, usize, usize)> = Vec::new();
            for (i, (p, _)) in patterns.iter().enumerate() {
                for m in regex::Regex::new(p).expect("valid").find_iter(text) {
                    expected.push((m.start(), i, m.end()));
                }
            }
            expected.sort();
            let got: Vec<(usize, usize, usize)> = rules
                .hits(text)
                .expect("compiles")
                .iter()
                .map(|h| {
                    let name = field(h, "name").into_string().unwrap_or_default();
                    (
                        field(h, "start").as_int().unwrap_or(-1) as usize,
                        name[1..].parse().unwrap_or(99),
                        field(h, "end").as_int().unwrap_or(-1) as usize,
                    )
                })
                .collect();
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn a_rule_with_groups_gives_them() {
        let rules = set(vec![rule(
            "out",
            "shutdown",
            r"(?i)(?:^|\.\s*)(i'?m\s+out)(\s*!)?",
            0.7,
        )]);
        let hits = rules.hits("ok. im out").expect("compiles");
        assert_eq!(hits.len(), 1);
        let groups = field(&hits[0], "groups").into_array().expect("groups");
        assert_eq!(field(&groups[0], "text").into_string().ok().as_deref(), Some("im out"));
        assert!(groups[1].is_unit(), "a group that took no part is ()");
        assert_eq!(field(&hits[0], "rule").into_string().ok().as_deref(), Some("shutdown"));
        assert_eq!(field(&hits[0], "w").as_float().ok(), Some(0.7));
    }

    #[test]
    fn bad_declarations_are_reported_at_their_line() {
        let script = "fn score(text) {}\nfn rules() {\n  [\n    #{ name: \"a\", pattern: `x` },\n    #{ name: \"b\", pattern: `(`, w: 2.0 },\n  ]\n}\n";
        let mut bad = Map::new();
        bad.insert("name".into(), Dynamic::from("b".to_string()));
        bad.insert("pattern".into(), Dynamic::from("(".to_string()));
        bad.insert("w".into(), Dynamic::from_float(2.0));
        let value = Dynamic::from_array(vec![
            rule("a", "a", "x", 0.5),
            Dynamic::from_map(bad),
            Dynamic::from_int(3),
        ]);
        let problems = RuleSet::from_value(value, script).expect_err("bad");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].line, 5, "the line naming rule b");
        assert!(problems[0].message.contains("`w`"), "{problems:?}");
        assert_eq!(problems[1].line, 2, "not a map: the line of fn rules");
        let dup = RuleSet::from_value(
            Dynamic::from_array(vec![rule("a", "a", "x", 0.5), rule("a", "a", "y", 0.5)]),
            script,
        )
        .expect_err("duplicate");
        assert!(dup[0].message.contains("both called `a`"), "{dup:?}");
        let not_array = RuleSet::from_value(Dynamic::from_int(1), script).expect_err("not an array");
        assert_eq!(not_array[0].line, 2);
    }

    #[test]
    fn a_bad_pattern_is_an_error_when_compiled_never_a_panic() {
        let script = "fn rules() {\n  [#{ name: \"broken\", pattern: `(unclosed` }]\n}\n";
        let unclosed = ["(?i)", "(unclosed"].concat();
        let rules = RuleSet::from_value(Dynamic::from_array(vec![rule("broken", "b", &unclosed, 0.5)]), script)
            .expect("declared well");
        let problems = rules.compile_all();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
        assert!(problems[0].message.contains("invalid pattern"), "{problems:?}");
        let err = rules.hits("any text").expect_err("reported on first use");
        assert!(err.contains("rule `broken` (line 2)"), "{err}");
    }

    #[test]
    fn without_rules_declared_hits_says_what_to_do() {
        let err = with_rules(None, || current_hits("text")).expect_err("no rules");
        assert!(err.contains("fn rules()"), "{err}");
        let rules = Arc::new(set(vec![rule("a", "a", r"(?i)\bhello\b", 0.5)]));
        let hits = with_rules(Some(rules), || current_hits("Hello there")).expect("hits");
        assert_eq!(hits.len(), 1);
    }
}
