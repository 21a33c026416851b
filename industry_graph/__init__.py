"""industry-graph: an evidenced knowledge graph of the AI industry, built from news offline.

    >>> from industry_graph import build_graph, partners
    >>> g, report = build_graph(["data/articles"])            # doctest: +SKIP
    >>> partners(g, "Anthropic")[0]["partner"]                # doctest: +SKIP
    'Amazon'
"""
__version__ = "0.1.0"

from .evaluate import evaluate  # noqa: E402
from .export import ExportError, export_graph, flat_graph  # noqa: E402
from .graph import GraphError, load_graph, save_graph  # noqa: E402
from .paths import NoPath, neighbourhood, shortest_path  # noqa: E402
from .query import (  # noqa: E402
    UnknownEntity,
    edges,
    entity_index,
    find_entity,
    neighbours,
    partners,
    query,
    stats,
    triples,
)
from .render import render_map  # noqa: E402
from .store import GraphStore  # noqa: E402
from .subset import store_subset  # noqa: E402

__all__ = [
    "__version__", "build_graph", "load_graph", "save_graph", "GraphError", "partners", "query",
    "triples", "stats", "edges", "find_entity", "neighbours", "UnknownEntity", "evaluate", "render_map",
    "entity_index", "export_graph", "flat_graph", "ExportError", "shortest_path", "neighbourhood", "NoPath",
    "build_store", "GraphStore", "store_subset",
]


def __getattr__(name: str):
    """build_graph and build_store load spaCy: imported when first asked for, so that reading a
    built graph (the query commands, load_graph) does not pay for the language pipeline."""
    if name in ("build_graph", "build_store"):
        from . import build
        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
