import json

from industry_graph.evaluate import load_gold, score


def test_score_counts_unique_triples_with_aliases_symmetry_and_doubtful(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "a", "file": "a.txt",
        "entities": {"Elon Musk": {"type": "PERSON", "aliases": ["Musk"]}, "SpaceX": {"type": "ORG", "aliases": []},
                     "Anthropic": {"type": "ORG", "aliases": []}},
        "triples": [["Elon Musk", "founded", "SpaceX"], ["Anthropic", "partners_with", "SpaceX"],
                    ["Elon Musk", "leads", "SpaceX"]],
        "doubtful": [["SpaceX", "supplies", "Anthropic"]]}) + "\n")
    records = load_gold(gold)
    pred = {("elon musk", "founded", "spacex"): ("Musk", "founded", "SpaceX"),
            ("anthropic", "partners_with", "spacex"): ("SpaceX", "partners_with", "Anthropic"),
            ("spacex", "supplies", "anthropic"): ("SpaceX", "supplies", "Anthropic"),
            ("spacex", "acquires", "anthropic"): ("SpaceX", "acquires", "Anthropic")}
    res = score(pred, records)
    assert res["micro"] == {"tp": 2, "fp": 1, "fn": 1, "precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert res["missed"] == [("Elon Musk", "leads", "SpaceX")]
    assert res["false"] == [("SpaceX", "acquires", "Anthropic")]
    assert res["per_relation"]["founded"]["f1"] == 1.0


def test_a_graph_is_scored_by_its_names_alone_as_an_outside_scorer_sees_them(tmp_path):
    from industry_graph.evaluate import predicted_triples
    from industry_graph.graph import finish, new_graph
    g = new_graph()
    g.add_node("ssi", name="SSI", type="ORG", aliases=["Safe Superintelligence"], mentions=1)
    g.add_node("a16z", name="Andreessen Horowitz", type="ORG", aliases=["a16z"], mentions=1)
    g.add_edge("a16z", "ssi", key="invests_in", relation="invests_in", symmetric=False, evidence=[{
        "article": "a.txt", "file": "a.txt", "title": "", "date": "", "sentence": "s", "start": 0, "end": 1,
        "rule": "r", "status": "stated", "confidence": 0.8}])
    finish(g)
    gold = tmp_path / "gold.jsonl"
    record = {"id": "a", "file": "a.txt", "triples": [["Andreessen Horowitz", "invests_in", "Safe Superintelligence"]],
              "doubtful": [], "entities": {"Safe Superintelligence": {"type": "ORG", "aliases": []}}}
    gold.write_text(json.dumps(record) + "\n")
    assert score(predicted_triples(g, load_gold(gold)), load_gold(gold))["micro"]["tp"] == 0   # 'SSI' is not named
    record["entities"]["Safe Superintelligence"]["aliases"] = ["SSI"]
    gold.write_text(json.dumps(record) + "\n")
    assert score(predicted_triples(g, load_gold(gold)), load_gold(gold))["micro"]["tp"] == 1


def test_an_article_names_a_known_entity_as_it_writes_it(facts_of):
    facts = facts_of("KDDI took a stake in Sakana. Sakana trains small models.")
    assert ("KDDI", "invests_in", "Sakana", "stated") in facts         # the gazetteer's 'Sakana AI' is never written
