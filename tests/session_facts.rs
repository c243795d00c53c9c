//! Session facts, conditional debriefs and the partner's lines, driven through the
//! engine with the bundled scorers: what a conversation so far can tell a rule,
//! and a debrief that only says what is true of this conversation.

mod common;

use common::{bundled_scorer, scenario_from};
use rehearse::session::{Next, Session};

const FACTS_DEMO: &str = r#"
id: facts-demo
title: Facts demo
category: boundary
difficulty: 1
summary: A friend asks for a loan; used to test session facts.
content_notes: [money]
persona: { name: Kemi, relation: friend }
state: { tension: 5 }
start: ask
beats:
  ask:
    say: ["Could you lend me the money?", "So, could you lend it?"]
    on_reply:
      - when: first_boundary == turn
        goto: no_heard
      - when: quiet_turns >= 3
        goto: checks_in
      - goto: ask
  no_heard:
    say: ["Oh. Right. Really?", "Oh. Okay. You're sure?"]
    on_reply:
      - when: limit_stated == 1 && boundary >= 0.5
        goto: accepted
      - when: limit_stated == 1
        set: { tension: (tension - tension) / (turn - 2) }
        goto: no_heard
      - goto: no_heard
  checks_in:
    say: "You've gone quiet on me. Are you okay?"
    on_reply:
      - goto: drifted
endings:
  accepted:
    kind: good
    title: A no, kindly held
    say: "Okay. Thanks for being straight with me."
    debrief:
      - You said no and kept to it.
      - when: best_validation >= 0.5
        text: You also said you could see how hard it was for her.
      - when: said_feeling == 0
        text: "Next time, say how it is for you too:"
        try: "I feel torn about this, because I care about you."
  drifted:
    kind: stuck
    say: "Let's talk another time."
    debrief: Nothing was said either way.
"#;

#[test]
fn conditions_read_what_happened_earlier_in_the_conversation() {
    let scorer = bundled_scorer();
    let scenario = scenario_from("facts-demo.yaml", FACTS_DEMO, &scorer).expect("valid");
    let mut session = Session::new(&scenario, &scorer, 1);
    let turn = session.reply("I'm not able to lend money again.").expect("reply");
    assert_eq!(turn.beat, "ask");
    assert!(
        matches!(&turn.next, Next::Beat(line) if line.beat == "no_heard"),
        "{:?}",
        turn.next
    );
    // The limit was stated on turn 1, so on turn 2 `first_boundary == turn` no longer holds
    // but `limit_stated` does: the second no is recognised as the same limit held.
    let turn = session.reply("Yes. My answer is still no.").expect("reply");
    match &turn.next {
        Next::Ending(e) => {
            assert_eq!(e.ending, "accepted");
            assert_eq!(e.title, "A no, kindly held");
        }
        other => panic!("expected the ending, got {other:?}"),
    }
}

#[test]
fn a_debrief_leaves_out_what_was_not_done_and_what_was_already_said() {
    let scorer = bundled_scorer();
    let scenario = scenario_from("facts-demo.yaml", FACTS_DEMO, &scorer).expect("valid");

    // No validation, no feeling: the debrief suggests the feeling, and does not
    // praise a validation that never happened.
    let mut plain = Session::new(&scenario, &scorer, 1);
    plain.reply("I'm not able to lend money again.").expect("reply");
    plain.reply("Yes, I'm sure. My answer is still no.").expect("reply");
    let debrief = &plain.ending().expect("ended").debrief;
    assert!(debrief.starts_with("You said no and kept to it."), "{debrief}");
    assert!(!debrief.contains("You also said"), "{debrief}");
    assert!(
        debrief.contains("\u{201c}I feel torn about this, because I care about you.\u{201d}"),
        "{debrief}"
    );

    // The person said the feeling in their own words: the suggestion is dropped.
    let mut felt = Session::new(&scenario, &scorer, 1);
    felt.reply("honestly i feel torn about this bc i care about u. but im not able to lend money again")
        .expect("reply");
    felt.reply("Yes, I'm sure. My answer is still no.").expect("reply");
    let debrief = &felt.ending().expect("ended").debrief;
    assert_eq!(debrief, "You said no and kept to it.");
}

#[test]
fn three_replies_with_no_signal_make_the_partner_check_in() {
    let scorer = bundled_scorer();
    let scenario = scenario_from("facts-demo.yaml", FACTS_DEMO, &scorer).expect("valid");
    let mut session = Session::new(&scenario, &scorer, 1);
    session.reply("did you see the match last night?").expect("reply");
    session.reply("um").expect("reply");
    let turn = session.reply("anyway").expect("reply");
    assert!(
        matches!(&turn.next, Next::Beat(line) if line.beat == "checks_in"),
        "{:?}",
        turn.next
    );
}

#[test]
fn the_partner_never_says_the_same_line_twice_in_a_row() {
    let scorer = bundled_scorer();
    let scenario = scenario_from("facts-demo.yaml", FACTS_DEMO, &scorer).expect("valid");
    for seed in 0..20 {
        let mut session = Session::new(&scenario, &scorer, seed);
        let mut last = session.opening().line.clone();
        for reply in ["hmm", "ok"] {
            let turn = session.reply(reply).expect("reply");
            let Next::Beat(line) = &turn.next else { break };
            assert_ne!(line.line, last, "seed {seed}: the same line twice in a row");
            last = line.line.clone();
        }
    }
}

#[test]
fn a_dial_set_to_no_number_keeps_its_value_and_says_why() {
    let scorer = bundled_scorer();
    let scenario = scenario_from("facts-demo.yaml", FACTS_DEMO, &scorer).expect("valid");
    let mut session = Session::new(&scenario, &scorer, 1);
    session.reply("I'm not able to lend money again.").expect("reply");
    // At `no_heard`, a reply with no limit fires the rule that divides by zero on
    // turn 2 only (with the starting values it is 0 / -1, so `check` lets it by).
    let turn = session.reply("oh dear, what a week you've had").expect("reply");
    assert_eq!(turn.state["tension"], 5.0);
    assert!(
        turn.warnings.iter().any(|w| w.contains("gave no number")),
        "{:?}",
        turn.warnings
    );
    let json = serde_json::to_string(turn).expect("a turn serialises");
    assert!(json.contains(r#""state":{"tension":5.0}"#), "{json}");
}

#[test]
fn check_warns_about_a_fallback_loop_with_no_way_out() {
    let scorer = bundled_scorer();
    let looping = FACTS_DEMO.replace(
        "      - when: quiet_turns >= 3\n        goto: checks_in\n",
        "      - when: tension > 20\n        goto: checks_in\n",
    );
    let scenario = scenario_from("loop.yaml", &looping, &scorer).expect("warnings do not stop loading");
    let messages: Vec<String> = scenario.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("loop.yaml:") && m.contains("warning: the last rule of beat `ask` goes round")),
        "{messages:?}"
    );
    // `no_heard` goes round to itself too, with no cap.
    assert!(messages.iter().any(|m| m.contains("beat `no_heard`")), "{messages:?}");
    let capped = scenario_from("facts-demo.yaml", FACTS_DEMO, &scorer).expect("valid");
    let capped: Vec<String> = capped.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        capped.iter().all(|m| !m.contains("last rule of beat `ask`")),
        "{capped:?}"
    );
}

#[test]
fn a_debrief_of_only_conditional_parts_and_an_example_that_is_not_a_score_are_errors() {
    let scorer = bundled_scorer();
    let only_conditional = FACTS_DEMO.replace("      - You said no and kept to it.\n", "");
    let problems = scenario_from("d.yaml", &only_conditional, &scorer).expect_err("refused");
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("every part of this debrief has a `when`")),
        "{problems:?}"
    );
    let bad_example = FACTS_DEMO.replace(
        "state: { tension: 5 }",
        "state: { tension: 5 }\nexamples: { bondary: \"I can't.\" }",
    );
    let problems = scenario_from("e.yaml", &bad_example, &scorer).expect_err("refused");
    let p = problems
        .iter()
        .find(|p| p.message.contains("`bondary` is not a score"))
        .expect("named");
    assert!(p.hint.as_deref().unwrap_or("").contains("boundary"), "{p:?}");
}

#[test]
fn check_refuses_a_dial_update_that_divides_by_zero_with_the_starting_values() {
    let scorer = bundled_scorer();
    let yaml = FACTS_DEMO.replace(
        "      - when: first_boundary == turn\n        goto: no_heard\n",
        "      - when: first_boundary == turn\n        set: { tension: (tension - tension) / (turn - turn) }\n        goto: no_heard\n",
    );
    let problems = scenario_from("nan.yaml", &yaml, &scorer).expect_err("refused");
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("gives no number with the starting values")),
        "{problems:?}"
    );
}

/// An ending reached by many paths quotes what this person said, or nothing.
const QUOTING: &str = r#"
id: quoting-demo
title: Quoting demo
category: conflict
difficulty: 1
summary: A debrief that quotes the person's own words.
content_notes: [household chores]
persona: { name: Sam, relation: partner }
start: opening
beats:
  opening:
    say: "The dishes again?"
    on_reply:
      - goto: over
endings:
  over:
    kind: good
    say: "Okay."
    debrief:
      - It ended.
      - text: "Saying {said:stonewalling} told Sam the talk was over."
"#;

#[test]
fn a_debrief_quotes_the_persons_own_words_or_leaves_the_part_out() {
    let scorer = bundled_scorer();
    let scenario = scenario_from("quoting-demo.yaml", QUOTING, &scorer).expect("valid");

    let mut shut = Session::new(&scenario, &scorer, 1);
    shut.reply("whatever, I'm done talking").expect("reply");
    let debrief = &shut.ending().expect("ended").debrief;
    assert!(debrief.starts_with("It ended. Saying \u{201c}"), "{debrief}");
    assert!(!debrief.contains("{said"), "{debrief}");
    let quoted = debrief
        .split('\u{201c}')
        .nth(1)
        .and_then(|rest| rest.split('\u{201d}').next())
        .expect("a quote");
    assert!(
        "whatever, I'm done talking".contains(quoted),
        "quoted words not said: {quoted}"
    );

    let mut kind = Session::new(&scenario, &scorer, 1);
    kind.reply("I feel tired when the sink is full, and I'd like a plan.")
        .expect("reply");
    assert_eq!(kind.ending().expect("ended").debrief, "It ended.");
}
