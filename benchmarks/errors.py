"""List the missed and false triples of a benchmark run, with the passage, to see where rules fall short.

    python benchmarks/relations.py ../shared/benchmarks/knowledgenet.jsonl --split train --pred /tmp/kn.jsonl
    python benchmarks/errors.py ../shared/benchmarks/knowledgenet.jsonl /tmp/kn.jsonl --split train --relation founded
"""
from __future__ import annotations

import argparse
import importlib.util
from collections import defaultdict
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--split")
    ap.add_argument("--relation", help="only this relation")
    ap.add_argument("--kind", choices=["missed", "false", "both"], default="both")
    ap.add_argument("--limit", type=int, default=40)
    a = ap.parse_args(argv)
    scorer = a.gold.resolve().parent / "score.py"
    if not scorer.exists():       # a subset gold file written by relations.py --limit
        scorer = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "score.py"
    spec = importlib.util.spec_from_file_location("score", scorer)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)

    gold = [r for r in score.load_jsonl(a.gold) if a.split is None or r.get("split") == a.split]
    preds = defaultdict(list)
    for p in score.load_jsonl(a.pred):
        preds[p["id"]].append(p)
    shown = 0
    for rec in gold:
        rels = set(rec.get("annotated_relations", []))
        golds = [g for g in rec["triples"] if not a.relation or g["relation"] == a.relation]
        ps = [p for p in preds.get(rec["id"], [])     # a 'leads' prediction also counts for works_for
              if not a.relation or a.relation in (p["relation"], score.IMPLIES.get(p["relation"]))]
        mp, mg = score.greedy_match(ps, golds)
        implied = [dict(p, relation=score.IMPLIES[p["relation"]]) for p in ps if p["relation"] in score.IMPLIES]
        rest = [gi for gi in range(len(golds)) if gi not in mg]
        mg |= {rest[i] for i in score.greedy_match(implied, [golds[gi] for gi in rest])[1]}  # 'leads' says works_for
        missed = [g for i, g in enumerate(golds) if i not in mg] if a.kind != "false" else []
        false = [p for i, p in enumerate(ps) if i not in mp and p["relation"] in rels
                 and p["relation"] == (a.relation or p["relation"])
                 and not any(score.triple_match(p, d, True) for d in rec.get("doubtful", []))
                 and not any(score.triple_match(dict(p, relation=score.IMPLIES.get(p["relation"], "")), g, True)
                             for g in golds)] if a.kind != "missed" else []
        if not missed and not false:
            continue
        print(f"\n## {rec['id']}: {rec['text']}")
        for g in missed:
            print(f"  MISSED {g['head']} --{g['relation']}--> {g['tail']}")
        for p in false:
            print(f"  FALSE  {p['head']} --{p['relation']}--> {p['tail']}")
        shown += 1
        if shown >= a.limit:
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
