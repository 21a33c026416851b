"""The HTML map: self-contained, safe with hostile text, and complete in a real browser."""
import json
import re
import shutil

import networkx as nx
import pytest
from typer.testing import CliRunner

from conftest import DATA
from industry_graph.build import build_graph
from industry_graph.cli import app
from industry_graph.graph import finish, load_graph, new_graph, save_graph
from industry_graph.models import RELATIONS
from industry_graph.query import neighbours, query
from industry_graph.render import map_subset, render_html, render_map

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
runner = CliRunner()
HOSTILE = ("Anthropic signed a partnership with SpaceX, said <script>window.__pwned = 1</script> and "
           "<img src=x onerror=\"window.__pwned = 2\"> in a <a href=\"javascript:window.__pwned=3\">filing</a>.")


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "evil.txt").write_text("<b onmouseover=alert(1)>Title</b>\n\n" + HOSTILE)
    (folder / "ok.txt").write_text("Amazon invested $4 billion in Anthropic. Nvidia supplies chips to CoreWeave.")
    g, _ = build_graph([folder], nlp=nlp)
    path = render_map(g, folder / "out")
    return g, path


def test_map_has_no_external_resources(hostile_map):
    html = hostile_map[1].read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "cdnjs" not in html and "jsdelivr" not in html


def test_article_text_is_escaped_in_the_page(hostile_map):
    html = hostile_map[1].read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html
    assert "<img src=x" not in html
    assert "\\u003cscript\\u003ewindow.__pwned = 1\\u003c/script\\u003e" in html


def _page_data(html: str) -> dict:
    """The JSON the page embeds for its script."""
    start = html.index('<script type="application/json" id="graph-data">') + len('<script type="application/json" id="graph-data">')
    return json.loads(html[start:html.index("</script>", start)])


def test_empty_graph_renders(tmp_path):
    data = _page_data(render_html(new_graph()))
    assert (data["nodes"], data["edges"], data["articles"]) == ([], [], [])


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    assert shutil.which("chromium") or __import__("os").path.exists(CHROMIUM), \
        "Debian's chromium is needed for the browser tests: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-default-apps"])
        # one context for every test (a new one costs a third of a second); bypass_csp lets the test
        # evaluate JS: escaping, not the CSP, must stop hostile text
        context = b.new_context(bypass_csp=True)
        yield context
        context.close()
        b.close()


def _open(browser, path):
    page = browser.new_page()
    requests, errors, dialogs = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.mapReady === true", timeout=30000)
    return page, requests, errors, dialogs


def test_map_in_chromium_shows_every_node_and_edge_and_requests_nothing(browser, sample_graph):
    out, g = sample_graph
    page, requests, errors, _ = _open(browser, out / "map.html")
    assert page.evaluate("[industryGraph.nodes.length, industryGraph.edges.length]") == [
        g.number_of_nodes(), g.number_of_edges()]
    assert [u for u in requests if not u.startswith("file://")] == []
    assert requests == [(out / "map.html").resolve().as_uri()]
    assert errors == []
    page.close()


def test_hostile_article_runs_no_script_and_shows_as_text(browser, hostile_map):
    g, path = hostile_map
    page, requests, errors, dialogs = _open(browser, path)
    page.evaluate("industryGraph.network.selectEdges(['anthropic|partners_with|spacex'])")
    page.evaluate("""(() => { const e = industryGraph.edges.get('anthropic|partners_with|spacex');
        industryGraph.network.emit('click', {nodes: [], edges: [e.id]}); })()""")
    panel = page.inner_text("#panel")
    assert "<script>window.__pwned = 1</script>" in panel
    assert page.evaluate("window.__pwned === undefined")
    assert dialogs == [] and errors == []
    assert page.evaluate("document.querySelectorAll('#panel img, #panel script, #panel a').length") == 0
    page.close()


VIEW_OFFSET = """((id) => { const n = industryGraph.network, p = n.getPositions([id])[id], v = n.getViewPosition();
    return [Math.round(v.x - p.x), Math.round(v.y - p.y), n.getScale()]; })"""


def test_search_focuses_an_entity_by_alias(browser, sample_graph):
    out, g = sample_graph
    page, *_ = _open(browser, out / "map.html")
    page.uncheck("#legend-types input[data-key=ORG]")          # a found entity's hidden type comes back
    page.fill("#search", "aws")
    page.press("#search", "Enter")
    assert page.is_checked("#legend-types input[data-key=ORG]")
    assert page.evaluate("industryGraph.network.getSelectedNodes()") == ["amazon-web-services"]
    assert page.evaluate(VIEW_OFFSET + "('amazon-web-services')") == [0, 0, 1.2]    # centred and zoomed in
    assert page.inner_text("#panel h1") == "Amazon Web Services"
    page.close()


def _evidence_text(e: dict) -> list[str]:
    """What the panel shows for one piece of evidence: the sentence, then title · date · file."""
    return [e["sentence"], " \u00b7 ".join(x for x in (e["title"], e["date"], e["file"]) if x)
            + ("" if e["status"] == "stated" else f" \u00b7 {e['status']}")]


def test_clicking_an_entity_lists_its_relations_grouped_with_evidence(browser, sample_graph):
    out, g = sample_graph
    page, *_ = _open(browser, out / "map.html")
    page.fill("#search", "Anthropic")
    page.press("#search", "Enter")
    page.evaluate("document.getElementById('panel').textContent = ''")
    box = page.locator("#network").bounding_box()              # the search centred Anthropic: click it
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.inner_text("#panel h1") == "Anthropic"
    groups = page.evaluate("""[...document.querySelectorAll('#panel section.group')].map(s => [s.dataset.relation,
        [...s.querySelectorAll('.edge')].map(e => e.dataset.edge).sort(), s.querySelectorAll('.ev').length])""")
    touching = [(u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True) if "anthropic" in (u, v)]
    assert groups == [[r, sorted(f"{u}|{k}|{v}" for u, v, k, _ in touching if k == r),
                       sum(len(d["evidence"]) for *_, k, d in touching if k == r)]
                      for r in RELATIONS if any(k == r for *_, k, _ in touching)]
    first = page.evaluate("""(() => { const row = document.querySelector('#panel .edge'), ev = row.nextElementSibling;
        return [row.dataset.edge, [...ev.children].map(c => c.textContent)]; })()""")
    u, k, v = first[0].split("|")
    assert first[1] == _evidence_text(g.edges[u, v, k]["evidence"][0])
    page.close()


def test_an_edge_shows_all_its_evidence(browser, sample_graph):
    out, g = sample_graph
    u, v, k, d = max(g.edges(keys=True, data=True), key=lambda e: (len(e[3]["evidence"]), e[:3]))
    assert len(d["evidence"]) >= 2
    page, *_ = _open(browser, out / "map.html")
    page.evaluate(f"industryGraph.showNode({json.dumps(u)})")
    page.click(f"#panel .edge[data-edge='{u}|{k}|{v}'] .meta")      # the "N article(s)" link opens the edge
    assert page.inner_text("#panel h1") == f"{g.nodes[u]['name']} \u2014 {k} \u2014 {g.nodes[v]['name']}"
    shown = page.evaluate("[...document.querySelectorAll('#panel .ev')].map(e => [...e.children].map(c => c.textContent))")
    assert shown == [_evidence_text(e) for e in d["evidence"]]
    assert page.evaluate("industryGraph.network.getSelectedEdges()") == [f"{u}|{k}|{v}"]
    page.close()


def test_an_edge_shows_its_deal_details_and_dates(browser, sample_graph):
    out, g = sample_graph
    d = g.edges["softbank", "openai", "invests_in"]
    page, *_ = _open(browser, out / "map.html")
    page.evaluate("industryGraph.showNode('softbank')")
    page.click("#panel .edge[data-edge='softbank|invests_in|openai'] .meta")
    assert page.inner_text("#panel .details") == "$40 billion at $300 billion (2025-04-01)"
    seen = d["first_seen"] if d["first_seen"] == d["last_seen"] else f"{d['first_seen']} to {d['last_seen']}"
    assert f"reported {seen}" in page.inner_text("#panel")
    page.close()


EVIL = '<img src=x onerror="window.__pwned = 4">Evil Corp'


def test_hostile_names_stay_text_in_search_results_panel_and_header(browser, tmp_path):
    g = _graph({"evil": (EVIL, "ORG", 3), "evil2": ("Evil <b onmouseover=window.__pwned=5>Two</b>", "ORG", 1),
                "good": ("Good Co", "ORG", 1)},
               [("evil", "partners_with", "good", [("a1", "<script>window.__pwned = 6</script>", "Evil Corp & Good Co <i>agree</i>.")]),
                ("evil2", "invests_in", "evil", [("a2", "T", "Two invests.")])])
    g.nodes["evil"]["aliases"] = ["<script>window.__pwned = 7</script>"]
    sub, note = map_subset(g, focus="evil", depth=1)
    path = render_map(sub, tmp_path / "m.html", note=note)
    assert "<img src=x" not in path.read_text(encoding="utf-8")
    page, requests, errors, dialogs = _open(browser, path)
    assert page.inner_text("#subset") == f"showing 3 of 3 entities: {EVIL} and its neighbours within 1 hop"
    page.fill("#search", "evil")
    page.press("#search", "Enter")
    assert page.inner_text("#status") == "2 entities match; showing the best"
    # a name that starts with the query beats one that only contains it
    assert page.inner_text("#panel h1") == "Evil <b onmouseover=window.__pwned=5>Two</b>"
    assert page.inner_text("#results") == EVIL
    page.click("#results .link")
    assert page.inner_text("#panel h1") == EVIL
    assert page.evaluate("industryGraph.network.getSelectedNodes()") == ["evil"]
    assert page.evaluate("[...document.querySelectorAll('#panel .ev')].map(e => [...e.children].map(c => c.textContent))") == [
        ["Evil Corp & Good Co <i>agree</i>.", "<script>window.__pwned = 6</script> \u00b7 2025-05-01 \u00b7 a1.txt"],
        ["Two invests.", "T \u00b7 2025-05-01 \u00b7 a2.txt"]]
    page.fill("#search", "<img src=y onerror=window.__pwned=9>")
    page.press("#search", "Enter")
    assert page.inner_text("#status") == "No entity matches \u201c<img src=y onerror=window.__pwned=9>\u201d"
    assert page.evaluate("document.querySelectorAll('#side img, #side script, #side b, #panel img, #panel b, #panel i').length") == 0
    assert page.evaluate("window.__pwned === undefined")
    assert dialogs == [] and errors == []
    page.close()


def test_relation_filter_hides_edges(browser, sample_graph):
    out, g = sample_graph
    page, *_ = _open(browser, out / "map.html")
    total = page.evaluate("industryGraph.edgeView.length")
    page.uncheck("#legend-relations input[data-key=invests_in]")
    invests = sum(1 for *_, d in g.edges(data=True) if d["relation"] == "invests_in")
    assert page.evaluate("industryGraph.edgeView.length") == total - invests
    page.close()


# --- which part of the graph a map shows -------------------------------------------------------


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _graph(nodes: dict[str, tuple[str, str, int]], edges: list[tuple]) -> nx.MultiDiGraph:
    """nodes: id -> (name, type, mentions); edges: (head, relation, tail, [(article, title, sentence), ...])."""
    g = new_graph()
    for nid, (name, kind, mentions) in nodes.items():
        g.add_node(nid, name=name, type=kind, aliases=[], mentions=mentions)
    for h, r, t, evidence in edges:
        g.add_edge(h, t, key=r, relation=r, symmetric=r in ("partners_with", "competes_with"), evidence=[
            {"article": a, "file": a + ".txt", "title": title, "date": "2025-05-01", "sentence": sentence,
             "start": 0, "end": len(sentence), "rule": "test", "status": "stated", "confidence": 0.8}
            for a, title, sentence in evidence])
    return finish(g)


@pytest.fixture()
def ranked():
    """a has 4 relations, b and c 2, the rest 1; h and i are backed by two articles, d has most mentions."""
    nodes = {x: (x.upper() + " Co", "ORG", 9 if x == "d" else 1) for x in "abcdefghi"}
    one = [("a1", "T", "s.")]
    edges = [("a", "partners_with", "b", one), ("a", "invests_in", "c", one), ("a", "supplies", "d", one),
             ("a", "acquires", "e", one), ("b", "supplies", "c", one), ("f", "invests_in", "g", one),
             ("h", "partners_with", "i", [("a1", "T", "s."), ("a2", "U", "t.")])]
    return _graph(nodes, edges)


@pytest.mark.parametrize("n, kept", [(1, "a"), (3, "abc"), (5, "abchi"), (6, "abcdhi"), (9, "abcdefghi")])
def test_max_nodes_keeps_the_most_connected_then_best_supported_then_most_mentioned(ranked, n, kept):
    sub, note = map_subset(ranked, max_nodes=n)
    assert sorted(sub) == list(kept)
    assert sorted(sub.edges(keys=True)) == sorted(e for e in ranked.edges(keys=True) if set(e[:2]) <= set(kept))
    assert note == ("" if n == 9 else f"showing {n} of 9 entities: the {n} most connected")


def test_max_nodes_on_the_sample_graph_keeps_exactly_n_and_none_less_connected(sample_graph, tmp_path):
    out, g = sample_graph
    res = run("map", "--graph", out, "--max-nodes", 25, "--out", tmp_path / "top.html")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == [
        f"wrote {tmp_path / 'top.html'} (showing 25 of {len(g):,} entities: the 25 most connected)"]
    data = _page_data((tmp_path / "top.html").read_text(encoding="utf-8"))
    kept = {n["id"] for n in data["nodes"]}
    assert len(kept) == 25
    assert min(g.degree(n) for n in kept) >= max(g.degree(n) for n in g if n not in kept)
    assert {e["id"] for e in data["edges"]} == {f"{u}|{k}|{v}" for u, v, k in g.edges(keys=True)
                                                 if u in kept and v in kept}


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_focus_draws_exactly_the_neighbourhood(sample_graph, tmp_path, depth):
    out, g = sample_graph
    res = run("map", "--graph", out, "--focus", "anthropic", "--depth", depth, "--out", tmp_path / "f.html")
    assert res.exit_code == 0, res.output
    data = _page_data((tmp_path / "f.html").read_text(encoding="utf-8"))
    names = {n["label"] for n in data["nodes"]}
    if depth == 1:      # the other end of every relation Anthropic takes part in, whatever its status
        expected = {"Anthropic"} | {r["tail"] if r["head_id"] == "anthropic" else r["head"]
                                    for r in query(g, "Anthropic", status=None)}
    else:
        expected = {"Anthropic", *neighbours(g, "Anthropic", depth=depth)}
    assert names == expected
    hops = "hop" if depth == 1 else "hops"
    assert res.output.splitlines() == [f"wrote {tmp_path / 'f.html'} (showing {len(expected)} of {len(g):,} "
                                       f"entities: Anthropic and its neighbours within {depth} {hops})"]
    ids = {n["id"] for n in data["nodes"]}
    assert len(data["edges"]) == sum(1 for u, v in g.edges() if u in ids and v in ids)


def test_focus_with_max_nodes_keeps_the_entity_and_its_nearest(sample_graph):
    _, g = sample_graph
    sub, note = map_subset(g, focus="Anthropic", depth=2, max_nodes=5)
    direct = {r["tail_id"] if r["head_id"] == "anthropic" else r["head_id"] for r in query(g, "Anthropic", status=None)}
    assert len(sub) == 5 and "anthropic" in sub and set(sub) - {"anthropic"} <= direct
    assert note.endswith("entities: Anthropic and its neighbours within 2 hops, the 5 nearest")


def test_map_command_rewrites_the_map_beside_the_graph(sample_graph, tmp_path):
    save_graph(sample_graph[1], tmp_path)
    res = run("map", "--graph", tmp_path / "graph.json")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == [f"wrote {tmp_path / 'map.html'}"]
    data = _page_data((tmp_path / "map.html").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == len(sample_graph[1]) and len(data["edges"]) == sample_graph[1].number_of_edges()
    assert 'id="subset"' not in (tmp_path / "map.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["--max-nodes", 0], "error: --max-nodes must be at least 1, not 0"),
    (["--depth", 2], "error: --depth needs --focus NAME"),
    (["--focus", "anthropic", "--depth", -1], "error: --depth must be 0 or more, not -1"),
    (["--focus", "Anthropik"], "error: no entity named 'Anthropik' in the graph; did you mean Anthropic?"),
])
def test_bad_map_options_are_one_line_errors(sample_graph, tmp_path, args, message):
    res = run("map", "--graph", sample_graph[0], "--out", tmp_path / "m.html", *args)
    assert (res.exit_code, res.output.strip().splitlines()) == (1, [message])
    assert not (tmp_path / "m.html").exists()


def test_bad_map_options_stop_a_build_before_it_starts(tmp_path):
    res = run("build", DATA / "articles", "--out", tmp_path / "g", "--max-nodes", -3)
    assert (res.exit_code, res.output.strip().splitlines()) == (1, ["error: --max-nodes must be at least 1, not -3"])
    assert not (tmp_path / "g").exists()


def test_map_of_a_missing_graph_is_a_one_line_error(tmp_path):
    res = run("map", "--graph", tmp_path / "nowhere")
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [
        f"error: no graph at {tmp_path / 'nowhere' / 'graph.json'}: run `industry-graph build ARTICLES "
        f"--out {tmp_path / 'nowhere'}` first"]


def test_build_draws_the_part_of_the_map_asked_for(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Amazon invested $4 billion in Anthropic. Nvidia supplies chips to CoreWeave.")
    res = run("build", tmp_path / "in", "--out", tmp_path / "g", "--focus", "amazon")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1] == (f"wrote {tmp_path / 'g' / 'map.html'} "
                                           "(showing 2 of 4 entities: Amazon and its neighbours within 1 hop)")
    data = _page_data((tmp_path / "g" / "map.html").read_text(encoding="utf-8"))
    assert sorted(n["label"] for n in data["nodes"]) == ["Amazon", "Anthropic"]
    assert len(load_graph(tmp_path / "g")) == 4       # graph.json keeps everything


def test_map_command_has_help_with_an_example():
    res = run("map", "--help")
    assert res.exit_code == 0
    assert "Example: industry-graph map --focus Anthropic" in " ".join(res.output.split())


def test_written_map_is_render_html_byte_for_byte(sample_graph, tmp_path):
    path = render_map(sample_graph[1], tmp_path / "m.html", note="a note")
    assert path.read_text(encoding="utf-8") == render_html(sample_graph[1], note="a note")
    assert render_map(new_graph(), tmp_path / "e.html").read_text(encoding="utf-8") == render_html(new_graph())


def test_written_map_of_edges_out_of_order_is_render_html_byte_for_byte(sample_graph, tmp_path):
    # edges held in another order than the page's: the articles are numbered before the edges
    g = sample_graph[1]
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(g.graph)
    shuffled.add_nodes_from(g.nodes(data=True))
    shuffled.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert list(shuffled.edges(keys=True)) != sorted(shuffled.edges(keys=True))
    path = render_map(shuffled, tmp_path / "m.html")
    assert path.read_text(encoding="utf-8") == render_html(shuffled)


def test_build_map_is_capped_by_default_and_graph_keeps_everything(tmp_path, monkeypatch):
    import industry_graph.cli as cli
    monkeypatch.setattr(cli, "BUILD_MAP_NODES", 3)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Amazon invested $4 billion in Anthropic. Nvidia supplies chips to CoreWeave.")
    res = run("build", tmp_path / "in", "--out", tmp_path / "g")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1] == (f"wrote {tmp_path / 'g' / 'map.html'} "
                                           "(showing 3 of 4 entities: the 3 most connected)")
    assert len(_page_data((tmp_path / "g" / "map.html").read_text(encoding="utf-8"))["nodes"]) == 3
    assert len(load_graph(tmp_path / "g")) == 4
    res = run("build", tmp_path / "in", "--out", tmp_path / "g", "--max-nodes", 10)
    assert res.output.splitlines()[-1] == f"wrote {tmp_path / 'g' / 'map.html'}"


def test_build_help_gives_the_map_cap():
    res = run("build", "--help")
    text = " ".join(res.output.replace("\u2502", " ").split())      # without the table's borders
    assert res.exit_code == 0
    assert "(default 2,000; graph.json keeps them all, `map` draws any number)" in text
    assert "The map shows the 2,000 most connected entities unless --max-nodes says otherwise." in text


def test_layout_is_the_same_whatever_the_string_hash_seed(tmp_path):
    import subprocess
    import sys
    script = ("import networkx as nx; from industry_graph.layout import layout; g = nx.Graph(); "
              "g.add_edges_from((f'n{i}', f'n{i + 1}') for i in range(0, 60, 3)); "
              "g.add_edges_from(('hub', f'm{i}') for i in range(40)); print(sorted(layout(g).items()))")
    outs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outs) == 1
