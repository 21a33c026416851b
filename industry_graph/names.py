"""Name normalisation, following the matching rules of the relation schema."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# month and day names, in full and short ('Sept'), which open no name
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})

COMPANY_SUFFIXES = frozenset({
    "inc", "incorporated", "corp", "corporation", "co", "ltd", "limited", "llc", "plc",
    "lp", "llp", "sa", "ag", "nv", "bv", "gmbh", "pbc", "sas", "spa", "se",
})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir"})
# words before a surname that are no given name ('Captain John Baptiste Ford')
NOT_GIVEN_NAMES = HONORIFICS | {"captain", "general", "colonel", "major", "admiral", "sergeant", "lieutenant",
                                "lord", "lady", "dame", "father", "saint", "st", "rabbi", "imam", "bishop"}
TICKER = re.compile(r"[A-Z]{2,6} ?: ?[A-Z0-9.]{1,6}")      # 'NYSE:LVS', 'HKSE:1928': a listing, not a name
_POSSESSIVE = re.compile(r"['\u2019`]s\b|(?<=s)['\u2019]$")
_NON_WORD = re.compile(r"[\W_]+")
# The rules and the resolver ask for the same few names over and over (about 600 times an
# article); each answer is a pure function of the string, kept for the most recent names. News
# brings ~1,700 new strings to each memo per 100 articles: 16,384 hold the last ~1,000 articles'
# names in ~8 MB for the three, where 65,536 grew a long build by ~30 MB.
_MEMO = 1 << 14


@lru_cache(maxsize=_MEMO)
def normalise(name: str) -> str:
    """Key under which two spellings of one name meet.

    >>> normalise("The OpenAI, Inc.'s")
    'openai'
    """
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _POSSESSIVE.sub("", s).replace(".", "")
    toks = _NON_WORD.sub(" ", s).split()
    while len(toks) > 1 and (toks[0] == "the" or toks[0] in HONORIFICS):
        toks.pop(0)
    while len(toks) > 1 and toks[-1] in COMPANY_SUFFIXES:
        toks.pop()
    return " ".join(toks)


@lru_cache(maxsize=_MEMO)
def clean_surface(text: str) -> str:
    """Display form of a mention: no leading 'the', possessive or trailing punctuation.

    >>> clean_surface("the SpaceX's")
    'SpaceX'
    """
    s = " ".join(text.split())
    s = re.sub(r"\s*\([^)]*\)|\s*\([^)]*$", "", s)     # 'Qatar Petroleum (QP' -> 'Qatar Petroleum'
    s = re.sub(r"^(?:the|The)\s+|^ex-(?=[A-Z])", "", s)    # "ex-Ritual Entertainment employees"
    # (but "Dick's Sporting Goods": a possessive inside a name, before a capital, is part of it)
    s = _POSSESSIVE.sub(lambda m: m.group() if s[m.end():m.end() + 2][1:2].isupper() and s[m.end():m.end() + 1] == " "
                        else "", s).strip(" ,.;:'\"\u2019()")
    return s


@lru_cache(maxsize=_MEMO)
def strip_suffix(text: str) -> str:
    """'Nvidia Corp.' -> 'Nvidia'; leaves one-word names alone, and 'Mitsui & Co.' whole.

    >>> strip_suffix("Mitsui & Co.")
    'Mitsui & Co.'
    """
    toks = text.split()
    # ('Tidal Wave Auto Spa': the word, not the Italian 'SpA' or 'S.p.A.', ends a name of its own)
    while len(toks) > 1 and toks[-1].replace(".", "").rstrip(",").casefold() in COMPANY_SUFFIXES \
            and toks[-2] not in ("&", "and") and toks[-1].rstrip(",") != "Spa":
        toks.pop()
    return " ".join(toks).rstrip(",")


def slug(name: str) -> str:
    """Stable node id for a name the gazetteer does not know."""
    return normalise(name).replace(" ", "-") or "unnamed"


_MINOR = frozenset({"of", "the", "and", "for", "de", "&", "in", "on", "at"})


@lru_cache(maxsize=_MEMO)
def initials(name: str) -> str:
    """'Clay Mathematics Institute' -> 'CMI': what an acronym of the name would be."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _MINOR).upper()
