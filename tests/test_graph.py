"""Relations -> graph: one edge per triple with its evidence; save and load give the same graph."""
import json

import networkx as nx
import pytest

from industry_graph.build import build_graph
from industry_graph.graph import GraphError, load_graph, save_graph, to_json


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("articles")
    (folder / "one.json").write_text(json.dumps({
        "title": "Deal one", "date": "2025-01-10",
        "text": "Anthropic signed a partnership with SpaceX. Amazon invested $4 billion in Anthropic."}))
    (folder / "two.json").write_text(json.dumps({
        "title": "Deal two", "date": "2025-03-02",
        "text": "SpaceX has a partnership with Anthropic. Google is not in talks to invest in Anthropic."}))
    g, _ = build_graph([folder], nlp=nlp)
    return g


def test_symmetric_relation_is_one_edge_with_evidence_from_both_articles(two_articles):
    g = two_articles
    edges = [(u, v) for u, v, k in g.edges(keys=True) if k == "partners_with"]
    assert edges == [("anthropic", "spacex")]
    data = g.edges["anthropic", "spacex", "partners_with"]
    assert data["support"] == 2
    assert [e["file"] for e in data["evidence"]] == ["one.json", "two.json"]
    assert (data["first_seen"], data["last_seen"]) == ("2025-01-10", "2025-03-02")
    assert data["evidence"][0]["sentence"] == "Anthropic signed a partnership with SpaceX."
    assert data["evidence"][0]["title"] == "Deal one"
    assert data["evidence"][0]["rule"] == "event-partnership"


def test_evidence_offsets_point_at_the_sentence(two_articles):
    ev = two_articles.edges["amazon", "anthropic", "invests_in"]["evidence"][0]
    text = "Anthropic signed a partnership with SpaceX. Amazon invested $4 billion in Anthropic."
    assert text[ev["start"]:ev["end"]] == ev["sentence"]


def test_negated_statement_is_kept_apart_from_facts(two_articles):
    data = two_articles.edges["google", "anthropic", "invests_in"]
    assert data["status"] == "denied"


def test_nodes_carry_name_type_aliases_and_mentions(two_articles):
    node = two_articles.nodes["anthropic"]
    assert (node["name"], node["type"]) == ("Anthropic", "ORG")
    assert node["mentions"] == 4


def test_save_then_load_gives_the_identical_graph(two_articles, tmp_path):
    path = save_graph(two_articles, tmp_path / "out")
    assert path == tmp_path / "out" / "graph.json"
    loaded = load_graph(tmp_path / "out")
    assert nx.node_link_data(loaded, edges="links") == nx.node_link_data(two_articles, edges="links")
    assert to_json(loaded) == to_json(two_articles)


def test_loading_a_missing_or_foreign_file_names_it(tmp_path):
    with pytest.raises(GraphError, match=r"no graph at .*graph\.json"):
        load_graph(tmp_path)
    bad = tmp_path / "graph.json"
    bad.write_text("{nope")
    with pytest.raises(GraphError, match=r"graph\.json: not valid JSON"):
        load_graph(bad)
    bad.write_text(json.dumps({"nodes": [], "links": []}))
    with pytest.raises(GraphError, match="not an industry-graph graph"):
        load_graph(bad)


def test_saved_bytes_are_to_json_written_a_record_at_a_time(two_articles, tmp_path):
    path = save_graph(two_articles, tmp_path / "g.json")
    assert path.read_text(encoding="utf-8") == to_json(two_articles) + "\n"
    empty = save_graph(nx.MultiDiGraph(), tmp_path / "empty.json")
    assert empty.read_text(encoding="utf-8") == to_json(nx.MultiDiGraph()) + "\n"
