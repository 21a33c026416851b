"""Graph -> one self-contained HTML map (pyvis builds the network; every script is inlined)."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from .graph import write_atomic
from .models import RELATIONS

TYPE_STYLE = {  # colour, vis.js shape
    "ORG": ("#4e79a7", "dot"), "PERSON": ("#f28e2b", "diamond"), "PRODUCT": ("#59a14f", "square"),
    "FACILITY": ("#b07aa1", "triangle"), "PLACE": ("#9c755f", "star"),
}
RELATION_COLOR = dict(zip(RELATIONS, (
    "#e15759", "#2ca02c", "#8c564b", "#1f77b4", "#7f7f7f", "#17becf",
    "#d62728", "#ff7f0e", "#9467bd", "#bcbd22", "#e377c2", "#aec7e8")))
STATUS_LABEL = {"stated": "stated", "talks": "talks, plans, speculation", "denied": "denied or negated",
                "ended": "ended"}


def _vis_asset(name: str) -> str:
    return (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def _tooltip_edge(g, u, v, d, limit=3) -> str:
    lines = [f"{g.nodes[u]['name']} {d['relation']} {g.nodes[v]['name']}",
             f"{d['status']}, {d['support']} article(s), confidence {d['confidence']}"]
    for e in d["evidence"][:limit]:
        lines.append(f"\u201c{e['sentence']}\u201d \u2014 {e['file']}")
    if len(d["evidence"]) > limit:
        lines.append(f"\u2026 and {len(d['evidence']) - limit} more")
    return "\n".join(lines)


def network_of(g: nx.MultiDiGraph) -> Network:
    """The pyvis Network for a graph: nodes styled by type and sized by degree, edges by relation."""
    net = Network(directed=True, cdn_resources="in_line", height="100vh", width="100%")
    for n, d in sorted(g.nodes(data=True)):
        colour, shape = TYPE_STYLE.get(d["type"], ("#999999", "dot"))
        deg = g.degree(n)
        net.add_node(n, label=d["name"], color=colour, shape=shape, size=10 + min(deg, 30) * 1.5,
                     type=d["type"], aliases=d.get("aliases", []), mentions=d.get("mentions", 0),
                     tooltip=f"{d['name']} ({d['type']})\n{deg} relation(s), {d.get('mentions', 0)} mention(s)")
    seen: dict[frozenset, int] = {}
    for u, v, key, d in sorted(g.edges(keys=True, data=True)):
        # parallel edges (founded and leads between the same two) curve apart instead of overlapping
        k = seen[frozenset((u, v))] = seen.get(frozenset((u, v)), -1) + 1
        smooth = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * k} if k else {"type": "continuous"}
        net.add_edge(u, v, id=f"{u}|{key}|{v}", label=d["relation"], relation=d["relation"], smooth=smooth,
                     color=RELATION_COLOR.get(d["relation"], "#999999"), status=d["status"],
                     support=d["support"], confidence=d["confidence"], symmetric=d["symmetric"],
                     arrows="" if d["symmetric"] else "to", dashes=d["status"] != "stated",
                     width=1 + min(d["support"], 8), evidence=d["evidence"],
                     tooltip=_tooltip_edge(g, u, v, d), font={"size": 9, "align": "middle"})
    net.set_options(json.dumps({
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300, "fit": True},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
        "edges": {"smooth": {"type": "continuous"}},
    }))
    return net


def _safe_json(obj) -> str:
    """JSON that cannot end the <script> element holding it, whatever the articles said."""
    return (json.dumps(obj, ensure_ascii=False, sort_keys=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(g: nx.MultiDiGraph, *, title: str = "industry-graph") -> str:
    net = network_of(g)
    nodes, edges, _heading, _h, _w, options = net.get_network_data()
    types = sorted({d["type"] for _, d in g.nodes(data=True)})
    rels = [r for r in RELATIONS if any(d["relation"] == r for *_, d in g.edges(data=True))]
    data = {"nodes": nodes, "edges": edges, "options": json.loads(options), "legend": {
        "types": [{"key": t, "label": f"{t} ({TYPE_STYLE.get(t, ('', 'dot'))[1]})",
                   "color": TYPE_STYLE.get(t, ("#999999",))[0]} for t in types],
        "relations": [{"key": r, "label": r, "color": RELATION_COLOR[r]} for r in rels],
        "statuses": [{"key": s, "label": STATUS_LABEL[s], "color": "#cccccc" if s != "stated" else "#333333",
                      "checked": True} for s in STATUS_LABEL],
    }}
    template = jinja2.Template((resources.files("industry_graph") / "resources" / "map.html")
                               .read_text(encoding="utf-8"), autoescape=True)
    return template.render(title=title, data_json=_markup(_safe_json(data)),
                           vis_js=_markup(_vis_asset("vis-network.min.js")),
                           vis_css=_markup(_vis_asset("vis-network.css")),
                           max_support=max([d["support"] for *_, d in g.edges(data=True)] or [1]))


def _markup(s: str) -> Markup:
    """Text the template inserts as it is: our own JSON (already escaped) and vis-network's files."""
    return Markup(s)


def render_map(g: nx.MultiDiGraph, path: Path | str, *, title: str = "industry-graph") -> Path:
    """Write the HTML map to PATH (a .html file, or a folder that gets map.html)."""
    path = Path(path)
    if path.suffix not in (".html", ".htm"):
        path = path / "map.html"
    write_atomic(path, render_html(g, title=title))
    return path
