"""Loads the relation trigger vocabulary (resources/triggers.json) into lookup tables."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str                      # verbs | roles | events | modifiers
    relation: str
    head_types: frozenset
    tail_types: frozenset
    confidence: float
    head: str = ""                 # verbs: subj | obj | prep:a|b
    tail: str = ""
    reverse: bool = False          # roles: the holder is the tail
    about_preps: tuple = ("of", "at", "for", "with", "in")
    owner_preps: tuple = ()
    target_preps: tuple = ()
    pair_preps: tuple = ()
    modifier_is: str = ""
    obj_lemmas: frozenset = frozenset()      # verbs: the object must be one of these nouns
    obj_not_lemmas: frozenset = frozenset()  # verbs: ... and must not be one of these
    place_modifier: bool = False             # roles: 'a London AI lab' places the holder
    holder_from_verb: bool = False           # roles: 'moved to a role at Google' -> the verb's subject
    possessor_is_target: bool = False        # events: "xAI's funding round" is money going to xAI
    named_only: bool = False                 # verbs: the tail is named itself ('with Nvidia', not 'with Nvidia chips')
    tail_is_possessor: bool = False          # verbs: the tail owns the object ('hosts Cohere's models')
    head_is_possessor: bool = False          # verbs: the head owns the object ('distributes Nvidia's modules')


@dataclass(frozen=True)
class Lexicon:
    verbs: dict          # lemma -> tuple[Rule]
    roles: dict
    events: dict
    modifiers: dict
    class_nouns: frozenset
    talks: frozenset
    denied: frozenset
    ended: frozenset
    max_words: int
    version: str
    org_words: frozenset = frozenset()
    quantity_nouns: frozenset = frozenset()
    reporting_verbs: frozenset = frozenset()
    anaphora: frozenset = frozenset()
    last_words: frozenset = frozenset()      # the final word of every trigger phrase, for a quick test
    compute_verbs: frozenset = frozenset()   # 'OpenAI uses Nvidia chips': a customer's verbs ...
    compute_nouns: frozenset = frozenset()   # ... and what it buys
    control_verbs: frozenset = frozenset()   # 'hired X to lead Y': X is who leads
    public_titles: frozenset = frozenset()   # 'President Donald Trump': a title that names no company
    countries: frozenset = frozenset()       # 'the U.S. chipmaker' says where from, not where based
    words: dict = field(default_factory=dict)   # named word lists of single rules (triggers.json "word_lists")
    reach: dict = field(default_factory=dict)  # a phrase's last word -> most tokens any phrase needs before it
    version_words: frozenset = frozenset()   # 'MAI-1-preview', 'o4-mini': words that end a product's name
    trigger_words: frozenset = frozenset()   # last words of trigger phrases that are no company words
    company_verbs: frozenset = frozenset()   # 'is headquartered in', 'was founded by': a company's verbs
    seat_verbs: frozenset = frozenset()      # 'based in': verbs that say where an organisation sits
    work_verbs: frozenset = frozenset()      # 'designed at MIT by ...': verbs of work done somewhere

    def region(self, text: str) -> bool:
        """Whether a name is a region of the world ('Europe', 'the Middle East', 'the Americas')."""
        return text.lower().removeprefix("the ") in self.words["regions"]

    def company_verb(self, verb) -> bool:
        """Whether a verb token is one of company_verbs ('co-founded', 'co-founding', which the model
        lemmatises badly)."""
        word = verb.lower_
        return verb.lemma_.lower() in self.company_verbs or word.removesuffix("ed") in self.company_verbs \
            or word.endswith("ing") and word.removesuffix("ing") in self.company_verbs \
            or verb.lemma_.lower() == "set" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The trigger tables; `path` replaces the built-in file (same JSON layout)."""
    text = (Path(path).read_text(encoding="utf-8") if path else
            (resources.files("industry_graph") / "resources" / "triggers.json").read_text(encoding="utf-8"))
    data = json.loads(text)
    tables = {}
    longest = 1
    for kind in ("verbs", "roles", "events", "modifiers"):
        table: dict[str, list[Rule]] = {}
        for spec in data[kind]:
            rule = Rule(id=spec["id"], kind=kind, relation=spec["relation"],
                        head_types=frozenset(spec["head_types"]), tail_types=frozenset(spec["tail_types"]),
                        confidence=float(spec.get("confidence", 0.8)), head=spec.get("head", ""),
                        tail=spec.get("tail", ""), reverse=bool(spec.get("reverse", False)),
                        about_preps=tuple(spec.get("about_preps", Rule.about_preps)),
                        owner_preps=tuple(spec.get("owner_preps", ())),
                        target_preps=tuple(spec.get("target_preps", ())),
                        pair_preps=tuple(spec.get("pair_preps", ())),
                        modifier_is=spec.get("modifier_is", ""),
                        obj_lemmas=frozenset(spec.get("obj_lemmas", ())),
                        obj_not_lemmas=frozenset(spec.get("obj_not_lemmas", ())),
                        place_modifier=bool(spec.get("place_modifier", False)),
                        holder_from_verb=bool(spec.get("holder_from_verb", False)),
                        possessor_is_target=bool(spec.get("possessor_is_target", False)),
                        named_only=bool(spec.get("named_only", False)),
                        tail_is_possessor=bool(spec.get("tail_is_possessor", False)),
                        head_is_possessor=bool(spec.get("head_is_possessor", False)))
            for lemma in spec["lemmas"]:
                table.setdefault(lemma, []).append(rule)
                longest = max(longest, len(lemma.split()))
        tables[kind] = {k: tuple(v) for k, v in table.items()}
    # ('vice-president' ends in 'president' where the tokenizer splits it, and is one word where it does not)
    last = frozenset(w for table in tables.values() for k in table
                     for w in (k.split()[-1], k.split()[-1].split("-")[-1]))
    reach: dict[str, int] = {}
    for table in tables.values():
        for key in table:
            parts = re.findall(r"[\w'.]+|-", key)
            reach[parts[-1]] = max(reach.get(parts[-1], 0), len(parts) - 1)
    # a phrasal verb is looked up from its verb: 'set up', 'take over', 'team up'
    last |= frozenset(k.split()[0] for k in tables["verbs"] if " " in k)
    h = data["hedges"]
    return Lexicon(**tables, class_nouns=frozenset(data["class_nouns"]),
                   talks=frozenset(h["talks"]), denied=frozenset(h["denied"]),
                   ended=frozenset(h["ended"]), max_words=longest,
                   org_words=frozenset(data.get("org_words", [])),
                   quantity_nouns=frozenset(data.get("quantity_nouns", [])),
                   reporting_verbs=frozenset(data.get("reporting_verbs", [])),
                   anaphora=frozenset(data.get("anaphora", [])), last_words=last,
                   compute_verbs=frozenset(data.get("compute_use", {}).get("verbs", [])),
                   compute_nouns=frozenset(data.get("compute_use", {}).get("nouns", [])),
                   control_verbs=frozenset(data.get("control_verbs", [])),
                   public_titles=frozenset(data.get("public_titles", [])),
                   countries=frozenset(data.get("countries", [])),
                   words={k: frozenset(v) for k, v in data.get("word_lists", {}).items()},
                   version_words=frozenset(data.get("version_words", [])),
                   company_verbs=frozenset(data.get("company_verbs", [])),
                   seat_verbs=frozenset(data.get("seat_verbs", [])),
                   work_verbs=frozenset(data.get("work_verbs", [])),
                   trigger_words=last - frozenset(data.get("org_words", [])),
                   reach=reach, version=hashlib.sha256(text.encode()).hexdigest()[:16])
