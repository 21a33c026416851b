"""The CLI commands that ask a built graph questions: partners, query, triples, stats, eval,
export, path and neighbors (build, map and open are in cli.py, with the shared options)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli import (
    ConfidenceOpt,
    GraphOpt,
    JsonOpt,
    KindOpt,
    RelationsOpt,
    SinceOpt,
    StatusOpt,
    SupportOpt,
    _ask,
    _filters,
    _load,
    _status,
    _table,
    app,
    fail,
)
from .details import summary
from .evaluate import GoldError, evaluate
from .export import FORMATS, export_graph
from .graph import graph_path
from .paths import neighbourhood, shortest_path
from .query import partners, query, stats, triples


def _answered(rows: list, as_json: bool, nothing: str) -> bool:
    """Print the rows as JSON, or say there are none; False when a table is still to be printed."""
    if as_json:
        typer.echo(json.dumps(rows, indent=1, ensure_ascii=False))
    elif not rows:
        typer.echo(nothing)
    return as_json or not rows


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
    if _answered(rows, as_json, f"no partnerships{' of ' + name if name else ''} in {graph_path(graph)}"):
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
    if _answered(rows, as_json, f"no {relation or 'relations'} of {name} in {graph_path(graph)}"):
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
