"""Building at scale: worker processes and a Dask cluster give the local build's graph byte for
byte; a long build's vocabulary does not grow; the progress bar stays on terminals."""
import io
import sys

import pytest
from rich.console import Console
from typer.testing import CliRunner

from conftest import DATA
from industry_graph import pipeline
from industry_graph.cli import app
from industry_graph.models import Article
from industry_graph.pipeline import process
from industry_graph.progress import BuildProgress

runner = CliRunner()


def build(out, *extra):
    res = runner.invoke(app, ["build", str(DATA / "articles"), "--out", str(out), "-q", *map(str, extra)])
    assert res.exit_code == 0, res.output
    return res


@pytest.fixture(scope="module")
def local_bytes(tmp_path_factory):
    """graph.json of the sample as a user's local build makes it: a fresh process, no cache."""
    import subprocess
    out = tmp_path_factory.mktemp("local") / "g"
    subprocess.run([sys.executable, "-m", "industry_graph", "build", str(DATA / "articles"), "--out", str(out),
                    "-q", "--no-cache", "--batch-size", "4"], check=True, capture_output=True)
    return (out / "graph.json").read_bytes()


def test_two_worker_processes_give_the_identical_graph(local_bytes, tmp_path):
    res = build(tmp_path / "g", "--no-cache", "--jobs", 2, "--batch-size", 4)
    assert res.output.splitlines()[0].startswith("read 15 of 15 files (18 articles)")
    assert (tmp_path / "g" / "graph.json").read_bytes() == local_bytes


def test_a_dask_cluster_of_two_workers_gives_the_identical_graph(local_bytes, tmp_path):
    from distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      memory_limit="1GiB") as cluster:
        build(tmp_path / "g", "--no-cache", "--scheduler", cluster.scheduler_address, "--batch-size", 4)
    assert (tmp_path / "g" / "graph.json").read_bytes() == local_bytes


def test_scheduler_without_dask_installed_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)      # import distributed now fails
    (tmp_path / "a.txt").write_text("Microsoft invested $10 billion in OpenAI.")
    res = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "g"),
                              "--scheduler", "tcp://127.0.0.1:8786"])
    assert res.exit_code == 1
    assert res.output.splitlines() == [
        "error: running on a Dask cluster needs dask.distributed: pip install 'industry-graph[dask]'"]


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path):
    import dask
    (tmp_path / "a.txt").write_text("Microsoft invested $10 billion in OpenAI.")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        res = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "g"),
                                  "--scheduler", "tcp://127.0.0.1:9"])
    assert res.exit_code == 1
    assert len(res.output.splitlines()) == 1
    assert res.output.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


def _named(tag, n=20):
    return [Article(f"{tag}{i}", "x.txt", f"Microsoft invested $10 billion in Quavi{tag}{chr(97 + i // 26)}{chr(97 + i % 26)}tron Robotics.")
            for i in range(n)]


def test_new_names_do_not_stay_in_the_vocabulary(nlp, gazetteer, monkeypatch):
    monkeypatch.setattr(pipeline, "WARM_STRINGS", 0)        # the warm-up is over: every batch in a zone
    before = len(nlp.vocab.strings)
    results = list(process(_named("new"), nlp, gazetteer, batch_size=8))
    assert len(nlp.vocab.strings) == before
    assert "Quavinewadtron" not in nlp.vocab.strings
    # the records made inside the memory zones hold whole Python strings, usable after them
    assert [(f.head.name, f.relation, f.tail.name) for f in results[3].facts] == [
        ("Microsoft", "invests_in", "Quavinewadtron Robotics")]


def test_first_batches_keep_their_words_until_the_warm_up_budget_is_spent(nlp, gazetteer, monkeypatch):
    monkeypatch.setitem(pipeline._warm, nlp, len(nlp.vocab.strings))     # as if nlp were new
    monkeypatch.setattr(pipeline, "WARM_STRINGS", 5)
    list(process(_named("early", 8), nlp, gazetteer, batch_size=8))     # one batch, outside a zone
    assert "Quaviearlyaatron" in nlp.vocab.strings
    after = len(nlp.vocab.strings)
    assert after - pipeline._warm[nlp] >= 5
    list(process(_named("late", 8), nlp, gazetteer, batch_size=8))      # the budget is spent: in a zone
    assert len(nlp.vocab.strings) == after
    assert "Quavilateaatron" not in nlp.vocab.strings


def test_progress_bar_shows_files_words_per_second_and_time_left():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with BuildProgress(console) as bar:
        bar.update(1, 3, 500)
        bar.bar.refresh()
    text = out.getvalue()
    assert "1/3" in text and "files," in text and "words/s" in text


def test_progress_stays_out_of_pipes_and_logs(tmp_path):
    (tmp_path / "a.txt").write_text("Microsoft invested $10 billion in OpenAI.")
    res = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "g")])
    assert res.exit_code == 0
    assert [line.split()[0] for line in res.output.splitlines()] == ["read", "wrote", "wrote"]
