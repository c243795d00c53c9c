//! The scenario format as a JSON Schema, for editors: with it, an editor that
//! runs yaml-language-server (VS Code's YAML extension, Neovim, Helix, Zed…)
//! completes keys, explains each one on hover and underlines mistakes as they
//! are typed. `rehearse schema` prints it; `docs/scenario.schema.json` is the
//! same text, checked in so scenario files can point at it.
//!
//! Draft-07, the newest draft yaml-language-server supports. Built from the
//! loader's own names and limits (families, ending kinds, dial range, counts),
//! so the two cannot drift apart; a test validates every bundled scenario and
//! the `rehearse new` template against it. The schema catches the shape of a
//! file; `rehearse check` still catches meaning (a `goto` that names no beat,
//! a condition that reads an unknown score).

use super::limits::{MAX_BEATS, MAX_DIALS, MAX_ENDINGS, MAX_RULES_PER_BEAT, MAX_TESTS, MAX_VARIANTS};
use super::model::{Category, EndingKind, DIAL_MAX, DIAL_MIN};
use serde_json::{json, Value};

/// The first line that points an editor at the schema, given the schema's
/// path relative to the scenario file.
pub fn modeline(schema_path: &str) -> String {
    format!("# yaml-language-server: $schema={schema_path}")
}

/// The name the schema file is given beside a scenario library.
pub const SCHEMA_FILE: &str = "scenario.schema.json";

/// Text that shows something (not empty, not only spaces), as `check` requires.
const SHOWN: &str = r"\S";
/// An id of a scenario, beat or ending (`is_valid_id` in load.rs).
const ID: &str = "^[a-z][a-z0-9_-]*$";
/// A dial or score name (`is_valid_score_name`).
const NAME: &str = "^[a-z_][a-z0-9_]*$";
/// A condition typed with plain keys: symbols pasted from a word processor
/// (`≥`, `≤`, `≠`, curly quotes, long dashes) are not understood.
const PLAIN_SYMBOLS: &str = "^[^≥≤≠−–×÷“”]*$";
/// A test's comparison: `>= 0.5`, `< 3`, `== 6`, or a number alone.
const COMPARISON: &str = r"^\s*(>=|<=|==|!=|>|<|=)?\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$";

fn text(description: &str) -> Value {
    json!({ "type": "string", "pattern": SHOWN, "description": description })
}

/// A shared definition, with a description of what it is for at this spot.
fn of(definition: &str, description: &str) -> Value {
    json!({ "description": description, "allOf": [{ "$ref": format!("#/definitions/{definition}") }] })
}

/// The whole schema, as a JSON value.
pub fn scenario_schema() -> Value {
    let families: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    let kinds: Vec<&str> = EndingKind::ALL.iter().map(|k| k.as_str()).collect();
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "rehearse scenario",
        "description": "A short play in one YAML file: the partner speaks, the person practising replies in their own words, and the reply's scores decide where the play goes next. See docs/authoring.md; run `rehearse check FILE` after every edit.",
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "title", "category", "difficulty", "summary", "content_notes", "persona", "start", "beats", "endings"],
        "properties": {
            "id": {
                "type": "string",
                "pattern": ID,
                "description": "The name used on the command line (`rehearse play dishes-again`): lowercase letters, digits and hyphens, starting with a letter. Unique in the library."
            },
            "title": text("The scenario's name, shown in the menu."),
            "category": {
                "enum": families,
                "description": "The family: `conflict` (raising a complaint without attacking), `boundary` (saying no, asking for space) or `repair` (apologising and reconnecting). A file in scenarios/boundary/ must say `boundary`, and so on."
            },
            "difficulty": {
                "type": "integer",
                "minimum": 1,
                "maximum": 5,
                "description": "A whole number from 1 (gentle) to 5 (very hard)."
            },
            "summary": text("One line, shown in the menu: the situation and what you want to do in it."),
            "content_notes": {
                "type": "array",
                "minItems": 1,
                "items": text("One thing the scenario touches on."),
                "description": "What the scenario touches on (`[raised voices, money]`), shown before it starts so a person can choose."
            },
            "persona": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name", "relation"],
                "description": "The person you are talking to.",
                "properties": {
                    "name": text("Their name, as the play calls them."),
                    "relation": text("Who they are to you: partner, mother, adult son, roommate, manager…"),
                    "pronouns": { "type": "string", "description": "Their pronouns, if the play should know them (e.g. she/her)." }
                }
            },
            "setting": {
                "type": "string",
                "description": "Optional: a few sentences of scene-setting, the stage directions read before the first line."
            },
            "state": {
                "type": "object",
                "maxProperties": MAX_DIALS,
                "propertyNames": { "pattern": NAME },
                "additionalProperties": {
                    "type": "integer",
                    "minimum": DIAL_MIN as i64,
                    "maximum": DIAL_MAX as i64,
                    "description": "The dial's starting value: a whole number from 0 to 10."
                },
                "description": "Named dials (like `tension` and `trust`) that replies move and rules read, each with its starting value, a whole number from 0 to 10. Names are lowercase letters and underscores."
            },
            "examples": {
                "type": "object",
                "propertyNames": { "pattern": NAME },
                "additionalProperties": of("lines", "An example wording of this skill, or a list of them."),
                "description": "The scenario's own example wordings, by score name (`i_statement`, `boundary`, `validation`…): tips quote these instead of a generic example. `rehearse test` checks each scores at least 0.5 on its skill."
            },
            "scorers": {
                "type": "array",
                "items": { "type": "string", "pattern": "\\.rhai$", "description": "A .rhai script beside this file; its name becomes a score." },
                "description": "Scorer scripts that come with this scenario, beside its file (`[money.rhai]` adds a score called `money`). See docs/scripting.md."
            },
            "cues": {
                "type": "array",
                "items": { "type": "string", "pattern": "\\.rhai$", "description": "A .rhai script beside this file; its name becomes a score the conditions can read." },
                "description": "Scripts beside this file that notice something only this scenario reacts to (`[debt.rhai]`: the debt was named). Their scores steer conditions like any other, but the person is not shown them as skills."
            },
            "start": {
                "type": "string",
                "pattern": ID,
                "description": "The beat the play begins with."
            },
            "beats": {
                "type": "object",
                "minProperties": 1,
                "maxProperties": MAX_BEATS,
                "propertyNames": { "pattern": ID },
                "additionalProperties": { "$ref": "#/definitions/beat" },
                "description": "The partner's turns, each waiting for a reply, by name (lowercase letters, digits, `-` and `_`)."
            },
            "endings": {
                "type": "object",
                "minProperties": 1,
                "maxProperties": MAX_ENDINGS,
                "propertyNames": { "pattern": ID },
                "additionalProperties": { "$ref": "#/definitions/ending" },
                "description": "Where the play can end, by name: at least one `kind: good`, usually also a `stuck` and an `escalated` one."
            },
            "tests": {
                "type": "array",
                "maxItems": MAX_TESTS,
                "items": { "$ref": "#/definitions/test" },
                "description": "Conversations that `rehearse test` plays to check the scenario: one per ending at least, and enough that every rule fires in one of them (`rehearse test --coverage`)."
            }
        },
        "definitions": {
            "line": text("A line of text. A line with `: ` in it, or starting with a quote, must be in double quotes."),
            "lines": {
                "description": "A line of text, or a list of variants (one is picked at random, repeatably for a given seed).",
                "oneOf": [
                    { "$ref": "#/definitions/line" },
                    { "type": "array", "minItems": 1, "maxItems": MAX_VARIANTS, "items": { "$ref": "#/definitions/line" } }
                ]
            },
            "condition": {
                "description": "A condition: compare numbers with >=, >, <=, <, ==, != and join with && (and), || (or), ! (not), e.g. `blame >= 0.5 && tension > 6`. It can read the scores (blame, i_statement, apology, validation, boundary, repair, stonewalling, offer, and the scenario's own), the dials, `turn`, `words`, and the session facts (best_<score>, first_<score>, limit_stated, said_feeling, said_situation, said_need, quiet_turns). Type the symbols with plain keys.",
                "oneOf": [
                    { "type": "string", "pattern": PLAIN_SYMBOLS },
                    { "type": "boolean" }
                ]
            },
            "dial_change": {
                "description": "The dial's new value, worked out from the old ones: `tension + 2`, `trust - 1`, or a number to set it outright. Results are kept between 0 and 10. (`+1` alone sets the dial to 1: write `trust + 1` to add one.)",
                "oneOf": [
                    { "type": "string", "pattern": PLAIN_SYMBOLS },
                    { "type": "number" }
                ]
            },
            "beat": {
                "type": "object",
                "additionalProperties": false,
                "required": ["say", "on_reply"],
                "description": "One of the partner's turns: what they say, a coach note, and the rules that decide where a reply leads.",
                "properties": {
                    "say": of("lines", "The partner's line, or a list of variants (one is chosen at random, repeatably for a given seed)."),
                    "say_again": of("lines", "Optional: what the partner says on coming back to this beat later in the same conversation (\"I'm still not sure what you want from me\"). Without it, `say` serves every visit."),
                    "coach": {
                        "type": "string",
                        "description": "A short note for the person practising, shown by /hint: what would help at this moment, with an example wording."
                    },
                    "on_reply": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": MAX_RULES_PER_BEAT,
                        "items": { "$ref": "#/definitions/rule" },
                        "description": "The rules, tried top to bottom; the first whose `when` holds fires. The last rule has no `when`: it is what happens otherwise."
                    }
                }
            },
            "rule": {
                "type": "object",
                "additionalProperties": false,
                "required": ["goto"],
                "description": "A rule: when its condition holds, the dials change and the play goes to `goto`.",
                "properties": {
                    "when": of("condition", "The condition, such as `blame >= 0.5 && tension > 6`. Not on the last rule of a beat."),
                    "set": {
                        "type": "object",
                        "propertyNames": { "pattern": NAME },
                        "additionalProperties": { "$ref": "#/definitions/dial_change" },
                        "description": "Changes to the dials when this rule fires: `{ tension: tension + 2, trust: trust - 1 }`. Results are kept between 0 and 10."
                    },
                    "note": {
                        "type": "string",
                        "description": "One sentence shown to the person when this rule fires: what the partner heard, in their terms."
                    },
                    "goto": {
                        "type": "string",
                        "pattern": ID,
                        "description": "The beat or ending that comes next (a beat may go back to itself)."
                    }
                }
            },
            "ending": {
                "type": "object",
                "additionalProperties": false,
                "required": ["kind", "say", "debrief"],
                "description": "Where the play ends: the partner's last line and a debrief for the person to take away.",
                "properties": {
                    "kind": {
                        "enum": kinds,
                        "description": "One of good (the conversation went well), stuck (it went nowhere) or escalated (it blew up)."
                    },
                    "title": text("What the ending is called on screen (\"Still friends\"); without it, the ending's name in words."),
                    "say": of("lines", "The partner's last line (or variants)."),
                    "debrief": {
                        "description": "What happened and why, kindly, for the person to take away: a paragraph, or a list of parts. A part with `when:` is shown only when its condition holds at the end; a part with `try:` suggests a wording. At least one part has no `when:`.",
                        "oneOf": [
                            { "$ref": "#/definitions/line" },
                            { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/debrief_part" } }
                        ]
                    }
                }
            },
            "debrief_part": {
                "description": "A plain line, always shown; or `when:` (a condition), `text:` (what to say) and optionally `try:` (a wording to suggest, left out when the person already said something close to it).",
                "oneOf": [
                    { "$ref": "#/definitions/line" },
                    {
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["text"],
                        "properties": {
                            "when": of("condition", "Shown only when this condition holds at the end of the conversation, e.g. `best_validation >= 0.5`."),
                            "text": text("What to say."),
                            "try": text("A wording to suggest, shown in quotes after the text.")
                        }
                    }
                ]
            },
            "test": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name", "replies"],
                "description": "A conversation `rehearse test` plays: the replies in order, and where the play must end (`ends:`) or be waiting (`reaches:`).",
                "oneOf": [
                    { "required": ["ends"], "not": { "required": ["reaches"] } },
                    { "required": ["reaches"], "not": { "required": ["ends"] } }
                ],
                "properties": {
                    "name": text("What the test shows."),
                    "seed": { "type": "integer", "minimum": 0, "description": "Which partner-line variants are picked (default 1)." },
                    "from": { "type": "string", "pattern": ID, "description": "Start the test at this beat instead of `start:`, e.g. `from: the_ask`." },
                    "state": {
                        "type": "object",
                        "additionalProperties": { "type": "integer", "minimum": 0, "maximum": 10 },
                        "description": "Dials that start at other values than the scenario's `state:` gives them, as whole numbers from 0 to 10: `{ trust: 3 }`."
                    },
                    "replies": {
                        "type": "array",
                        "items": { "type": "string" },
                        "minItems": 1,
                        "description": "The replies, in order, as a person would type them."
                    },
                    "ends": { "type": "string", "pattern": ID, "description": "The ending the play must reach after the last reply." },
                    "reaches": { "type": "string", "pattern": ID, "description": "The beat the play must be waiting at after the last reply." },
                    "expect": {
                        "type": "array",
                        "items": { "$ref": "#/definitions/expectation" },
                        "description": "Checks after a given turn: `- { turn: 1, scores: { blame: \">= 0.5\" }, state: { tension: \"== 6\" }, beat: defensive }`."
                    }
                }
            },
            "expectation": {
                "type": "object",
                "additionalProperties": false,
                "required": ["turn"],
                "description": "What must be true after one turn of the test.",
                "properties": {
                    "turn": { "type": "integer", "minimum": 1, "description": "Which reply, counted from 1." },
                    "scores": {
                        "type": "object",
                        "additionalProperties": { "$ref": "#/definitions/comparison" },
                        "description": "Scores of that reply, by name: `{ blame: \">= 0.5\" }`."
                    },
                    "state": {
                        "type": "object",
                        "additionalProperties": { "$ref": "#/definitions/comparison" },
                        "description": "Dials after that reply, by name: `{ tension: \"== 6\" }`."
                    },
                    "beat": { "type": "string", "pattern": ID, "description": "The beat (or ending) the play is at after that reply." }
                }
            },
            "comparison": {
                "description": "A comparison in quotes, like \">= 0.5\", \"< 3\" or \"== 6\"; a number alone means equal to it.",
                "oneOf": [
                    { "type": "string", "pattern": COMPARISON },
                    { "type": "number" }
                ]
            }
        }
    })
}

/// The schema as printed by `rehearse schema` and checked in as
/// `docs/scenario.schema.json`: pretty JSON ending with a newline.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&scenario_schema()).unwrap_or_default();
    text.push('\n');
    text
}
