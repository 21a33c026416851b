"""Predictions vs gold triples (SCHEMA.md gold format): precision, recall, F1 per relation."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from .models import RELATIONS, SYMMETRIC
from .names import normalise


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file and line."""


def load_gold(path: Path | str) -> list[dict]:
    path = Path(path)
    if not path.exists():
        raise GoldError(f"no gold file at {path}")
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            rec["triples"] = [tuple(t) for t in rec.get("triples", [])]
            rec["doubtful"] = [tuple(t) for t in rec.get("doubtful", [])]
        except (json.JSONDecodeError, TypeError, AttributeError) as exc:
            raise GoldError(f"{path}:{n}: not a gold record ({exc})") from None
        bad = [t for t in rec["triples"] + rec["doubtful"] if len(t) != 3 or t[1] not in RELATIONS]
        if bad:
            raise GoldError(f"{path}:{n}: bad triple {list(bad[0])}")
        records.append(rec)
    return records


class _Names:
    """Gold names and aliases -> one key per gold entity."""

    def __init__(self, records):
        self.key = {}
        for rec in records:
            for name, info in rec.get("entities", {}).items():
                canon = normalise(name)
                for alias in (name, *info.get("aliases", [])):
                    self.key.setdefault(normalise(alias), canon)

    def __call__(self, *names: str) -> str:
        for n in names:
            k = self.key.get(normalise(n))
            if k:
                return k
        return normalise(names[0])


def _triple(h, r, t):
    return (t, r, h) if r in SYMMETRIC and t < h else (h, r, t)


def _wanted(records):
    """(file, record) pairs the gold covers; record None means the whole file."""
    return {(rec["file"], rec.get("record")) for rec in records if rec.get("file")}


def _covered(ev: dict, wanted) -> bool:
    if not wanted:
        return True
    rid = ev["article"].rsplit("#", 1)[1] if "#" in ev["article"] else None
    return (ev["file"], None) in wanted or (ev["file"], rid) in wanted


def predicted_triples(g: nx.MultiDiGraph, records: list[dict], *, status: str = "stated") -> dict:
    """Graph edges from the gold's articles, as normalised triples -> (head, relation, tail) names."""
    names, wanted = _Names(records), _wanted(records)
    out = {}
    for u, v, d in g.edges(data=True):
        if not any(e["status"] == status and _covered(e, wanted) for e in d["evidence"]):
            continue
        hu, hv = g.nodes[u], g.nodes[v]
        # the name alone, as a scorer reading `triples --format jsonl` sees it
        key = _triple(names(hu["name"]), d["relation"], names(hv["name"]))
        out[key] = (hu["name"], d["relation"], hv["name"])
    return out


def score(pred: dict, records: list[dict]) -> dict:
    names = _Names(records)
    gold = {_triple(names(h), r, names(t)): (h, r, t) for rec in records for h, r, t in rec["triples"]}
    doubtful = {_triple(names(h), r, names(t)) for rec in records for h, r, t in rec["doubtful"]}
    tp = set(pred) & set(gold)
    fp = set(pred) - set(gold) - doubtful
    fn = set(gold) - set(pred)
    per = {}
    for rel in RELATIONS:
        counts = [sum(1 for k in s if k[1] == rel) for s in (tp, fp, fn)]
        if any(counts):
            per[rel] = _prf(*counts)
    return {"per_relation": per, "micro": _prf(len(tp), len(fp), len(fn)),
            "missed": sorted(gold[k] for k in fn), "false": sorted(pred[k] for k in fp)}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate(gold: Path | str, g: nx.MultiDiGraph) -> dict:
    """Score a graph against a gold file, counting only edges evidenced by the gold's articles.

    >>> evaluate("data/gold.jsonl", load_graph("graph"))["micro"]["f1"]   # doctest: +SKIP
    0.9
    """
    records = load_gold(gold)
    return score(predicted_triples(g, records), records)
