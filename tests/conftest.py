import json
from pathlib import Path

import pytest

from industry_graph.gazetteer import load_gazetteer
from industry_graph.models import Article
from industry_graph.nlp import make_nlp
from industry_graph.pipeline import process

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"
GOLDEN = Path(__file__).parent / "data" / "golden_sentences.jsonl"


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="session")
def nlp(gazetteer):
    return make_nlp(gazetteer=gazetteer)


@pytest.fixture(scope="session")
def facts_of(nlp, gazetteer):
    """sentence -> set of (head, relation, tail, status) with canonical names."""
    def run(text: str) -> set[tuple[str, str, str, str]]:
        [result] = process([Article("t", "t.txt", text)], nlp, gazetteer)
        # a rule that raises would otherwise pass for a sentence that states nothing: the build
        # reports such an article as skipped rather than failing
        assert not result.error, result.error
        return {(f.head.name, f.relation, f.tail.name, f.evidence.status) for f in result.facts}
    return run


def golden_cases():
    return [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def sample_graph(tmp_path_factory):
    """The bundled sample articles built once through the CLI: (folder, graph)."""
    from typer.testing import CliRunner

    from industry_graph.cli import app
    from industry_graph.graph import load_graph
    out = tmp_path_factory.mktemp("sample") / "graph"
    result = CliRunner().invoke(app, ["build", str(DATA / "articles"), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out, load_graph(out)
