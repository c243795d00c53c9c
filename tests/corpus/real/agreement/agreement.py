"""How far careful readers agree on blind7: the first labelling (../blind7.jsonl)
against two later, independent ones (reader A and B), per skill: Cohen's kappa and F1.
Run: python3 tests/corpus/real/agreement/agreement.py"""
import json,sys
import os
HERE=os.path.dirname(os.path.abspath(__file__))
skills=['blame','i_statement','apology_started','apology','validation','boundary','repair','stonewalling']
def load(p): return [json.loads(l) for l in open(p)]
O=load(HERE+'/../blind7.jsonl'); A=load(HERE+'/blind7-reader-A.jsonl'); B=load(HERE+'/blind7-reader-B.jsonl')
assert [o['ref'] for o in O]==[a['ref'] for a in A]==[b['ref'] for b in B]
def stats(x,y):
    n=len(x); tp=sum(a and b for a,b in zip(x,y)); fp=sum((not a) and b for a,b in zip(x,y)); fn=sum(a and not b for a,b in zip(x,y))
    po=sum(a==b for a,b in zip(x,y))/n; px=sum(x)/n; py=sum(y)/n; pe=px*py+(1-px)*(1-py)
    k=(po-pe)/(1-pe) if pe<1 else 1.0
    f1=2*tp/(2*tp+fp+fn) if tp+fp+fn else 1.0
    return k,f1,sum(x),sum(y)
print(f"{'skill':16} {'κ O-A':>6} {'F1':>5} {'κ O-B':>6} {'F1':>5} {'κ A-B':>6} {'F1':>5}  n_true O/A/B")
for s in skills:
    o=[r[s] for r in O]; a=[r[s] for r in A]; b=[r[s] for r in B]
    r1=stats(o,a); r2=stats(o,b); r3=stats(a,b)
    print(f"{s:16} {r1[0]:6.3f} {r1[1]:5.3f} {r2[0]:6.3f} {r2[1]:5.3f} {r3[0]:6.3f} {r3[1]:5.3f}  {sum(o)}/{sum(a)}/{sum(b)}")
# blame per source
for src in sorted(set(r['source'] for r in O)):
    idx=[i for i,r in enumerate(O) if r['source']==src]
    o=[O[i]['blame'] for i in idx]; a=[A[i]['blame'] for i in idx]; b=[B[i]['blame'] for i in idx]
    print(src,len(idx),'blame O-A κ %.3f F1 %.3f | O-B κ %.3f F1 %.3f | A-B κ %.3f F1 %.3f'%(stats(o,a)[:2]+stats(o,b)[:2]+stats(a,b)[:2]), sum(o),sum(a),sum(b))
# false blame: of O-negatives, fraction A or B says blame
for nm,L in (('A',A),('B',B)):
    neg=[i for i,r in enumerate(O) if not r['blame']]
    print(nm,'blame on utterances O calls non-blaming: %.1f%%'%(100*sum(L[i]['blame'] for i in neg)/len(neg)))
