"""build_graph(): files -> articles -> relations -> graph, reporting every file it skipped."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from . import __version__
from .gazetteer import load_gazetteer
from .graph import add_result, finish, new_graph
from .ingest import DEFAULT_MAX_BYTES, read_articles
from .lexicon import load_lexicon
from .models import Article, BuildReport, Skipped
from .nlp import make_nlp
from .pipeline import process


def build_graph(paths: Iterable[Path | str], *, model: str | None = None,
                entities: Iterable[Path | str] = (), max_bytes: int = DEFAULT_MAX_BYTES,
                batch_size: int = 32, nlp=None,
                on_article: Callable[[Article], None] | None = None) -> tuple[nx.MultiDiGraph, BuildReport]:
    """Build the evidenced graph of every article under `paths`.

    >>> g, report = build_graph(["data/articles"])                  # doctest: +SKIP
    >>> report.processed + len(report.skipped) == report.found      # doctest: +SKIP
    True
    """
    started = time.perf_counter()
    gaz = load_gazetteer(list(entities))
    lex = load_lexicon()
    nlp = nlp or make_nlp(model, gazetteer=gaz)
    report = BuildReport()
    articles: list[Article] = []
    for shown, arts, skipped in read_articles(paths, max_bytes=max_bytes):
        report.found += 1
        if arts:
            report.processed += 1
            report.partial += skipped          # bad lines of a JSONL file whose good lines count
            articles += arts
        elif len(skipped) == 1:
            report.skipped += skipped
        else:
            reasons = sorted({s.reason for s in skipped})
            report.skipped.append(Skipped(shown, f"no usable record ({'; '.join(reasons)})"))
    g = new_graph(tool=f"industry-graph {__version__}", model=f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
                  gazetteer=gaz.version, lexicon=lex.version)
    for result in process(articles, nlp, gaz, lexicon=lex, batch_size=batch_size, on_article=on_article):
        add_result(g, result)
        report.relations += len(result.facts)
    report.articles = len(articles)
    finish(g)
    g.graph.update(articles=len(articles), files=report.processed,
                   skipped=[{"file": s.file, "reason": s.reason} for s in report.skipped + report.partial])
    report.seconds = time.perf_counter() - started
    return g, report
