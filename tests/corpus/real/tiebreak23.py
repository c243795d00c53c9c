#!/usr/bin/env python3
"""Round 23d: can the phrase model break ties on real speech? A held-out experiment.

Why: the whole blame scorer finds under half the blame on the real blind split, and
words read from missed rows rarely carry over (round 21b). The phrase model already
sees every wording; this script asks, on rows nobody tuned on, whether letting it
lift a weak rule cue to blame (or lower a thin one) would help.

The split is round 21b's: a row of `real/dev.jsonl` is in half A when the first hex
digit of SHA-256(ref) is 0-7, else in half B. Nothing here opens a blind file.

    python3 tests/corpus/real/tiebreak23.py oof  [--out rows_a.jsonl]
        Grouped 5-fold cross-validation inside half A: each fold's model is trained on
        every training file with half B and the fold left out, then the fold is scored
        with diagnostic scorers (the model's p, the rules' own score, whether a rule
        found evidence, whether the alone-path guards pass). Writes one row per A row
        WITH its text, for reading and tuning: A is the half one may read.

    python3 tests/corpus/real/tiebreak23.py heldout --variant NAME=DIR ...
        Trains one model on every training file with half B left out, and scores half B
        with `scripts/` and each variant's scripts (given that model). Prints totals only
        (P, R, F1, false blame, per source): B is looked at as totals, never as rows.

`--with FILE` adds a training file (e.g. train_blame11.jsonl) to every model.
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cv_blame  # noqa: E402  (its TRAINING_FILES, BLIND_FILES and conversation())

DEV = "tests/corpus/real/dev.jsonl"

# Diagnostic scorers: copies of blame.rhai whose score() reports one inner value.
DIAG = {
    # the model's opinion as phrasing_hits forms it (whole reply, or a sentence >= 0.65)
    "d_p": """
fn score(text) {
    if words(text).len() < 4 { return #{ score: 0.0, matches: [], tip: "" }; }
    let p = phrase_model("blame", text).p;
    let sents = sentences(text);
    if sents.len() > 1 {
        for s in sents {
            let part = slice(text, s.start, s.end);
            if words(part).len() < 4 { continue; }
            let o = phrase_model("blame", part);
            if o.p > p && o.p >= 0.65 { p = o.p; }
        }
    }
    #{ score: p, matches: [], tip: "" }
}""",
    # the rules' own score, before the model is asked
    "d_rule": """
fn score(text) {
    let hits = blame_hits(text) + model17_taking_hits(text);
    #{ score: blame_of(hits), matches: [], tip: "" }
}""",
    # 1 when a rule found evidence the model may weigh (the tie-breaking path)
    "d_ev": """
fn score(text) {
    let hits = blame_hits(text) + model17_taking_hits(text);
    #{ score: if has_evidence(round13_standing(text, hits)) { 1.0 } else { 0.0 }, matches: [], tip: "" }
}""",
    # 1 when the alone-path's guards pass (model_may_decide_alone with p = 1)
    "d_guard": """
fn score(text) {
    #{ score: if model_may_decide_alone(text, 1.0) { 1.0 } else { 0.0 }, matches: [], tip: "" }
}""",
    # the strongest single rule hit
    "d_maxw": """
fn score(text) {
    let hits = round13_standing(text, blame_hits(text) + model17_taking_hits(text));
    let m = 0.0;
    for h in hits { let w = if h.w == () { 0.5 } else { h.w }; if w > m { m = w; } }
    #{ score: m, matches: [], tip: "" }
}""",
    # 1 when the model's clause survives the kind-clause filters (p >= 0.5)
    "d_kept": """
fn score(text) {
    let hits = blame_hits(text) + model17_taking_hits(text);
    let model = phrasing_hits(text, hits);
    model = round11_unkind_clauses(text, model);
    model = round13_unkind_clauses(text, model);
    model = round15_unkind_clauses(text, model);
    model = round16_unkind_clauses(text, model);
    model = round22_unkind_clauses(text, model);
    #{ score: if model.is_empty() { 0.0 } else { 1.0 }, matches: [], tip: "" }
}""",
}


def half(row):
    digit = hashlib.sha256(str(row["ref"]).encode("utf-8")).hexdigest()[0]
    return "A" if digit in "01234567" else "B"


def run(cmd, stdin=None):
    done = subprocess.run(cmd, capture_output=True, text=True, input=stdin)
    if done.returncode != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(cmd[:8]), done.stdout[-2000:], done.stderr[-2000:]))
    return done.stdout


def write(path, rows):
    with open(path, "w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")


def train(args, copy, excludes, candidate=True):
    """The committed training command (cv_blame.TRAINING_FILES), plus, for the candidate
    model, the --with files and --weight options."""
    extra = args.with_ if candidate else []
    cmd = [args.rehearse, "--scripts", copy, "--scenarios", args.scenarios, "--no-journal",
           "train", "blame", *cv_blame.TRAINING_FILES, *extra]
    if candidate:
        for w in args.weight:
            cmd += ["--weight", w]
    for e in excludes + cv_blame.BLIND_FILES:
        cmd += ["--exclude", e]
    cmd += ["-o", os.path.join(copy, "models", "blame.tsv")]
    run(cmd)


def add_diag(copy, only):
    with open(os.path.join(copy, "blame.rhai"), encoding="utf-8") as f:
        source = f.read()
    if "\nfn score(text) {" not in source:
        sys.exit("no `fn score(text) {` in blame.rhai")
    base = source.replace("\nfn score(text) {", "\nfn score_blame(text) {", 1)
    for name, body in DIAG.items():
        if only and name not in only:
            continue
        with open(os.path.join(copy, name + ".rhai"), "w", encoding="utf-8") as f:
            f.write(base + "\n" + body + "\n")


def oof(args, rows, work):
    a = [r for r in rows if half(r) == "A"]
    b = [r for r in rows if half(r) == "B"]
    b_file = os.path.join(work, "B.jsonl")
    write(b_file, b)
    groups = sorted({cv_blame.conversation(r) for r in a})
    random.Random(23).shuffle(groups)
    fold_of = {g: i % args.folds for i, g in enumerate(groups)}
    out = []
    for k in range(args.folds):
        fold = [r for r in a if fold_of[cv_blame.conversation(r)] == k]
        fold_file = os.path.join(work, "foldA%d.jsonl" % k)
        write(fold_file, fold)
        copy = os.path.join(work, "scriptsA%d" % k)
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(args.scripts, copy)
        train(args, copy, [b_file, fold_file])
        add_diag(copy, args.only)
        scored = run([args.rehearse, "--scripts", copy, "--scenarios", args.scenarios, "--no-journal",
                      "score", "--json", "--jobs", str(args.jobs)],
                     stdin="".join(r["text"] + "\n" for r in fold))
        lines = [json.loads(x) for x in scored.splitlines() if x.strip()]
        if len(lines) != len(fold):
            sys.exit("fold %d: %d rows scored of %d" % (k, len(lines), len(fold)))
        for r, s in zip(fold, lines):
            rec = {"text": r["text"], "blame": r["blame"], "source": r.get("source", ""), "ref": r["ref"],
                   "fold": k, "score": s["scores"]["blame"],
                   "rules": sorted({m["rule"] for m in s.get("matches", []) if m.get("score") == "blame"})}
            for name in DIAG:
                if name in s["scores"]:
                    rec[name] = s["scores"][name]
            out.append(rec)
        print("fold %d done" % k, file=sys.stderr)
    write(args.out, out)
    print("wrote %d A rows to %s" % (len(out), args.out))


def totals(result):
    lines = []
    for group, ev in sorted(result.items(), key=lambda kv: (kv[0] != "(all)", kv[0])):
        c = ev["skills"].get("blame")
        if not c:
            continue
        tp, fp, fn, tn = c["true_pos"], c["false_pos"], c["false_neg"], c["true_neg"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        fb = fp / (fp + tn) if fp + tn else 0.0
        lines.append("  %-12s P %.3f R %.3f F1 %.3f  false blame %.2f%% (%d of %d)  blaming %d"
                     % (group, p, r, f, 100 * fb, fp, fp + tn, tp + fn))
    return "\n".join(lines)


def heldout(args, rows, work):
    a = [r for r in rows if half(r) == "A"]
    b = [{"text": r["text"], "blame": r["blame"], "source": r.get("source", "")} for r in rows if half(r) == "B"]
    b_file = os.path.join(work, "B.jsonl")
    write(b_file, b)
    print("half A %d rows (%d blaming), half B %d rows (%d blaming)"
          % (len(a), sum(r["blame"] for r in a), len(b), sum(r["blame"] for r in b)))
    models = [("base", False)] + ([("cand", True)] if args.with_ or args.weight else [])
    runs = []
    for mname, candidate in models:
        model_dir = os.path.join(work, "scriptsB_" + mname)
        shutil.rmtree(model_dir, ignore_errors=True)
        shutil.copytree(args.scripts, model_dir)
        train(args, model_dir, [b_file], candidate)
        for named in ["scripts=" + args.scripts] + args.variant:
            name, folder = named.split("=", 1)
            runs.append((mname + "_" + name, folder, os.path.join(model_dir, "models", "blame.tsv")))
    if args.with_ or args.weight:
        print("candidate model: base training plus %s" % " ".join(args.with_ + ["--weight " + w for w in args.weight]))
    for name, folder, model in runs:
        copy = os.path.join(work, "v_" + name)
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(folder, copy)
        shutil.copy(model, os.path.join(copy, "models", "blame.tsv"))
        for t in args.alone_model:
            with open(os.path.join(copy, cv_blame.model_alone_name(t) + ".rhai"), "w") as f:
                f.write(cv_blame.model_alone_script(t))
        rows_b = []
        for r in b:
            kept = dict(r)
            for t in args.alone_model:
                kept[cv_blame.model_alone_name(t)] = r["blame"]
            rows_b.append(kept)
        scored_file = os.path.join(work, "B_%s.jsonl" % name)
        write(scored_file, rows_b)
        result = json.loads(run([args.rehearse, "--scripts", copy, "--scenarios", args.scenarios, "--no-journal",
                                 "eval", scored_file, "--json", "--by", "source", "--jobs", str(args.jobs)]))
        print("\n%s (%s), whole blame scorer on half B:" % (name, folder))
        print(totals(result))
        for t in args.alone_model:
            c = result["(all)"]["skills"][cv_blame.model_alone_name(t)]
            fake = {"(all)": {"skills": {"blame": c}}}
            print("  model alone p >= %.2f:" % t)
            print("  " + totals(fake).strip())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["oof", "heldout"])
    ap.add_argument("--rehearse", default="target/release/rehearse")
    ap.add_argument("--scripts", default="scripts")
    ap.add_argument("--scenarios", default="scenarios")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default="rows_a.jsonl")
    ap.add_argument("--keep", help="keep the work files in this folder")
    ap.add_argument("--with", dest="with_", action="append", default=[], help="one more training file")
    ap.add_argument("--weight", action="append", default=[], metavar="FILE=W",
                    help="train this file at weight W (rehearse train --weight)")
    ap.add_argument("--only", action="append", default=[], help="oof: only these diagnostic scorers")
    ap.add_argument("--variant", action="append", default=[], metavar="NAME=DIR")
    ap.add_argument("--alone-model", action="append", type=float, default=[],
                    help="heldout: also print the phrase model alone at p >= T")
    args = ap.parse_args()
    with open(DEV, encoding="utf-8") as f:
        rows = [json.loads(x) for x in f if x.strip()]
    work = args.keep or tempfile.mkdtemp(prefix="tiebreak23.")
    os.makedirs(work, exist_ok=True)
    (oof if args.mode == "oof" else heldout)(args, rows, work)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
