"""Bylines: in 'By Nadia Cortez · 4 September 2025' the name after 'By' at the start of a short line
is the writer's, a person, whatever type the tagger gave it. Left as a company, a byline name would
count as one of the article's organisations and could become what 'the company' stands for. And
where the story starts, below its headline, byline and date lines."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

MAX_LINE = 12       # tokens; a byline is a short line of its own


def bylines(doc: Doc, ents: list[Span], org_words: frozenset) -> list[Span]:
    """The entities, with a name right after a line-opening 'By' made a person."""
    out = []
    for e in ents:
        words = [t for t in e if not t.is_space]
        if e.label_ not in ("PERSON", "GPE", "DATE") and not e.ent_id_ and _by_line(doc, e) \
                and 2 <= len(words) <= 3 and all(t.is_title and t.is_alpha for t in words) \
                and words[-1].lower_ not in org_words:
            e = Span(doc, e.start, e.end, label="PERSON")
        out.append(e)
    return out


def _by_line(doc: Doc, e: Span) -> bool:
    """'By' opens the name's line, and the line is short."""
    if e.start == 0 or doc[e.start - 1].lower_ != "by":
        return False
    by = doc[e.start - 1]
    if by.i > 0 and "\n" not in doc[by.i - 1].whitespace_ + doc[by.i - 1].text:
        return False
    end = e.end
    # (the line ends at a newline after a word or in a space token: 'By Sophie Arkwright\n\n')
    while end < len(doc) and "\n" not in doc[end - 1].whitespace_ + doc[end - 1].text and "\n" not in doc[end].text:
        end += 1
        if end - by.i > MAX_LINE:
            return False
    return True


OPENING_LINE = re.compile(r"^[^\n]{60,}[.!?\"\u201d]\s*$", re.MULTILINE)


def story_start(text: str) -> int:
    """Where the story's first paragraph starts: the first line of 60 characters or more that ends
    a sentence; what stands above it is a headline, a byline, a date."""
    m = OPENING_LINE.search(text)
    return m.start() if m else 0
