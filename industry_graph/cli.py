"""The industry-graph command: option parsing, one library call, printing."""
from __future__ import annotations

import json
import sys
import webbrowser
from pathlib import Path
from typing import Annotated, Optional

import typer

from .build import build_graph, few_collections
from .details import summary
from .cache import CACHE_DIR
from .evaluate import GoldError, evaluate
from .export import FORMATS, export_graph
from .gazetteer import GazetteerError
from .graph import GraphError, graph_path, load_graph, save_graph, write_atomic
from .ingest import DEFAULT_MAX_BYTES
from .nlp import ModelError
from .paths import neighbourhood, shortest_path
from .parallel import WorkerError
from .pipeline import DEFAULT_BATCH
from .progress import BuildProgress
from .query import UnknownEntity, partners, query, stats, triples
from .render import map_subset, render_map

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


def _write_map(g, out: Path, max_nodes: int | None, focus: str | None, depth: int | None) -> Path:
    """The map of g, or of the part the options pick, written to out; prints what it shows."""
    sub, note = _ask(map_subset, g, max_nodes=max_nodes, focus=focus, depth=1 if depth is None else depth)
    path = render_map(sub, out, note=note)
    typer.echo(f"wrote {path}" + (f" ({note})" if note else ""))
    return path


def _table(rows: list[list], header: list[str]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for row in [header, ["-" * w for w in widths], *rows]:
        typer.echo("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip())


@app.command()
@few_collections()          # for saving and drawing too, not only build_graph()
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
                   cache_dir=None if no_cache else out / CACHE_DIR, scheduler=scheduler, dask_local=dask_local)
    try:
        if not quiet and sys.stderr.isatty():     # a bar on a terminal; nothing in logs and pipes
            with BuildProgress() as bar:
                g, rep = build_graph(articles, on_file=bar.update, **options)
        else:
            g, rep = build_graph(articles, **options)
    except (ModelError, GazetteerError, WorkerError) as exc:     # ClusterError is a WorkerError
        fail(str(exc))
    try:
        gfile = save_graph(g, out)
        if report:
            write_atomic(report, json.dumps({
                "found": rep.found, "processed": rep.processed, "articles": rep.articles, "words": rep.words,
                "cached": rep.cached, "parsed": rep.parsed, "cache_errors": rep.cache_errors,
                "skipped": [{"file": s.file, "reason": s.reason} for s in rep.skipped],
                "partial": [{"file": s.file, "reason": s.reason} for s in rep.partial],
                "entities": g.number_of_nodes(), "edges": g.number_of_edges(), "seconds": round(rep.seconds, 2),
            }, indent=1) + "\n")
    except OSError as exc:      # --out or --report runs through a file, a read-only place or a full disk
        why = ("part of that path is a file, not a folder" if isinstance(exc, (FileExistsError, NotADirectoryError))
               else exc.strerror or str(exc))
        fail(f"cannot write to {exc.filename or out}: {why}")
    cached = f", {rep.cached} from cache" if rep.cached else ""
    typer.echo(f"read {rep.processed} of {rep.found} files ({rep.articles} articles{cached}) in {rep.seconds:.1f}s: "
               f"{g.number_of_nodes()} entities, {g.number_of_edges()} relations")
    for s in rep.skipped + rep.partial:
        typer.echo(f"skipped {s.file}: {s.reason}")
    typer.echo(f"wrote {gfile}")
    _write_map(g, out, BUILD_MAP_NODES if max_nodes is None else max_nodes, focus, depth)


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


@app.command("partners")
def partners_cmd(
    name: Annotated[Optional[str], typer.Argument(help="An entity name or alias; omit for every pair.")] = None,
    graph: GraphOpt = Path("graph"), status: StatusOpt = "stated", as_json: JsonOpt = False,
    since: SinceOpt = None, min_support: SupportOpt = 1, min_confidence: ConfidenceOpt = 0.0, kind: KindOpt = None,
) -> None:
    """Who partners with whom, with how many articles say so and what the deal is about.

    Example: industry-graph partners Anthropic --kind cloud
    """
    g = _load(graph)
    rows = _ask(partners, g, name, status=_status(status), **_filters(since, min_support, min_confidence, kind))
    if as_json:
        typer.echo(json.dumps(rows, indent=1, ensure_ascii=False))
        return
    if not rows:
        typer.echo(f"no partnerships{' of ' + name if name else ''} in {graph_path(graph)}")
        return
    _table([[r["entity"], r["partner"], r["support"], len(r["evidence"]), ", ".join(r["kinds"])] for r in rows],
           ["entity", "partner", "articles", "evidence", "kind"])


@app.command("query")
def query_cmd(
    name: Annotated[str, typer.Argument(help="An entity name or alias.")],
    relation: Annotated[Optional[str], typer.Option("--relation", "-r", help="Only this relation.")] = None,
    direction: Annotated[str, typer.Option("--direction", help="out, in or any.")] = "any",
    graph: GraphOpt = Path("graph"), status: StatusOpt = "stated", as_json: JsonOpt = False,
    evidence: Annotated[bool, typer.Option("--evidence", help="Print the evidence sentences.")] = False,
    since: SinceOpt = None, min_support: SupportOpt = 1, min_confidence: ConfidenceOpt = 0.0, kind: KindOpt = None,
) -> None:
    """The relations of one entity, with evidence.

    Example: industry-graph query OpenAI --relation invests_in --since 2025-01 --json
    """
    g = _load(graph)
    rows = _ask(query, g, name, relation=relation, direction=direction, status=_status(status),
                **_filters(since, min_support, min_confidence, kind))
    if as_json:
        typer.echo(json.dumps(rows, indent=1, ensure_ascii=False))
        return
    if not rows:
        typer.echo(f"no {relation or 'relations'} of {name} in {graph_path(graph)}")
        return
    _table([[r["head"], r["relation"], r["tail"], r["support"], r["status"], summary(r)] for r in rows],
           ["head", "relation", "tail", "articles", "status", "details"])
    if evidence:
        for r in rows:
            for e in r["evidence"]:
                typer.echo(f"\n{r['head']} {r['relation']} {r['tail']} [{e['file']}]\n  {e['sentence']}")


@app.command("triples")
def triples_cmd(
    graph: GraphOpt = Path("graph"), status: StatusOpt = "stated",
    relation: Annotated[Optional[str], typer.Option("--relation", "-r", help="Only this relation.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
    since: SinceOpt = None, min_support: SupportOpt = 1, min_confidence: ConfidenceOpt = 0.0, kind: KindOpt = None,
) -> None:
    """Every triple in the graph.

    Example: industry-graph triples --format jsonl > triples.jsonl
    """
    g = _load(graph)
    rows = _ask(triples, g, status=_status(status), relation=relation,
                **_filters(since, min_support, min_confidence, kind))
    if fmt == "jsonl":
        for r in rows:
            r = {k: r[k] for k in ("head", "relation", "tail", "head_type", "tail_type", "status", "support",
                                   "confidence", "first_seen", "last_seen", "kinds", "deals", "evidence")}
            typer.echo(json.dumps(r, ensure_ascii=False))
    elif fmt == "csv":
        import csv
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["head", "relation", "tail", "head_type", "tail_type", "status", "support", "confidence",
                    "first_seen", "last_seen", "details"])
        for r in rows:
            w.writerow([r[k] for k in ("head", "relation", "tail", "head_type", "tail_type", "status", "support",
                                       "confidence", "first_seen", "last_seen")] + [summary(r)])
    elif fmt == "table":
        _table([[r["head"], r["relation"], r["tail"], r["support"]] for r in rows],
               ["head", "relation", "tail", "articles"])
    else:
        fail(f"unknown format {fmt!r}; use table, jsonl or csv")


@app.command("stats")
def stats_cmd(graph: GraphOpt = Path("graph"), as_json: JsonOpt = False) -> None:
    """Counts of entities, relations and statuses in the graph.

    Example: industry-graph stats --graph graph
    """
    s = stats(_load(graph))
    if as_json:
        typer.echo(json.dumps(s, indent=1))
        return
    typer.echo(f"{s['entities']} entities, {s['edges']} relations, {s['evidence']} evidence sentences "
               f"from {s['articles']} articles ({s['skipped']} skipped); model {s['model']}")
    for section in ("entity_types", "relations", "statuses"):
        typer.echo(f"\n{section.replace('_', ' ')}:")
        for k, v in s[section].items():
            typer.echo(f"  {k:<15}{v:>6}")


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold triples file (SCHEMA.md gold format).")],
    graph: GraphOpt = Path("graph"), as_json: JsonOpt = False,
    errors: Annotated[bool, typer.Option("--errors", help="List missed and false triples.")] = False,
) -> None:
    """Precision, recall and F1 per relation against gold triples.

    Example: industry-graph eval data/gold.jsonl --graph graph
    """
    g = _load(graph)
    try:
        res = evaluate(gold, g)
    except GoldError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps(res, indent=1, ensure_ascii=False))
        return
    rows = [[rel, m["tp"] + m["fn"], m["tp"], m["fp"], m["fn"], f"{m['precision']:.3f}", f"{m['recall']:.3f}",
             f"{m['f1']:.3f}"] for rel, m in res["per_relation"].items()]
    m = res["micro"]
    rows.append(["micro", m["tp"] + m["fn"], m["tp"], m["fp"], m["fn"], f"{m['precision']:.3f}",
                 f"{m['recall']:.3f}", f"{m['f1']:.3f}"])
    _table(rows, ["relation", "gold", "tp", "fp", "fn", "P", "R", "F1"])
    if errors:
        for label, key in (("missed", "missed"), ("false", "false")):
            for h, r, t in res[key]:
                typer.echo(f"{label}: {h} {r} {t}")


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"{', '.join(FORMATS)}.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write; for csv, a folder.")],
    graph: GraphOpt = Path("graph"), status: StatusOpt = "stated",
) -> None:
    """Write the graph for Gephi (graphml, gexf), Neo4j (csv, cypher) or a script (jsonl).

    Example: industry-graph export --format gexf --out graph/graph.gexf
    """
    for path in _ask(export_graph, _load(graph), fmt, out, status=_status(status)):
        typer.echo(f"wrote {path}")


@app.command("path")
def path_cmd(
    source: Annotated[str, typer.Argument(help="The entity to start from.")],
    target: Annotated[str, typer.Argument(help="The entity to reach.")],
    relation: RelationsOpt = None, graph: GraphOpt = Path("graph"), status: StatusOpt = "stated",
    max_length: Annotated[Optional[int], typer.Option("--max-length", help="At most this many hops.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The shortest evidenced path between two entities, each hop with its sentence; exit 1 if none.

    Example: industry-graph path "Elon Musk" Memphis
    """
    hops = _ask(shortest_path, _load(graph), source, target, relations=relation, max_length=max_length,
                status=_status(status))
    if as_json:
        typer.echo(json.dumps(hops, indent=1, ensure_ascii=False))
        return
    typer.echo(f"{hops[0]['from']} to {hops[-1]['to']}: {len(hops)} hop{'s' * (len(hops) > 1)}")
    for i, h in enumerate(hops, 1):
        typer.echo(f"{i}. {h['text']}  [{h['file']}]\n   {h['sentence']}")


@app.command("neighbors")
def neighbors_cmd(
    name: Annotated[str, typer.Argument(help="An entity name or alias.")],
    depth: Annotated[int, typer.Option("--depth", "-d", help="How many hops out.")] = 2,
    relation: RelationsOpt = None, graph: GraphOpt = Path("graph"), status: StatusOpt = "stated",
    as_json: JsonOpt = False,
) -> None:
    """The entities within K hops of one, with the distance and the relations that reach them.

    Example: industry-graph neighbors Colossus --depth 2
    """
    rows = _ask(neighbourhood, _load(graph), name, depth=depth, relations=relation, status=_status(status))
    if as_json:
        typer.echo(json.dumps(rows, indent=1, ensure_ascii=False))
    elif not rows:
        typer.echo(f"no entities within {depth} hops of {name} in {graph_path(graph)}")
    else:
        _table([[r["distance"], r["name"], r["type"], ", ".join(r["relations"]), ", ".join(r["via"])]
                for r in rows], ["hops", "entity", "type", "relations", "via"])


def main() -> None:
    app()
