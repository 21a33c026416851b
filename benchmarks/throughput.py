"""Speed and memory of a build, as ratios measured in one run (the machine may be shared).

    python benchmarks/throughput.py --articles 1000 --json
    python benchmarks/throughput.py --articles 1000 --jobs 2 --dask-local 2 --gazetteer 10000 --rebuild --json

Writes a corpus of N articles of about 500 words (paragraphs of the sample articles in
data/articles, their company and people names replaced by made-up ones so that the vocabulary
grows as it would in real news; 70% .txt, 20% .md, 10% .html), then times, each in a fresh process:

- build_s: what `industry-graph build CORPUS --out OUT` does (start-up, pipeline load, reading,
  spaCy, extraction, the on-disk graph store, cache writes, graph.json streamed from the store, and
  map.html of at most 2,000 entities as the command draws it by default), with the seconds of its stages
  (build_graph_s, build_save_s, build_map_s) and the peak memory after each (build_*_peak_mb);
- bare_pipe_s: a plain `nlp.pipe()` of the same texts through the same pipeline (model load not
  counted); ratio = build_s / bare_pipe_s, cpu_ratio the same in CPU seconds (steadier when other
  programs share the machine);
- with --rebuild: a rebuild with nothing changed and one after one file changed (rebuild_ratio =
  the latter / build_s);
- with --jobs J: `build --jobs J` (jobs_ratio = its wall time / build_s);
- with --dask-local W: `build --dask-local W` (dask_ratio likewise);
- with --gazetteer G: `build --entities FILE` with G minus the shipped entities made up (names
  that the corpus does not use); gazetteer_ratio = its time / build_s.

peak_rss_mb is the build process's peak resident memory (worker processes not included).
--repeat R runs each timing R times and keeps the fastest (a one-changed rebuild changes another
file each time).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles"
SYLLABLES = ("ka", "lo", "ven", "tri", "mar", "zo", "qui", "bel", "nor", "dax", "ri", "sa", "tor", "lum",
             "ex", "an", "vo", "fen", "gal", "ho", "ist", "ra", "mi", "pel", "cor", "dyn", "ul", "ber")
FIRST = ("Maya", "Tomas", "Priya", "Jonah", "Lena", "Arjun", "Sofia", "Marcus", "Ines", "Kenji", "Amara",
         "Felix", "Nadia", "Omar", "Clara", "Ravi", "Elena", "Dmitri", "Hana", "Lucas")
ORG_SUFFIX = (" AI", " Labs", " Robotics", " Systems", " Compute", " Dynamics", " Technologies", "")


def made_up(rng: random.Random, parts: int, syllables=SYLLABLES) -> str:
    return "".join(rng.choice(syllables) for _ in range(parts)).capitalize()


def write_corpus(folder: Path, n: int, seed: int = 7) -> int:
    """N article files under FOLDER (70% .txt, 20% .md, 10% .html); returns the number of words."""
    sys.path.insert(0, str(ROOT))
    from industry_graph.gazetteer import load_gazetteer
    from industry_graph.ingest import read_articles
    paragraphs = [p.strip() for _, arts, _ in read_articles([SAMPLE]) for a in arts
                  for p in a.text.split("\n") if len(p.split()) >= 12]
    gaz = load_gazetteer()
    text_all = "\n".join(paragraphs)
    names = sorted({e.name for e in gaz.entities.values() if e.type in ("ORG", "PERSON") and e.name in text_all},
                   key=len, reverse=True)
    persons = {e.name for e in gaz.entities.values() if e.type == "PERSON"}
    surnames = {name.split()[-1]: name for name in names if name in persons and " " in name}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names + sorted(surnames, key=len, reverse=True))) + r")\b")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n):
        mapping: dict[str, str] = {}

        def swap(m: re.Match) -> str:
            name = surnames.get(m.group(1), m.group(1))
            if name not in mapping:
                if rng.random() < 0.4:
                    mapping[name] = name                          # the gazetteer still has work to do
                elif name in persons:
                    mapping[name] = f"{rng.choice(FIRST)} {made_up(rng, 3)}"
                else:
                    mapping[name] = made_up(rng, rng.choice((2, 3))) + rng.choice(ORG_SUFFIX)
            new = mapping[name]
            return new.split()[-1] if m.group(1) in surnames and m.group(1) != name else new
        body: list[str] = []
        while sum(len(p.split()) for p in body) < 480:
            body.append(pattern.sub(swap, rng.choice(paragraphs)))
        title = " ".join(body[0].split()[:8]).rstrip(",.")
        words += sum(len(p.split()) for p in body) + len(title.split())
        if i % 10 == 9:
            paras = "".join(f"<p>{p}</p>\n" for p in body)
            (folder / f"a{i:05d}.html").write_text(
                f"<html><head><title>{title}</title></head><body><nav>Home | News</nav>"
                f"<article><h1>{title}</h1>\n{paras}</article><footer>(c) News</footer></body></html>")
        elif i % 10 in (3, 7):
            (folder / f"a{i:05d}.md").write_text(f"# {title}\n\nDate: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\n\n"
                                                 + "\n\n".join(body) + "\n")
        else:
            (folder / f"a{i:05d}.txt").write_text(title + "\n\n" + "\n\n".join(body) + "\n")
    return words


def write_gazetteer(path: Path, total: int, seed: int = 11) -> int:
    """Made-up entities bringing the gazetteer to TOTAL entries; returns how many were written."""
    sys.path.insert(0, str(ROOT))
    from industry_graph.gazetteer import load_gazetteer
    shipped = len(load_gazetteer().entities)
    rng = random.Random(seed)
    syll = ("wex", "pra", "olu", "shi", "mek", "tav", "yor", "cin", "bru", "ezz", "fol", "gri", "hux", "jal")
    seen, n = set(), max(0, total - shipped)
    with open(path, "w", encoding="utf-8") as f:
        while len(seen) < n:
            kind = rng.choice(("ORG", "ORG", "ORG", "PERSON", "PRODUCT", "FACILITY"))
            name = (f"{rng.choice(FIRST)} {made_up(rng, 3, syll)}" if kind == "PERSON"
                    else made_up(rng, rng.choice((2, 3)), syll) + rng.choice(ORG_SUFFIX))
            if name in seen:
                continue
            seen.add(name)
            aliases = [name.split()[0] + " Inc"] if kind == "ORG" and rng.random() < 0.3 else []
            f.write(json.dumps({"name": name, "type": kind, "aliases": aliases}) + "\n")
    return n


def timed(cmd: list[str], log: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of a command run to completion (CPU and memory
    of its own process: worker processes are not counted); fails loudly if it fails."""
    started = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{log.read_text()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def bare_pipe(corpus: Path, batch_size: int) -> None:
    """Child mode: time nlp.pipe over the corpus's texts and print {"bare_pipe_s", "docs"}."""
    sys.path.insert(0, str(ROOT))
    from industry_graph.ingest import read_articles
    from industry_graph.nlp import make_nlp
    texts = [a.text for _, arts, _ in read_articles([corpus]) for a in arts]
    nlp = make_nlp()
    started = time.perf_counter()
    cpu = time.process_time()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))
    print(json.dumps({"bare_pipe_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu, "docs": n}))


def staged_build(corpus: Path, out: Path, batch_size: int) -> None:
    """Child mode: what `industry-graph build CORPUS --out OUT` does, printing each stage's seconds
    and the peak memory after it: {"graph_s", "graph_peak_mb", "save_s", "map_s", "map_peak_mb"}."""
    import resource
    sys.path.insert(0, str(ROOT))
    from industry_graph.build import build_store, few_collections
    from industry_graph.graphfile import CACHE_DIR
    from industry_graph.cli import BUILD_MAP_NODES
    from industry_graph.render import render_map
    from industry_graph.subset import store_subset

    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    with few_collections():         # as around the command's whole body, not only the build
        store, _ = build_store([corpus], cache_dir=out / CACHE_DIR, batch_size=batch_size, store_dir=out)
        with store:
            t1 = time.perf_counter()
            graph_peak = peak()
            store.save(out)
            counts = {"nodes": store.count_nodes(), "edges": store.count_edges()}      # the command's summary
            t2 = time.perf_counter()
            save_peak = peak()
            sub, note = store_subset(store, max_nodes=BUILD_MAP_NODES)      # the map the build command draws
            render_map(sub, out, note=note)
            t3 = time.perf_counter()
    print(json.dumps({"graph_s": t1 - t0, "graph_peak_mb": graph_peak, "save_s": t2 - t1, "save_peak_mb": save_peak,
                      "map_s": t3 - t2, "map_peak_mb": peak(), **counts}))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=200, help="articles in the corpus (default 200)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--batch-size", type=int, default=None, help="passed to the build and the bare pipe")
    ap.add_argument("--jobs", type=int, default=0, help="also time a build with --jobs J")
    ap.add_argument("--gazetteer", type=int, default=0, help="also time a build with a gazetteer of G entities")
    ap.add_argument("--dask-local", type=int, default=0, help="also time a build on W local Dask workers")
    ap.add_argument("--rebuild", action="store_true", help="also time rebuilds from the cache")
    ap.add_argument("--repeat", type=int, default=1, help="run each timing R times and keep the fastest")
    ap.add_argument("--workdir", type=Path, help="keep the corpus and outputs here (default: a temp folder)")
    ap.add_argument("--bare", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--staged", type=Path, nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from industry_graph.pipeline import DEFAULT_BATCH
    batch = a.batch_size or DEFAULT_BATCH
    if a.bare:
        bare_pipe(a.bare, batch)
        return 0
    if a.staged:
        staged_build(*a.staged, batch)
        return 0
    work = a.workdir or Path(tempfile.mkdtemp(prefix="ig-bench-"))
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    words = write_corpus(corpus, a.articles)
    cli = [sys.executable, "-m", "industry_graph", "build", str(corpus), "--quiet", "--batch-size", str(batch)]
    res: dict = {"articles": a.articles, "words": words, "batch_size": batch}

    def build(name: str, *extra: str, out: str | None = None, fresh: bool = True) -> tuple[float, float, float]:
        """The best (least disturbed) of --repeat runs of the build command."""
        best = None
        for _ in range(1 if not fresh else a.repeat):
            folder = work / (out or name)
            if fresh and folder.exists():
                shutil.rmtree(folder)
            report = work / f"{name}.report.json"
            run = timed(cli + ["--out", str(folder), "--report", str(report), *extra], work / f"{name}.log")
            best = run if best is None or run[0] < best[0] else best
        res[f"{name}_s"], res[f"{name}_cpu_s"], rss = best
        return best

    def bare() -> None:
        timed([sys.executable, __file__, "--bare", str(corpus), "--batch-size", str(batch)], work / "bare.log")
        got = json.loads((work / "bare.log").read_text().strip().splitlines()[-1])
        if "bare_pipe_s" not in res or got["bare_pipe_s"] < res["bare_pipe_s"]:
            res["bare_pipe_s"], res["bare_pipe_cpu_s"] = got["bare_pipe_s"], got["cpu_s"]

    def staged() -> None:
        """The plain build, run through the library as the command does, stage by stage."""
        out = work / "build"
        if out.exists():
            shutil.rmtree(out)
        wall, cpu, rss = timed([sys.executable, __file__, "--staged", str(corpus), str(out),
                                "--batch-size", str(batch)], work / "build.log")
        if "build_s" not in res or wall < res["build_s"]:
            res.update(build_s=wall, build_cpu_s=cpu, peak_rss_mb=rss)
            stages = json.loads((work / "build.log").read_text().strip().splitlines()[-1])
            res.update({f"build_{k}": v for k, v in stages.items()})

    # build and bare pipe one after the other, and each repeat as such a pair, so that both see
    # the same load on a shared machine; the fastest of each is kept
    for _ in range(a.repeat):
        staged()
        bare()
    res["ratio"] = res["build_s"] / res["bare_pipe_s"]
    res["cpu_ratio"] = res["build_cpu_s"] / res["bare_pipe_cpu_s"]
    res["words_per_s"] = words / res["build_s"]
    if a.rebuild:
        shutil.copytree(work / "build", work / "rebuild")
        best: dict = {}
        for r in range(a.repeat):
            # each repeat changes another file, so that every one-changed rebuild parses one file
            build("rebuild_unchanged", out="rebuild", fresh=False)
            changed = sorted(corpus.glob("*.txt"))[r]
            changed.write_text(changed.read_text() + "\nAmazon invested $4 billion in Anthropic.\n")
            build("rebuild_one_changed", out="rebuild", fresh=False)
            for name in ("rebuild_unchanged", "rebuild_one_changed"):
                if name not in best or res[f"{name}_s"] < best[name][0]:
                    best[name] = (res[f"{name}_s"], res[f"{name}_cpu_s"])
        for name, (wall, cpu) in best.items():
            res[f"{name}_s"], res[f"{name}_cpu_s"] = wall, cpu
        res["rebuild_ratio"] = res["rebuild_one_changed_s"] / res["build_s"]
    if a.jobs:
        build(f"jobs{a.jobs}", "--jobs", str(a.jobs))
        res["jobs_ratio"] = res[f"jobs{a.jobs}_s"] / res["build_s"]
    if a.dask_local:
        build(f"dask{a.dask_local}", "--dask-local", str(a.dask_local))
        res["dask_ratio"] = res[f"dask{a.dask_local}_s"] / res["build_s"]
    if a.gazetteer:
        extra = work / "entities.jsonl"
        res["gazetteer_entities_added"] = write_gazetteer(extra, a.gazetteer)
        build("gazetteer", "--entities", str(extra))
        res["gazetteer_ratio"] = res["gazetteer_s"] / res["build_s"]
    res = {k: round(v, 3) if isinstance(v, float) else v for k, v in res.items()}
    if a.json:
        print(json.dumps(res, indent=1))
    else:
        for k, v in res.items():
            print(f"{k:24} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
