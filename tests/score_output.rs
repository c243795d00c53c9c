//! `rehearse score` on a fixed set of tricky replies, as a reviewed snapshot: a
//! change to any scoring rule or word list shows up here as a diff.

mod common;

const TRICKY: &[&str] = &[
    "You never help with anything around here.",
    "I feel like you never listen to me.",
    "I feel ignored when you're on your phone at dinner.",
    "I feel lonely when we eat in silence, and I'd love us to put our phones away at dinner.",
    "I feel hurt when you cancel, because you're so selfish.",
    "When you said 'you always do this', I felt hurt, and I'd like to talk about it.",
    "I'm not saying it's your fault. I'm tired and I need a hand tonight.",
    "Could you help me with the bins tonight?",
    "You never have to apologise for crying.",
    "I love you. You always make the best coffee.",
    "Sorry if you were offended.",
    "I'm sorry, but you started it.",
    "Fine, I'm sorry, happy now?",
    "I'm sorry I snapped at you in front of your friends. It embarrassed you, and next time I'll ask to step outside.",
    "It sounds like you felt left out when we made the plan without you. That makes sense.",
    "Oh, poor you.",
    "I'm not able to lend money any more. I know that's hard to hear.",
    "Please stop calling me at work.",
    "One more time and we're done.",
    "Can we start over? I came in hot.",
    "Whatever. I'm done talking.",
    "i feel like u never listen tbh",
    "ur always on ur phone",
    "Nice job, genius.",
    // No rule covers these wordings; the phrase model does (rule `phrasing`).
    "I guess some people just get to sleep in while the rest of us sort the kids out.",
    "Nice that your phone works fine for everyone else.",
    // Dismissal and martyrdom rules.
    "Calm down, it's not a big deal.",
    "Fine, I'll do it myself. As usual.",
];

/// What `rehearse score` prints for these replies, piped one per line.
fn score_output(replies: &[&str]) -> String {
    let input = replies.join("\n") + "\n";
    let out = common::rehearse(&["score"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    common::text(&out.stdout)
}

#[test]
fn score_output_for_tricky_replies() {
    common::snapshot_settings().bind(|| insta::assert_snapshot!("score_tricky_replies", score_output(TRICKY)));
}

/// A wording no rule covers is still caught, by the phrase model, and the feedback
/// says so and quotes the words behind it; a rule that fires keeps the quote.
#[test]
fn the_phrase_model_fills_gaps_and_rules_keep_the_word() {
    let out = common::rehearse(
        &[
            "score",
            "--json",
            "Nice that your phone works fine for everyone else.",
            "You never listen.",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    let lines: Vec<serde_json::Value> = common::text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let rules = |v: &serde_json::Value| -> Vec<String> {
        v["matches"]
            .as_array()
            .expect("matches")
            .iter()
            .filter(|m| m["score"] == "blame")
            .map(|m| m["rule"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert!(lines[0]["scores"]["blame"].as_f64().unwrap() >= 0.5);
    assert_eq!(rules(&lines[0]), ["phrasing"]);
    assert!(lines[0]["tips"].to_string().contains("may be heard as blame"));
    assert_eq!(
        rules(&lines[1]),
        ["absolute"],
        "a rule decided, so the model is not quoted"
    );
}

/// Every example issue 9 quoted from real speech, in the register people type in:
/// each must read the way a listener would (no blame on kind or neutral talk,
/// reflections and apologies recognised, I-statements across sentences,
/// "whatever" in a proposal and "wow. ok" as surprise). Reviewed as a snapshot.
const REAL_SPEECH: &[&str] = &[
    // Kind or neutral talk full of "you": no blame.
    "It was very nice talking to you.",
    "It really sounds to me like you have a good plan in place",
    "Have you thought about what your mum would want?",
    // Counsellors' reflections: validation.
    "It seems as if you may have some doubt and may feel unwanted in this relationship.",
    "From what you are telling me, you are very upset about your girlfriend breaking up with you... is that right?",
    "so you're feeling left out, is that right?",
    "that sounds so hard",
    // Real apologies: started (0.3–0.5) or complete (0.5 and up); condolence is none.
    "I apologize for my error.",
    "You are correct. I was mistaken. My apologies.",
    "I'm sorry I hung up on you, that was a rubbish thing to do",
    "I'm sorry.",
    "I'm so sorry for your loss.",
    "sorry to hear that, that sounds really hard",
    "I'm sorry I hung up on you, Dad. That wasn't fair when you were only telling me about the scan, and I'll listen properly this time.",
    // I-statements spread over sentences, in people's own words.
    "I got scared, that's the truth of it. When you said you'd cancelled again my mind went straight to you on the ground",
    "honestly when i got in last night the sink was full again and I felt my shoulders go up to my ears, because it's the third night and I'm knackered. can we sort out a rota?",
    // Context words: a proposal, surprise, plain thanks, a question back.
    "would it work if on weeknights things wind down by 11 and weekends are whatever?",
    "oh. um. wow. ok",
    "thank you so much",
    "what about you?",
    // Still caught: blame typed the same way.
    "nice of u to finally show up, really appreciate it",
    "honestly u clearly dont care what i think",
    "typical. u cant even load a dishwasher properly",
    "i get that ur stressed but honestly u always do this",
];

#[test]
fn score_output_for_real_speech() {
    common::snapshot_settings().bind(|| insta::assert_snapshot!("score_real_speech", score_output(REAL_SPEECH)));
}

/// `score --scenario` scores with the scenario's own scorers too (issue 11,
/// item 6), as play and `why` do; without it, only the shared ones.
#[test]
fn score_with_a_scenario_uses_its_own_scorers() {
    let base = ["--scripts", "tests/fixtures/scripts", "score", "--json"];
    let reply = "I can't lend you the rent money again.";
    let scored = |extra: &[&str]| -> serde_json::Value {
        let args: Vec<&str> = base.iter().chain(extra).chain([&reply]).copied().collect();
        let out = common::rehearse(&args, b"");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("one JSON line")
    };
    let shared = scored(&[]);
    assert!(shared["scores"].get("money").is_none(), "{shared}");
    let own = scored(&["--scenario", "tests/fixtures/own-scorer/money.yaml"]);
    assert_eq!(own["scores"]["money"], 0.8, "{own}");
    assert_eq!(
        own["scores"]["blame"], shared["scores"]["blame"],
        "the shared scores are the same"
    );

    let missing = common::rehearse(&["score", "--scenario", "nowhere", "hello"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no scenario `nowhere`"));
}

/// `--jobs 1` and `--jobs 2` print the same bytes, in input order: the replies
/// are scored on two threads and handed back in the order they came in. The
/// input mixes long and short replies (so later ones often finish first), an
/// empty line and a line that is not UTF-8.
#[test]
fn every_job_count_prints_the_same_lines_in_input_order() {
    let mut input = Vec::new();
    for (i, reply) in TRICKY.iter().chain(REAL_SPEECH).enumerate() {
        let long = TRICKY.iter().take(i % 7).copied().collect::<Vec<_>>().join(" ");
        input.extend_from_slice(format!("{reply} {long}\n").as_bytes());
        if i == 5 {
            input.extend_from_slice(b"\n\xff\xfe not text\n");
        }
    }
    for args in [&["score", "--json"][..], &["score"][..]] {
        let run = |jobs: &str| {
            let mut all = args.to_vec();
            all.extend(["--jobs", jobs]);
            let out = common::rehearse(&all, &input);
            assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
            (common::text(&out.stdout), common::text(&out.stderr))
        };
        let (one, two) = (run("1"), run("2"));
        assert_eq!(one, two, "{args:?}");
        assert!(one.0.lines().count() >= TRICKY.len() + REAL_SPEECH.len(), "{}", one.0);
    }
    let json = common::text(&common::rehearse(&["score", "--json", "--jobs", "2"], &input).stdout);
    let firsts: Vec<String> = json
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .filter(|t| !t.is_empty())
        .collect();
    let expected: Vec<&str> = TRICKY.iter().chain(REAL_SPEECH).copied().collect();
    assert_eq!(firsts.len(), expected.len());
    for (got, want) in firsts.iter().zip(expected) {
        assert!(
            got.starts_with(want),
            "out of order: {got:?} should start with {want:?}"
        );
    }
}

/// `eval` and `test` give the same result on one thread as on two.
#[test]
fn eval_and_test_do_not_depend_on_the_job_count() {
    let corpus = common::fixture("../corpus/dev.jsonl");
    let corpus = corpus.to_str().expect("path");
    for args in [&["eval", "--errors", corpus][..], &["test"][..]] {
        let run = |jobs: &str| {
            let mut all = args.to_vec();
            all.extend(["--jobs", jobs]);
            let out = common::rehearse(&all, b"");
            (out.status.code(), common::text(&out.stdout))
        };
        let one = run("1");
        assert_eq!(one, run("2"), "{args:?}");
        assert!(one.1.lines().count() > 5, "{}", one.1);
    }
}

/// The shapes play-test 8 misread (round 15): plain noes, my own words quoted to take
/// them back, kind sentences the phrase model heard as blame, compliments and jokes at
/// my own expense, hostile lines with no stock phrase, and rewrite frames that must
/// only use clean clauses.
const ROUND15: &[&str] = &[
    // A plain no, and what must stay no limit.
    "No for the weekend. Sorry to add to the pressure. Weekday evenings this week, yes, until 8.",
    "No to 400 as well. Same reason. The lifts to work stand.",
    "No. Why would I be angry? I only just got home.",
    "no to be honest i was asleep by then anyway",
    // My own words quoted to take them back; a door really shut.
    "yeah, i deserve that lol, dad, i'm sorry i hung up on you, saying fine do whatever you want and then cutting you off was really disrespectful, you didn't deserve that",
    "fine, do whatever you want. i'm done",
    // Kind sentences, and blame typed beside them.
    "A first play opening is a big night. You'd every right to expect me there, and you were let down.",
    "Waiting on me with the usher, while everyone else's people were there. That's a lonely way to spend your big night. I'm sorry.",
    "you always were a good negotiator lol, but it's the same answer, no",
    "you always do this, you leave it all to me",
    // Hostile lines with no stock phrase.
    "You said sorry by text. Wow. Thanks so much. Really moving stuff.",
    "I missed your play, okay? I forgot. It's not like I murdered someone.",
    // Rewrite frames: a moment that is no moment, a need that is a question.
    "I'll be quick, since you've a call. I'd like Priya to know it was my work.",
    "No, Tuesday is quite all right. You let the plumber in on Tuesday, and after that it's a ring first, and Sunday lunch at one. Now, shall we have some of that pan dulce?",
    "Whatever. Call me when you've stopped sulking.",
];

#[test]
fn score_output_for_play_test_8_shapes() {
    common::snapshot_settings().bind(|| insta::assert_snapshot!("score_round15", score_output(ROUND15)));
}
