//! Printable exercise sheets for workshops (`rehearse handout ID`): the situation,
//! who the partner is and how they open, the skills practised with the
//! scenario's own example wordings, and numbered space to write replies by hand.
//! A facilitator's section follows: the coach's note for every moment, the
//! endings with their debriefs, and the scenario's own test conversations that
//! reach a good ending, as model answers. `--no-answers` leaves that section out,
//! for the copies handed to participants.
//!
//! Markdown or one self-contained HTML page (no script, nothing fetched). All
//! text comes from the scenario file and is escaped by the project's escapers
//! (`markup::escape`, the transcript's Markdown escape): a scenario from anyone
//! is data, never markup.

mod html;
mod markdown;

use crate::scenario::{AuthorTest, EndingKind, Outcome, Scenario};
use crate::session::{Next, ScorerRef, Session};

/// The handout formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HandoutFormat {
    /// Markdown: prints as it is, or through any Markdown viewer.
    #[value(alias = "markdown")]
    Md,
    /// One self-contained web page, laid out for printing.
    Html,
}

/// The numbered reply spaces of a sheet: a first reply, then two more ways of
/// saying it, as people practise in the app (on paper there is no partner to
/// answer, so the sheet practises the opening move).
pub const REPLY_HEADINGS: [&str; 3] = ["Your first reply", "Another way to say it", "One more way"];

/// At most this many model answers are printed; a scenario may have dozens of
/// good-ending tests, and three show the range without filling pages.
pub const MAX_MODEL_ANSWERS: usize = 3;

/// One exchange of a model answer: the reply and what the partner said next.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub reply: String,
    pub partner: String,
}

/// One of the scenario's tests that reaches a good ending, played through.
#[derive(Debug, Clone)]
pub struct ModelAnswer {
    /// The test's name, which says what the conversation shows.
    pub name: String,
    pub opening: String,
    pub exchanges: Vec<Exchange>,
    pub ending_title: String,
}

/// The model answers of a sheet: the first few, and how many more the file has.
#[derive(Debug, Clone, Default)]
pub struct ModelAnswers {
    pub shown: Vec<ModelAnswer>,
    pub more: usize,
}

/// Plays the scenario's tests that are written to end well, in file order,
/// until [`MAX_MODEL_ANSWERS`] really reach a good ending (a test that fails
/// today is not shown as a model). The rest are counted, not played.
pub fn model_answers(scenario: &Scenario, scorer: &dyn ScorerRef) -> ModelAnswers {
    let good_tests: Vec<_> = scenario
        .tests
        .iter()
        .filter(|t| match &t.outcome {
            Outcome::Ends(id) => scenario.endings.get(id).is_some_and(|e| e.kind == EndingKind::Good),
            _ => false,
        })
        .collect();
    let mut shown = Vec::new();
    let mut played = 0;
    for test in &good_tests {
        if shown.len() == MAX_MODEL_ANSWERS {
            break;
        }
        played += 1;
        if let Some(answer) = model_answer(scenario, scorer, test) {
            shown.push(answer);
        }
    }
    ModelAnswers {
        shown,
        more: good_tests.len() - played,
    }
}

/// `test` played through, if it reaches a good ending.
fn model_answer(scenario: &Scenario, scorer: &dyn ScorerRef, test: &AuthorTest) -> Option<ModelAnswer> {
    let session = Session::replay(scenario, scorer, test.seed, &test.replies).ok()?;
    let ending = session.ending().filter(|e| e.kind == EndingKind::Good)?;
    let exchanges = session
        .turns()
        .iter()
        .map(|turn| Exchange {
            reply: turn.reply.clone(),
            partner: match &turn.next {
                Next::Beat(line) => line.line.clone(),
                Next::Ending(end) => end.line.clone(),
            },
        })
        .collect();
    Some(ModelAnswer {
        name: test.name.clone(),
        opening: session.opening().line.clone(),
        exchanges,
        ending_title: ending.display_title(),
    })
}

/// The sheet for `scenario`; `answers` is `None` for a participants' copy.
pub fn render(scenario: &Scenario, answers: Option<&ModelAnswers>, format: HandoutFormat) -> String {
    match format {
        HandoutFormat::Md => markdown::render(scenario, answers),
        HandoutFormat::Html => html::render(scenario, answers),
    }
}

/// A skill as a participant would name it. The bundled scorers have plain names;
/// a scenario's own scorer is shown by its name in words.
pub fn skill_label(name: &str) -> String {
    match name {
        "i_statement" => "Saying how you feel and what you would like".to_string(),
        "validation" => "Showing you understand their side".to_string(),
        "apology" => "Apologising for what you did".to_string(),
        "repair" => "Catching yourself and trying again".to_string(),
        "boundary" => "Saying a clear limit, warmly".to_string(),
        "offer" => "Offering what you can do instead".to_string(),
        other => capitalised(&crate::scenario::load::humanise(other)),
    }
}

/// `text` with its first letter in capitals: "conflict" → "Conflict".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The sentence that introduces the model answers, before escaping.
fn answers_intro(scenario: &Scenario, answers: &ModelAnswers) -> String {
    if answers.shown.is_empty() {
        return "This scenario has no test conversation that reaches a good ending yet.".to_string();
    }
    let more = if answers.more > 0 {
        format!(
            " (the first {MAX_MODEL_ANSWERS}; {} more are in {})",
            answers.more, scenario.source
        )
    } else {
        String::new()
    };
    format!("The scenario's own test conversations that reach a good ending{more}.")
}

/// `Sam, your partner` (with pronouns when the scenario gives them).
fn partner_text(scenario: &Scenario) -> String {
    let persona = &scenario.persona;
    match &persona.pronouns {
        Some(pronouns) => format!("{}, your {} ({pronouns})", persona.name, persona.relation),
        None => format!("{}, your {}", persona.name, persona.relation),
    }
}

/// `Conflict · difficulty 2 of 5`
fn family_line(scenario: &Scenario) -> String {
    format!(
        "{} · difficulty {} of 5",
        capitalised(scenario.category.as_str()),
        scenario.difficulty
    )
}

/// The partner's opening lines: every variant of the first beat.
fn openings(scenario: &Scenario) -> &[String] {
    scenario.beats.get(&scenario.start).map_or(&[], |b| b.say.as_slice())
}

/// What a debrief part is introduced with: nothing for a part always shown, its
/// condition for one shown only when it holds.
fn debrief_condition(part: &crate::scenario::DebriefPart) -> Option<&str> {
    part.when.as_ref().map(|w| w.source.as_str())
}
