"""Take the README's picture of the map: the sample graph, one entity's evidence in the panel.

    industry-graph build data/articles --out graph
    python scripts/screenshot.py --graph graph --out docs/map.png

The map is drawn afresh from graph.json (so the picture shows the current page, not an old
map.html), opened in Debian's headless Chromium with every request but the file refused, the
entity named by --select is searched for, and the window is saved as a PNG. Chromium writes
true-colour PNGs (about 400 KB for this picture); the file is rewritten with a palette of the 256
most used colours, which a screenshot of flat colours and anti-aliased lines hardly shows.
"""
from __future__ import annotations

import argparse
import base64
import json
import struct
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np

from industry_graph.graph import GraphError, load_graph
from industry_graph.render import render_map

CHROMIUM = "/usr/bin/chromium"


def screenshot(graph: Path, out: Path, *, select: str, zoom: float, size: tuple[int, int]) -> int:
    """Write the PNG and return its size in bytes."""
    from playwright.sync_api import sync_playwright
    g = load_graph(graph)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_file = render_map(g, Path(tmp) / "map.html", title="industry-graph: the sample articles")
        uri = page_file.resolve().as_uri()
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        page.route("**/*", lambda r: r.continue_() if r.request.url == uri else r.abort())
        page.goto(uri)
        page.wait_for_function("window.mapReady === true", timeout=30000)
        page.fill("#search", select)
        page.press("#search", "Enter")
        # step back from the search's close-up so the neighbourhood around the entity shows
        page.evaluate(f"industryGraph.network.moveTo({{scale: {json.dumps(zoom)}}})")
        page.wait_for_timeout(300)
        png = page.screenshot()
        pixels = _pixels(browser.new_page(), png)
        browser.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_palette_png(pixels))
    return out.stat().st_size


def _pixels(page, png: bytes) -> np.ndarray:
    """Decode a PNG into an height x width x 3 array, letting a blank browser page do the decoding."""
    width, height, raw = page.evaluate("""async (src) => {
        const img = new Image(); img.src = src; await img.decode();
        const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
        const px = ctx.getImageData(0, 0, c.width, c.height).data; let s = '';
        for (let i = 0; i < px.length; i += 32768) s += String.fromCharCode.apply(null, px.subarray(i, i + 32768));
        return [c.width, c.height, btoa(s)]; }""", "data:image/png;base64," + base64.b64encode(png).decode())
    return np.frombuffer(base64.b64decode(raw), dtype=np.uint8).reshape(height, width, 4)[:, :, :3]


def _palette_png(pixels: np.ndarray) -> bytes:
    """An 8-bit palette PNG of the image: each colour becomes the nearest of the 256 most used."""
    height, width, _ = pixels.shape
    colours, index, counts = np.unique(pixels.reshape(-1, 3), axis=0, return_inverse=True, return_counts=True)
    palette = colours[np.argsort(-counts, kind="stable")[:256]]
    nearest = np.empty(len(colours), dtype=np.uint8)
    for start in range(0, len(colours), 4096):      # in blocks, to keep the distance table small
        block = colours[start:start + 4096].astype(np.int32)
        nearest[start:start + 4096] = ((block[:, None, :] - palette[None, :, :].astype(np.int32)) ** 2).sum(-1).argmin(1)
    rows = nearest[index.reshape(-1)].reshape(height, width)
    raw = b"".join(b"\x00" + row.tobytes() for row in rows)    # filter type 0 on every row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
            + chunk(b"PLTE", palette.astype(np.uint8).tobytes()) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--graph", type=Path, default=Path("graph"), help="graph.json or its folder")
    ap.add_argument("--out", type=Path, default=Path("docs/map.png"))
    ap.add_argument("--select", default="Anthropic", help="the entity whose evidence the panel shows")
    ap.add_argument("--zoom", type=float, default=0.6, help="vis-network scale of the picture")
    ap.add_argument("--size", default="1280x720", help="window size, WIDTHxHEIGHT")
    a = ap.parse_args(argv)
    try:
        width, height = (int(x) for x in a.size.lower().split("x"))
    except ValueError:
        print(f"error: --size must look like 1280x720, not {a.size!r}", file=sys.stderr)
        return 1
    try:
        n = screenshot(a.graph, a.out, select=a.select, zoom=a.zoom, size=(width, height))
    except GraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {a.out} ({n:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
