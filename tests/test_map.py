"""The HTML map: self-contained, safe with hostile text, and complete in a real browser."""
import json
import re
import shutil

import pytest

from industry_graph.build import build_graph
from industry_graph.render import render_html, render_map

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
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
    from industry_graph.graph import new_graph
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
        yield b
        b.close()


def _open(browser, path):
    page = browser.new_context(bypass_csp=True).new_page()   # let the test evaluate JS; escaping, not CSP, must stop hostile text
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


def test_search_focuses_an_entity_by_alias(browser, sample_graph):
    out, g = sample_graph
    page, *_ = _open(browser, out / "map.html")
    page.fill("#search", "aws")
    page.press("#search", "Enter")
    assert page.evaluate("industryGraph.network.getSelectedNodes()") == ["amazon-web-services"]
    assert page.inner_text("#panel h1") == "Amazon Web Services"
    page.close()


def test_relation_filter_hides_edges(browser, sample_graph):
    out, g = sample_graph
    page, *_ = _open(browser, out / "map.html")
    total = page.evaluate("industryGraph.edgeView.length")
    page.uncheck("#legend-relations input[data-key=invests_in]")
    invests = sum(1 for *_, d in g.edges(data=True) if d["relation"] == "invests_in")
    assert page.evaluate("industryGraph.edgeView.length") == total - invests
    page.close()
