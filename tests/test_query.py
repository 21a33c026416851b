import pytest

from industry_graph.graph import add_node, finish, new_graph
from industry_graph.models import Entity
from industry_graph.query import UnknownEntity, find_entity, neighbours, partners, query, stats, triples


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
