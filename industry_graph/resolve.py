"""Names -> canonical entities: gazetteer aliases first, then the article's own fuller forms
('Musk' after 'Elon Musk', 'Nvidia Corp.' = 'Nvidia'), then the cleaned surface form."""
from __future__ import annotations

import re
from collections import Counter

from .gazetteer import Gazetteer
from .lexicon import load_lexicon
from .models import Entity, Mention
from .names import clean_surface, initials, normalise, slug, strip_suffix
from .shortnames import INITIALS


# words of the names of bodies named after a person
EPONYMOUS = frozenset({"foundation", "charitable", "trust", "family", "institute", "university", "college",
                       "school", "center", "centre", "prize", "award", "memorial", "fund", "museum", "library"})


# what a body set up by a company is called, never the company in full ('Carlsberg Foundation')
OWNER_BODIES = frozenset({"foundation", "charitable", "trust", "family"})


def _key(text: str) -> str:
    """The key under which the article's names meet: cleaned, without legal suffix, normalised."""
    return normalise(strip_suffix(clean_surface(text)))


def _company_words(rest: str) -> bool:
    """Whether the words a longer name adds are a company's ('Vantage Data Centers'), not a
    product's ('Visa Protect' is no fuller name of Visa)."""
    words = load_lexicon().org_words
    return any(w in words for w in rest.split()) or len(rest.split()) > 1


def _after_initials(name: str, key: str) -> bool:
    """'Huber' for 'J.M. Huber Corporation': the word after a company name's opening initials."""
    words = name.split()
    return len(words) >= 2 and INITIALS.fullmatch(words[0]) is not None and normalise(words[1]) == key


class ArticleResolver:
    """Maps the mentions of one article to canonical entities.

    >>> from industry_graph.gazetteer import Gazetteer
    >>> r = ArticleResolver(Gazetteer(), [Mention("Jane Roe", "PERSON", 0, 8), Mention("Roe", "PERSON", 40, 43)])
    >>> r.resolve(Mention("Roe", "PERSON", 40, 43)).name
    'Jane Roe'
    """

    def __init__(self, gazetteer: Gazetteer, mentions: list[Mention], aliases: dict | None = None, opening: int = 0):
        self.gaz = gazetteer
        self.local: dict[str, Entity] = {}      # normalised surface -> entity, this article
        # short form -> the name the article gave it for ('the Health Assurance Transformation
        # Corporation, or HATCo'): resolved as that name
        self.aliases = aliases or {}
        self.starts: dict[str, list[int]] = {}     # where each name is written
        self.companies: set[str] = set()     # the names the article gives companies, each as a key
        # (where the story opens: a name in the headline or the lines above the first paragraph is
        # counted from its first use in the story, 'Lucara recovers ...' above 'Lucara Diamond has ...')
        later = {_key(m.text) for m in mentions if m.start >= opening}
        for m in mentions:
            k = _key(m.text)
            if m.start < opening and k in later:
                continue
            self.starts.setdefault(k, []).append(m.start)
            if m.type == "ORG":
                self.companies.add(k)
        # where each name is first written: a company's full name comes before its short form
        self.first = {k: min(at) for k, at in self.starts.items()}
        done = set()
        # full names before short ones; of two spellings of one length, the one not in capitals
        # ('Framingham', not the dateline's 'FRAMINGHAM', names the place); of one name typed two
        # ways, the way it is typed most ('GameSquare', a product once in the headline, a company twelve
        # times after it)
        typed = Counter((m.text, m.type) for m in mentions)
        for m in sorted(mentions, key=lambda m: (-len(m.text), m.text.isupper(), -typed[m.text, m.type])):
            key = (m.text, m.type, m.gazetteer_id)     # (an article repeats its names: each once)
            if key not in done:
                done.add(key)
                self.resolve(m)

    def resolve(self, m: Mention) -> Entity:
        if m.text in self.aliases:
            full = self.local.get(_key(self.aliases[m.text]))
            if full is None and m.type == "PERSON":
                # (a birth name, longer than the one the article uses, comes up first)
                full = self.resolve(Mention(self.aliases[m.text], m.type, m.start, m.end))
            if full is not None:
                return full
        cleaned = clean_surface(m.text)
        text = strip_suffix(cleaned)
        if m.type == "ORG" and text.isupper() and len(text) <= 5 and not (
                m.gazetteer_id and any(e.id == m.gazetteer_id for e in self.local.values())):
            # (not a known company's short name when the article also names that company in full:
            # 'BNY' after 'Bank of New York Mellon Corporation' is not the 'Bank of New York' of 1784)
            # an acronym the article itself spells out wins over the gazetteer's: '... Ltd. (CMA)'
            # ('Reliance New Energy Solar Ltd (RNESL)': the legal suffix, dropped from the name, counted)
            spelled = [e for e in self.local.values() if e.type == "ORG" and " " in e.name
                       and (initials(e.name) == text or text[:-1] == initials(e.name) and text[-1] in "LICP")]
            if len(spelled) == 1:
                return spelled[0]
        if m.type == "PERSON" and " " not in text:
            # ('Laura Modi ... Modi said'): a family name alone is the person the article named in
            # full, not a known person who goes by it
            named = {e.id: e for k, e in self.local.items() if e.type == "PERSON" and k.endswith(" " + normalise(text))}
            if len(named) == 1:
                return next(iter(named.values()))
        known = self.gaz.entities.get(m.gazetteer_id) or self.gaz.lookup(text) or self.gaz.lookup(m.text)
        if known is not None and known.type != m.type and not m.gazetteer_id:
            # 'Leonardo' after 'Leonardo.ai' is the company, not the supercomputer of that name
            fuller = self._fuller(normalise(text), m.type)
            if fuller is not None:
                return fuller
        if known is not None:
            self.local.setdefault(normalise(known.name), known)
            return known
        key = normalise(text)
        if key in self.local:
            return self.local[key]
        # a name written with its legal suffix is whole: 'NuStar GP, LLC' is not 'NuStar GP Holdings'
        fuller = self._fuller(key, m.type) if text == cleaned else None
        if fuller is not None:
            self.local[key] = fuller
            return fuller
        ent = Entity(id=slug(text), name=text, type=m.type)
        self.local[key] = ent
        return ent

    def _fuller(self, key: str, etype: str) -> Entity | None:
        """A longer name of the same type in this article that this one shortens:
        a person's surname or first name, or a company name without its trailing words."""
        hits = {}
        for other_key, ent in self.local.items():
            if ent.type != etype or other_key == key:
                continue
            if etype == "PERSON" and (other_key.endswith(" " + key) or other_key.startswith(key + " ")):
                hits[ent.id] = ent
            elif etype == "ORG" and (other_key.startswith(key + " ")
                                     and OWNER_BODIES.isdisjoint(other_key[len(key) + 1:].split()) and (
                    _company_words(other_key[len(key) + 1:]) and not self._unit_named_later(other_key, key)
                    or self._written_first(other_key, key))
                    and not self._two_companies(other_key, key)
                                     or "." in ent.name and normalise(ent.name.split(".")[0]) == key
                                     or _after_initials(ent.name, key)):
                hits[ent.id] = ent
        if not hits and etype == "PERSON" and " " not in key:
            # 'Aurora', taken for a person, after 'Aurora Innovation' and with no person of that name
            # (not a body named after a person: 'Reaud' is not the Reaud Charitable Foundation)
            hits = {ent.id: ent for other_key, ent in self.local.items()
                    if ent.type == "ORG" and other_key.startswith(key + " ")
                    and not EPONYMOUS.intersection(other_key.split())}
        if len(hits) > 1:
            # ('Mayo' after 'Mayo Clinic' and 'Mayo Clinic Platform', its unit): the shortest of the
            # longer names, when every other one lengthens it
            short = min(hits.values(), key=lambda e: len(e.name))
            base = normalise(short.name)
            if all(e is short or normalise(e.name).startswith(base + " ") for e in hits.values()):
                return short
        return next(iter(hits.values())) if len(hits) == 1 else None

    def _two_companies(self, long: str, short: str) -> bool:
        """Whether the longer name joins the short one to another company's name the article also
        uses alone ('Topgolf Callaway Brands', beside 'Callaway bought Topgolf'): then the short name is
        the one company of that name, not the pair."""
        rest = long[len(short) + 1:].split()
        return rest[0] in self.companies and rest[0] not in load_lexicon().org_words

    def _unit_named_later(self, long: str, short: str) -> bool:
        """Whether a longer name adding words that are no company's ('Nidec Machine Tool') first comes
        after the article has used the short one alone three times: then it names something of that company's
        ('renamed them Nidec Machine Tool, which is now its machine-tool arm'), not the company in full."""
        words = load_lexicon().org_words
        if long not in self.first or any(w in words for w in long[len(short) + 1:].split()):
            return False
        # (a headline's short name before the lede's full one is not enough: three uses alone first)
        return sum(1 for k in self.starts.get(short, ()) if k < self.first[long]) >= 3

    def _written_first(self, long: str, short: str) -> bool:
        """Whether the longer name comes first in the article ('Gilead Sciences, Inc. (Gilead)'; not
        'Visa agreed ... Visa Protect', a product named after the company)."""
        return self.first.get(long, 1 << 30) < self.first.get(short, 1 << 30)

    def keep_apart(self, pairs) -> None:
        """For the whole article, a short name that one of the pairs joins to the longer name it
        shortens is its own entity: after 'DHL Express is the US arm of DHL', the DHL 'which is a subsidiary of
        Deutsche Post' is the parent, not the arm."""
        for a, b in pairs:
            ea, eb = self.resolve(a), self.resolve(b)
            if ea.id != eb.id:
                continue
            for m in (a, b):
                text = strip_suffix(clean_surface(m.text))
                key = normalise(text)
                if key != normalise(ea.name) and not self.gaz.lookup(m.text) and not self.gaz.lookup(text):
                    self.local[key] = Entity(id=slug(text), name=text, type=m.type)

    def apart(self, a: Mention, b: Mention, part: bool = False) -> tuple[Entity, Entity]:
        """Two mentions one relation joins, which resolved to one entity only because one name
        shortens the other ('Park National Bank' and 'Park National Corp.'): each its own entity,
        the one named exactly as the entity keeping it. Mentions with the same name stay one; so do
        two names of one known company, unless `part` says the first is a unit of the second."""
        ea, eb = self.resolve(a), self.resolve(b)
        if ea.id != eb.id:
            return ea, eb
        ka, kb = (_key(m.text) for m in (a, b))
        known = self.gaz.lookup(a.text) or self.gaz.lookup(b.text)
        if ka == kb or known:
            name = clean_surface(a.text)
            if part and name != clean_surface(b.text) and strip_suffix(name) != name:
                # 'Vodafone GmbH is a German subsidiary of Vodafone Group plc', 'Nvidia Ltd. is the British
                # subsidiary of Nvidia Corporation': two names of one company, the first with a legal
                # suffix of its own: the unit is its own, under its full name (its id keeps the suffix
                # too: slug() drops it)
                return Entity(id="-".join(re.findall(r"[^\W_]+", name.lower())), name=name, type=a.type), eb
            return ea, eb
        own = normalise(ea.name)
        if ka != own:
            ea = own_entity(a)
        if kb != own:
            eb = own_entity(b)
        return ea, eb


def own_entity(m: Mention) -> Entity:
    """An entity of a mention's own name and type, apart from the one its name resolved to."""
    name = strip_suffix(clean_surface(m.text))
    return Entity(id=slug(name), name=name, type=m.type)
