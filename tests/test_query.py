import pytest

from industry_graph.graph import add_node, finish, new_graph
from industry_graph.models import Entity
from industry_graph.query import (
    UnknownEntity,
    entity_index,
    find_entity,
    neighbours,
    partners,
    query,
    stats,
    triples,
)


def _edge(g, h, r, t, status="stated", article="a1"):
    g.add_edge(h, t, key=r, relation=r, symmetric=r in ("partners_with", "competes_with"), evidence=[{
        "article": article, "file": article + ".txt", "title": "", "date": "2025-01-01", "sentence": f"{h} {r} {t}.",
        "start": 0, "end": 10, "rule": "test", "status": status, "confidence": 0.8}])


@pytest.fixture()
def g():
    g = new_graph()
    for ent in [Entity("openai", "OpenAI", "ORG", ("Open AI",)), Entity("microsoft", "Microsoft", "ORG"),
                Entity("elon-musk", "Elon Musk", "PERSON", ("Musk",)), Entity("spacex", "SpaceX", "ORG"),
                Entity("colossus", "Colossus", "FACILITY"), Entity("anthropic", "Anthropic", "ORG")]:
        add_node(g, ent, 1)
    _edge(g, "microsoft", "partners_with", "openai")
    _edge(g, "anthropic", "partners_with", "spacex")
    _edge(g, "elon-musk", "founded", "spacex")
    _edge(g, "spacex", "operates", "colossus")
    _edge(g, "microsoft", "acquires", "anthropic", status="talks")
    return finish(g)


def test_names_match_case_insensitively_and_through_aliases(g):
    assert find_entity(g, "musk") == "elon-musk"
    assert find_entity(g, "ELON MUSK") == "elon-musk"
    assert find_entity(g, "open ai") == "openai"
    assert find_entity(g, "OpenAI Inc.") == "openai"


def test_unknown_name_offers_the_closest_names(g):
    with pytest.raises(UnknownEntity) as err:
        find_entity(g, "SpaceY")
    assert err.value.suggestions == ["SpaceX"]
    assert "did you mean SpaceX" in str(err.value)


def test_partners_of_an_entity_ignore_edge_direction(g):
    assert [r["partner"] for r in partners(g, "spacex")] == ["Anthropic"]
    assert [r["partner"] for r in partners(g, "Anthropic")] == ["SpaceX"]
    assert [(r["entity"], r["partner"]) for r in partners(g)] == [("Anthropic", "SpaceX"), ("Microsoft", "OpenAI")]


def test_query_filters_by_relation_and_status(g):
    assert [(r["head"], r["tail"]) for r in query(g, "SpaceX", relation="operates")] == [("SpaceX", "Colossus")]
    assert query(g, "Anthropic", relation="acquires") == []
    assert [r["status"] for r in query(g, "Anthropic", relation="acquires", status="talks")] == ["talks"]
    assert [r["tail"] for r in query(g, "SpaceX", direction="in", relation="founded")] == ["SpaceX"]
    assert query(g, "SpaceX", direction="out", relation="founded") == []


def test_triples_default_to_stated_facts(g):
    assert len(triples(g)) == 4
    assert len(triples(g, status=None)) == 5


def test_neighbours_and_stats(g):
    assert neighbours(g, "SpaceX") == ["Anthropic", "Colossus", "Elon Musk"]
    assert neighbours(g, "Colossus", depth=2) == ["Anthropic", "Elon Musk", "SpaceX"]
    s = stats(g)
    assert (s["entities"], s["edges"], s["statuses"]) == (6, 5, {"stated": 4, "talks": 1})


def test_query_refuses_an_unknown_direction(g, sample_graph):
    with pytest.raises(ValueError, match="^unknown direction 'sideways'; use out, in or any$"):
        query(g, "SpaceX", direction="sideways")
    from typer.testing import CliRunner

    from industry_graph.cli import app
    res = CliRunner().invoke(app, ["query", "xAI", "--direction", "up", "--graph", str(sample_graph[0])])
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == ["error: unknown direction 'up'; use out, in or any"]


def test_name_index_is_built_once_and_follows_new_nodes(g):
    index = entity_index(g)
    assert entity_index(g) is index
    assert (index["musk"], index["openai"], index["open ai"]) == (["elon-musk"], ["openai"], ["openai"])
    add_node(g, Entity("xai", "xAI", "ORG", ("X.AI Corp",)), 1)
    assert find_entity(g, "x.ai") == "xai"
    assert entity_index(g) is not index
    g.nodes["xai"]["aliases"].append("Grok Maker")      # edited in place: the node count does not change
    with pytest.raises(UnknownEntity):
        find_entity(g, "grok maker")
    entity_index(g, refresh=True)
    assert find_entity(g, "grok maker") == "xai"


def test_a_shared_alias_goes_to_the_best_connected_node(g):
    add_node(g, Entity("openai-foundation", "OpenAI Foundation", "ORG", ("Open AI",)), 5)
    assert find_entity(g, "open ai") == "openai"          # degree 1 beats degree 0, mentions aside
