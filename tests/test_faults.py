"""Hostile input: every kind of bad file is skipped with its exact reason and the build goes on.

All hostile files are made here at run time; none is committed."""
import codecs
import gzip
import json
import os
import random

import pytest
from typer.testing import CliRunner

from industry_graph.build import build_graph
from industry_graph.cli import app
from industry_graph.graph import load_graph
from industry_graph.ingest import read_articles

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _noise() -> bytes:
    """Invalid UTF-8 that is not text in any encoding: random bytes without a NUL."""
    return bytes(b for b in random.Random(7).randbytes(4000) if b)


def _write(data: bytes):
    def make(p):
        p.write_bytes(data)
    return make


def _locked(p):
    """chmod 000; when that does not stop us reading (root), a link to nowhere stands in for a file
    nobody can open, so the test runs either way."""
    p.write_text("Google acquired DeepMind.")
    p.chmod(0)
    try:
        p.read_bytes()
    except PermissionError:
        return "cannot read: Permission denied"
    p.chmod(0o644)
    p.unlink()
    p.symlink_to("locked-away.txt")
    return "broken symlink to locked-away.txt"


def _ping(p):
    p.symlink_to("pong.txt")
    (p.parent / "pong.txt").symlink_to(p.name)


# (file, how to make it, the reason the build gives for skipping it)
SKIPPED = [
    ("empty.txt", _write(b""), "empty file"),
    ("blank.txt", _write(b"  \n\n\t \n"), "no text (only whitespace)"),
    ("photo.txt", _write(PNG), "binary content, not text"),
    ("archive.md", _write(gzip.compress(b"Google acquired DeepMind. " * 50, mtime=0)), "binary content, not text"),
    ("noise.html", _write(_noise()), "binary content, not text"),
    ("cut-utf16.txt", _write(codecs.BOM_UTF16_LE + "Cut short".encode("utf-16-le") + b"x"),
     "broken utf-16 text (truncated data)"),
    ("truncated.json", _write(b'{"title": "Cut", "text": "Google acq'),
     "malformed JSON: Unterminated string starting at (line 1, column 26)"),
    ("bad-lines.jsonl", _write(b"{oops\n[1, 2]\n"),
     "no usable record (malformed JSON line: Expecting property name enclosed in double quotes; "
     "record is a JSON array, not an object)"),
    ("empty-array.json", _write(b"[]"), "no articles (an empty array)"),
    ("null.json", _write(b"null"), "record is a JSON null, not an object"),
    ("odd-articles.json", _write(b'{"articles": 5}'), "'articles' is a JSON number, not an array"),
    ("deep.json", _write(b"[" * 100_000 + b"]" * 100_000), "nested too deeply to read"),
    ("no-body.html", _write(b"<html><head><title>Nothing here</title></head></html>"), "no article text found"),
    ("big.txt", _write(b"word " * 1_000_000 + b"x"), "5,000,001 bytes is over the 5,000,000-byte limit (--max-bytes)"),
    ("slides.pdf", _write(b"%PDF-1.4"), "unsupported file type .pdf"),
    ("loop.txt", lambda p: p.symlink_to(p.name), "symlink loop"),
    ("ping.txt", _ping, "symlink loop"),
    ("dangling.txt", lambda p: p.symlink_to("missing.txt"), "broken symlink to missing.txt"),
    ("pipe.txt", lambda p: os.mkfifo(p), "not a regular file but a named pipe (FIFO)"),
    ("back", lambda p: p.symlink_to("."), "symlink to a folder, not followed"),
    ("locked.txt", _locked, None),
]

DEEP_HTML = ("<html><body>" + "<div>" * 50_000 + "<p>Nvidia supplies chips to Microsoft.</p>"
             + "</div>" * 50_000 + "</body></html>")

# (file, how to make it, text its article must hold): odd but readable, so read
READ = [
    ("latin1.txt", _write("Mistral AI a son siège à Paris.".encode("latin-1")), "Mistral AI a son siège à Paris."),
    ("utf16le.txt", _write(codecs.BOM_UTF16_LE + "Meta trains Llama. Ça marche.".encode("utf-16-le")),
     "Meta trains Llama. Ça marche."),
    ("utf16be.txt", _write(codecs.BOM_UTF16_BE + "Meta trains Llama. Ça marche.".encode("utf-16-be")),
     "Meta trains Llama. Ça marche."),
    ("utf8bom.json", _write(codecs.BOM_UTF8 + json.dumps({"text": "Ça marche, Meta trains Llama."}).encode()),
     "Ça marche, Meta trains Llama."),
    ("stray-byte.txt", _write("Mistral AI est basée à Paris.".encode() + b" \xff Fin."),
     "Mistral AI est basée à Paris. \ufffd Fin."),
    ("deep.html", _write(DEEP_HTML.encode()), "Nvidia supplies chips to Microsoft."),
    ("russian.txt", _write("Яндекс открыл офис в Белграде.".encode()), "Яндекс открыл офис в Белграде."),
    ("chinese.md", _write("# 新闻\n\n百度发布了文心一言。".encode()), "新闻\n\n百度发布了文心一言。"),
    ("partial.jsonl", _write(b'{"id": "ok", "text": "Meta trains Llama."}\n{oops\n\n{"title": "no text"}\n'),
     "Meta trains Llama."),
    ("half-pair.jsonl", _write(b'{"id": "x\\ud800", "title": "\\udc00", "text": "Meta trains \\ud800 Llama."}'),
     "Meta trains \ufffd Llama."),
    (os.fsdecode(b"caf\xe9.txt"), _write(b"Meta trains Llama."), "Meta trains Llama."),
    ("two\nlines.txt", _write(b"Meta trains Llama."), "Meta trains Llama."),
]
SHOWN = {os.fsdecode(b"caf\xe9.txt"): "caf\\xe9.txt", "two\nlines.txt": "two\\nlines.txt"}
PARTIAL = [("partial.jsonl:2", "malformed JSON line: Expecting property name enclosed in double quotes"),
           ("partial.jsonl:4", "record has no text (looked for text, content, body, article, description)")]
GOOD = {"good1.txt": "Amazon invested $4 billion in Anthropic.",
        "folder.txt/good2.md": "# Deal\n\nMicrosoft partners with OpenAI."}   # a folder named like a file


@pytest.mark.parametrize("name,make,reason", SKIPPED, ids=[c[0] for c in SKIPPED])
def test_hostile_file_is_skipped_with_its_reason(tmp_path, nlp, name, make, reason):
    reason = make(tmp_path / name) or reason
    _, report = build_graph([tmp_path], nlp=nlp)
    assert {s.file: s.reason for s in report.skipped}[name] == reason


@pytest.mark.parametrize("name,make,text", READ, ids=[c[0].encode("unicode_escape").decode() for c in READ])
def test_odd_but_readable_file_is_read(tmp_path, name, make, text):
    make(tmp_path / name)
    [(shown, arts, _skipped)] = list(read_articles([tmp_path]))
    assert (shown, [a.text for a in arts]) == (SHOWN.get(name, name), [text])


def test_partial_jsonl_counts_as_read_and_lists_its_bad_lines(tmp_path, nlp):
    dict((c[0], c[1]) for c in READ)["partial.jsonl"](tmp_path / "partial.jsonl")
    _, report = build_graph([tmp_path], nlp=nlp)
    assert (report.found, report.processed, report.skipped) == (1, 1, [])
    assert [(s.file, s.reason) for s in report.partial] == PARTIAL


def _files_made(folder) -> int:
    """Entries that are not real folders, counted without the tool under test."""
    return sum(len(files) + sum(os.path.islink(os.path.join(d, x)) for x in dirs)
               for d, dirs, files in os.walk(folder))


def test_build_of_a_folder_of_hostile_files_accounts_for_each(tmp_path):
    folder, out, report_file = tmp_path / "in", tmp_path / "graph", tmp_path / "report" / "r.json"
    folder.mkdir()
    expected = {name: make(folder / name) or reason for name, make, reason in SKIPPED}
    expected["pong.txt"] = "symlink loop"
    for name, make, _text in READ:
        make(folder / name)
    for name, text in GOOD.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    res = CliRunner().invoke(app, ["build", str(folder), "--out", str(out), "--report", str(report_file)])
    assert res.exit_code == 0, res.output
    report = json.loads(report_file.read_text(encoding="utf-8"))
    found = _files_made(folder)
    assert found == len(SKIPPED) + 1 + len(READ) + len(GOOD)
    assert (report["found"], report["processed"]) == (found, len(READ) + len(GOOD))
    assert report["processed"] + len(report["skipped"]) == report["found"]
    assert {s["file"]: s["reason"] for s in report["skipped"]} == expected
    assert [(s["file"], s["reason"]) for s in report["partial"]] == PARTIAL
    lines = res.output.splitlines()
    assert all(f"skipped {name}: {reason}" in lines for name, reason in expected.items())
    g = load_graph(out)
    edges = {(u, k, v) for u, v, k in g.edges(keys=True)}
    assert {("amazon", "invests_in", "anthropic"), ("microsoft", "partners_with", "openai"),
            ("nvidia", "supplies", "microsoft")} <= edges
    files = {e["file"] for *_, d in g.edges(data=True) for e in d["evidence"]}
    assert {"good1.txt", "folder.txt/good2.md", "deep.html"} <= files


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, nlp):
    (tmp_path / "shut").mkdir()
    (tmp_path / "shut" / "a.txt").write_text("Amazon invested $4 billion in Anthropic.")
    (tmp_path / "shut").chmod(0)
    try:
        try:
            os.listdir(tmp_path / "shut")
            expected = ([], 1)      # root lists it anyway, so its article is read
        except PermissionError:
            expected = ([("shut", "cannot list folder: Permission denied")], 0)
        _, report = build_graph([tmp_path], nlp=nlp)
    finally:
        (tmp_path / "shut").chmod(0o755)
    assert ([(s.file, s.reason) for s in report.skipped], report.processed) == expected


def test_an_article_the_pipeline_fails_on_is_skipped_and_the_rest_is_built(tmp_path, nlp, monkeypatch):
    """Whatever spaCy or a rule raises on one article, the others of its batch and file still count."""
    import industry_graph.pipeline as pipeline
    real = pipeline.extract

    def fragile(doc, lex=None):
        if "Quillmark" in doc.text:
            raise RuntimeError("parse tree in an invalid state")
        return real(doc, lex)
    monkeypatch.setattr(pipeline, "extract", fragile)
    (tmp_path / "bad.txt").write_text("Quillmark AI acquired Orrin Systems.")
    (tmp_path / "good.txt").write_text("Amazon invested $4 billion in Anthropic.")
    lines = [{"id": "ok", "text": "Google acquired DeepMind."}, {"id": "boom", "text": "Quillmark AI hired staff."}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    g, report = build_graph([tmp_path], nlp=nlp)
    why = "the language pipeline failed on it (RuntimeError: parse tree in an invalid state)"
    assert (report.found, report.processed) == (3, 2)
    assert [(s.file, s.reason) for s in report.skipped] == [("bad.txt", why)]
    assert [(s.file, s.reason) for s in report.partial] == [("feed.jsonl#boom", why)]
    assert sorted((g.nodes[u]["name"], d["relation"], g.nodes[v]["name"]) for u, v, d in g.edges(data=True)) == [
        ("Amazon", "invests_in", "Anthropic"), ("Google", "acquires", "DeepMind")]


def test_a_suffix_below_its_own_name_does_not_break_the_parse(nlp):
    """'President, Chief Executive Officer and a Director of X, Inc.' once made a cycle in the parse
    tree (the suffix re-hung on a name hanging below it), and spaCy refused the whole build."""
    doc = nlp("From 2001 to 2004, Lukas Brenner was President, Chief Executive Officer and a Director "
              "of Telvora Semiconductor, Inc., a chip company.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "ORG"] == [("Telvora Semiconductor, Inc.", "ORG")]
    assert all(len(list(t.ancestors)) < len(doc) for t in doc)      # every word reaches the root
