"""What an evidence sentence adds to a relation an analyst asks about: the amount, round and
valuation of an investment ('led a $6.6 billion Series B at a $157 billion valuation'), and what a
partnership or supply deal is about (compute, cloud, chips, distribution, research).

The vocabulary is resources/triggers.json (`deal_kinds`, `funding`); this module holds the mechanism."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MONEY = re.compile(
    r"(?P<cur>US\$|A\$|C\$|\$|€|£|¥|\bUSD\s?|\bEUR\s?|\bGBP\s?)(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>trillion|billion|million|bn|mn|tn|[mbk])\b)?", re.I)
SCALES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6,
          "m": 1e6, "k": 1e3}
CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
            "¥": "JPY", "a$": "AUD", "c$": "CAD"}
DEAL_KINDS = ("compute", "cloud", "chips", "distribution", "research")
KIND_RELATIONS = frozenset({"partners_with", "supplies"})
MONEY_RELATIONS = frozenset({"invests_in", "acquires"})


@dataclass(frozen=True)
class DetailWords:
    kinds: dict               # kind -> compiled whole-word pattern
    rounds: tuple             # (label, compiled pattern)
    valuation_before: re.Pattern
    valuation_after: re.Pattern


def _alternatives(words) -> re.Pattern:
    words = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I)


@lru_cache(maxsize=1)
def detail_words() -> DetailWords:
    data = json.loads((resources.files("industry_graph") / "resources" / "triggers.json").read_text(encoding="utf-8"))
    kinds = {k: _alternatives(v) for k, v in data["deal_kinds"].items() if k != "about"}
    f = data["funding"]
    return DetailWords(kinds=kinds, rounds=tuple((label, re.compile(rx, re.I)) for label, rx in f["rounds"]),
                       valuation_before=re.compile(r"(?:" + "|".join(f["valuation_before"])
                                                   + r")\s*(?:about|around|roughly|nearly|more than|over|some)?\s*$", re.I),
                       valuation_after=re.compile(r"^\s*(?:" + "|".join(f["valuation_after"]) + r")", re.I))


def amounts(sentence: str) -> list[dict]:
    """Every amount of money in a sentence: text, currency, value and whether it is a valuation."""
    words = detail_words()
    out = []
    for m in MONEY.finditer(sentence):
        scale = (m.group("scale") or "").lower()
        value = float(m.group("num").replace(",", "")) * SCALES.get(scale, 1.0)
        cur = CURRENCY.get(m.group("cur").strip().lower(), "")
        before, after = sentence[max(0, m.start() - 40):m.start()], sentence[m.end():m.end() + 30]
        valuation = bool(words.valuation_before.search(before) or words.valuation_after.search(after))
        out.append({"text": m.group(0).strip(), "currency": cur, "value": value, "start": m.start(),
                    "valuation": valuation})
    return out


def describe(relation: str, sentence: str, anchor: int = 0) -> dict:
    """The details of one relation in one sentence; `anchor` is the trigger's offset in the
    sentence, so that of two amounts the one nearer the trigger is taken."""
    out: dict = {}
    if relation in KIND_RELATIONS:
        kinds = [k for k, rx in detail_words().kinds.items() if rx.search(sentence)]
        if kinds:
            out["kinds"] = kinds
    if relation in MONEY_RELATIONS:
        found = amounts(sentence)
        paid = sorted((a for a in found if not a["valuation"]), key=lambda a: abs(a["start"] - anchor))
        worth = [a for a in found if a["valuation"]]
        if paid:
            out["amount"] = paid[0]["text"]
            if paid[0]["currency"] == "USD":
                out["amount_usd"] = paid[0]["value"]
        if worth:
            out["valuation"] = worth[0]["text"]
        if relation == "invests_in":
            for label, rx in detail_words().rounds:
                m = rx.search(sentence)
                if m:
                    out["round"] = label.format(*(g.upper() for g in m.groups()))
                    break
    return out


def summary(edge: dict) -> str:
    """An edge's details in one line: 'chips, compute' for a deal's kinds, '$6.6 billion Series B at
    $157 billion (2024-10-02)' per reported amount."""
    parts = [", ".join(edge["kinds"])] if edge.get("kinds") else []
    for d in edge.get("deals", []):
        parts.append(" ".join(x for x in (d.get("amount", ""), d.get("round", ""),
                                          f"at {d['valuation']}" if "valuation" in d else "",
                                          f"({d['date']})" if d.get("date") else "") if x))
    return "; ".join(parts)
