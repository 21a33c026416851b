"""Exports: GraphML and GEXF read back by networkx, Neo4j CSV read back by the csv module, a Cypher
script parsed by an independent grammar, JSON lines rebuilt into the graph; the CLI's files and errors."""
import csv
import json
import os
import re

import networkx as nx
import pytest
from antlr4 import CommonTokenStream, InputStream
from antlr4.error.ErrorListener import ErrorListener
from antlr4_cypher import CypherLexer, CypherParser
from typer.testing import CliRunner

from industry_graph.cli import app
from industry_graph.export import EDGE_HEADER, NODE_HEADER, export_graph, flat_graph, to_csv, to_cypher, to_jsonl
from industry_graph.graph import add_node, finish, new_graph
from industry_graph.models import Entity

EVIL = "O'Brien \\ Labs {AI}"                               # a quote, a backslash and braces
NASTY = 'O\'Brien said "we back them, gladly".\nThen: C:\\path'  # quotes, a comma, a newline, a backslash


def _edge(g, h, r, t, sentence, *, status="stated", date="2025-03-01"):
    g.add_edge(h, t, key=r, relation=r, symmetric=r in ("partners_with", "competes_with"), evidence=[{
        "article": "a1", "file": "a1.txt", "title": "", "date": date, "sentence": sentence,
        "start": 0, "end": len(sentence), "rule": "test", "status": status, "confidence": 0.8}])


@pytest.fixture()
def hostile():
    g = new_graph()
    add_node(g, Entity("evil", EVIL, "ORG", ("O'B}", "Back\\slash")), 2)
    add_node(g, Entity("anthropic", "Anthropic", "ORG"), 3)
    add_node(g, Entity("amodei", "Dario Amodei", "PERSON"), 1)
    _edge(g, "evil", "invests_in", "anthropic", NASTY)
    _edge(g, "anthropic", "partners_with", "evil", "A deal, at last.", date="")
    _edge(g, "evil", "acquires", "anthropic", "Nobody is buying Anthropic.", status="denied")   # parallel too
    _edge(g, "amodei", "leads", "anthropic", "Dario Amodei runs Anthropic.")
    _edge(g, "amodei", "works_for", "evil", "Amodei may join.", status="talks")
    return finish(g)


def _triples(h):
    return {(u, v, d["relation"]) for u, v, d in h.edges(data=True)}


def _same_as_source(g, back, status):
    """Node set, (u, v, relation) set and every attribute value equal to the flattened source."""
    flat = flat_graph(g, status=status)
    assert set(back.nodes) == set(flat.nodes)
    assert _triples(back) == _triples(flat) == {(u, v, k) for u, v, k, d in g.edges(keys=True, data=True)
                                                 if status is None or d["status"] == status}
    for n, d in flat.nodes(data=True):
        assert {k: back.nodes[n][k] for k in d} == d
        assert d["aliases"] == "; ".join(g.nodes[n]["aliases"]) and d["mentions"] == g.nodes[n]["mentions"]
    by_key = {(u, v, d["relation"]): d for u, v, d in back.edges(data=True)}
    for u, v, k, d in flat.edges(keys=True, data=True):
        assert {a: by_key[u, v, k][a] for a in d} == d
        src = g.edges[u, v, k]
        assert (d["support"], d["confidence"], d["evidence_count"], d["first_seen"]) == (
            src["support"], src["confidence"], len(src["evidence"]), src["first_seen"])
        assert d["sentence"] == src["evidence"][0]["sentence"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_read_back_the_same_graph(fmt, hostile, sample_graph, tmp_path):
    read = {"graphml": lambda p: nx.read_graphml(p, force_multigraph=True), "gexf": nx.read_gexf}[fmt]
    for name, g, status in [("hostile", hostile, None), ("sample", sample_graph[1], None),
                            ("stated", sample_graph[1], "stated")]:
        [path] = export_graph(g, fmt, tmp_path / f"{name}.{fmt}", status=status)
        back = read(path)
        assert back.is_multigraph() and back.is_directed()
        _same_as_source(g, back, status)
    evil = read(tmp_path / f"hostile.{fmt}")
    assert evil.nodes["evil"]["name"] == EVIL and evil.nodes["evil"]["aliases"] == "Back\\slash; O'B}"
    assert evil.edges["evil", "anthropic", "invests_in"]["sentence"] == NASTY


def test_exports_are_byte_identical_from_run_to_run(sample_graph, tmp_path):
    g = sample_graph[1]
    for fmt in ("graphml", "gexf", "cypher", "jsonl"):
        first = export_graph(g, fmt, tmp_path / f"a.{fmt}")[0].read_bytes()
        assert export_graph(g, fmt, tmp_path / f"b.{fmt}")[0].read_bytes() == first
    newest = max(d["last_seen"] for *_, d in g.edges(data=True) if d["status"] == "stated")
    assert f'lastmodifieddate="{newest}"' in (tmp_path / "a.gexf").read_text()


def test_csv_has_neo4j_import_headers_and_reads_back(hostile, sample_graph, tmp_path):
    paths = export_graph(sample_graph[1], "csv", tmp_path / "neo4j")
    assert [p.name for p in paths] == ["nodes.csv", "relationships.csv"]
    assert sorted(p.name for p in (tmp_path / "neo4j").iterdir()) == ["nodes.csv", "relationships.csv"]
    with open(paths[0], newline="", encoding="utf-8") as f:
        nodes = list(csv.reader(f))
    with open(paths[1], newline="", encoding="utf-8") as f:
        rels = list(csv.reader(f))
    assert nodes[0] == ["id:ID", "name", "type", ":LABEL", "aliases:string[]", "mentions:int"] == NODE_HEADER
    assert rels[0] == [":START_ID", ":END_ID", ":TYPE", "relation", "status", "support:int", "confidence:double",
                       "first_seen:date", "last_seen:date", "symmetric:boolean", "evidence_count:int",
                       "sentence", "file", "kinds:string[]", "deals"] == EDGE_HEADER
    g = sample_graph[1]
    stated = [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d["status"] == "stated"]
    assert len(rels) - 1 == len(stated)
    assert len(nodes) - 1 == len({n for u, v, _ in stated for n in (u, v)})
    ids = {row[0] for row in nodes[1:]}
    assert all(row[0] in ids and row[1] in ids for row in rels[1:])
    row = next(r for r in rels if r[:3] == ["xai", "colossus", "OPERATES"])
    assert row[3:5] == ["operates", "stated"] and row[9] == "false" and row[12] == "2025/xai-colossus-memphis.md"
    assert row[11].startswith("xAI's Colossus supercomputer, which occupies a former Electrolux appliance factory")
    assert next(r for r in nodes if r[0] == "xai")[2:4] == ["ORG", "Entity;ORG"]

    node_text, rel_text = to_csv(hostile, status=None)
    assert node_text.splitlines()[3] == "evil,O'Brien \\ Labs {AI},ORG,Entity;ORG,Back\\slash;O'B},2"
    assert '"O\'Brien said ""we back them, gladly"".\nThen: C:\\path"' in rel_text
    back = list(csv.reader(rel_text.splitlines(keepends=True)))
    assert back[5] == ["evil", "anthropic", "INVESTS_IN", "invests_in", "stated", "1", "0.8", "2025-03-01",
                       "2025-03-01", "false", "1", NASTY, "a1.txt", "", ""]
    assert back[3][7:10] == ["", "", "true"]        # no date: an empty field, which the importer leaves unset


class _Refuse(ErrorListener):
    def syntaxError(self, recognizer, offending, line, column, msg, e):
        raise SyntaxError(f"{column}: {msg}")


def _cypher_tokens(statement: str) -> list[tuple[str, str]]:
    """Parse one statement with the openCypher ANTLR grammar; its tokens as (kind, text)."""
    lexer = CypherLexer(InputStream(statement))
    parser = CypherParser(CommonTokenStream(lexer))
    for part in (lexer, parser):
        part.removeErrorListeners()
        part.addErrorListener(_Refuse())
    parser.script()
    stream = parser.getTokenStream()
    return [(CypherLexer.symbolicNames[t.type], t.text) for t in stream.tokens if t.type > 0]


def _unquote(literal: str) -> str:
    """Cypher's string escapes, decoded independently of the exporter."""
    simple = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", lambda m: chr(int(m[1][1:], 16)) if len(m[1]) == 5 else simple[m[1]],
                  literal[1:-1])


def test_cypher_is_idempotent_merges_with_exact_escaping(hostile):
    text = to_cypher(hostile, status=None)
    assert text == to_cypher(hostile, status=None)
    lines = text.splitlines()
    assert lines[:2] == ["// industry-graph: 3 entities, 5 relations (all facts)",
                         "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;"]
    assert lines[4] == ("MERGE (n:Entity {id: 'evil'}) SET n:ORG, n.name = 'O\\'Brien \\\\ Labs {AI}', "
                        "n.type = 'ORG', n.aliases = ['Back\\\\slash', 'O\\'B}'], n.mentions = 2;")
    assert lines[7] == ("MERGE (a:Entity {id: 'anthropic'}) MERGE (b:Entity {id: 'evil'}) "
                        "MERGE (a)-[r:PARTNERS_WITH]->(b) SET r.relation = 'partners_with', r.status = 'stated', "
                        "r.support = 1, r.confidence = 0.8, r.first_seen = null, r.last_seen = null, "
                        "r.symmetric = true, r.evidence_count = 1, "
                        "r.sentence = 'A deal, at last.', r.file = 'a1.txt', r.kinds = [], r.deals = '';")
    assert lines[9] == ("MERGE (a:Entity {id: 'evil'}) MERGE (b:Entity {id: 'anthropic'}) "
                        "MERGE (a)-[r:INVESTS_IN]->(b) SET r.relation = 'invests_in', r.status = 'stated', "
                        "r.support = 1, r.confidence = 0.8, r.first_seen = date('2025-03-01'), "
                        "r.last_seen = date('2025-03-01'), r.symmetric = false, r.evidence_count = 1, "
                        "r.sentence = 'O\\'Brien said \"we back them, gladly\".\\nThen: C:\\\\path', r.file = 'a1.txt', "
                        "r.kinds = [], r.deals = '';")
    assert len(lines) == 2 + 3 + 5
    # running twice adds nothing: no CREATE but the guarded constraint, one MERGE per node and per edge
    assert not [x for x in lines[2:] if "CREATE" in x or not x.startswith("MERGE ")]
    assert [x.split("'")[1] for x in lines[2:5]] == ["amodei", "anthropic", "evil"]
    assert len({x.split(" SET ")[0] for x in lines[5:]}) == 5

    # every statement parses, and its string literals decode to exactly the source values
    tokens = [_cypher_tokens(x) for x in lines[2:]]
    strings = [[_unquote(t) for kind, t in toks if kind in ("STRING_LITERAL", "CHAR_LITERAL")] for toks in tokens]
    assert strings[2] == ["evil", EVIL, "ORG", "Back\\slash", "O'B}"]
    assert strings[7] == ["evil", "anthropic", "invests_in", "stated", "2025-03-01", "2025-03-01", NASTY, "a1.txt", ""]
    with pytest.raises(SyntaxError):       # the check bites: an unescaped quote does not parse
        _cypher_tokens("MERGE (n:Entity {id: 'O'Brien'});")


def test_cypher_of_the_sample_graph_parses(sample_graph):
    lines = to_cypher(sample_graph[1]).splitlines()
    g = sample_graph[1]
    stated = [d for *_, d in g.edges(data=True) if d["status"] == "stated"]
    assert len(lines) == 2 + len({n for u, v, d in g.edges(data=True) if d["status"] == "stated" for n in (u, v)}) \
        + len(stated)
    tricky = [x for x in lines[2:] if "\\" in x or '"' in x][:12] + lines[2:5] + lines[-3:]
    for statement in tricky:            # the grammar is slow in Python: a sample, the hostile ones first
        assert _cypher_tokens(statement)[0] == ("MERGE", "MERGE")


def test_jsonl_lists_nodes_then_edges_and_rebuilds_the_graph(hostile, sample_graph):
    for g in (hostile, sample_graph[1]):
        rows = [json.loads(line) for line in to_jsonl(g, status=None).splitlines()]
        kinds = [r["kind"] for r in rows]
        assert kinds == ["node"] * g.number_of_nodes() + ["edge"] * g.number_of_edges()
        assert [r["id"] for r in rows if r["kind"] == "node"] == sorted(g.nodes)
        h = nx.MultiDiGraph()
        for r in rows:
            if r["kind"] == "node":
                h.add_node(r["id"], **{k: v for k, v in r.items() if k not in ("kind", "id")})
            else:
                h.add_edge(r["source"], r["target"], key=r["relation"],
                           **{k: v for k, v in r.items() if k not in ("kind", "source", "target")})
        assert dict(h.nodes(data=True)) == dict(g.nodes(data=True))
        assert {(u, v, k): d for u, v, k, d in h.edges(keys=True, data=True)} == \
            {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)}
    [talks] = [json.loads(x) for x in to_jsonl(hostile, status="talks").splitlines() if '"edge"' in x]
    assert (talks["source"], talks["relation"], talks["target"]) == ("amodei", "works_for", "evil")


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_export_command_writes_files_and_refuses_bad_input(sample_graph, tmp_path):
    out, g = sample_graph
    res = run("export", "--format", "gexf", "--out", tmp_path, "--graph", out)
    assert (res.exit_code, res.output) == (0, f"wrote {tmp_path / 'graph.gexf'}\n")
    res = run("export", "-f", "csv", "-o", tmp_path / "neo", "-g", out, "--status", "all")
    assert res.exit_code == 0
    assert res.output.splitlines() == [f"wrote {tmp_path / 'neo' / 'nodes.csv'}",
                                       f"wrote {tmp_path / 'neo' / 'relationships.csv'}"]
    assert len((tmp_path / "neo" / "relationships.csv").read_text().splitlines()) == g.number_of_edges() + 1
    res = run("export", "-f", "jsonl", "-o", tmp_path / "talks.jsonl", "-g", out, "--status", "talks")
    talks = [json.loads(x) for x in (tmp_path / "talks.jsonl").read_text().splitlines() if '"edge"' in x]
    assert len(talks) == sum(d["status"] == "talks" for *_, d in g.edges(data=True)) > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.gexf", "neo", "talks.jsonl"]   # no temp files left
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "neo" / "nodes.csv").stat().st_mode & 0o777 == 0o666 & ~umask     # readable as files are

    for args, message in [
        (["-f", "xml", "-o", tmp_path / "g.xml", "-g", out], "error: unknown format 'xml'; formats are: graphml, "
                                                                 "gexf, csv, cypher, jsonl"),
        (["-f", "csv", "-o", tmp_path / "x", "-g", tmp_path / "nowhere"],
         f"error: no graph at {tmp_path / 'nowhere' / 'graph.json'}: run `industry-graph build ARTICLES --out "
         f"{tmp_path / 'nowhere'}` first"),
        (["-f", "graphml", "-o", tmp_path / "g.graphml", "-g", out, "--status", "rumour"],
         "error: unknown status 'rumour'; statuses are: stated, talks, denied, ended, all"),
        (["-f", "csv", "-o", tmp_path / "graph.gexf", "-g", out],
         f"error: {tmp_path / 'graph.gexf'} is a file; csv export writes nodes.csv and relationships.csv "
         "into a folder"),
    ]:
        res = run("export", *args)
        assert (res.exit_code, res.output.strip().splitlines()) == (1, [message])
    assert not (tmp_path / "g.xml").exists() and not (tmp_path / "g.graphml").exists()


def test_every_command_has_help_with_an_example():
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"export", "path", "neighbors"} <= set(names)
    for name in names:
        res = run(name, "--help")
        assert res.exit_code == 0
        assert "Example: industry-graph " + name in " ".join(res.output.split()), name
