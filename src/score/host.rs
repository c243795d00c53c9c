//! The functions scorer scripts call: regex search with a compiled-pattern cache,
//! word lists, and splitting into sentences, words and quotations.
//!
//! Every offset handed to a script is a byte offset into the original reply, so
//! matches can be quoted and highlighted exactly.

use super::lexicons::Lexicons;
use super::patterns::compiled_string;
use super::phrase_model::PhraseModel;
use super::text::{self, Span};
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map, INT};
use std::sync::Arc;

type Fallible<T> = Result<T, Box<EvalAltResult>>;

fn script_error(message: String) -> Box<EvalAltResult> {
    message.into()
}

/// A span of the reply as scripts see it, `#{start, end, text}` (also the shape of a
/// declared rule's hit, see `declared_rules`).
pub(super) fn span_map(text: &str, start: usize, end: usize) -> Map {
    let mut map = Map::new();
    map.insert("start".into(), Dynamic::from(start as INT));
    map.insert("end".into(), Dynamic::from(end as INT));
    map.insert("text".into(), Dynamic::from(text[start..end].to_string()));
    map
}

/// The capture groups of one match, each a [`span_map`], or `()` where a group took no
/// part in the match.
pub(super) fn groups_array(text: &str, caps: &regex::Captures) -> Array {
    caps.iter()
        .skip(1)
        .map(|g| match g {
            Some(g) => Dynamic::from_map(span_map(text, g.start(), g.end())),
            None => Dynamic::UNIT,
        })
        .collect()
}

fn spans_to_array(text: &str, spans: Vec<Span>) -> Array {
    spans
        .into_iter()
        .map(|s| Dynamic::from_map(span_map(text, s.start, s.end)))
        .collect()
}

/// The first span in `spans` that holds byte `pos`, or an empty span at `pos`.
/// Scripts call it for every hit with the reply's sentences; done here it reads
/// the spans in place instead of copying each one into the script.
fn sentence_at(spans: &mut Array, pos: INT) -> Dynamic {
    let bound = |span: &Map, key: &str| span.get(key).and_then(|v| v.as_int().ok());
    for item in spans.iter() {
        if let Some(span) = item.read_lock::<Map>() {
            if let (Some(start), Some(end)) = (bound(&span, "start"), bound(&span, "end")) {
                if pos >= start && pos < end {
                    return item.clone();
                }
            }
        }
    }
    let mut empty = Map::new();
    empty.insert("start".into(), Dynamic::from_int(pos));
    empty.insert("end".into(), Dynamic::from_int(pos));
    Dynamic::from_map(empty)
}

fn find_all(text: &str, pattern: &ImmutableString) -> Fallible<Array> {
    let re = compiled_string(pattern);
    let found = re
        .find_iter(text)
        .map_err(script_error)?
        .map(|m| Dynamic::from_map(span_map(text, m.start(), m.end())))
        .collect();
    Ok(found)
}

fn find_all_with_rule(text: &str, pattern: &ImmutableString, rule: ImmutableString) -> Fallible<Array> {
    let mut found = find_all(text, pattern)?;
    for item in &mut found {
        if let Some(mut map) = item.write_lock::<Map>() {
            map.insert("rule".into(), Dynamic::from(rule.clone()));
        }
    }
    Ok(found)
}

fn captures(text: &str, pattern: &ImmutableString) -> Fallible<Array> {
    let re = compiled_string(pattern);
    let found = re
        .captures_iter(text)
        .map_err(script_error)?
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let mut map = span_map(text, whole.start(), whole.end());
            map.insert("groups".into(), Dynamic::from_array(groups_array(text, &caps)));
            Some(Dynamic::from_map(map))
        })
        .collect();
    Ok(found)
}

/// The reply's quotations ([`text::quoted_spans`]) whose own text does not match
/// `pattern`, as `#{start, end, text}`. Every scorer asks for the reply's real
/// quotations (the prelude's `real_quotes`), several times a reply; which openings
/// are not quotations stays the script's call (the pattern), the loop is done here.
fn quoted_spans_except(text: &str, pattern: &ImmutableString) -> Fallible<Array> {
    let except = compiled_string(pattern);
    let mut kept = Array::new();
    for span in text::quoted_spans(text) {
        if !except.is_match(&text[span.start..span.end]).map_err(script_error)? {
            kept.push(Dynamic::from_map(span_map(text, span.start, span.end)));
        }
    }
    Ok(kept)
}

fn slice(text: &str, start: INT, end: INT) -> Fallible<String> {
    let (start, end) = (start.max(0) as usize, end.max(0) as usize);
    let end = end.min(text.len());
    if start > end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err(script_error(format!(
            "slice({start}, {end}) is not a valid span of a {}-byte text; use offsets from find_all, words or sentences",
            text.len()
        )));
    }
    Ok(text[start..end].to_string())
}

/// The phrase models in `scripts/models/`, by name (`blame.tsv` is `blame`).
pub type PhraseModels = std::collections::BTreeMap<String, PhraseModel>;

/// How many of the phrases behind a model's opinion a script is given.
const MODEL_PHRASES_SHOWN: usize = 5;

fn model_opinion(models: &PhraseModels, name: &str, text: &str) -> Fallible<Map> {
    let Some(model) = models.get(name) else {
        let mut message = format!("there is no phrase model scripts/models/{name}.tsv");
        if let Some(close) = crate::diagnostic::did_you_mean(name, models.keys().map(String::as_str)) {
            message.push_str(&format!(" (did you mean `{close}`?)"));
        }
        message.push_str("; `rehearse train` writes one");
        return Err(script_error(message));
    };
    let opinion = model.opinion(text);
    let phrases: Array = opinion
        .phrases
        .iter()
        .take(MODEL_PHRASES_SHOWN)
        .map(|c| {
            let mut map = span_map(text, c.start, c.end);
            map.insert("phrase".into(), Dynamic::from(c.phrase.clone()));
            map.insert("w".into(), Dynamic::from(c.weight));
            Dynamic::from_map(map)
        })
        .collect();
    let mut map = Map::new();
    map.insert("p".into(), Dynamic::from(opinion.probability));
    map.insert("phrases".into(), Dynamic::from_array(phrases));
    Ok(map)
}

/// Registers every host function on `engine`; `lexicons` are the loaded word lists
/// and `models` the phrase models.
pub fn register(engine: &mut Engine, lexicons: Arc<Lexicons>, models: Arc<PhraseModels>) {
    engine.register_fn("phrase_model", move |name: &str, text: &str| {
        model_opinion(&models, name, text)
    });
    // Patterns are taken as rhai's shared strings, not `&str`, so the pattern
    // can be found by the string's identity (`compiled_string`).
    engine.register_fn("find_all", |text: &str, pattern: ImmutableString| {
        find_all(text, &pattern)
    });
    engine.register_fn(
        "find_all",
        |text: &str, pattern: ImmutableString, rule: ImmutableString| find_all_with_rule(text, &pattern, rule),
    );
    // Every hit of the running script's declared rules (`fn rules()`) in one pass.
    engine.register_fn("declared_hits", |text: &str| -> Fallible<Array> {
        super::declared_rules::current_hits(text).map_err(script_error)
    });
    engine.register_fn("captures", |text: &str, pattern: ImmutableString| {
        captures(text, &pattern)
    });
    engine.register_fn("is_match", |text: &str, pattern: ImmutableString| -> Fallible<bool> {
        compiled_string(&pattern).is_match(text).map_err(script_error)
    });
    engine.register_fn(
        "count_matches",
        |text: &str, pattern: ImmutableString| -> Fallible<INT> {
            Ok(compiled_string(&pattern).find_iter(text).map_err(script_error)?.count() as INT)
        },
    );
    // Shared, so that passing a reply's sentences to a script function (which copies
    // its arguments) copies a pointer, not every sentence: scripts pass `sents` to
    // per-hit checks, and on a long paste the copies were quadratic.
    engine.register_fn("sentences", |text: &str| {
        Dynamic::from_array(spans_to_array(text, text::sentences(text))).into_shared()
    });
    engine.register_fn("sentence_at", sentence_at);
    engine.register_fn("words", |text: &str| spans_to_array(text, text::words(text)));
    engine.register_fn("quoted_spans", |text: &str| {
        spans_to_array(text, text::quoted_spans(text))
    });
    engine.register_fn("quoted_spans_except", |text: &str, pattern: ImmutableString| {
        quoted_spans_except(text, &pattern)
    });
    engine.register_fn("slice", slice);
    engine.register_fn("clamp01", |x: f64| x.clamp(0.0, 1.0));
    engine.register_fn("clamp01", |x: INT| (x as f64).clamp(0.0, 1.0));

    let lists = Arc::clone(&lexicons);
    engine.register_fn("lexicon", move |name: &str| -> Fallible<Array> {
        match lists.get(name) {
            Some(entries) => Ok(entries.iter().map(|e| Dynamic::from(e.clone())).collect()),
            None => Err(missing_lexicon(&lists, name)),
        }
    });
    let lists = lexicons;
    engine.register_fn("lexicon_pattern", move |name: &str| -> Fallible<String> {
        match lists.pattern(name) {
            Some(pattern) => Ok(pattern.to_string()),
            None => Err(missing_lexicon(&lists, name)),
        }
    });
}

fn missing_lexicon(lexicons: &Lexicons, name: &str) -> Box<EvalAltResult> {
    let known: Vec<&str> = lexicons.names().collect();
    let mut message = format!("there is no word list scripts/lexicons/{name}.txt");
    if let Some(close) = crate::diagnostic::did_you_mean(name, known.iter().copied()) {
        message.push_str(&format!(" (did you mean `{close}`?)"));
    }
    script_error(message)
}
