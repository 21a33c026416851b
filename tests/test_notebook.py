"""The notebook runs top to bottom in a real Jupyter kernel (nbclient), as a reader would run it, and
shows what the library says about the same sample graph."""
import ast
import base64
from collections import Counter

import nbformat
from nbclient import NotebookClient

from conftest import ROOT
from industry_graph import edges, shortest_path


def _stdout(cell) -> str:
    return "".join(o["text"] for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def _result(cell) -> str:
    return "".join(o["data"]["text/plain"] for o in cell.outputs if o.output_type == "execute_result")


def test_explore_notebook_runs_top_to_bottom(sample_graph):
    _, g = sample_graph
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    # execute() raises CellExecutionError on the first cell that fails
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    cells = {c.id: c for c in nb.cells if c.cell_type == "code"}
    assert list(cells) == ["c1", "c3", "c5", "c7", "c9", "c11", "c13"]

    assert _stdout(cells["c1"]) == f"18 articles -> {g.number_of_nodes()} entities, {g.number_of_edges()} relations\n"
    backs = [line.split("->")[0].strip() for line in _stdout(cells["c3"]).splitlines()]
    assert backs == [r["head"] for r in edges(g, relation="invests_in")[:15]]
    supplies = _stdout(cells["c5"]).splitlines()
    assert len(supplies) == len(edges(g, relation="supplies"))
    assert "Amazon Web Services -> Anthropic: AWS built and operates Project Rainier" in "\n".join(supplies)
    investors = Counter(r["head"] for r in edges(g, relation="invests_in")).most_common(5)
    assert ast.literal_eval(_result(cells["c7"])) == investors      # IPython may wrap the list
    assert investors[0][1] >= 2
    assert _stdout(cells["c9"]).splitlines() == [
        f"{h['text']}  [{h['file']}]" for h in shortest_path(g, "Elon Musk", "Memphis")]

    [picture] = [o for o in cells["c11"].outputs if o.output_type == "display_data"]
    assert base64.b64decode(picture["data"]["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert ast.literal_eval(_result(cells["c13"])) == ["graph.cypher", "graph.gexf"]
