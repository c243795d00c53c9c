//! The group, counted: how many reached each ending, how each skill is spread
//! over the people, where conversations turned, the blaming phrases heard most
//! and the best reframes. Pure: conversations in, numbers and quotes out; the
//! Markdown and HTML renderers only lay this out.
//!
//! Conversations are grouped by scenario (each carries its scenario), since
//! endings and beats only mean something within one. Nothing here keeps a
//! participant's name except the grid, which renderers show only with `--names`.

use super::run::{ParticipantResult, PlayedTurn};
use crate::journal::event::ScenarioRef;
use crate::render::is_harmful;
use crate::scenario::EndingKind;
use crate::score::PRESENT;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The bands a skill's spread is counted in: 0–0.2, 0.2–0.4, … 0.8–1.
pub const BANDS: usize = 5;
/// How many blaming phrases and reframes a report quotes at most.
pub const MAX_QUOTES: usize = 8;
/// How many reframes of one skill a report quotes at most.
const MAX_REFRAMES_PER_SKILL: usize = 2;

/// The label of the conversations whose replies ran out before an ending.
pub const UNFINISHED: &str = "Unfinished: the replies ran out first";

/// How many people ended one way.
#[derive(Debug, Clone, PartialEq)]
pub struct EndingCount {
    /// The ending's title, or "unfinished".
    pub label: String,
    /// `good`, `stuck`, `escalated` or `unfinished`.
    pub kind: String,
    pub count: usize,
}

/// How one skill is spread over the people.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillSpread {
    pub skill: String,
    /// Blame and stonewalling: less is better.
    pub harmful: bool,
    /// People per band of their average score.
    pub bands: [usize; BANDS],
    /// People with at least one reply (the bands add up to this).
    pub people: usize,
    pub median: f64,
    /// Share of all replies in which the skill was present (score ≥ 0.5).
    pub present_share: f64,
}

/// Where conversations turned, by the definition in `definition`.
#[derive(Debug, Clone, PartialEq)]
pub struct Turning {
    /// One line saying what "turned" means here.
    pub definition: String,
    /// Beats where conversations turned, most first.
    pub beats: Vec<TurnBeat>,
    /// Conversations that did not end well (the ones a turn is looked for in).
    pub not_good: usize,
}

/// One beat where conversations turned.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnBeat {
    pub beat: String,
    pub count: usize,
    /// What the partner said there, most often.
    pub partner_line: String,
    /// Whether the partner said it in other wordings too.
    pub other_wordings: bool,
    /// The rules the turning replies took there, most taken first.
    pub rules: Vec<RuleCount>,
}

/// A rule and how many turning replies took it.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleCount {
    /// `rule 1 (blame >= 0.5)`
    pub rule: String,
    /// The author's note on the rule: what the partner heard.
    pub note: Option<String>,
    pub count: usize,
}

/// A blaming phrase and how many people used it.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseCount {
    pub text: String,
    /// The family of pattern, in words: `absolute`, `criticism`…
    pub family: String,
    pub people: usize,
}

/// A reply that did something well.
#[derive(Debug, Clone, PartialEq)]
pub struct Reframe {
    pub text: String,
    pub skill: String,
    pub score: f64,
}

/// One person's row in the `--names` grid.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    pub participant: String,
    pub outcome: String,
    pub averages: BTreeMap<String, f64>,
}

/// Everything a report says about the people who played one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioGroup {
    pub scenario: ScenarioRef,
    pub size: usize,
    pub endings: Vec<EndingCount>,
    pub skills: Vec<SkillSpread>,
    pub turning: Turning,
    pub blaming: Vec<PhraseCount>,
    pub reframes: Vec<Reframe>,
    /// Per person; shown only with `--names`.
    pub grid: Vec<GridRow>,
}

/// The conversations grouped by scenario, in the order each scenario first appears.
pub fn group(conversations: &[ParticipantResult]) -> Vec<ScenarioGroup> {
    let mut order: Vec<&ScenarioRef> = Vec::new();
    let mut by_id: HashMap<&str, Vec<&ParticipantResult>> = HashMap::new();
    for c in conversations {
        if !by_id.contains_key(c.scenario.id.as_str()) {
            order.push(&c.scenario);
        }
        by_id.entry(c.scenario.id.as_str()).or_default().push(c);
    }
    order
        .into_iter()
        .map(|scenario| analyse(scenario, &by_id[scenario.id.as_str()]))
        .collect()
}

/// Keeps the groups whose scenario is in `order`, in that order (an exercise
/// set's); returns the ids of the scenarios left out, in the order they came.
pub fn keep_in_order(groups: &mut Vec<ScenarioGroup>, order: &[String]) -> Vec<String> {
    let left_out = groups
        .iter()
        .filter(|g| !order.contains(&g.scenario.id))
        .map(|g| g.scenario.id.clone())
        .collect();
    groups.retain(|g| order.contains(&g.scenario.id));
    groups.sort_by_key(|g| order.iter().position(|id| *id == g.scenario.id));
    left_out
}

/// The groups smaller than `min`, as a message saying why none of the report is
/// given; `None` when every group is large enough.
pub fn too_small(groups: &[ScenarioGroup], min: usize) -> Option<String> {
    let small: Vec<String> = groups
        .iter()
        .filter(|g| g.size < min)
        .map(|g| {
            let people = if g.size == 1 {
                "1 person".to_string()
            } else {
                format!("{} people", g.size)
            };
            format!("`{}` ({people})", g.scenario.id)
        })
        .collect();
    if small.is_empty() {
        return None;
    }
    Some(format!(
        "no report was written: {} {} fewer than {min} people. In a group that small, the endings, the quotes and the averages can point to one person, and the report is meant to show patterns without showing who said what. Add more conversations, leave that scenario's files out, or, if everyone in the room agrees to be seen, lower the bar with --min-group.",
        small.join(", "),
        if small.len() == 1 { "has" } else { "have" }
    ))
}

/// Everything about one scenario's conversations.
fn analyse(scenario: &ScenarioRef, conversations: &[&ParticipantResult]) -> ScenarioGroup {
    ScenarioGroup {
        scenario: scenario.clone(),
        size: conversations.len(),
        endings: endings(conversations),
        skills: skills(conversations),
        turning: turning(conversations),
        blaming: blaming(conversations),
        reframes: reframes(conversations),
        grid: conversations
            .iter()
            .map(|c| GridRow {
                participant: c.participant.clone(),
                outcome: c.outcome(),
                averages: c.averages.clone(),
            })
            .collect(),
    }
}

fn kind_rank(kind: &str) -> usize {
    ["good", "stuck", "escalated", "unfinished"]
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(4)
}

fn endings(conversations: &[&ParticipantResult]) -> Vec<EndingCount> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for c in conversations {
        let key = match &c.ending {
            Some(e) => (e.kind.as_str().to_string(), e.display_title()),
            None => ("unfinished".to_string(), UNFINISHED.to_string()),
        };
        *counts.entry(key).or_default() += 1;
    }
    let mut endings: Vec<EndingCount> = counts
        .into_iter()
        .map(|((kind, label), count)| EndingCount { label, kind, count })
        .collect();
    endings.sort_by(|a, b| {
        kind_rank(&a.kind)
            .cmp(&kind_rank(&b.kind))
            .then(b.count.cmp(&a.count))
            .then(a.label.cmp(&b.label))
    });
    endings
}

fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// The band of a score: 0.0–0.2 is band 0, … 0.8–1.0 (1.0 included) is band 4.
pub fn band(score: f64) -> usize {
    ((score.clamp(0.0, 1.0) * BANDS as f64) as usize).min(BANDS - 1)
}

fn skills(conversations: &[&ParticipantResult]) -> Vec<SkillSpread> {
    let names: BTreeSet<&String> = conversations.iter().flat_map(|c| c.averages.keys()).collect();
    names
        .into_iter()
        .map(|skill| {
            let mut bands = [0usize; BANDS];
            let mut averages = Vec::new();
            let (mut replies, mut present) = (0usize, 0usize);
            for c in conversations.iter().filter(|c| !c.turns.is_empty()) {
                let average = c.averages.get(skill).copied().unwrap_or(0.0);
                bands[band(average)] += 1;
                averages.push(average);
                for t in &c.turns {
                    replies += 1;
                    if t.turn.report.get(skill) >= PRESENT {
                        present += 1;
                    }
                }
            }
            SkillSpread {
                skill: skill.clone(),
                harmful: is_harmful(skill),
                bands,
                people: averages.len(),
                median: median(&mut averages),
                present_share: if replies == 0 {
                    0.0
                } else {
                    present as f64 / replies as f64
                },
            }
        })
        .collect()
}

fn ended_well(c: &ParticipantResult) -> bool {
    c.ending.as_ref().is_some_and(|e| e.kind == EndingKind::Good)
}

/// `rule 1 (blame >= 0.5)`
fn rule_text(turn: &PlayedTurn) -> String {
    let when = turn.turn.rule.when.as_deref().unwrap_or("otherwise");
    format!("rule {} ({when})", turn.turn.rule.number)
}

/// Each distinct item of `items` with its count, most first, ties in the
/// items' own order: a report must not change with the order of its inputs
/// (journals are listed by the time they were written).
fn counted<T: Ord + Clone>(items: &[T]) -> Vec<(T, usize)> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(i, _)| i == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item.clone(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

/// The definitions of "turned", one line each, as the report prints them.
pub const TURNED_AT_PARTING: &str = "A conversation that did not end well turned at its first reply that took a path (a rule at a beat) that no conversation with a good ending took.";
pub const TURNED_AT_FIRST_HARM: &str = "No conversation reached a good ending, so a conversation turned at its first reply that blamed or shut down (blame or stonewalling 0.5 or more).";

/// Where the conversations that did not end well turned: at the first reply
/// that left every path a good conversation took; or, when no conversation
/// ended well and there is no good path to leave, at the first blaming or
/// shutting-down reply.
fn turning(conversations: &[&ParticipantResult]) -> Turning {
    let good_steps: HashSet<(&str, usize)> = conversations
        .iter()
        .filter(|c| ended_well(c))
        .flat_map(|c| c.turns.iter().map(|t| (t.turn.beat.as_str(), t.turn.rule.number)))
        .collect();
    let not_good: Vec<&&ParticipantResult> = conversations.iter().filter(|c| !ended_well(c)).collect();
    let definition = if good_steps.is_empty() {
        TURNED_AT_FIRST_HARM
    } else {
        TURNED_AT_PARTING
    };
    let turned_at = |c: &ParticipantResult| -> Option<usize> {
        c.turns.iter().position(|t| {
            if good_steps.is_empty() {
                let r = &t.turn.report;
                r.get("blame") >= PRESENT || r.get("stonewalling") >= PRESENT
            } else {
                !good_steps.contains(&(t.turn.beat.as_str(), t.turn.rule.number))
            }
        })
    };
    // Beat → (the partner lines and the rules of the turning replies), in first-seen order.
    let mut order: Vec<String> = Vec::new();
    type Rule = (String, Option<String>);
    let mut seen: HashMap<String, (Vec<String>, Vec<Rule>)> = HashMap::new();
    for c in &not_good {
        if let Some(i) = turned_at(c) {
            let turn = &c.turns[i];
            let beat = turn.turn.beat.clone();
            if !seen.contains_key(&beat) {
                order.push(beat.clone());
            }
            let entry = seen.entry(beat).or_default();
            entry.0.push(turn.partner.clone());
            entry.1.push((rule_text(turn), turn.turn.rule.note.clone()));
        }
    }
    let mut beats: Vec<TurnBeat> = order
        .into_iter()
        .map(|beat| {
            let (lines, rules) = &seen[&beat];
            let wordings = counted(lines);
            TurnBeat {
                count: lines.len(),
                partner_line: wordings.first().map(|(line, _)| line.clone()).unwrap_or_default(),
                other_wordings: wordings.len() > 1,
                rules: counted(rules)
                    .into_iter()
                    .map(|((rule, note), count)| RuleCount { rule, note, count })
                    .collect(),
                beat,
            }
        })
        .collect();
    beats.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.beat.cmp(&b.beat)));
    Turning {
        definition: definition.to_string(),
        beats,
        not_good: not_good.len(),
    }
}

/// A phrase as counted: lower case, inner spaces collapsed, outer punctuation gone.
fn phrase_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The blaming phrases of replies that counted as blaming, by how many people used them.
fn blaming(conversations: &[&ParticipantResult]) -> Vec<PhraseCount> {
    // Phrase → (family, the people who used it), in first-seen order.
    let mut order: Vec<String> = Vec::new();
    let mut people: HashMap<String, (String, HashSet<usize>)> = HashMap::new();
    for (who, c) in conversations.iter().enumerate() {
        for t in c.turns.iter().filter(|t| t.turn.report.present("blame")) {
            for m in t.turn.report.matches_for("blame") {
                let key = phrase_key(&m.text);
                if key.is_empty() {
                    continue;
                }
                if !people.contains_key(&key) {
                    order.push(key.clone());
                }
                people
                    .entry(key)
                    .or_insert_with(|| (m.rule.replace('_', " "), HashSet::new()))
                    .1
                    .insert(who);
            }
        }
    }
    let mut phrases: Vec<PhraseCount> = order
        .into_iter()
        .map(|text| {
            let (family, who) = &people[&text];
            PhraseCount {
                family: family.clone(),
                people: who.len(),
                text,
            }
        })
        .collect();
    phrases.sort_by(|a, b| b.people.cmp(&a.people).then_with(|| a.text.cmp(&b.text)));
    phrases.truncate(MAX_QUOTES);
    phrases
}

/// The best-scoring replies on the helpful skills, among replies that neither
/// blamed nor shut down: at most two per skill, each reply once.
fn reframes(conversations: &[&ParticipantResult]) -> Vec<Reframe> {
    let mut candidates: Vec<Reframe> = Vec::new();
    for c in conversations {
        for t in &c.turns {
            let report = &t.turn.report;
            if report.present("blame") || report.present("stonewalling") {
                continue;
            }
            for (skill, &score) in report.skills() {
                if !is_harmful(skill) && score >= PRESENT {
                    candidates.push(Reframe {
                        text: t.turn.reply.clone(),
                        skill: skill.clone(),
                        score,
                    });
                }
            }
        }
    }
    // Best first; equal scores in the replies' own order, whatever the order of the inputs.
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.text.cmp(&b.text))
            .then_with(|| a.skill.cmp(&b.skill))
    });
    let mut chosen: Vec<Reframe> = Vec::new();
    let mut per_skill: HashMap<String, usize> = HashMap::new();
    let mut quoted: HashSet<String> = HashSet::new();
    for candidate in candidates {
        if chosen.len() == MAX_QUOTES {
            break;
        }
        let n = per_skill.entry(candidate.skill.clone()).or_default();
        if *n >= MAX_REFRAMES_PER_SKILL || !quoted.insert(phrase_key(&candidate.text)) {
            continue;
        }
        *n += 1;
        chosen.push(candidate);
    }
    chosen
}

/// A skill's name as a report shows it: `i_statement` is "I-statement".
pub fn skill_label(skill: &str) -> String {
    match skill {
        "i_statement" => "I-statement".to_string(),
        other => other.replace('_', " "),
    }
}

/// The band's name: `0.2–0.4`.
pub fn band_label(band: usize) -> String {
    let low = band as f64 / BANDS as f64;
    let high = (band + 1) as f64 / BANDS as f64;
    format!("{low:.1}–{high:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_zero_to_one() {
        assert_eq!(band(0.0), 0);
        assert_eq!(band(0.19), 0);
        assert_eq!(band(0.2), 1);
        assert_eq!(band(0.99), 4);
        assert_eq!(band(1.0), 4);
        assert_eq!(band(f64::NAN.max(0.0)), 0);
    }

    #[test]
    fn phrases_are_counted_without_case_or_punctuation() {
        assert_eq!(phrase_key("  You NEVER, "), "you never");
    }
}
