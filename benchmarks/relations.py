"""Run the extraction on a public relation-extraction benchmark and score it with the shared scorer.

    python benchmarks/relations.py ../shared/benchmarks/knowledgenet.jsonl --split dev --pred /tmp/kn.jsonl
    python benchmarks/relations.py ../shared/benchmarks/fire.jsonl --split test --pred /tmp/fire.jsonl

Each record's text is one article; every stated triple becomes a {"id", "head", "relation", "tail"}
line of PRED.jsonl, then score.py (found beside the gold file) prints its table.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from industry_graph.gazetteer import load_gazetteer
from industry_graph.models import Article
from industry_graph.nlp import make_nlp
from industry_graph.pipeline import process


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--split", help="only records of this split (train, dev or test)")
    ap.add_argument("--pred", type=Path, required=True, help="where to write the predictions")
    ap.add_argument("--model", help="installed spaCy pipeline")
    ap.add_argument("--limit", type=int, help="only the first N records")
    ap.add_argument("--json", action="store_true", help="ask the scorer for JSON")
    a = ap.parse_args(argv)

    records = [json.loads(line) for line in a.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if a.split is None or r.get("split") == a.split][: a.limit]
    gaz = load_gazetteer()
    nlp = make_nlp(a.model, gazetteer=gaz)
    started = time.perf_counter()
    arts = [Article(id=r["id"], file=r["id"], text=r["text"]) for r in records]
    n = 0
    with open(a.pred, "w", encoding="utf-8") as out:
        for result in process(arts, nlp, gaz):
            # one line per triple, as `triples` prints: the same fact from two mentions is one;
            # each side under the name its sentence writes (these benchmarks annotate mentions:
            # 'Fiera Milano SpA', where the graph keeps 'Fiera Milano')
            stated = {(_as_in(f.head, f.evidence.sentence, result), f.relation,
                       _as_in(f.tail, f.evidence.sentence, result)): None
                      for f in result.facts if f.evidence.status == "stated"}
            for head, relation, tail in stated:
                out.write(json.dumps({"id": result.article.id, "head": head, "relation": relation,
                                      "tail": tail}) + "\n")
            n += len(stated)
    words = sum(len(r["text"].split()) for r in records)
    secs = time.perf_counter() - started
    print(f"{len(records)} records, {words} words, {n} predicted triples in {secs:.1f}s "
          f"({words / secs:.0f} words/s) -> {a.pred}", file=sys.stderr)
    scorer = a.gold.resolve().parent / "score.py"
    gold = a.gold
    if a.limit:                 # score only the records that ran, or recall counts the rest as missed
        gold = a.pred.with_name(a.pred.stem + ".gold.jsonl")
        gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    cmd = [sys.executable, str(scorer), str(gold), str(a.pred)] + (["--split", a.split] if a.split else [])
    return subprocess.call(cmd + (["--json"] if a.json else []))


def _as_in(ent, sentence: str, result) -> str:
    """The longest of the entity's surface forms that the sentence holds, else its name."""
    forms = [s for s in result.surfaces.get(ent.id, ()) if s in sentence]
    return max(forms, key=lambda s: (len(s), s)) if forms else ent.name


if __name__ == "__main__":
    sys.exit(main())
