"""Faults around graph files: corrupt or foreign graph.json, builds killed mid-write, unwritable --out."""
import json
import os
import signal
import subprocess
import sys
import time

import networkx as nx
import pytest
from typer.testing import CliRunner

from conftest import DATA
from industry_graph.build import build_graph
from industry_graph.cli import app
from industry_graph.graph import load_graph, to_json

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
READERS = [["partners"], ["query", "Anthropic"], ["triples"], ["stats"], ["eval", str(DATA / "gold.jsonl")]]


@pytest.fixture(scope="module")
def good_graph(nlp, tmp_path_factory):
    """graph.json text of a one-article build, as node-link data."""
    folder = tmp_path_factory.mktemp("one")
    (folder / "a.txt").write_text("Amazon invested $4 billion in Anthropic.")
    return json.loads(to_json(build_graph([folder], nlp=nlp)[0]))


def _with(data, **graph):
    return json.dumps({**data, "graph": {**data["graph"], **graph}})


def _nameless(data):
    return json.dumps({**data, "nodes": [{k: v for k, v in n.items() if k != "name"} for n in data["nodes"]]})


# (case, how to write graph.json from a good graph's data, the message after "error: FILE: ")
CORRUPT = [
    ("truncated", lambda f, d: f.write_text(json.dumps(d)[:200]), "not valid JSON ("),
    ("json-list", lambda f, d: f.write_text("[1, 2, 3]"), "not an industry-graph graph (no format 'industry-graph/1')"),
    ("foreign-node-link", lambda f, d: f.write_text(json.dumps(nx.node_link_data(nx.path_graph(3), edges="links"))),
     "not an industry-graph graph (no format 'industry-graph/1')"),
    ("graph-not-object", lambda f, d: f.write_text(json.dumps({**d, "graph": ["format"]})),
     "not an industry-graph graph (no format 'industry-graph/1')"),
    ("binary", lambda f, d: f.write_bytes(PNG), "not valid JSON (binary, not UTF-8 text)"),
    ("empty", lambda f, d: f.write_bytes(b""), "empty file, not a graph"),
    ("folder", lambda f, d: f.mkdir(), "a folder, not a graph file"),
    ("deep", lambda f, d: f.write_text("[" * 100_000 + "]" * 100_000),
     "not an industry-graph graph (JSON nested too deeply)"),
    ("future-version", lambda f, d: f.write_text(_with(d, format="industry-graph/2")),
     "written by another version of industry-graph (format 'industry-graph/2'; this version reads "
     "'industry-graph/1'): rebuild it, or upgrade industry-graph"),
    ("node-without-name", lambda f, d: f.write_text(_nameless(d)), "damaged graph (node 'amazon' has no 'name')"),
    ("links-not-a-list", lambda f, d: f.write_text(json.dumps({**d, "links": 5})), "damaged graph (TypeError: "),
]


@pytest.mark.parametrize("case,make,message", CORRUPT, ids=[c[0] for c in CORRUPT])
def test_a_corrupt_or_foreign_graph_is_a_one_line_error_for_every_reader(tmp_path, good_graph, case, make, message):
    file = tmp_path / "graph.json"
    make(file, good_graph)
    for command in READERS:
        for where in (tmp_path, file):      # --graph FOLDER and --graph FOLDER/graph.json
            res = runner.invoke(app, [*command, "--graph", str(where)])
            assert (res.exit_code, len(res.output.splitlines())) == (1, 1), (command, res.output)
            assert res.output.startswith(f"error: {file}: {message}"), (command, res.output)


# Runs the real CLI in a child that SIGKILLs itself when it is about to rename its temporary file
# over argv[1]: the moment after the new bytes are written and before they replace the old file.
DIE_AT_RENAME = """
import os, signal, sys
from pathlib import Path
rename = os.replace
def replace(src, dst):
    if Path(dst).name == sys.argv[1]:
        os.kill(os.getpid(), signal.SIGKILL)
    rename(src, dst)
os.replace = replace
from industry_graph.cli import app
app(sys.argv[2:])
"""


@pytest.fixture
def quick_cli(monkeypatch, nlp):
    """In-process builds reuse the session's spaCy pipeline instead of loading it again."""
    import industry_graph.nlp
    monkeypatch.setattr(industry_graph.nlp, "make_nlp", lambda model, gazetteer: nlp)


@pytest.fixture
def first_build(tmp_path, quick_cli):
    """A finished build of one article in tmp_path/graph, and a second folder of other articles."""
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.txt").write_text("Amazon invested $4 billion in Anthropic.")
    (tmp_path / "two").mkdir()
    for i, text in enumerate(["Microsoft partners with OpenAI.", "Nvidia supplies chips to Microsoft."] * 10):
        (tmp_path / "two" / f"b{i}.txt").write_text(f"Report {i}\n\n{text}")
    out = tmp_path / "graph"
    assert runner.invoke(app, ["build", str(tmp_path / "one"), "--out", str(out), "-q"]).exit_code == 0
    return out, (out / "graph.json").read_bytes(), (out / "map.html").read_bytes()


def _temps(out):
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("dies_at", ["graph.json", "map.html"])
def test_a_build_killed_before_its_rename_leaves_the_previous_files(tmp_path, first_build, dies_at):
    out, old_graph, old_map = first_build
    child = subprocess.run([sys.executable, "-c", DIE_AT_RENAME, dies_at, "build", str(tmp_path / "two"),
                            "--out", str(out), "-q"], capture_output=True)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert (out / "map.html").read_bytes() == old_map
    [temp] = _temps(out)
    assert temp.startswith(f".{dies_at}.") and temp.endswith(".tmp")
    if dies_at == "graph.json":
        assert (out / "graph.json").read_bytes() == old_graph
        assert sorted(load_graph(out)) == ["amazon", "anthropic"]           # not the temp file's graph
        assert "openai" in json.dumps(json.loads((out / temp).read_text()))  # which was whole
    else:
        assert sorted(load_graph(out)) == ["microsoft", "nvidia", "openai"]
    res = runner.invoke(app, ["stats", "--graph", str(out), "--json"])
    assert res.exit_code == 0 and json.loads(res.output)["entities"] == len(load_graph(out))
    # the next build that finishes clears the dead writer's temporary file
    assert runner.invoke(app, ["build", str(tmp_path / "one"), "--out", str(out), "-q"]).exit_code == 0
    assert _temps(out) == []


def test_a_build_killed_while_writing_leaves_whole_files(tmp_path, first_build):
    """SIGKILL the moment a temporary file shows up: whatever was caught, both files stay whole."""
    out, old_graph, old_map = first_build
    child = subprocess.Popen([sys.executable, "-m", "industry_graph", "build", str(tmp_path / "two"),
                              "--out", str(out), "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while child.poll() is None and not _temps(out) and time.monotonic() < deadline:
        time.sleep(0.0005)
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
    child.wait()
    names = sorted(load_graph(out))
    assert names in (["amazon", "anthropic"], ["microsoft", "nvidia", "openai"])
    assert ((out / "graph.json").read_bytes() == old_graph) == (names == ["amazon", "anthropic"])
    page = (out / "map.html").read_bytes()
    assert page == old_map or (page.rstrip().endswith(b"</html>") and b"OpenAI" in page)


def test_build_into_a_path_through_a_file_is_a_one_line_error(tmp_path, quick_cli):
    (tmp_path / "a.txt").write_text("Amazon invested $4 billion in Anthropic.")
    (tmp_path / "taken").write_text("not a folder")
    for args in (["--out", tmp_path / "taken"], ["--out", tmp_path / "g", "--report", tmp_path / "taken" / "r.json"]):
        res = runner.invoke(app, ["build", str(tmp_path / "a.txt"), *map(str, args), "-q"])
        assert res.exit_code == 1
        assert res.output.splitlines() == [f"error: cannot write to {tmp_path / 'taken'}: part of that path "
                                           "is a file, not a folder"]


def test_report_goes_into_a_new_folder_and_files_keep_the_usual_mode(tmp_path, quick_cli):
    (tmp_path / "a.txt").write_text("Amazon invested $4 billion in Anthropic.")
    report = tmp_path / "reports" / "today" / "r.json"
    res = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "g"), "--report", str(report)])
    assert res.exit_code == 0, res.output
    assert json.loads(report.read_text())["found"] == 1
    umask = os.umask(0)
    os.umask(umask)
    for f in (tmp_path / "g" / "graph.json", tmp_path / "g" / "map.html", report):
        assert f.stat().st_mode & 0o777 == 0o666 & ~umask
