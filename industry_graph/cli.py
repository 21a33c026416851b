"""The industry-graph command: option parsing, one library call, printing."""
from __future__ import annotations

import gc
import json
import sqlite3
import sys
import webbrowser
from pathlib import Path
from typing import Annotated, Optional

import networkx as nx
import typer

from .graphfile import CACHE_DIR, GraphError, graph_path, load_graph, write_atomic
from .ingest import DEFAULT_BATCH, DEFAULT_MAX_BYTES
from .models import BuildReport
from .query import UnknownEntity
from .render import render_map
from .store import GraphStore
from .subset import map_subset, store_subset

app = typer.Typer(help="Build an evidenced knowledge graph of the AI industry from news articles, offline.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

GraphOpt = Annotated[Path, typer.Option("--graph", "-g", help="graph.json, or the folder holding it.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
StatusOpt = Annotated[str, typer.Option("--status", help="stated, talks, denied, ended, or all.")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Only edges reported on or after YYYY[-MM[-DD]].")]
SupportOpt = Annotated[int, typer.Option("--min-support", help="Only edges stated by at least N articles.")]
ConfidenceOpt = Annotated[float, typer.Option("--min-confidence", help="Only edges with confidence >= X (0-1).")]
KindOpt = Annotated[Optional[str], typer.Option(
    "--kind", help="Only deals of this kind: compute, cloud, chips, distribution, research.")]
RelationsOpt = Annotated[Optional[list[str]],
                         typer.Option("--relation", "-r", help="Only this relation (repeatable).")]
MaxNodesOpt = Annotated[Optional[int], typer.Option(
    "--max-nodes", help="Map only the N most connected entities and the edges among them.")]
# The map a build draws: a browser draws a few thousand entities smoothly (benchmarks/map.py), while
# a year of news gives tens of thousands; graph.json keeps them all, and `map` draws any number.
BUILD_MAP_NODES = 2000
BuildMaxNodesOpt = Annotated[Optional[int], typer.Option(
    "--max-nodes", help=f"Map only the N most connected entities and the edges among them "
                        f"(default {BUILD_MAP_NODES:,}; graph.json keeps them all, `map` draws any number).")]
FocusOpt = Annotated[Optional[str], typer.Option("--focus", help="Map only this entity's neighbourhood.")]
DepthOpt = Annotated[Optional[int], typer.Option("--depth", help="Hops from --focus to include (default 1).")]


def fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _load(path: Path):
    try:
        return load_graph(path)
    except GraphError as exc:
        fail(str(exc))


def _ask(question, *args, **kwargs):
    """Call a query function; an unknown name, relation or status becomes a one-line error."""
    try:
        return question(*args, **kwargs)
    except (UnknownEntity, ValueError) as exc:     # UnknownRelation is a ValueError
        fail(str(exc))


def _status(value: str) -> str | None:
    return None if value == "all" else value


def _filters(since, min_support, min_confidence, kind) -> dict:
    return {"since": since, "min_support": min_support, "min_confidence": min_confidence, "kind": kind}


def _check_map_options(max_nodes: int | None, focus: str | None, depth: int | None) -> None:
    """Bad map options fail before any work is done."""
    if max_nodes is not None and max_nodes < 1:
        fail(f"--max-nodes must be at least 1, not {max_nodes}")
    if depth is not None and focus is None:
        fail("--depth needs --focus NAME")
    if depth is not None and depth < 0:
        fail(f"--depth must be 0 or more, not {depth}")


def _write_map(g: nx.MultiDiGraph | GraphStore, out: Path, max_nodes: int | None, focus: str | None,
               depth: int | None) -> Path:
    """The map of g (a graph, or a build's store), or of the part the options pick, written to
    out; prints what it shows."""
    choose = store_subset if isinstance(g, GraphStore) else map_subset
    sub, note = _ask(choose, g, max_nodes=max_nodes, focus=focus, depth=1 if depth is None else depth)
    path = render_map(sub, out, note=note)
    typer.echo(f"wrote {path}" + (f" ({note})" if note else ""))
    return path


def _table(rows: list[list], header: list[str]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for row in [header, ["-" * w for w in widths], *rows]:
        typer.echo("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip())


@app.command()
def build(
    articles: Annotated[list[Path], typer.Argument(help="Folders (searched recursively) or files of articles.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for graph.json and map.html.")] = Path("graph"),
    model: Annotated[Optional[str], typer.Option("--model", help="Installed spaCy pipeline to use.")] = None,
    entities: Annotated[Optional[list[Path]], typer.Option("--entities", help="Extra gazetteer JSONL file(s).")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Skip files larger than this.")] = DEFAULT_MAX_BYTES,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write a JSON report of files read and skipped.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    max_nodes: BuildMaxNodesOpt = None, focus: FocusOpt = None, depth: DepthOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Processes running the pipeline (0: one per CPU).")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per spaCy batch and per task.")] = DEFAULT_BATCH,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write OUT/.cache.")] = False,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Run on the Dask cluster at tcp://HOST:PORT.")] = None,
    dask_local: Annotated[int, typer.Option("--dask-local", min=0, help="Run on a local Dask cluster of N workers.")] = 0,
) -> None:
    """Build the graph and the HTML map from a folder of articles.

    Unchanged files are taken from the cache in OUT/.cache (keyed by their content and the pipeline).
    The map shows the 2,000 most connected entities unless --max-nodes says otherwise.

    Example: industry-graph build data/articles --out graph --jobs 2
    """
    _check_map_options(max_nodes, focus, depth)
    missing = [str(p) for p in articles if not p.exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}")
    options = dict(model=model, entities=entities or [], max_bytes=max_bytes, jobs=jobs, batch_size=batch_size,
                   cache_dir=None if no_cache else out / CACHE_DIR, scheduler=scheduler, dask_local=dask_local,
                   store_dir=out)
    # spaCy and the pipeline load here, not when the module does: the commands that only read a
    # built graph start in a fraction of the time without them
    from .build import build_store, few_collections
    from .gazetteer import GazetteerError
    from .nlp import ModelError
    from .parallel import WorkerError
    from .progress import BuildProgress
    with few_collections():         # for saving and drawing too, not only the build
        try:
            if not quiet and sys.stderr.isatty():     # a bar on a terminal; nothing in logs and pipes
                with BuildProgress() as bar:
                    store, rep = build_store(articles, on_file=bar.update, **options)
            else:
                store, rep = build_store(articles, **options)
        except (ModelError, GazetteerError, WorkerError) as exc:     # ClusterError is a WorkerError
            fail(str(exc))
        except (OSError, sqlite3.Error) as exc:     # the store beside graph.json cannot be made or grow
            _cannot_write(exc, out)
        with store:                 # graph.json and the map are written from it, never from a whole graph
            _finish_build(store, rep, out, report, BUILD_MAP_NODES if max_nodes is None else max_nodes, focus, depth)


def _finish_build(store: GraphStore, rep: BuildReport, out: Path, report: Path | None, max_nodes: int,
                  focus: str | None, depth: int | None) -> None:
    """graph.json, the report, the summary and the map, from the build's store."""
    try:
        gfile = store.save(out)
        entities, relations = store.count_nodes(), store.count_edges()
        if report:
            write_atomic(report, json.dumps({
                "found": rep.found, "processed": rep.processed, "articles": rep.articles, "words": rep.words,
                "cached": rep.cached, "parsed": rep.parsed, "cache_errors": rep.cache_errors,
                "skipped": [{"file": s.file, "reason": s.reason} for s in rep.skipped],
                "partial": [{"file": s.file, "reason": s.reason} for s in rep.partial],
                "entities": entities, "edges": relations, "seconds": round(rep.seconds, 2),
            }, indent=1) + "\n")
    except (OSError, sqlite3.Error) as exc:   # --out or --report runs through a file, a read-only place or a full disk
        _cannot_write(exc, out)
    cached = f", {rep.cached} from cache" if rep.cached else ""
    typer.echo(f"read {rep.processed} of {rep.found} files ({rep.articles} articles{cached}) in {rep.seconds:.1f}s: "
               f"{entities} entities, {relations} relations")
    for s in rep.skipped + rep.partial:
        typer.echo(f"skipped {s.file}: {s.reason}")
    typer.echo(f"wrote {gfile}")
    _write_map(store, out, max_nodes, focus, depth)


def _cannot_write(exc: OSError | sqlite3.Error, out: Path) -> None:
    why = ("part of that path is a file, not a folder" if isinstance(exc, (FileExistsError, NotADirectoryError))
           else getattr(exc, "strerror", None) or str(exc))
    fail(f"cannot write to {getattr(exc, 'filename', None) or out}: {why}")


@app.command("map")
def map_cmd(
    graph: GraphOpt = Path("graph"),
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="The .html file to write (default: map.html beside graph.json).")] = None,
    max_nodes: MaxNodesOpt = None, focus: FocusOpt = None, depth: DepthOpt = None,
) -> None:
    """Draw the HTML map again from a saved graph, whole or in part, without rebuilding.

    Example: industry-graph map --focus Anthropic --depth 2 --out anthropic.html
    """
    _check_map_options(max_nodes, focus, depth)
    g = _load(graph)
    _write_map(g, out or graph_path(graph).parent / "map.html", max_nodes, focus, depth)


@app.command("open")
def open_map(
    graph: Annotated[Path, typer.Argument(help="Folder holding map.html, or the map itself.")] = Path("graph"),
) -> None:
    """Open the HTML map in the default browser.

    Example: industry-graph open graph
    """
    target = graph if graph.suffix == ".html" else graph_path(graph).parent / "map.html"
    if not target.exists():
        fail(f"no map at {target}: run `industry-graph build ARTICLES --out {target.parent}` first")
    typer.echo(f"opening {target}")
    webbrowser.open(target.resolve().as_uri())


# the commands that read a built graph register themselves on `app`
from . import questions  # noqa: E402,F401


def main() -> None:
    try:
        app()
    finally:
        # The process ends here, and Python's last garbage collection would walk and free, one
        # by one, all that a build left (0.3 s after 150 articles) for the system to take back
        # anyway. Frozen, the objects are out of the collector's reach: exit takes 0.03 s.
        gc.freeze()
