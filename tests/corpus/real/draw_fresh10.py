"""Fresh draw 10 (seed 2026120710): unlabelled GoEmotions comments from the dev side,
for training the blame phrase model (labelled for `blame` only, like train_blame.jsonl).
Like draw 9 but larger (aimed at 1,600 rows; the dev side ran out at 1,040, four parts for four readers) and with more
non-hostile comments, so the model sees ordinary replies full of "you" at a truer rate.
Disjoint from every file in tests/corpus/real/ as it was before the draw (run it on that
commit to get the same rows), and only comments whose id falls on the dev side by the
round-12 rule (SHA-256 of `goemotions:ID`, as an integer, is 2, 3 or 4 modulo 5).

Usage: python3 draw_fresh10.py MIRRORS OUT_DIR
MIRRORS holds the bare git repository monologg+GoEmotions-pytorch/repo at the commit
ATTRIBUTION.md names. Writes OUT_DIR/go10_{a,b,c,d}.unlabelled.jsonl; the labels were then
added by hand (LABELLING.md)."""
import json, random, subprocess, re, collections, os, sys, hashlib
R = os.path.dirname(os.path.abspath(__file__)) + '/'
M = sys.argv[1].rstrip('/') + '/'
OUT = sys.argv[2]
def show(repo, path):
    return subprocess.run(['git', '--git-dir', M + repo + '/repo', 'show', 'HEAD:' + path],
                          capture_output=True, text=True, check=True).stdout
used_refs, used_text = set(), set()
for f in os.listdir(R):
    if f.endswith('.jsonl'):
        for l in open(R + f):
            d = json.loads(l)
            if d['source'] == 'goemotions': used_refs.add(d['ref'])
            used_text.add(d['text'].strip().lower())
def dev_side(i):
    return int(hashlib.sha256(('goemotions:' + i).encode()).hexdigest(), 16) % 5 >= 2
def ok(t):
    n = len(t.split()); return 2 <= n <= 80 and t.strip().lower() not in used_text
rng = random.Random(2026120710)
labels = show('monologg+GoEmotions-pytorch', 'data/original/labels.txt').split()
go = []
for part in ['train', 'dev', 'test']:
    for line in show('monologg+GoEmotions-pytorch', f'data/original/{part}.tsv').splitlines():
        t, ls, i = line.split('\t')
        if i in used_refs or not dev_side(i): continue
        t = re.sub(r'\s+', ' ', t).strip()
        if ok(t): go.append((t, {labels[int(x)] for x in ls.split(',')}, i))
rng.shuffle(go)
you = re.compile(r"\byou|\bur\b|\bu\b", re.I)
hostile = {'anger', 'annoyance', 'disapproval', 'disgust'}
picked, seen, seen_text = [], set(), set()
def take(pred, n):
    k = 0
    for t, ls, i in go:
        if k >= n: break
        if i in seen or t.lower() in seen_text or not pred(t, ls): continue
        seen.add(i); seen_text.add(t.lower())
        picked.append({'text': t, 'source': 'goemotions', 'ref': i,
                       'context': 'a Reddit comment, usually a reply to another comment'}); k += 1
take(lambda t, ls: ls & hostile and you.search(t), 560)
take(lambda t, ls: ls & {'amusement', 'surprise', 'curiosity', 'confusion'} and you.search(t), 300)
take(lambda t, ls: ls & {'caring', 'gratitude', 'approval', 'admiration', 'neutral'} and you.search(t), 400)
take(lambda t, ls: ls & hostile and not you.search(t), 200)
take(lambda t, ls: ls & {'remorse', 'sadness', 'disappointment', 'realization', 'embarrassment'} and you.search(t), 140)
rng.shuffle(picked)
quarter = len(picked) // 4
for k, name in enumerate(('go10_a', 'go10_b', 'go10_c', 'go10_d')):
    part = picked[k * quarter:(k + 1) * quarter] if k < 3 else picked[3 * quarter:]
    with open(os.path.join(OUT, f'{name}.unlabelled.jsonl'), 'w') as f:
        for d in part: f.write(json.dumps(d, ensure_ascii=False) + '\n')
    print(name, len(part))
