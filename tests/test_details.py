"""Deal details: amounts, rounds and valuations of investments, kinds of partnerships and supply
deals, rolled up per edge and filtered on by the query commands."""
import json
from importlib import resources

import pytest
from typer.testing import CliRunner

from industry_graph.cli import app
from industry_graph.details import DEAL_KINDS, describe
from industry_graph.graph import finish, new_graph


@pytest.mark.parametrize("sentence, expected", [
    ("Thrive Capital led a $6.6 billion round that valued OpenAI at $157 billion.",
     {"amount": "$6.6 billion", "amount_usd": 6.6e9, "valuation": "$157 billion"}),
    ("Mistral raised €600 million in a Series B led by General Catalyst, valuing it at about $6 billion.",
     {"amount": "€600 million", "valuation": "$6 billion", "round": "Series B"}),
    ("Anthropic closed a $13 billion Series F at a $183 billion post-money valuation.",
     {"amount": "$13 billion", "amount_usd": 13e9, "valuation": "$183 billion", "round": "Series F"}),
    ("Quill raised $5M in seed funding from Sequoia.", {"amount": "$5M", "amount_usd": 5e6, "round": "seed"}),
    ("Sequoia backed the startup early.", {}),
])
def test_investment_amount_round_and_valuation(sentence, expected):
    assert describe("invests_in", sentence) == expected


def test_of_two_amounts_the_one_nearer_the_trigger_is_paid():
    s = "Amazon put in $4 billion, after Google had put in $2 billion."
    assert describe("invests_in", s, anchor=s.rindex("put"))["amount"] == "$2 billion"
    assert describe("invests_in", s, anchor=0)["amount"] == "$4 billion"


@pytest.mark.parametrize("relation, sentence, kinds", [
    ("supplies", "Oracle will supply OpenAI with 4.5 gigawatts of data center capacity.", ["compute"]),
    ("partners_with", "Microsoft will distribute Mistral models on Azure.", ["cloud", "distribution"]),
    ("supplies", "AMD will sell OpenAI its MI450 chips.", ["chips", "distribution"]),
    ("partners_with", "The two labs will share safety research.", ["research"]),
    ("partners_with", "The companies signed an agreement.", None),
    ("invests_in", "Google will host the model on its cloud.", None),      # kinds belong to deals only
])
def test_deal_kinds(relation, sentence, kinds):
    assert describe(relation, sentence).get("kinds") == kinds


def test_deal_kinds_are_the_vocabulary_file_s_kinds():
    data = json.loads((resources.files("industry_graph") / "resources" / "triggers.json").read_text("utf-8"))
    assert tuple(k for k in data["deal_kinds"] if k != "about") == DEAL_KINDS


def test_an_edge_rolls_up_kinds_and_distinct_deals_oldest_first():
    g = new_graph()
    g.add_node("a", name="A", type="ORG")
    g.add_node("b", name="B", type="ORG")
    base = {"file": "f", "title": "", "sentence": "s", "start": 0, "end": 1, "rule": "r", "status": "stated",
            "confidence": 0.8}
    g.add_edge("a", "b", key="invests_in", relation="invests_in", symmetric=False, evidence=[
        {**base, "article": "2", "date": "2025-02-01", "details": {"amount": "$2 billion", "amount_usd": 2e9}},
        {**base, "article": "1", "date": "2024-05-01", "details": {"amount": "$1 billion", "round": "Series C"}},
        {**base, "article": "3", "date": "2025-03-01", "details": {"amount": "$2 billion", "amount_usd": 2e9}},
        {**base, "article": "4", "date": "2025-04-01", "details": {"amount": "$9 billion"}, "status": "talks"},
    ])
    g.add_edge("a", "b", key="supplies", relation="supplies", symmetric=False, evidence=[
        {**base, "article": "1", "date": "", "details": {"kinds": ["cloud"]}},
        {**base, "article": "2", "date": "", "details": {"kinds": ["chips", "cloud"]}}])
    finish(g)
    assert g.edges["a", "b", "invests_in"]["deals"] == [
        {"amount": "$1 billion", "round": "Series C", "date": "2024-05-01", "article": "1"},
        {"amount": "$2 billion", "amount_usd": 2e9, "date": "2025-02-01", "article": "2"}]
    assert g.edges["a", "b", "supplies"]["kinds"] == ["chips", "cloud"]
    assert "kinds" not in g.edges["a", "b", "invests_in"] and "deals" not in g.edges["a", "b", "supplies"]


def _cli(*args):
    return CliRunner().invoke(app, list(args))


def test_query_shows_amounts_and_filters_by_date(sample_graph):
    out, _ = sample_graph
    res = _cli("query", "SoftBank", "--relation", "invests_in", "--json", "--graph", str(out))
    [row] = [r for r in json.loads(res.output) if r["tail"] == "OpenAI"]
    assert [{k: d[k] for k in ("amount", "valuation", "date")} for d in row["deals"]] == [
        {"amount": "$40 billion", "valuation": "$300 billion", "date": "2025-04-01"}]
    res = _cli("query", "OpenAI", "--since", "2025-10", "--json", "--graph", str(out))
    rows = json.loads(res.output)
    assert rows and all(r["last_seen"] >= "2025-10" for r in rows)
    everything = json.loads(_cli("query", "OpenAI", "--json", "--graph", str(out)).output)
    assert len(rows) < len(everything)


def test_partners_by_deal_kind(sample_graph):
    out, g = sample_graph
    res = _cli("partners", "--kind", "cloud", "--json", "--graph", str(out))
    rows = json.loads(res.output)
    expected = {(g.nodes[u]["name"], g.nodes[v]["name"]) for u, v, k, d in g.edges(keys=True, data=True)
                if k == "partners_with" and d["status"] == "stated" and "cloud" in d.get("kinds", ())}
    assert {(r["entity"], r["partner"]) for r in rows} == expected
    assert ("OpenAI", "Oracle") in expected


def test_min_support_and_min_confidence_filter_edges(sample_graph):
    out, g = sample_graph
    rows = json.loads(_cli("triples", "--format", "jsonl", "--min-support", "2", "--graph", str(out)).output
                      .replace("}\n{", "},{").join("[]"))
    assert rows and all(r["support"] >= 2 for r in rows)
    assert len(rows) == sum(1 for *_, d in g.edges(data=True) if d["status"] == "stated" and d["support"] >= 2)
    strict = _cli("triples", "--format", "jsonl", "--min-confidence", "0.95", "--graph", str(out)).output
    assert all(json.loads(line)["confidence"] >= 0.95 for line in strict.splitlines())


@pytest.mark.parametrize("args, message", [
    (["query", "OpenAI", "--since", "last week"], "error: bad date 'last week'; use YYYY, YYYY-MM or YYYY-MM-DD"),
    (["partners", "--kind", "snacks"], "error: unknown deal kind 'snacks'"),
    (["query", "OpenAI", "--direction", "up"], "error: unknown direction 'up'; use out, in or any"),
])
def test_bad_filter_values_are_one_line_errors(sample_graph, args, message):
    out, _ = sample_graph
    res = _cli(*args, "--graph", str(out))
    assert res.exit_code == 1
    assert res.output.startswith(message) and res.output.count("\n") == 1
