"""Folder -> articles: every format, and every bad file reported with its reason."""
import json

from conftest import DATA
from industry_graph.ingest import decode, read_articles, Unreadable
from industry_graph.build import build_graph


def _read(folder):
    arts, skipped = [], []
    for _shown, a, s in read_articles([folder]):
        arts += a
        skipped += s
    return arts, skipped


def test_reads_each_supported_format_with_title_and_date(tmp_path):
    (tmp_path / "a.txt").write_text("Nvidia and AMD\n\nNvidia competes with AMD in chips.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Mistral news\nDate: 2025-02-01\n\nMistral AI is based in **Paris**.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text(
        "<html><head><title>Page title</title><meta name='date' content='2025-03-04'></head><body>"
        "<nav>Home | World | Tech</nav><article><h1>Cohere expands</h1><p>" + "Cohere is headquartered in Toronto. " * 5 +
        "</p></article><footer>Subscribe to our newsletter. Copyright 2025.</footer></body></html>")
    (tmp_path / "d.json").write_text(json.dumps({"title": "T", "date": "2025-05-06", "text": "OpenAI builds models."}))
    (tmp_path / "e.jsonl").write_text(json.dumps({"id": "r1", "content": "xAI built Colossus."}) + "\n"
                                      + "{not json\n" + json.dumps({"id": "r3", "text": "Meta trains Llama."}) + "\n")
    arts, skipped = _read(tmp_path)
    by_id = {a.id: a for a in arts}
    assert sorted(by_id) == ["a.txt", "b.md", "d.json#1", "e.jsonl#r1", "e.jsonl#r3", "sub/c.html"]
    assert by_id["a.txt"].title == "Nvidia and AMD"
    assert (by_id["b.md"].title, by_id["b.md"].date) == ("Mistral news", "2025-02-01")
    assert "Paris" in by_id["b.md"].text and "**" not in by_id["b.md"].text
    # a headline is read as a plain-text article's is: the first paragraph
    assert by_id["b.md"].text == "Mistral news\n\nMistral AI is based in Paris."
    html = by_id["sub/c.html"]
    assert "Cohere is headquartered in Toronto." in html.text
    assert "Subscribe" not in html.text and "Home | World" not in html.text
    assert html.date == "2025-03-04"
    assert (by_id["d.json#1"].title, by_id["d.json#1"].date) == ("T", "2025-05-06")
    assert [(s.file, s.reason.split(":")[0]) for s in skipped] == [("e.jsonl:2", "malformed JSON line")]


def test_bad_files_are_skipped_with_a_reason_naming_them(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 2)
    (tmp_path / "broken.json").write_text("{\"text\": ")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "big.txt").write_text("x" * 2000)
    (tmp_path / "list.json").write_text(json.dumps([{"title": "no text"}]))
    (tmp_path / "good.txt").write_text("Google acquired DeepMind.")
    reasons = {}
    arts = []
    for _shown, a, s in read_articles([tmp_path], max_bytes=1000):
        arts += a
        reasons.update({x.file: x.reason for x in s})
    assert [a.id for a in arts] == ["good.txt"]
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary content, not text"
    assert reasons["broken.json"].startswith("malformed JSON")
    assert reasons["notes.pdf"] == "unsupported file type .pdf"
    assert reasons["big.txt"] == "2,000 bytes is over the 1,000-byte limit (--max-bytes)"
    assert reasons["list.json"] == "record has no text (looked for text, content, body, article, description)"


def test_text_encodings_are_decoded():
    assert decode("Café Ünïcode".encode("utf-8")) == "Café Ünïcode"
    assert decode("Café".encode("latin-1")) == "Café"
    assert decode("\ufeffMistral".encode("utf-16-le").replace(b"", b"")[0:0] + b"\xff\xfe" +
                  "Mistral".encode("utf-16-le")) == "Mistral"
    try:
        decode(b"\x00\x01\x02binary")
    except Unreadable as exc:
        assert str(exc) == "binary content, not text"
    else:
        raise AssertionError("binary input was decoded")


def test_build_accounts_for_every_file_found(tmp_path, nlp):
    (tmp_path / "a.txt").write_text("Amazon invested in Anthropic.")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.jsonl").write_text("{bad\n" + json.dumps({"text": "Google backs Anthropic."}) + "\n")
    (tmp_path / "d.jsonl").write_text("{bad\n{worse\n")
    g, report = build_graph([tmp_path], nlp=nlp)
    assert (report.found, report.processed, len(report.skipped)) == (4, 2, 2)
    assert report.processed + len(report.skipped) == report.found
    assert [s.file for s in report.skipped] == ["b.txt", "d.jsonl"]
    assert [s.file for s in report.partial] == ["c.jsonl:1"]
    assert g.graph["skipped"][0] == {"file": "b.txt", "reason": "empty file"}


def test_a_parser_failure_skips_that_file_only(tmp_path, monkeypatch):
    import industry_graph.ingest as ingest

    def broken(html):
        raise ValueError("parser exploded")
    monkeypatch.setattr(ingest, "parse_html", broken)
    (tmp_path / "a.html").write_text("<html><body><p>Google acquired DeepMind.</p></body></html>")
    (tmp_path / "b.txt").write_text("Google acquired DeepMind.")
    arts, skipped = _read(tmp_path)
    assert [a.id for a in arts] == ["b.txt"]
    assert [(s.file, s.reason) for s in skipped] == [("a.html", "could not be read as html: ValueError: parser exploded")]


def test_an_html_page_reads_the_same_whatever_was_read_before(tmp_path):
    from industry_graph.ingest import read_file
    page = DATA / "articles" / "coreweave-nvidia.html"
    first = read_file(page, "a.html")[0][0].text
    for _ in range(3):            # a library that remembers paragraphs would drop them the second time
        read_file(page, "a.html")
    assert read_file(page, "a.html")[0][0].text == first


def test_headline_opens_the_text_once():
    from industry_graph.ingest import headed
    assert headed("Club Car adds a line", "EVANS, Georgia - Club Car will spend.") == \
        "Club Car adds a line\n\nEVANS, Georgia - Club Car will spend."
    # (a page whose text opens with its headline already; a page with no headline; no text at all)
    assert headed("Brookfield walks away", "Brookfield walks away\nThe investor will not bid.") == \
        "Brookfield walks away\nThe investor will not bid."
    assert headed("", "Text.") == "Text."
    assert headed("Title", " ") == " "
