//! What a listener hears in a reply that decides whether a tip fits it, where no
//! scorer reports it. The scorers may miss a moment in dialect ("three nights runnin
//! noo"), or an act owned in a sentence away from its "sorry"; a tip built on that miss
//! asks for what the reply already has (play-tests 15–16, round 26d). Where a scorer
//! does find the fact (a sorry that is sympathy or softens a no, a reflection), the coach
//! reads the scorer's report instead (`coaching.rs`, reader27). Each check is one rule a
//! listener uses, stated on the function. They only ever hold a tip back or narrow it:
//! no score reads them.

use regex::Regex;
use std::sync::LazyLock;

/// Builds one of this file's fixed patterns (a typo here fails every coaching test).
fn pattern(source: &str) -> Regex {
    Regex::new(source).unwrap_or_else(|e| panic!("coaching pattern: {e}"))
}

/// Whether `reply` says *when*: a day, a clock time, "last night", "this morning",
/// "an hour before", or a count of nights or times ("three nights runnin", "twice this
/// week"). Someone who told you when has given the moment: asking them to "add one
/// specific moment" asks for what they said (a dishes-again R1–R3, where "three nights
/// runnin noo" and "at eleven at night" went unread in Scots). A frequency alone ("most
/// nights", "every week") is not a moment.
pub fn names_a_time(reply: &str) -> bool {
    static WHEN: LazyLock<Regex> = LazyLock::new(|| {
        let n = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)";
        let clock = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})";
        pattern(&format!(
            r"(?ix)\b(?:
                (?:last|yesterday)\s+(?:night|week|weekend|month|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday|year)
              | yesterday | the\s+other\s+(?:day|night|week)
              | this\s+(?:morning|afternoon|evening|week|weekend)
              | (?:on|last|this|every\s+other)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?
              | (?:at|till|until|til|by|after|before)\s+(?:half\s+past\s+)?{clock}(?:\s*(?:o['’]?clock|am|pm|at\s+night|in\s+the\s+morning)|:\d\d)?\b(?:\s+(?:at\s+night|last\s+night))?
              | half\s+past\s+{clock}
              | \d{{1,2}}(?::\d\d)?\s*(?:am|pm)
              | midnight
              | an?\s+(?:hour|half\s+hour|few\s+minutes|day)\s+before
              | {n}\s+(?:nights?|times|days|weekends|weeks)\s+(?:running|runnin|in\s+a\s+row|on\s+the\s+trot|this\s+(?:week|month)|since|oot\s+o|out\s+of)
              | (?:second|third|fourth|fifth)\s+(?:night|time|day|weekend)\s+(?:running|runnin|in\s+a\s+row|on\s+the\s+trot|this\s+(?:week|month))
              | (?:twice|three\s+times)\s+(?:this|last)\s+(?:week|month)
              | (?:on|at)\s+my\s+birthday | my\s+birthday
            )"
        ))
    });
    WHEN.is_match(reply)
}

/// Whether `reply` judges its own act as wrong: "that wis oot of order", "'do whatever
/// you want' was a horrible thing to say", "hanging up was worse", "no fair on ye",
/// "not fair of me". Someone who said that has named what they did and owned it; a tip
/// asking them to "name what you're sorry for" or to add "…that wasn't fair to you"
/// asks for what they said (a after-the-dinner R1, b calling-dad-back R1). A judgement
/// of the other person ("you were out of order", "what you did was wrong") is not this.
pub fn judges_own_act(reply: &str) -> bool {
    static OWN: LazyLock<Regex> = LazyLock::new(|| {
        let bad = r"(?:horrible|terrible|awful|crap|crappy|shitty|rotten|stupid|nasty|low|cheap|mean|cruel|daft)";
        let wrong = format!(
            r"(?:(?:so|such|really|totally|bang|well|pure|just|a\s+bit)\s+)*(?:out\s+of\s+order|oot\s+o[f']?\s+order|out\s+of\s+line|wrong|unfair|uncalled\s+for|crap|crappy|shite|shitty|(?:not|no|nae)\s+(?:ok|okay|on|fair|right|kind)|on\s+me|my\s+fault|an?\s+(?:(?:really|pretty|bit\s+of\s+a)\s+)?{bad}\s+(?:thing|move)(?:\s+to\s+(?:say|do))?)"
        );
        pattern(&format!(
            r#"(?ix)
              \b(?:that|it|this|which)\s+(?:was|wis|is|['’]s)\s+{wrong}\b
            | (?:^|[.!?;,]\s*|\band\s+|\bbut\s+|["”']\s*)[a-z]+(?:ing|in)\b(?:\s+[a-z'’-]+){{0,6}}?\s+(?:was|wis)\s+(?:{wrong}|worse|horrible|awful)\b
            | \bwhat\s+I\s+(?:said|did|wrote|sent)\b(?:\s+[a-z'’-]+){{0,5}}?\s+(?:was|wis)\s+{wrong}\b
            | \b(?:that|it|this)\s+(?:wasn['’]?t|wisnae|was\s+not|wis\s+no)\s+(?:ok|okay|on|fair|right|kind|cool)\b
            | ["”]\s*(?:was|wis)\s+{wrong}\b
            | (?:^|[.!?;,]\s*)(?:no|not|nae)\s+fair\s+(?:on|to)\s+(?:you|ye|u|her|him)\b
            | \b(?:not|no|nae|n['’]t)\s+(?:ok|okay|fair|right|kind|cool|nice)\s+of\s+me\b
            | \b(?:wrong|unfair|unkind|mean|rude|out\s+of\s+order|oot\s+o[f']?\s+order|crap|shite)\s+of\s+me\b
            | \b(?:my|ma)\s+(?:fault|bad|mistake)\b
            "#
        ))
    });
    static ABOUT_THEM: LazyLock<Regex> =
        LazyLock::new(|| pattern(r"(?i)^\s*(?:that|how|when|of)\s+(?:you|ye|u|yer|your)\b"));
    static THEIRS: LazyLock<Regex> =
        LazyLock::new(|| pattern(r"(?i)^\s*(?:you|ye|u|youre|you['’]re|what\s+you|yer|your)\b"));
    sentences(reply).any(|s| {
        OWN.find(s).is_some_and(|m| {
            // the clause the judgement sits in must not be about them
            let clause = s[..m.start()].rsplit([',', ';']).next().unwrap_or_default();
            !THEIRS.is_match(clause) && !THEIRS.is_match(s) && !ABOUT_THEM.is_match(&s[m.end()..])
        })
    })
}

/// Whether `reply` names something the person did, in the first person: "I showed ye
/// up", "I hung up", "I forgot", "I took it oot on you", "I shouldn't have…". With a
/// "sorry" near it, that is what the person is sorry for; "now name what you're sorry
/// for" would ask for it again.
pub fn names_own_act(reply: &str) -> bool {
    static DID: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r"(?i)\bI\s+(?:just\s+|totally\s+|completely\s+|really\s+)?(?:showed|shouted|snapped|yelled|cut|hung\s+up|forgot|missed|let\s+(?:you|ye|u|her|him)\s+(?:down|doon)|took\s+it\s+(?:out|oot)|talked\s+over|interrupted|embarrassed|humiliated|ignored|bailed|cancelled|canceled|blew|lost\s+(?:it|my\s+temper|the\s+heid)|made\s+(?:you|ye|u)\s+look|treated|dismissed|brushed|spoke\s+over|said\s+(?:that|it|those)|shut\s+(?:you|ye|u)|should(?:n['’]?t|nae|\s+not)?\s+(?:have|['’]ve|of)|should['’]?ve)\b",
        )
    });
    DID.is_match(reply)
}

/// Whether `reply` reflects the other person in a shape the validation scorer does not
/// hear (the coach reads the scorer's `reflection` first): their point said on after "I
/// hear you" ("I hear you, the rents are crazy", "I get you, the job's a nightmare"), what
/// they did or could not do seen ("I can see you didn't want to go"), their situation known
/// ("I know your mum's been ill"). Asking someone who said that to "reflect what they
/// feel" asks for what they said (b just-a-few-months R1). A bare "I understand, but…" or
/// "I know, I know" reflects nothing of theirs, so it does not count.
pub fn reflects_them(reply: &str) -> bool {
    static REFLECT: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r"(?i)\bI\s+(?:(?:really|totally|completely|do|can)\s+)?(?:understand|get|hear|see|know|ken)\s+(?:(?:you|ye|u)(?:['’]?(?:ve|re|ll|d))?\s*,?\s*(?:the|your|yer|it['’]s|that|this|ye|you|u|have|had|were|are|must|feel|felt|want|need|didn['’]?t|don['’]?t|cannae|can['’]?t|been|got|gone|done|[a-z]+ed)\b|(?:the|your|yer)\s+[a-z]+)",
        )
    });
    REFLECT.is_match(reply)
}

/// The sentences of `reply` (split at ".", "!", "?" and line breaks), trimmed.
fn sentences(reply: &str) -> impl Iterator<Item = &str> {
    reply
        .split(['.', '!', '?', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_is_a_moment_a_frequency_is_not() {
        assert!(names_a_time(
            "It's just three nights runnin noo and I come in knackered"
        ));
        assert!(names_a_time("the one that ends up daein them at eleven at night"));
        assert!(names_a_time("my birthday, an hour before"));
        assert!(names_a_time("last night the pans were still there"));
        assert!(!names_a_time("Ye cook maist nights, I ken that"));
        assert!(!names_a_time("I'd like it quiet most weeknights"));
        assert!(!names_a_time("could we sort it before it gets worse"));
    }

    #[test]
    fn owning_the_act_is_not_judging_them() {
        assert!(judges_own_act(
            "Cuttin ye aff like that in front of Mara and Theo, that wis oot of order."
        ));
        assert!(judges_own_act(
            "\"Do whatever you want\" was a horrible thing to say, and hanging up was worse."
        ));
        assert!(judges_own_act("ugh that was such a crappy move of mine"));
        assert!(!judges_own_act("You were out of order last night."));
        assert!(!judges_own_act("what you did at dinner was wrong"));
        assert!(!judges_own_act("That's a bloody nightmare wi the car, hen"));
        assert!(!judges_own_act("oh no that's awful, I'm sorry"));
        assert!(!judges_own_act("i think it's wrong that you never asked me"));
    }

    #[test]
    fn a_reflection_names_their_side() {
        // what the validation scorer hears ("I understand that pressure", "that must have
        // been awful") the coach reads from its report
        assert!(reflects_them("I hear you, the rents are crazy"));
        assert!(reflects_them("I get you, the job's a nightmare"));
        assert!(reflects_them("I can see you didn't want to go"));
        assert!(!reflects_them("I understand, but the answer is still no"));
        assert!(!reflects_them("I know, I know."));
    }
}
