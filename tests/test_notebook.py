"""The notebook runs top to bottom against the current API (its code cells, in order)."""
import json
import os

from conftest import ROOT


def test_explore_notebook_runs_top_to_bottom(monkeypatch, capsys):
    nb = json.loads((ROOT / "notebooks" / "explore.ipynb").read_text(encoding="utf-8"))
    monkeypatch.chdir(ROOT / "notebooks")
    scope: dict = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), "explore.ipynb", "exec"), scope)  # noqa: S102
    out = capsys.readouterr().out
    assert out.startswith("18 articles -> ")
    assert scope["g"].number_of_nodes() > 50
    assert scope["investors"].most_common(1)[0][1] >= 2
    assert os.getcwd().endswith("notebooks")
