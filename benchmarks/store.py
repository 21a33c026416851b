"""What the on-disk store costs a build, against the networkx graph it replaced, on the same results.

    python benchmarks/throughput.py --articles 1000 --workdir /tmp/b1k     # makes /tmp/b1k/build/.cache
    python benchmarks/store.py /tmp/b1k/build/.cache --repeat 3

Each run is a fresh process that reads every entry of a build cache (as a rebuild with nothing
changed does) and merges the results, then writes graph.json and the map of at most 2,000 entities:
- memory: into one networkx graph (graph.add_result, finish, save_graph, map_subset), as builds did;
- store: into the build's store (store.add, save, store_subset), as `build` does now.
Prints, per way, the fastest run's seconds for merging (reading the entries included: the same
work in both), for graph.json and for the map, and its peak memory; then store_extra_s, what the
store adds to a build in all, and the peak memory of each.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(way: str, cache: Path, out: Path) -> dict:
    """Child mode: one merge, graph.json and map the given way; returns its figures."""
    sys.path.insert(0, str(ROOT))
    from industry_graph.cache import decode
    from industry_graph.cli import BUILD_MAP_NODES
    from industry_graph.graph import add_result, finish, new_graph, save_graph
    from industry_graph.render import render_map
    from industry_graph.store import GraphStore
    from industry_graph.subset import map_subset, store_subset
    entries = sorted(cache.glob("*.json"))
    t0 = time.perf_counter()
    g = new_graph() if way == "memory" else GraphStore(out)
    add = (lambda r: add_result(g, r)) if way == "memory" else g.add
    for path in entries:
        for result in decode(json.loads(path.read_text(encoding="utf-8"))["result"]).results:
            add(result)
    t1 = time.perf_counter()
    if way == "memory":
        save_graph(finish(g), out)
        t2 = time.perf_counter()
        sub, note = map_subset(g, max_nodes=BUILD_MAP_NODES)
    else:
        g.save(out)
        t2 = time.perf_counter()
        sub, note = store_subset(g, max_nodes=BUILD_MAP_NODES)
    render_map(sub, out, note=note)
    t3 = time.perf_counter()
    if way == "store":
        g.close()
    return {"merge_s": t1 - t0, "save_s": t2 - t1, "map_s": t3 - t2, "total_s": t3 - t0,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cache", type=Path, help="a build's cache folder (OUT/.cache)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each way; the fastest is kept (default 3)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(run(a.child[0], a.cache, Path(a.child[1]))))
        return 0
    res: dict = {"entries": len(list(a.cache.glob("*.json")))}
    with tempfile.TemporaryDirectory(prefix="ig-store-") as work:
        for _ in range(a.repeat):
            for way in ("memory", "store"):     # alternated, so both see the same load
                out = subprocess.run([sys.executable, __file__, str(a.cache), "--child", way, str(Path(work) / way)],
                                     capture_output=True, text=True, check=True).stdout
                got = json.loads(out.strip().splitlines()[-1])
                if way not in res or got["total_s"] < res[way]["total_s"]:
                    res[way] = {k: round(v, 3) for k, v in got.items()}
        same = (Path(work) / "memory" / "graph.json").read_bytes() == (Path(work) / "store" / "graph.json").read_bytes()
    res["same_graph_json"] = same
    res["store_extra_s"] = round(res["store"]["total_s"] - res["memory"]["total_s"], 3)
    print(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
