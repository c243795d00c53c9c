#!/usr/bin/env python3
"""Round 26e: what would make the blame model's judgement travel? Leave-one-file-out.

Why: cv_blame.py mixes all real rows into five folds, so every fold's model has seen
the other rows of the same file, source and labeller. Speech the rules and the model
were not built from is the real question, so here a whole file is held out at a time
(and the play-test register, `play_misses.jsonl`, is held out in three folds of whole
play-tests, plus `play_misses_fresh.jsonl`, which nothing trains on), and each held-out
unit is scored with models that never saw it:

  v0  the committed training command (cv_blame.TRAINING_FILES)
  v1  v0 + real/train_blame11.jsonl
  v2  v0 + play_misses.jsonl
  v3  v0 + both

(a held-out file is never among its own training files; `--exclude` also drops any
training reply whose text is in the held-out unit, and the blind files as always).

One scoring pass per unit gives, per row, the rules' own score, whether a rule found
evidence (the tie-break path), whether the alone-path guards pass, the affection
check and, per model, the p the whole scorer would add (or none, when the model has
nothing or its clause is filtered as kind). From those the whole scorer is replayed
for any alone-threshold and model weight (`score()` in scripts/blame.rhai); the replay
is checked against the real `blame` score of v0 at the committed constants.

    python3 tests/corpus/real/cv_register26.py score --out rows26.jsonl
    python3 tests/corpus/real/cv_register26.py report rows26.jsonl

Nothing here opens a blind file except as `--exclude` for `rehearse train`.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cv_blame  # noqa: E402

TB11 = "tests/corpus/real/train_blame11.jsonl"
PLAY = "tests/corpus/play_misses.jsonl"
FRESH = "tests/corpus/play_misses_fresh.jsonl"
REAL_UNITS = [
    "tests/corpus/real/dev.jsonl",
    "tests/corpus/real/train_blame.jsonl",
    "tests/corpus/real/train_blame9.jsonl",
    "tests/corpus/real/train_blame10.jsonl",
    TB11,
]
VARIANTS = {"v0": [], "v1": [TB11], "v2": [PLAY], "v3": [TB11, PLAY]}
PLAY_FOLDS = 3
FILTERS = ["round11", "round13", "round15", "round16", "round22", "round23b", "round24a", "round25a"]


def run(cmd, stdin=None):
    done = subprocess.run(cmd, capture_output=True, text=True, input=stdin)
    if done.returncode != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(cmd[:8]), done.stdout[-2000:], done.stderr[-2000:]))
    return done.stdout


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def units():
    """(name, rows) of every held-out unit; rows labelled for blame only."""
    out = [(os.path.basename(p), p, [r for r in read(p) if "blame" in r]) for p in REAL_UNITS]
    play = [r for r in read(PLAY) if "blame" in r]
    groups = sorted({(r.get("tags") or ["-"])[0] for r in play})
    random.Random(26).shuffle(groups)
    fold_of = {g: i % PLAY_FOLDS for i, g in enumerate(groups)}
    for k in range(PLAY_FOLDS):
        out.append(("play_misses#%d" % k, None, [r for r in play if fold_of[(r.get("tags") or ["-"])[0]] == k]))
    out.append(("play_misses_fresh", FRESH, [r for r in read(FRESH) if "blame" in r]))
    return out


def diag_script(blame_source):
    """blame.rhai with its score() renamed, one phrasing_hits per model, and a score()
    that reports the inner values as its suggestion string."""
    base = blame_source.replace("\nfn score(text) {", "\nfn score_blame(text) {", 1)
    m = re.search(r"\nfn phrasing_hits\(text, hits\) \{\n.*?\n\}\n", base, re.S)
    if not m:
        sys.exit("no phrasing_hits in blame.rhai")
    body = m.group(0)
    extra = ""
    for v in VARIANTS:
        extra += body.replace("fn phrasing_hits(", "fn phrasing_hits_%s(" % v).replace('phrase_model("blame",', 'phrase_model("%s",' % v)
    lines = [
        "fn score(text) {",
        "    let hits = blame_hits(text);",
        "    hits += model17_taking_hits(text);",
        "    let r = blame_of(hits);",
        '    let out = "r=" + r;',
        '    out += if has_evidence(round13_standing(text, hits)) { "|ev=1" } else { "|ev=0" };',
        '    out += if model_may_decide_alone(text, 1.0) { "|g=1" } else { "|g=0" };',
        '    out += if is_affectionate(text, hits) { "|a=1" } else { "|a=0" };',
        "    if r < 0.5 {",
    ]
    for v in VARIANTS:
        lines.append("        let model = phrasing_hits_%s(text, hits);" % v)
        for f in FILTERS:
            lines.append("        model = %s_unkind_clauses(text, model);" % f)
        lines.append("        let p = -1.0;")
        lines.append("        for h in model { if h.w > 0.0 { p = h.p; } }")
        lines.append('        out += "|%s=" + p;' % v)
    lines += ["    }", '    #{ score: 0.0, matches: [], tip: "", suggestion: out }', "}"]
    return base + "\n" + extra + "\n" + "\n".join(lines) + "\n"


def score(args):
    work = args.keep or tempfile.mkdtemp(prefix="cv26.")
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(args.scripts, "blame.rhai"), encoding="utf-8") as f:
        diag = diag_script(f.read())
    out = []
    for name, path, rows in units():
        if args.only and name not in args.only:
            continue
        held = os.path.join(work, name + ".jsonl")
        with open(held, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"text": r["text"], "blame": r["blame"]}, ensure_ascii=False) + "\n")
        copy = os.path.join(work, "scripts_" + name)
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(args.scripts, copy)
        # only blame is measured: the other skills' scripts are left out of the copy
        for other in os.listdir(copy):
            if other.endswith(".rhai") and other not in ("blame.rhai", "prelude.rhai"):
                os.remove(os.path.join(copy, other))
        for v, extra in VARIANTS.items():
            files = [f for f in cv_blame.TRAINING_FILES + extra if f != path]
            cmd = [args.rehearse, "--scripts", copy, "--scenarios", args.scenarios, "--no-journal",
                   "train", "blame", *files, "--exclude", held]
            for b in cv_blame.BLIND_FILES:
                cmd += ["--exclude", b]
            cmd += ["-o", os.path.join(copy, "models", v + ".tsv")]
            run(cmd)
        shutil.copy(os.path.join(copy, "models", "v0.tsv"), os.path.join(copy, "models", "blame.tsv"))
        with open(os.path.join(copy, "zz_diag.rhai"), "w", encoding="utf-8") as f:
            f.write(diag)
        scored = run([args.rehearse, "--scripts", copy, "--scenarios", args.scenarios, "--no-journal",
                      "score", "--json", "--jobs", str(args.jobs)], stdin="".join(r["text"] + "\n" for r in rows))
        lines = [json.loads(x) for x in scored.splitlines() if x.strip()]
        if len(lines) != len(rows):
            sys.exit("%s: %d rows scored of %d" % (name, len(lines), len(rows)))
        for r, s in zip(rows, lines):
            rec = {"unit": name, "source": r.get("source") or "-", "blame": r["blame"], "text": r["text"],
                   "actual": s["scores"]["blame"]}
            for kv in s["suggestions"]["zz_diag"].split("|"):
                k, val = kv.split("=", 1)
                rec[k] = float(val)
            out.append(rec)
        print("%s done (%d rows)" % (name, len(rows)), file=sys.stderr)
    with open(args.out, "w", encoding="utf-8") as f:
        for rec in out:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def replay(rec, v, t, w, tie=True, alone=True, tie_w=None):
    """The whole scorer's blame score (scripts/blame.rhai score()), from the parts.
    `tie_w` weighs the model on the tie-breaking path only (the scripts use one weight)."""
    r = rec["r"]
    s = r
    p = rec.get(v, -1.0)
    if r < 0.5 and p >= 0:
        path = (tie and rec["ev"] == 1) or (alone and rec["ev"] == 0 and rec["g"] == 1 and p >= t)
        if path:
            weight = tie_w if tie_w is not None and rec["ev"] == 1 else w
            with_model = 1 - (1 - r) * (1 - weight * p)
            if with_model >= 0.5:
                s = with_model
    if s >= 0.5 and rec["a"] == 1:
        s *= 0.5
    return s


def path_of(rec, v, t, w):
    if rec["r"] >= 0.5:
        return "rules"
    if replay(rec, v, t, w) >= 0.5:
        return "tie-break" if rec["ev"] == 1 else "alone"
    return "none"


def conf(recs, pred):
    c = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for rec in recs:
        y, yhat = rec["blame"], pred(rec)
        c["tp" if y and yhat else "fp" if yhat else "fn" if y else "tn"] += 1
    return c


def fmt(c):
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    neg = c["fp"] + c["tn"]
    return "P %.3f R %.3f F1 %.3f  FB %5.2f%% (%3d/%4d)  pos %d" % (p, r, f, 100 * c["fp"] / neg if neg else 0, c["fp"], neg, c["tp"] + c["fn"])


def report(args):
    recs = read(args.rows)
    bad = [x for x in recs if (x["actual"] >= 0.5) != (replay(x, "v0", 0.9, 0.7) >= 0.5)]
    print("replay check (v0, t 0.9, w 0.7 against the real blame score): %d of %d rows differ" % (len(bad), len(recs)))
    for x in bad[:5]:
        print("   differs:", x["unit"], x["actual"], replay(x, "v0", 0.9, 0.7))
    real = [x for x in recs if not x["unit"].startswith("play")]
    play = [x for x in recs if x["unit"].startswith("play")]
    groups = [("REAL (5 files)", real), ("PLAY (3 folds + fresh)", play)]
    by_unit = defaultdict(list)
    for x in recs:
        by_unit[x["unit"]].append(x)
    by_source = defaultdict(list)
    for x in real:
        by_source[x["source"]].append(x)

    def block(v, t, w, **kw):
        for name, rs in groups + sorted(by_unit.items()) + [("source " + k, rs) for k, rs in sorted(by_source.items())]:
            print("  %-24s %s" % (name, fmt(conf(rs, lambda x: replay(x, v, t, w, **kw) >= 0.5))))

    print("\n== Training variants (t 0.9, w 0.7) ==")
    for v in VARIANTS:
        print("%s (%s):" % (v, " + ".join(["committed"] + [os.path.basename(f) for f in VARIANTS[v]])))
        block(v, 0.9, 0.7)
    print("\n== Rules only (model off) ==")
    block("v0", 0.9, 0.7, tie=False, alone=False)
    print("\n== v0, tie-break only (alone path off) ==")
    block("v0", 0.9, 0.7, alone=False)
    print("\n== v0, alone path only (tie-break off) ==")
    block("v0", 0.9, 0.7, tie=False)
    print("\n== v0: which path called each row blaming (t 0.9, w 0.7) ==")
    for name, rs in groups:
        cnt = defaultdict(lambda: [0, 0])
        for x in rs:
            pth = path_of(x, "v0", 0.9, 0.7)
            if pth != "none":
                cnt[pth][0 if x["blame"] else 1] += 1
        print("  %-24s %s" % (name, "  ".join("%s: %d right, %d false blame" % (k, a, b) for k, (a, b) in sorted(cnt.items()))))
    print("\n== v0: precision of the alone path by the model's p (rows it adds at t 0.8) ==")
    for name, rs in groups:
        cnt = defaultdict(lambda: [0, 0])
        for x in rs:
            p = x.get("v0", -1.0)
            if x["r"] < 0.5 and p >= 0 and x["ev"] == 0 and replay(x, "v0", 0.8, 0.7) >= 0.5:
                band = next(b for b in (0.98, 0.95, 0.9, 0.85, 0.8) if p >= b)
                cnt[band][0 if x["blame"] else 1] += 1
        print("  %-24s %s" % (name, "  ".join("p>=%.2f: %d right %d false" % (b, a, f) for b, (a, f) in sorted(cnt.items()))))
    print("\n== Sweep: alone threshold t (model weight 0.7), every training variant ==")
    for v in VARIANTS:
        for t in (0.8, 0.85, 0.88, 0.9, 0.92, 0.95, 0.97, 0.99, 1.01):
            cells = [fmt(conf(rs, lambda x: replay(x, v, t, 0.7) >= 0.5)) for _, rs in groups]
            print("  %s t %.2f  REAL %s | PLAY %s" % (v, t, cells[0], cells[1]))
    print("\n== Sweep: tie-break weight (v0, t 0.9, alone weight 0.7) ==")
    for tw in (0.0, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 1.0):
        cells = [fmt(conf(rs, lambda x: replay(x, "v0", 0.9, 0.7, tie_w=tw) >= 0.5)) for _, rs in groups]
        print("  tie %.2f  REAL %s | PLAY %s" % (tw, cells[0], cells[1]))
    print("\n== Settings that raise recall in both registers with no unit or source given more false blame ==")
    base = {k: conf(rs, lambda x: replay(x, "v0", 0.9, 0.7) >= 0.5) for k, rs in units_and_sources(recs).items()}
    found = 0
    for v in VARIANTS:
        for t in (0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 1.01):
            for tw in (0.0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 1.0):
                c = {k: conf(rs, lambda x: replay(x, v, t, 0.7, tie_w=tw) >= 0.5) for k, rs in units_and_sources(recs).items()}
                more = [k for k in ("REAL", "PLAY") if c[k]["tp"] > base[k]["tp"]]
                fewer = [k for k in ("REAL", "PLAY") if c[k]["tp"] < base[k]["tp"]]
                if more and not fewer and all(c[k]["fp"] <= base[k]["fp"] for k in base):
                    found += 1
                    print("  %s t %.2f tie %.2f  REAL %s | PLAY %s" % (v, t, tw, fmt(c["REAL"]), fmt(c["PLAY"])))
    print("  %d found" % found)


def units_and_sources(recs):
    out = defaultdict(list)
    for x in recs:
        play = x["unit"].startswith("play")
        out["PLAY" if play else "REAL"].append(x)
        out["unit " + x["unit"]].append(x)
        if not play:
            out["source " + x["source"]].append(x)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("score")
    s.add_argument("--rehearse", default="target/release/rehearse")
    s.add_argument("--scripts", default="scripts")
    s.add_argument("--scenarios", default="scenarios")
    s.add_argument("--jobs", type=int, default=2)
    s.add_argument("--keep")
    s.add_argument("--only", action="append", default=[], help="score only this unit (for a quick check)")
    s.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("rows")
    args = ap.parse_args()
    score(args) if args.cmd == "score" else report(args)


if __name__ == "__main__":
    main()
