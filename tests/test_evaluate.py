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
