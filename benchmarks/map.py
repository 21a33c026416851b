"""How fast the HTML map is written and how soon a browser can use it, on a large synthetic graph.

    python benchmarks/map.py --json                        # 2,000 entities, 6,000 edges
    python benchmarks/map.py --entities 500 --edges 1500   # smaller, while developing
    python benchmarks/map.py --json --articles data/articles   # also time a real build: render_share

The graph is random but seeded: entity types in news-like proportions, relations whose head and
tail types fit the schema, endpoints drawn by preferential attachment (a few hubs, a long tail),
and one to four evidence sentences per edge. The map is opened from a file:// URL in Debian's
headless Chromium with every request besides the file aborted and counted. `interactive_s` runs
from the start of navigation until the page has drawn the network and answered a search (the
panel shows the found entity).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from industry_graph.graph import finish, new_graph
from industry_graph.models import SYMMETRIC
from industry_graph.render import render_map

CHROMIUM = "/usr/bin/chromium"
TYPE_SHARE = {"ORG": 0.5, "PERSON": 0.25, "PRODUCT": 0.15, "FACILITY": 0.06, "PLACE": 0.04}
# (relation, head type, tail type, how often); the pairs the extractor actually produces
RELATION_SHAPE = [
    ("partners_with", "ORG", "ORG", 18), ("invests_in", "ORG", "ORG", 14), ("founded", "PERSON", "ORG", 6),
    ("leads", "PERSON", "ORG", 8), ("works_for", "PERSON", "ORG", 8), ("develops", "ORG", "PRODUCT", 12),
    ("acquires", "ORG", "ORG", 5), ("competes_with", "ORG", "ORG", 8), ("subsidiary_of", "ORG", "ORG", 4),
    ("supplies", "ORG", "ORG", 7), ("operates", "ORG", "FACILITY", 5), ("located_in", "FACILITY", "PLACE", 5),
]
WORDS = ("Quantum Lattice Vector Neural Horizon Summit Cobalt Aurora Meridian Helix Nimbus Forge Signal Atlas "
         "Cascade Photon Ember Tandem Orbit Prism Kestrel Harbor Granite Lumen Vertex Zephyr Sable").split()
SUFFIX = {"ORG": ("Labs", "AI", "Systems", "Capital", "Robotics", "Cloud"), "PERSON": (),
          "PRODUCT": ("Pro", "2", "Max", "Mini", "X"), "FACILITY": ("Campus", "Cluster", "Data Center"),
          "PLACE": ("City", "County", "Valley")}
FIRST = "Ana Ben Chen Dara Eli Fatima Gus Hana Ivan Jia Kofi Lena Mateo Nia Omar Priya Rafael Sven Tara Yuki".split()
STATUS = (("stated", 0.85), ("talks", 0.08), ("denied", 0.04), ("ended", 0.03))


def _name(rng: random.Random, kind: str, used: set[str]) -> str:
    while True:
        if kind == "PERSON":
            name = f"{rng.choice(FIRST)} {rng.choice(WORDS)}{rng.choice(('', 'son', 'berg', 'ova', 'ez'))}"
        else:
            name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(SUFFIX[kind])}"
        if name not in used:
            used.add(name)
            return name


def synthetic_graph(n_entities: int = 2000, n_edges: int = 6000, *, seed: int = 7) -> nx.MultiDiGraph:
    """A seeded random graph with the attributes build_graph gives (evidence, support, status...)."""
    rng = random.Random(seed)
    g = new_graph(articles=n_edges // 3, files=n_edges // 3, skipped=[], model="synthetic")
    by_type: dict[str, list[str]] = {t: [] for t in TYPE_SHARE}
    used: set[str] = set()
    for i in range(n_entities):
        kind = rng.choices(list(TYPE_SHARE), weights=list(TYPE_SHARE.values()))[0]
        name = _name(rng, kind, used)
        nid = f"e{i}-" + name.lower().replace(" ", "-")
        aliases = [name.split()[0] + " " + name.split()[1]] if kind == "ORG" and rng.random() < 0.3 else []
        g.add_node(nid, name=name, type=kind, aliases=aliases, mentions=rng.randint(1, 40))
        by_type[kind].append(nid)
    # preferential attachment: an endpoint is drawn from a pool where each node appears once per edge it has
    pool = {t: list(ids) for t, ids in by_type.items()}
    articles = [(f"a{i:05d}.txt", f"{rng.choice(WORDS)} and {rng.choice(WORDS)} announce {rng.choice(WORDS).lower()} deal",
                 f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}") for i in range(max(1, n_edges // 3))]
    # every entity first gets one edge of a relation its type can take part in, as in a real build
    # where an entity enters the graph only through a relation; the rest attach preferentially
    pending = rng.sample(list(g.nodes), len(g))
    made = 0
    while made < n_edges:
        rel, ht, tt, _ = rng.choices(RELATION_SHAPE, weights=[w for *_, w in RELATION_SHAPE])[0]
        if not by_type[ht] or not by_type[tt]:
            continue
        u, v = rng.choice(pool[ht]), rng.choice(pool[tt])
        while pending and g.degree(pending[-1]):
            pending.pop()
        if pending:
            kind = g.nodes[pending[-1]]["type"]
            if kind not in (ht, tt):
                continue
            u, v = (pending[-1], v) if kind == ht else (u, pending[-1])
        if rel in SYMMETRIC and v < u:
            u, v = v, u
        if u == v or g.has_edge(u, v, key=rel):
            continue
        status = rng.choices([s for s, _ in STATUS], weights=[w for _, w in STATUS])[0]
        evidence = []
        for _ in range(rng.choices((1, 2, 3, 4), weights=(4, 3, 2, 1))[0]):
            file, title, date = rng.choice(articles)
            start = rng.randint(0, 4000)
            sentence = (f"{g.nodes[u]['name']} {rel.replace('_', ' ')} {g.nodes[v]['name']}, according to people "
                        f"familiar with the {rng.choice(WORDS).lower()} agreement announced on {date}, in a move "
                        f"analysts tied to the wider race for {rng.choice(WORDS).lower()} computing capacity.")
            evidence.append({"article": file, "file": file, "title": title, "date": date, "sentence": sentence,
                             "start": start, "end": start + len(sentence), "rule": "synthetic",
                             "status": status, "confidence": round(rng.uniform(0.5, 0.9), 2)})
        g.add_edge(u, v, key=rel, relation=rel, symmetric=rel in SYMMETRIC, evidence=evidence)
        pool[ht].append(u)
        pool[tt].append(v)
        made += 1
    return finish(g)


def _poll(page, expression: str, timeout: float = 60.0) -> None:
    """Wait until EXPRESSION is true. Polled from here because the map's CSP forbids the string
    evaluation wait_for_function relies on, and the CSP stays on for a faithful measurement."""
    deadline = time.perf_counter() + timeout
    while not page.evaluate(expression):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"page never reached {expression}")
        time.sleep(0.01)


def measure_page(path: Path, query: str, expect: str) -> dict:
    """Open the map in headless Chromium, block the network, time it to drawn-and-answering."""
    from playwright.sync_api import sync_playwright
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-default-apps"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        uri = path.resolve().as_uri()

        def route(r):
            requests.append(r.request.url)
            return r.continue_() if r.request.url == uri else r.abort()
        page.route("**/*", route)
        page.on("pageerror", lambda e: errors.append(str(e)))
        started = time.perf_counter()
        page.goto(uri, wait_until="commit")
        _poll(page, "window.mapReady === true")
        drawn = time.perf_counter() - started
        page.fill("#search", query)
        page.press("#search", "Enter")
        _poll(page, f"(document.querySelector('#panel h1') || {{}}).textContent === {json.dumps(expect)}")
        interactive = time.perf_counter() - started
        selected = page.evaluate("industryGraph.network.getSelectedNodes()")
        browser.close()
    return {"drawn_s": round(drawn, 3), "interactive_s": round(interactive, 3), "selected": selected,
            "requests": len([u for u in requests if u != uri]), "page_errors": errors}


def build_share(articles: Path) -> dict:
    """Time a real build of ARTICLES and the map of its graph, in this process."""
    from industry_graph.build import build_graph
    started = time.perf_counter()
    g, _ = build_graph([articles])
    build_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        render_map(g, Path(tmp))
        render_s = time.perf_counter() - started
    return {"build_entities": g.number_of_nodes(), "build_s": round(build_s, 3),
            "build_s_per_entity": round(build_s / max(1, g.number_of_nodes()), 4),
            "build_render_s": round(render_s, 3), "render_share": round(render_s / build_s, 4)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entities", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--articles", type=Path, help="also build this folder and report render_share")
    ap.add_argument("--keep", type=Path, help="write the map here instead of a temporary folder")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args(argv)

    g = synthetic_graph(a.entities, a.edges, seed=a.seed)
    hub = max(g.nodes, key=lambda n: (g.degree(n), n))
    with tempfile.TemporaryDirectory() as tmp:
        out = a.keep or Path(tmp) / "map.html"
        started = time.perf_counter()
        path = render_map(g, out)
        render_s = time.perf_counter() - started
        result = {"entities": g.number_of_nodes(), "edges": g.number_of_edges(), "render_s": round(render_s, 3),
                  "html_bytes": path.stat().st_size}
        result.update(measure_page(path, g.nodes[hub]["name"].lower(), g.nodes[hub]["name"]))
    # the estimate the 5% target is checked against: spaCy's time per entity on the sample articles
    if a.articles:
        result.update(build_share(a.articles))
        result["est_build_s"] = round(result["build_s_per_entity"] * result["entities"], 1)
        result["est_render_share"] = round(render_s / result["est_build_s"], 4)
    if a.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>20}  {v}")
    return 1 if result["page_errors"] or result["selected"] != [hub] else 0


if __name__ == "__main__":
    sys.exit(main())
