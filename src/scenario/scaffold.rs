//! The commented template `rehearse new` writes: a small scenario that already
//! passes `rehearse check` and `rehearse test`, with notes that teach an author
//! what to change. The text is in `scaffold.yaml`; each family fills in its own
//! situation, skill, example wordings and test replies.

use super::model::Category;

const TEMPLATE: &str = include_str!("scaffold.yaml");

/// The conflict family's I-statement as people type it.
/// One of the family's natural test replies, and the reply a scaffold test
/// comes back from a dig with, so it is written once.
const CONFLICT_ASK_IN_EVERYDAY_WORDS: &str =
    "honestly i get really stressed when plans change last minute, could we sort them out the day before?";
/// The boundary family's limit as people type it.
/// One of the family's natural test replies, and the reply a scaffold test
/// comes back from a dig with, so it is written once.
const BOUNDARY_NO_IN_EVERYDAY_WORDS: &str = "no, i cant do that again. but i can drive you there on monday";
/// The repair family's apology as people type it.
/// One of the family's natural test replies, and the reply a scaffold test
/// comes back from a dig with, so it is written once.
const REPAIR_SORRY_IN_EVERYDAY_WORDS: &str =
    "im really sorry i snapped at you, that wasnt fair on you. next time ill take a break first";

/// The words one family puts into the template.
struct Family {
    /// The score the family is about: the skill its good path needs.
    skill: &'static str,
    /// The skill in words, for a test name.
    skill_words: &'static str,
    /// The condition that takes the heat out after blame, besides the skill.
    soften_when: &'static str,
    relation: &'static str,
    summary_hint: &'static str,
    notes_example: &'static str,
    setting_hint: &'static str,
    opening_1: &'static str,
    opening_2: &'static str,
    opening_coach: &'static str,
    unsure_coach: &'static str,
    what_matters: &'static str,
    skill_note: &'static str,
    skill_after_hurt_note: &'static str,
    listening_1: &'static str,
    listening_2: &'static str,
    good_say: &'static str,
    good_knows: &'static str,
    skill_example: &'static str,
    validation_example: &'static str,
    natural_name: &'static str,
    natural_replies: &'static [&'static str],
    /// The family's skill in everyday words (one of `natural_replies`), for a
    /// test that comes back from a dig with it.
    natural_skill: &'static str,
}

fn family(category: Category) -> Family {
    match category {
        Category::Conflict => Family {
            skill: "i_statement",
            skill_words: "an I-statement",
            soften_when: "apology >= 0.5 || repair >= 0.5 || validation >= 0.5",
            relation: "partner",
            summary_hint: "what keeps happening and what you want to raise, e.g. Alex keeps changing plans at the last minute, and you want to say how that lands without a fight",
            notes_example: "a partner who gets defensive",
            setting_hint: "It's Sunday evening. Alex has just cancelled Saturday's plans by text, for the third time this month, and you've decided to bring it up.",
            opening_1: "You've gone quiet. Is something up?",
            opening_2: "Okay, I can tell something's bothering you. What is it?",
            opening_coach: "Say how it lands on you and one thing you'd like, without a verdict on Alex, e.g. \"I feel disappointed when plans change at the last minute, and I'd like us to agree them the day before.\"",
            unsure_coach: "Name your feeling, the moment, and one specific thing you'd like.",
            what_matters: "a problem the two of you could solve",
            skill_note: "Alex heard how you feel and what you'd like, with nothing in it to defend against.",
            skill_after_hurt_note: "Once it was about how it lands on you, Alex could stop defending and listen.",
            listening_1: "Oh. I didn't know it got to you that much. Honestly, work has been chaos and I keep saying yes to everything.",
            listening_2: "Okay. That's fair. I hate letting you down; I just keep overbooking myself.",
            good_say: "Okay. Let's agree plans the day before from now on. Thanks for telling me instead of just stewing.",
            good_knows: "how it lands on you and what you'd like",
            skill_example: "I feel disappointed when plans change at the last minute, and I'd like us to agree them the day before.",
            validation_example: "It sounds like work has been a lot for you lately. That makes sense.",
            natural_name: "a snap, taken back, then the ask in everyday words",
            natural_replies: &[
                "ugh you always do this",
                "ok sorry that came out wrong, can i try again",
                CONFLICT_ASK_IN_EVERYDAY_WORDS,
                "yeah that makes sense tbh, it's been a lot for you",
            ],
            natural_skill: CONFLICT_ASK_IN_EVERYDAY_WORDS,
        },
        Category::Boundary => Family {
            skill: "boundary",
            skill_words: "a clear, kind limit",
            soften_when: "apology >= 0.5 || repair >= 0.5 || validation >= 0.5",
            relation: "friend",
            summary_hint: "what you want to say no to, e.g. Alex asks to borrow your car every weekend, and you want to stop lending it without losing the friendship",
            notes_example: "a friend who leans on you",
            setting_hint: "It's Friday afternoon. Alex texts: can they borrow the car again tomorrow? It's the fourth weekend running, and you've decided to say no.",
            opening_1: "So, can I count on you again this weekend? It'd really help me out.",
            opening_2: "Hey, quick one. Same as last week? I'll bring it back full this time, promise.",
            opening_coach: "Say your limit about what's yours, warmly and plainly, and what you can do instead, e.g. \"I can't lend you the car again, but I can drive you there on Monday.\"",
            unsure_coach: "Say the no plainly, about what you will and won't do, not about Alex.",
            what_matters: "a limit about what's yours",
            skill_note: "Alex heard a clear no, about what's yours, with nothing in it against them.",
            skill_after_hurt_note: "Once the no was about what you can and can't do, not about Alex, Alex could hear it.",
            listening_1: "Oh. Right. I didn't realise it was a problem. I suppose I've been leaning on you a lot.",
            listening_2: "Okay. That's... fair, I guess. I've just been really stuck without one.",
            good_say: "Okay. I'll sort something else out. Thanks for being straight with me.",
            good_knows: "where your limit is, and that you still care",
            skill_example: "I can't lend you the car again, but I can drive you there on Monday.",
            validation_example: "I know that's hard to hear, and it makes sense you're stuck.",
            natural_name: "a snap, taken back, then the no in everyday words",
            natural_replies: &[
                "ugh you always do this",
                "ok sorry that came out wrong, can i try again",
                BOUNDARY_NO_IN_EVERYDAY_WORDS,
                "yeah that makes sense tbh, it's been a lot for you",
            ],
            natural_skill: BOUNDARY_NO_IN_EVERYDAY_WORDS,
        },
        Category::Repair => Family {
            skill: "apology",
            skill_words: "a full apology",
            soften_when: "repair >= 0.5 || validation >= 0.5",
            relation: "partner",
            summary_hint: "what you did and what you want to put right, e.g. you snapped at Alex in front of friends yesterday, and you want to apologise properly",
            notes_example: "an argument in front of others",
            setting_hint: "It's the morning after. Alex is making coffee and hasn't said much since last night.",
            opening_1: "You wanted to talk? If it's about yesterday, I'm still a bit raw.",
            opening_2: "Morning. ...I don't really know what to say about last night.",
            opening_coach: "Say what you did, how it must have landed, and what you'll do differently, with no \"but\", e.g. \"I'm sorry I snapped at you yesterday. It hurt you, and next time I'll take a breath before I answer.\"",
            unsure_coach: "Say what you did and that you're sorry, plainly, with no \"if\" or \"but\".",
            what_matters: "an apology",
            skill_note: "Alex heard you name what you did and how it landed, with no 'but' after it.",
            skill_after_hurt_note: "A plain apology after the sharp start let Alex lower their guard.",
            listening_1: "Thank you. It really stung, you know. In front of everyone.",
            listening_2: "Okay. I appreciate that. I felt so small at that table.",
            good_say: "Okay. Thank you for saying it properly. Come here.",
            good_knows: "that you understand what happened and what you'll do differently",
            skill_example: "I'm sorry I snapped at you yesterday. It hurt you, and next time I'll take a breath before I answer.",
            validation_example: "Of course it stung. That makes sense.",
            natural_name: "a snap, then a sorry in everyday words",
            natural_replies: &[
                "ugh you always do this",
                REPAIR_SORRY_IN_EVERYDAY_WORDS,
                "yeah that makes sense tbh, it must have felt awful",
            ],
            natural_skill: REPAIR_SORRY_IN_EVERYDAY_WORDS,
        },
    }
}

/// Whether `id` can name a new scenario: a lowercase letter, then lowercase
/// letters, digits and single hyphens, not ending in a hyphen, at most 60 long.
pub fn is_valid_new_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && id.len() <= 60
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// The scaffold text for a scenario `id` of `category`, for a file in a
/// library's family folder (the schema one folder up). `id` must be valid
/// (see [`is_valid_new_id`]): it is written into the YAML as it is.
pub fn scaffold(id: &str, category: Category) -> String {
    scaffold_with_schema(id, category, &format!("../{}", super::schema::SCHEMA_FILE))
}

/// [`scaffold`], its first line pointing editors at the schema at `schema`
/// (a path relative to the scenario file).
pub fn scaffold_with_schema(id: &str, category: Category, schema: &str) -> String {
    let f = family(category);
    let natural: Vec<String> = f.natural_replies.iter().map(|r| format!("      - \"{r}\"")).collect();
    let fields: [(&str, &str); 26] = [
        ("schema", schema),
        ("id", id),
        ("family", category.as_str()),
        ("skill_words", f.skill_words),
        ("skill_example", f.skill_example),
        ("skill_note", f.skill_note),
        ("skill_after_hurt_note", f.skill_after_hurt_note),
        ("skill", f.skill),
        ("soften_when", f.soften_when),
        ("relation", f.relation),
        ("summary_hint", f.summary_hint),
        ("notes_example", f.notes_example),
        ("setting_hint", f.setting_hint),
        ("opening_1", f.opening_1),
        ("opening_2", f.opening_2),
        ("opening_coach", f.opening_coach),
        ("unsure_coach", f.unsure_coach),
        ("what_matters", f.what_matters),
        ("listening_1", f.listening_1),
        ("listening_2", f.listening_2),
        ("good_say", f.good_say),
        ("good_knows", f.good_knows),
        ("validation_example", f.validation_example),
        ("natural_name", f.natural_name),
        ("natural_replies", &natural.join("\n")),
        ("natural_skill", f.natural_skill),
    ];
    let mut text = TEMPLATE.to_string();
    for (name, value) in fields {
        text = text.replace(&format!("{{{{{name}}}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled_for_every_family() {
        for category in Category::ALL {
            let text = scaffold("my-scenario", category);
            assert!(
                !text.contains("{{"),
                "{category:?}: {}",
                &text[text.find("{{").unwrap()..]
            );
            assert!(text.contains("id: my-scenario"));
            assert!(text.contains(&format!("category: {}", category.as_str())));
        }
    }

    #[test]
    fn texts_put_inside_double_quotes_have_no_quotes_of_their_own() {
        for category in Category::ALL {
            let f = family(category);
            for text in [
                f.skill_note,
                f.skill_after_hurt_note,
                f.what_matters,
                f.listening_1,
                f.listening_2,
                f.good_say,
                f.good_knows,
                f.skill_example,
                f.validation_example,
                f.natural_name,
                f.natural_skill,
                f.summary_hint,
                f.notes_example,
                f.opening_1,
                f.opening_2,
            ]
            .iter()
            .chain(f.natural_replies)
            {
                assert!(!text.contains('"') && !text.contains('\\'), "{text}");
            }
        }
    }

    #[test]
    fn ids_are_lowercase_words_joined_by_hyphens() {
        for good in ["a", "dishes-again", "call-2", "x1-y2"] {
            assert!(is_valid_new_id(good), "{good}");
        }
        for bad in ["", "Dishes", "2nd-try", "dishes_again", "a b", "end-", "a--b", "é"] {
            assert!(!is_valid_new_id(bad), "{bad}");
        }
    }
}
