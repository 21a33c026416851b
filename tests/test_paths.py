"""Shortest evidenced paths and neighbourhoods: direction ignored to search, kept in what is shown."""
import json

import pytest
from typer.testing import CliRunner

from industry_graph.cli import app
from industry_graph.graph import add_node, finish, new_graph
from industry_graph.models import Entity
from industry_graph.paths import NoPath, neighbourhood, shortest_path
from industry_graph.query import UnknownEntity


def _edge(g, h, r, t, status="stated", articles=("a1",)):
    g.add_edge(h, t, key=r, relation=r, symmetric=r in ("partners_with", "competes_with"), evidence=[{
        "article": a, "file": a + ".txt", "title": "", "date": "2025-01-01", "sentence": f"{h} {r} {t} ({a}).",
        "start": 0, "end": 10, "rule": "test", "status": status, "confidence": 0.8} for a in articles])


@pytest.fixture()
def g():
    g = new_graph()
    for ent in [Entity("elon-musk", "Elon Musk", "PERSON", ("Musk",)), Entity("xai", "xAI", "ORG"),
                Entity("colossus", "Colossus", "FACILITY"), Entity("memphis", "Memphis", "PLACE"),
                Entity("nvidia", "Nvidia", "ORG"), Entity("openai", "OpenAI", "ORG"),
                Entity("supermicro", "Supermicro", "ORG"), Entity("loner", "Loner Labs", "ORG")]:
        add_node(g, ent, 1)
    _edge(g, "elon-musk", "founded", "xai")
    _edge(g, "xai", "operates", "colossus")
    _edge(g, "colossus", "located_in", "memphis")
    _edge(g, "nvidia", "supplies", "xai")
    _edge(g, "supermicro", "supplies", "xai")
    _edge(g, "nvidia", "invests_in", "openai")
    _edge(g, "openai", "partners_with", "supermicro", articles=("a1", "a2"))    # better supported than Nvidia's
    _edge(g, "loner", "acquires", "openai", status="denied")
    return finish(g)


def test_path_keeps_each_hops_real_direction_and_evidence(g):
    hops = shortest_path(g, "musk", "Memphis")
    assert [h["text"] for h in hops] == [
        "Elon Musk -founded-> xAI", "xAI -operates-> Colossus", "Colossus -located_in-> Memphis"]
    assert (hops[0]["sentence"], hops[0]["file"], hops[0]["support"]) == ("elon-musk founded xai (a1).", "a1.txt", 1)
    back = shortest_path(g, "Memphis", "Elon Musk")
    assert [h["text"] for h in back] == [
        "Memphis <-located_in- Colossus", "Colossus <-operates- xAI", "xAI <-founded- Elon Musk"]
    assert [(h["head"], h["relation"], h["tail"], h["forward"]) for h in back] == [
        ("Colossus", "located_in", "Memphis", False), ("xAI", "operates", "Colossus", False),
        ("Elon Musk", "founded", "xAI", False)]


def test_equal_length_paths_prefer_the_better_supported_edges(g):
    # xAI -> OpenAI is two hops through Supermicro (partners, 2 articles) or Nvidia (invests, 1 article);
    # the better support wins although Nvidia comes first by name
    assert [h["text"] for h in shortest_path(g, "xAI", "OpenAI")] == [
        "xAI <-supplies- Supermicro", "Supermicro -partners_with- OpenAI"]
    assert [h["text"] for h in shortest_path(g, "xAI", "OpenAI", relations=["supplies", "invests_in"])] == [
        "xAI <-supplies- Nvidia", "Nvidia -invests_in-> OpenAI"]


def test_no_path_within_the_limits_is_a_clear_error(g):
    with pytest.raises(NoPath) as err:
        shortest_path(g, "Elon Musk", "OpenAI", max_length=2)
    assert str(err.value) == "no path between Elon Musk and OpenAI within 2 hops (stated facts)"
    assert len(shortest_path(g, "Elon Musk", "OpenAI", max_length=3)) == 3
    with pytest.raises(NoPath) as err:
        shortest_path(g, "Elon Musk", "OpenAI", relations=["founded", "operates"])
    assert str(err.value) == "no path between Elon Musk and OpenAI over founded, operates (stated facts)"
    with pytest.raises(NoPath) as err:
        shortest_path(g, "Loner Labs", "OpenAI")
    assert str(err.value) == "no path between Loner Labs and OpenAI (stated facts)"
    [hop] = shortest_path(g, "Loner Labs", "OpenAI", status=None)
    assert (hop["text"], hop["status"]) == ("Loner Labs -acquires-> OpenAI", "denied")


def test_path_refuses_bad_names_and_limits(g):
    with pytest.raises(UnknownEntity):
        shortest_path(g, "Elon Musk", "Memfis")
    with pytest.raises(ValueError, match="^'musk' and 'Elon Musk' both name Elon Musk$"):
        shortest_path(g, "musk", "Elon Musk")
    with pytest.raises(ValueError, match="^max length must be 1 or more, not 0$"):
        shortest_path(g, "musk", "xai", max_length=0)
    with pytest.raises(ValueError, match="^unknown relation 'owns'"):
        shortest_path(g, "musk", "xai", relations=["owns"])


def test_neighbourhood_gives_distance_relations_and_the_way_in(g):
    near = neighbourhood(g, "Colossus", depth=1)
    assert [(r["name"], r["distance"], r["relations"], r["via"]) for r in near] == [
        ("Memphis", 1, ["located_in"], ["Colossus"]), ("xAI", 1, ["operates"], ["Colossus"])]
    far = neighbourhood(g, "Colossus")
    assert [(r["name"], r["distance"], r["relations"], r["via"]) for r in far] == [
        ("Memphis", 1, ["located_in"], ["Colossus"]), ("xAI", 1, ["operates"], ["Colossus"]),
        ("Elon Musk", 2, ["founded"], ["xAI"]), ("Nvidia", 2, ["supplies"], ["xAI"]),
        ("Supermicro", 2, ["supplies"], ["xAI"])]
    assert far[3]["links"] == [{"head": "Nvidia", "relation": "supplies", "tail": "xAI", "status": "stated",
                                "support": 1}]
    # OpenAI is reached from both Nvidia and Supermicro, one ring out
    [openai] = [r for r in neighbourhood(g, "xAI", depth=2) if r["name"] == "OpenAI"]
    assert (openai["distance"], openai["relations"], openai["via"]) == (2, ["invests_in", "partners_with"],
                                                                         ["Nvidia", "Supermicro"])
    assert [r["name"] for r in neighbourhood(g, "xAI", depth=3, relations=["supplies"])] == ["Nvidia", "Supermicro"]
    with pytest.raises(ValueError, match="^depth must be 1 or more, not 0$"):
        neighbourhood(g, "xAI", depth=0)


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_path_command_on_the_sample_graph(sample_graph):
    out, g = sample_graph
    res = run("path", "xAI", "memphis", "--graph", out)
    assert res.exit_code == 0
    lines = res.output.splitlines()
    # xAI both develops and operates Colossus: of two equal hops the first relation of the schema is shown
    assert lines[:2] == ["xAI to Memphis: 2 hops", "1. xAI -develops-> Colossus  [2025/xai-colossus-memphis.md]"]
    # (the evidence shown is the first: the Markdown article's headline, read as its first paragraph)
    assert lines[2] == "   How xAI built Colossus in Memphis"
    assert lines[3] == "2. Colossus -located_in-> Memphis  [2025/xai-colossus-memphis.md]"
    res = run("path", "xAI", "memphis", "--graph", out, "--json")
    assert json.loads(res.output) == shortest_path(g, "xAI", "Memphis")
    assert [(h["head"], h["relation"], h["tail"]) for h in json.loads(res.output)] == [
        ("xAI", "develops", "Colossus"), ("Colossus", "located_in", "Memphis")]
    res = run("path", "xAI", "memphis", "--graph", out, "-r", "operates", "-r", "located_in")
    assert res.output.splitlines()[1] == "1. xAI -operates-> Colossus  [2025/xai-colossus-memphis.md]"

    for args, message in [
        (["xAI", "Memphis", "--max-length", "1"], "error: no path between xAI and Memphis within 1 hop (stated facts)"),
        (["xAI", "Memphis", "-r", "supplies"], "error: no path between xAI and Memphis over supplies (stated facts)"),
        (["Anthropik", "Memphis"], "error: no entity named 'Anthropik' in the graph; did you mean Anthropic?"),
        (["xAI", "Memphis", "-r", "sells"], "error: unknown relation 'sells'; relations are: partners_with, "
         "invests_in, founded, leads, works_for, develops, acquires, competes_with, subsidiary_of, supplies, "
         "operates, located_in"),
    ]:
        res = run("path", *args, "--graph", out)
        assert (res.exit_code, res.output.strip().splitlines()) == (1, [message])


def test_neighbors_command_on_the_sample_graph(sample_graph, tmp_path):
    out, g = sample_graph
    res = run("neighbors", "Colossus", "--depth", "1", "--graph", out)
    assert res.exit_code == 0
    header, rule, *rows = res.output.splitlines()
    assert header.split() == ["hops", "entity", "type", "relations", "via"]
    assert [r.split() for r in rows] == [["1", "Memphis", "PLACE", "located_in", "Colossus"],
                                         ["1", "Tennessee", "PLACE", "located_in", "Colossus"],
                                         ["1", "xAI", "ORG", "develops,", "operates", "Colossus"]]
    res = run("neighbors", "colossus", "--graph", out, "--json")
    assert json.loads(res.output) == neighbourhood(g, "Colossus", depth=2)
    assert {r["distance"] for r in json.loads(res.output)} == {1, 2}
    for cmd in (["neighbors", "x"], ["path", "x", "y"]):
        res = run(*cmd, "--graph", tmp_path / "nowhere")
        assert res.exit_code == 1
        assert res.output.strip().splitlines() == [
            f"error: no graph at {tmp_path / 'nowhere' / 'graph.json'}: run `industry-graph build ARTICLES "
            f"--out {tmp_path / 'nowhere'}` first"]
    res = run("neighbors", "Colossus", "--depth", "0", "--graph", out)
    assert (res.exit_code, res.output.strip()) == (1, "error: depth must be 1 or more, not 0")
