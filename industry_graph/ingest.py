"""Folder -> Article records. Every file found is either read or reported as skipped, with why."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from .files import Unreadable, decode, iter_files, printable, regular_size
from .models import Article, Skipped

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_BATCH = 16      # articles per nlp.pipe batch, memory zone and task handed to a worker
TEXT_KEYS = ("text", "content", "body", "article", "description")
DATE_KEYS = ("date", "published", "published_at", "publishedAt", "pubdate", "datetime")


class _TextOfHTML(HTMLParser):
    """Fallback HTML-to-text: paragraphs of the page, without scripts, menus and footers."""
    SKIP = {"script", "style", "nav", "footer", "header", "aside", "noscript", "template", "form"}
    BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "br", "tr", "section", "article", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.title, self._skip, self._in_title = [], "", 0, False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def _html_meta(html: str, name: str) -> str:
    m = re.search(r"<meta[^>]+(?:name|property)=[\"'](?:article:)?%s[\"'][^>]*content=[\"']([^\"']+)" % name,
                  html, re.I)
    return m.group(1).strip() if m else ""


def parse_html(html: str) -> tuple[str, str, str]:
    """(title, date, main text) of an HTML page, boilerplate dropped."""
    text = title = date = ""
    try:
        import trafilatura
        # no deduplicate: trafilatura's remembers text across calls, so a page would lose the
        # paragraphs of pages read before it in the same process, and a build its determinism
        text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   with_metadata=False, deduplicate=False) or ""
        meta = trafilatura.extract_metadata(html)
        if meta is not None:
            title, date = meta.title or "", meta.date or ""
    except Exception:  # trafilatura gives up on some pathological pages (or is broken): the fallback copes
        text = ""
    fallback = _TextOfHTML()
    try:
        fallback.feed(html)
        fallback.close()
    except Exception:
        pass
    if not text.strip():
        text = "".join(fallback.parts)
    title = title or " ".join(fallback.title.split())
    date = date or _html_meta(html, "date") or _html_meta(html, "published_time")
    return title, date, _tidy(text)


def parse_markdown(md: str) -> tuple[str, str, str]:
    """(title, date, text): the first '# ' heading is the title, a 'Date:' line the date."""
    title = date = ""
    body = []
    for line in md.splitlines():
        stripped = line.strip()
        if not title and stripped.startswith("# "):
            title = stripped[2:].strip()
            continue
        m = re.match(r"^\*{0,2}(?:date|published)\*{0,2}\s*:\s*\*{0,2}\s*(.+?)\*{0,2}\s*$", stripped, re.I)
        if m and not date:
            date = m.group(1).strip()
            continue
        stripped = re.sub(r"^#{1,6}\s+", "", stripped)
        stripped = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", stripped)   # links and images
        stripped = re.sub(r"(\*\*|__|\*|`)", "", stripped)
        stripped = re.sub(r"^[-+>]\s+", "", stripped)
        body.append(stripped)
    return title, date, _tidy("\n".join(body))


def headed(title: str, body: str) -> str:
    """The text with its headline as the first paragraph, as a plain-text article carries it: a
    headline often states the story's main fact ('Club Car adds a line at its Evans plant'). Not
    twice, where the page's text opens with it already; no headline for a body that is empty."""
    if not title or not body.strip() or " ".join(body[:len(title) + 40].split()).startswith(" ".join(title.split())):
        return body
    return f"{title}\n\n{body}"


def _tidy(text: str) -> str:
    text = _whole(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number",
              bool: "true or false", type(None): "null"}


def _record_article(rec, file: str, index: int, key: str) -> Article:
    if not isinstance(rec, dict):
        raise Unreadable(f"record is a JSON {JSON_TYPES.get(type(rec), 'value')}, not an object")
    text = next((rec[k] for k in TEXT_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), "")
    if not text:
        raise Unreadable(f"record has no text (looked for {', '.join(TEXT_KEYS)})")
    rid = _whole(str(rec.get("id") or rec.get("url") or index))
    date = next((_whole(str(rec[k])) for k in DATE_KEYS if rec.get(k)), "")
    if "<" in text and re.search(r"</(p|div|span|a|br)\s*>|<br\s*/?>", text, re.I):
        text = parse_html(text)[2]
    return Article(id=f"{key}#{rid}", file=file, text=_tidy(text), title=_whole(str(rec.get("title") or "")),
                   date=date, url=_whole(str(rec.get("url") or "")))


def _whole(s: str) -> str:
    """JSON may escape half a surrogate pair ("\\ud800"), which no UTF-8 file can hold: replace it."""
    return re.sub("[\ud800-\udfff]", "\ufffd", s)


def read_file(path: Path, shown: str, *, max_bytes: int = DEFAULT_MAX_BYTES
              ) -> tuple[list[Article], list[Skipped]]:
    """Articles in one file, and the parts of it that were skipped."""
    suffix = path.suffix.lower()
    try:
        if suffix not in SUPPORTED:
            raise Unreadable(f"unsupported file type {printable(suffix) or '(no extension)'}")
        size = regular_size(path)
        if size == 0:
            raise Unreadable("empty file")
        if size > max_bytes:
            raise Unreadable(f"{size:,} bytes is over the {max_bytes:,}-byte limit (--max-bytes)")
        with open(path, "rb") as f:
            text = decode(f.read(max_bytes))     # a file growing as we read is cut at the limit
    except Unreadable as exc:
        return [], [Skipped(shown, str(exc))]
    except OSError as exc:
        return [], [Skipped(shown, f"cannot read: {exc.strerror or exc}")]
    if not text.strip():
        return [], [Skipped(shown, "no text (only whitespace)")]
    try:
        return _parse(path, shown, suffix, text)
    except RecursionError:
        return [], [Skipped(shown, "nested too deeply to read")]
    except Exception as exc:      # one file a parser chokes on must not stop the build
        return [], [Skipped(shown, f"could not be read as {suffix[1:]}: {type(exc).__name__}: {exc}")]


def _parse(path: Path, shown: str, suffix: str, text: str) -> tuple[list[Article], list[Skipped]]:
    if suffix in JSONL_SUFFIXES:
        return _read_jsonl(text, shown)
    if suffix in JSON_SUFFIXES:
        return _read_json(text, shown)
    if suffix in HTML_SUFFIXES:
        title, date, body = parse_html(text)
        body = headed(title, body)
    elif suffix in MARKDOWN_SUFFIXES:
        title, date, body = parse_markdown(text)
        body = headed(title, body)
    else:
        body = _tidy(text)
        first = body.split("\n", 1)[0].strip()
        title, date = (first if len(first) <= 120 and not first.endswith(".") else ""), ""
    if not body.strip():
        return [], [Skipped(shown, "no article text found")]
    return [Article(id=shown, file=shown, text=body, title=title or printable(path.stem), date=date)], []


def _read_json(text: str, shown: str) -> tuple[list[Article], list[Skipped]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [Skipped(shown, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")]
    records = data.get("articles", [data]) if isinstance(data, dict) else data if isinstance(data, list) else [data]
    if not isinstance(records, list):
        return [], [Skipped(shown, f"'articles' is a JSON {JSON_TYPES.get(type(records), 'value')}, not an array")]
    if not records:
        return [], [Skipped(shown, "no articles (an empty array)")]
    arts, skipped = [], []
    for i, rec in enumerate(records, 1):
        try:
            arts.append(_record_article(rec, shown, i, shown))
        except Unreadable as exc:
            skipped.append(Skipped(f"{shown}#{i}" if len(records) > 1 else shown, str(exc)))
    return arts, skipped


def _read_jsonl(text: str, shown: str) -> tuple[list[Article], list[Skipped]]:
    """Good lines become articles; each bad line is skipped on its own, as FILE:LINE."""
    arts, skipped = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            arts.append(_record_article(json.loads(line), shown, n, shown))
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(f"{shown}:{n}", f"malformed JSON line: {exc.msg}"))
        except RecursionError:
            skipped.append(Skipped(f"{shown}:{n}", "nested too deeply to read"))
        except Unreadable as exc:
            skipped.append(Skipped(f"{shown}:{n}", str(exc)))
    return arts, skipped


def read_articles(paths: Iterable[Path | str], *, max_bytes: int = DEFAULT_MAX_BYTES
                  ) -> Iterator[tuple[str, list[Article], list[Skipped]]]:
    """For each file found: (file as shown, its articles, what was skipped in it).

    Every file yields at least one article or one skipped record, so a caller can account for all."""
    for path, shown, problem in iter_files(paths):
        if problem:
            yield shown, [], [Skipped(shown, problem)]
            continue
        arts, skipped = read_file(path, shown, max_bytes=max_bytes)
        yield shown, arts, skipped
