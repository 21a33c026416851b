"""The build cache: unchanged files come from it, changed and removed files change exactly their
own edges, a new gazetteer invalidates it, a damaged entry is recomputed, and the same inputs save
to the same bytes."""
import json
import shutil

import pytest
from typer.testing import CliRunner

from conftest import DATA
from industry_graph.cache import ResultCache, decode, encode, pipeline_version
from industry_graph.cli import app
from industry_graph.graph import load_graph
from industry_graph.models import Article
from industry_graph.pipeline import FileResult, process

runner = CliRunner()

FILES = {
    "a.txt": "Microsoft invested $10 billion in OpenAI.",
    "b.txt": "Anthropic is backed by Amazon and Google.",
    "c.txt": "Microsoft invested $10 billion in OpenAI. OpenAI CEO Sam Altman said demand keeps rising.",
}


def build(folder, out, *extra):
    """Run the build command; return its JSON report."""
    res = runner.invoke(app, ["build", str(folder), "--out", str(out), "--report", str(out.parent / "r.json"),
                              "-q", *map(str, extra)])
    assert res.exit_code == 0, res.output
    return json.loads((out.parent / "r.json").read_text())


def edges(out) -> dict[tuple[str, str, str], list[str]]:
    """(head, relation, tail) -> files of its evidence."""
    g = load_graph(out)
    return {(u, k, v): [e["file"] for e in d["evidence"]] for u, v, k, d in g.edges(keys=True, data=True)}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text)
    return folder


def test_the_sample_rebuilds_wholly_from_the_cache_to_the_same_bytes(tmp_path):
    shutil.copytree(DATA / "articles", tmp_path / "articles")
    out = tmp_path / "graph"
    first = build(tmp_path / "articles", out)
    assert (first["cached"], first["parsed"]) == (0, 15)
    before = (out / "graph.json").read_bytes()
    again = build(tmp_path / "articles", out)
    assert (again["cached"], again["parsed"], again["cache_errors"]) == (15, 0, 0)
    assert (again["articles"], again["edges"]) == (first["articles"], first["edges"])
    assert (out / "graph.json").read_bytes() == before
    assert len(list((out / ".cache").glob("*.json"))) == 15


def test_a_changed_file_changes_only_its_own_edges(corpus, tmp_path):
    out = tmp_path / "g"
    build(corpus, out)
    assert edges(out) == {
        ("microsoft", "invests_in", "openai"): ["a.txt", "c.txt"],
        ("amazon", "invests_in", "anthropic"): ["b.txt"],
        ("google", "invests_in", "anthropic"): ["b.txt"],
        ("sam-altman", "leads", "openai"): ["c.txt"],
    }
    (corpus / "b.txt").write_text("Amazon-backed Anthropic released a new model on Monday.")
    report = build(corpus, out)
    assert (report["cached"], report["parsed"]) == (2, 1)
    assert edges(out) == {
        ("microsoft", "invests_in", "openai"): ["a.txt", "c.txt"],
        ("amazon", "invests_in", "anthropic"): ["b.txt"],
        ("sam-altman", "leads", "openai"): ["c.txt"],
    }


def test_a_removed_file_takes_its_evidence_and_its_cache_entry_with_it(corpus, tmp_path):
    out = tmp_path / "g"
    build(corpus, out)
    (corpus / "c.txt").unlink()
    report = build(corpus, out)
    assert (report["found"], report["cached"], report["parsed"]) == (2, 2, 0)
    assert edges(out) == {
        ("microsoft", "invests_in", "openai"): ["a.txt"],      # evidence from c.txt gone, the edge stays
        ("amazon", "invests_in", "anthropic"): ["b.txt"],
        ("google", "invests_in", "anthropic"): ["b.txt"],
    }                                                          # 'leads' had only c.txt: gone
    assert len(list((out / ".cache").glob("*.json"))) == 2


def test_a_changed_gazetteer_invalidates_every_entry(corpus, tmp_path):
    out = tmp_path / "g"
    mine = tmp_path / "mine.jsonl"
    mine.write_text('{"name": "Quillfeather Labs", "type": "ORG"}\n')
    assert build(corpus, out, "--entities", mine)["parsed"] == 3
    assert build(corpus, out, "--entities", mine)["cached"] == 3
    version = load_graph(out).graph["gazetteer"]
    mine.write_text('{"name": "Quillfeather Labs", "type": "ORG", "aliases": ["Quillfeather"]}\n')
    report = build(corpus, out, "--entities", mine)
    assert (report["cached"], report["parsed"]) == (0, 3)
    assert load_graph(out).graph["gazetteer"] != version
    assert len(list((out / ".cache").glob("*.json"))) == 3      # the old entries were pruned


def test_the_model_and_lexicon_are_part_of_every_key(tmp_path):
    keys = {ResultCache(tmp_path, pipeline_version(m, "gaz1", lex)).key("a.txt", b"same bytes")
            for m, lex in (("en_core_web_sm-3.8.0", "lex1"), ("en_core_web_sm-3.8.1", "lex1"),
                           ("en_core_web_sm-3.8.0", "lex2"))}
    assert len(keys) == 3
    cache = ResultCache(tmp_path, "v")
    assert cache.key("a.txt", b"x") != cache.key("b.txt", b"x") != cache.key("a.txt", b"y")


def test_a_damaged_entry_is_recomputed_not_a_crash(corpus, tmp_path):
    out = tmp_path / "g"
    build(corpus, out)
    before = (out / "graph.json").read_bytes()
    entries = sorted((out / ".cache").glob("*.json"))
    entries[0].write_text('{"key": "')                          # cut short, as by a full disk
    entries[1].write_text(json.dumps({"key": entries[1].stem, "result": {"file": 3}}))
    report = build(corpus, out)
    assert (report["cached"], report["parsed"], report["cache_errors"]) == (1, 2, 2)
    assert (out / "graph.json").read_bytes() == before
    assert build(corpus, out)["cached"] == 3                    # and the entries were rewritten


def test_no_cache_writes_no_cache_folder(corpus, tmp_path):
    out = tmp_path / "g"
    report = build(corpus, out, "--no-cache")
    assert (report["cached"], report["parsed"]) == (0, 3)
    assert (out / "graph.json").exists() and not (out / ".cache").exists()


def test_cache_entries_round_trip_results_exactly(nlp, gazetteer):
    arts = [Article("x.txt", "x.txt", FILES["c.txt"], title="X", date="2025-01-02")]
    results = tuple(process(arts, nlp, gazetteer))
    fr = FileResult("x.txt", results, (), 14)
    back = decode(json.loads(json.dumps(encode(fr))))
    assert back == fr
    assert [(f.head.name, f.relation, f.tail.name) for f in back.results[0].facts] == [
        ("Microsoft", "invests_in", "OpenAI"), ("Sam Altman", "leads", "OpenAI")]


def test_graph_bytes_do_not_depend_on_the_order_results_arrive_in(nlp, gazetteer):
    from dataclasses import replace

    from industry_graph.graph import add_result, finish, new_graph, to_json
    arts = [Article(name, name, text, date=f"2025-0{i + 1}-01") for i, (name, text) in enumerate(FILES.items())]
    results = list(process(arts, nlp, gazetteer))
    twice = replace(results[0], facts=results[0].facts * 2)     # one sentence read twice: one evidence
    forward, backward = new_graph(), new_graph()
    for r in [twice, *results[1:]]:
        add_result(forward, r)
    for r in reversed([twice, *results[1:]]):
        add_result(backward, r)
    assert to_json(finish(forward)) == to_json(finish(backward))
    assert [e["file"] for e in forward.edges["microsoft", "openai", "invests_in"]["evidence"]] == ["a.txt", "c.txt"]


def test_cache_entries_list_each_entity_once_and_leave_the_article_fields_to_the_article(nlp, gazetteer):
    arts = [Article("x.txt", "x.txt", FILES["c.txt"], title="X", date="2025-01-02")]
    fr = FileResult("x.txt", tuple(process(arts, nlp, gazetteer)), (), 14)
    data = encode(fr)
    names = [e[1] for e in data["entities"]]
    assert len(names) == len(set(names)) and {"Microsoft", "OpenAI", "Sam Altman"} <= set(names)
    [result] = data["results"]
    assert all(set(ev) & {"article", "file", "title", "date"} == set() for *_, ev in result["facts"])
    assert [(data["entities"][h][1], rel, data["entities"][t][1]) for h, rel, t, _ in result["facts"]] == [
        ("Microsoft", "invests_in", "OpenAI"), ("Sam Altman", "leads", "OpenAI")]


def test_builds_collect_cycles_less_often_and_put_the_collector_back():
    import gc

    from industry_graph.build import few_collections
    from industry_graph.parallel import GC_THRESHOLD
    before = gc.get_threshold()
    with few_collections():
        assert gc.get_threshold() == GC_THRESHOLD and gc.get_freeze_count() > 0
        with few_collections():
            assert gc.get_threshold() == GC_THRESHOLD
        assert gc.get_threshold() == GC_THRESHOLD
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
