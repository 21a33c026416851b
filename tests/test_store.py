"""The build's on-disk store: graph.json streamed from it is the in-memory graph's, byte for byte, and
the map drawn from it shows the same entities; its file goes when the build ends."""
import json
import os
import random
import subprocess
import sys

import networkx as nx
import pytest
from typer.testing import CliRunner

import industry_graph.store as store_module
from conftest import DATA
from industry_graph.cli import app
from industry_graph.graph import add_result, finish, new_graph, save_graph, to_json
from industry_graph.ingest import read_articles
from industry_graph.models import RELATIONS, STATUSES, Article, Entity, Evidence
from industry_graph.pipeline import ArticleResult, Fact, process
from industry_graph.query import UnknownEntity
from industry_graph.render import render_html
from industry_graph.store import GraphStore
from industry_graph.subset import map_subset, store_subset

runner = CliRunner()
META = {"tool": "test", "model": "none"}


def both(results, folder, flush_rows=None, monkeypatch=None):
    """The same results as a finished networkx graph and in a store (in FOLDER)."""
    if flush_rows:
        monkeypatch.setattr(store_module, "FLUSH_ROWS", flush_rows)
    g = new_graph(**META)
    store = GraphStore(folder, **META)
    for r in results:
        add_result(g, r)
        store.add(r)
    return finish(g), store


@pytest.fixture(scope="module")
def sample_results(nlp, gazetteer):
    arts = [a for _, found, _ in read_articles([DATA / "articles"]) for a in found]
    return list(process(arts, nlp, gazetteer))


def invented(n_articles: int, seed: int = 3) -> list[ArticleResult]:
    """Articles about a few entities, so that edges gather evidence from many of them: names
    written several ways (the most written one must win), duplicated sentences, every status,
    deals with amounts and kinds, undated articles, an integer confidence, non-ASCII text."""
    rng = random.Random(seed)
    ents = [Entity(f"e{i:02d}", f"Firm {i}", rng.choice(("ORG", "PERSON", "PRODUCT")),
                   aliases=tuple(f"F{i}-{j}" for j in range(i % 3))) for i in range(24)]
    spelled = {e.id: [e.name, e.name + " Inc", "Ｆirm ü" + e.id] for e in ents}
    out = []
    for a in range(n_articles):
        art = Article(f"a{a:04d}", f"dir/a{a:04d}.txt", "", title=f"Title {a % 37} — ü",
                      date="" if a % 11 == 0 else f"2025-{1 + a % 12:02d}-{1 + a % 28:02d}")
        facts = []
        for s in range(rng.randint(0, 6)):
            if rng.random() < 0.25:         # one edge most articles report
                h, t, rel = ents[0], ents[1], "invests_in"
            else:
                h, t = rng.sample(ents[:8] if rng.random() < 0.7 else ents, 2)
                rel = rng.choice(RELATIONS[:6])
            head = Entity(h.id, rng.choice(spelled[h.id]), h.type, h.aliases)
            tail = Entity(t.id, rng.choice(spelled[t.id]), t.type, t.aliases)
            details = rng.choice([{}, {}, {"kinds": ["compute", "chips"][: rng.randint(1, 2)]},
                                  {"amount": f"${s + 1} billion", "amount_usd": (s + 1) * 1e9, "round": "Series B"},
                                  {"valuation": "$157 billion", "amount": "$4 billion", "amount_usd": 4e9}])
            ev = Evidence(art.id, art.file, art.title, art.date, f"Sentence {s} of {a} naming {head.name}.", 10 * s,
                          10 * s + 9, rng.choice(("r1", "r2")), rng.choice(STATUSES),
                          rng.choice((0.8, 0.55, 0.9, 1)), details)
            facts.append(Fact(head, rel, tail, ev))
            if rng.random() < 0.2:
                facts.append(Fact(head, rel, tail, ev))        # the same sentence read twice
        involved = {f.head.id: f.head for f in facts} | {f.tail.id: f.tail for f in facts}
        out.append(ArticleResult(art, {i: (e, rng.randint(1, 5)) for i, e in involved.items()},
                                 {i: {e.name, e.name.lower()} for i, e in involved.items()}, facts))
    return out


def _graph_bytes(g, tmp_path) -> bytes:
    return save_graph(g, tmp_path / "mem.json").read_bytes()


@pytest.mark.parametrize("flush_rows", [None, 7])
def test_streamed_graph_json_is_the_in_memory_one_on_the_sample(sample_results, tmp_path, monkeypatch, flush_rows):
    g, store = both(sample_results, tmp_path / "s", flush_rows, monkeypatch)
    with store:
        streamed = store.save(tmp_path / "s").read_bytes()
        assert (store.count_nodes(), store.count_edges()) == (g.number_of_nodes(), g.number_of_edges()) == (198, 325)
        assert streamed == _graph_bytes(g, tmp_path) == (to_json(g) + "\n").encode()


def test_streamed_graph_json_is_the_in_memory_one_on_many_shared_edges(tmp_path, monkeypatch):
    results = invented(600)
    g, store = both(results, tmp_path, 50, monkeypatch)
    with store:
        streamed = store.save(tmp_path / "streamed.json").read_bytes()
        assert streamed == _graph_bytes(g, tmp_path)
        # what the invented corpus is for: shared edges, renamed entities, duplicates, every status
        edges = [d for *_, d in g.edges(data=True)]
        assert max(len(d["evidence"]) for d in edges) > 100
        assert {d["status"] for d in edges} == set(STATUSES)
        assert any(d.get("deals") for d in edges) and any(d.get("kinds") for d in edges)
        assert sum(len(r.facts) for r in results) > sum(len(d["evidence"]) for d in edges)
        assert any(d["name"] != f"Firm {int(n[1:])}" for n, d in g.nodes(data=True))
        assert json.loads(streamed)["links"][0]["evidence"][0]["confidence"] in (0.8, 0.55, 0.9, 1)


def test_to_graph_is_the_finished_graph(tmp_path):
    g, store = both(invented(200), tmp_path)
    with store:
        again = store.to_graph()
    assert nx.node_link_data(again, edges="links") == json.loads(to_json(g))
    assert list(again.edges(keys=True)) == list(g.edges(keys=True))


@pytest.mark.parametrize("options", [dict(max_nodes=5), dict(max_nodes=13), dict(max_nodes=1), dict(max_nodes=24),
                                     dict(focus="Firm 3", depth=1), dict(focus="firm 3 inc", depth=2, max_nodes=6),
                                     dict(focus="e05", depth=0), dict(focus="F5-1", depth=1, max_nodes=3)])
def test_the_map_from_the_store_is_the_map_from_the_graph(tmp_path, options):
    g, store = both(invented(300), tmp_path)
    want, want_note = map_subset(g, **options)
    with store:
        store.save(tmp_path / "graph.json")
        sub, note = store_subset(store, **options)
        assert (sorted(sub), note) == (sorted(want), want_note)
        # the evidence stays on disk until it is walked, and is then the graph's
        assert [(e[:3], len(e[3]["evidence"]), list(e[3]["evidence"])) for e in sub.edges(keys=True, data=True)] == \
            [(e[:3], len(e[3]["evidence"]), e[3]["evidence"]) for e in want.edges(keys=True, data=True)]
        assert render_html(sub, note=note) == render_html(want, note=want_note)


def test_the_map_from_the_store_before_graph_json_and_an_unknown_name(tmp_path):
    g, store = both(invented(300), tmp_path)
    with store:
        assert sorted(store_subset(store, max_nodes=4)[0]) == sorted(map_subset(g, max_nodes=4)[0])
        with pytest.raises(UnknownEntity) as got:
            store_subset(store, focus="Frim 3")
    with pytest.raises(UnknownEntity) as want:
        map_subset(g, focus="Frim 3")
    assert str(got.value) == str(want.value) == ("no entity named 'Frim 3' in the graph; did you mean Firm 3 Inc, "
                                                 "Firm 13, Ｆirm üe23, Firm 9 Inc, Firm 8 Inc?")


def test_a_subset_map_is_the_same_whatever_the_string_hash_seed(tmp_path):
    script = ("import sys; sys.path.insert(0, 'tests'); from test_store import invented; "
              "from industry_graph.graph import add_result, finish, new_graph; "
              "from industry_graph.render import map_subset, render_html; g = new_graph(); "
              "[add_result(g, r) for r in invented(300)]; sub, note = map_subset(finish(g), max_nodes=7); "
              "import hashlib; print(hashlib.sha256(render_html(sub, note=note).encode()).hexdigest())")
    outs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           cwd=DATA.parent, env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in "123"}
    assert len(outs) == 1


def test_the_store_file_goes_on_close_and_a_dead_builds_at_the_next(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    (tmp_path / f".graph-store.{dead}.x1.db").write_bytes(b"left by a killed build")
    (tmp_path / f".graph-store.{os.getpid()}.x2.db").write_bytes(b"this process's: kept")
    store = GraphStore(tmp_path)
    assert store.path.parent == tmp_path and store.path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([store.path.name, f".graph-store.{os.getpid()}.x2.db"])
    store.close()
    assert [p.name for p in tmp_path.iterdir()] == [f".graph-store.{os.getpid()}.x2.db"]


def test_build_command_counts_from_the_store_and_leaves_only_its_outputs(tmp_path, monkeypatch, nlp):
    import industry_graph.nlp
    monkeypatch.setattr(industry_graph.nlp, "make_nlp", lambda model, gazetteer: nlp)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Amazon invested $4 billion in Anthropic. Nvidia supplies chips to CoreWeave.")
    (tmp_path / "in" / "b.txt").write_text("Amazon invested in Anthropic again. Anthropic partners with Nvidia.")
    out = tmp_path / "g"
    res = runner.invoke(app, ["build", str(tmp_path / "in"), "--out", str(out), "--report", str(tmp_path / "r.json")])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0].endswith(": 4 entities, 3 relations")
    report = json.loads((tmp_path / "r.json").read_text())
    assert (report["entities"], report["edges"]) == (4, 3)
    assert sorted(p.name for p in out.iterdir()) == [".cache", "graph.json", "map.html"]


def test_a_store_that_cannot_grow_is_a_one_line_error_and_leaves_no_file(tmp_path, monkeypatch, nlp):
    import sqlite3

    import industry_graph.nlp

    def full(self):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(industry_graph.nlp, "make_nlp", lambda model, gazetteer: nlp)
    monkeypatch.setattr(GraphStore, "_flush", full)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Amazon invested $4 billion in Anthropic.")
    res = runner.invoke(app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "g"), "--no-cache"])
    assert (res.exit_code, res.output.splitlines()) == (1, [f"error: cannot write to {tmp_path / 'g'}: "
                                                            "database or disk is full"])
    assert list((tmp_path / "g").iterdir()) == []
