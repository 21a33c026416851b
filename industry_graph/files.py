"""Folder -> the files in it, and file -> its text: the walk, symlinks, encodings and sizes, with
a one-line reason for every entry that cannot be read."""
from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path


class Unreadable(Exception):
    """A file or record that cannot become an article; str() is the reason."""


def printable(path: str) -> str:
    """A path as printed: bytes that are not UTF-8 and control characters (a newline in a file
    name would split a line of the summary) escaped."""
    raw = os.fsencode(path).decode("utf-8", errors="backslashreplace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in raw)


def iter_files(paths: Iterable[Path | str]) -> Iterator[tuple[Path, str, str]]:
    """(path, path as shown, why it cannot be read or "") for every entry under the given files and
    folders: files, symlinked folders (reported, not followed, so a symlink loop cannot make the
    walk endless) and folders that cannot be listed."""
    for root in map(Path, paths):
        if not root.is_dir():
            yield root, printable(root.name if root.is_file() else str(root)), ""
            continue
        errors: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
            links = {d for d in dirnames if os.path.islink(os.path.join(dirpath, d))}
            dirnames[:] = sorted(set(dirnames) - links)
            found = sorted([(n, "") for n in filenames] + [(n, "symlink to a folder, not followed") for n in links])
            yield from _entries(root, [*_unlisted(errors), *((Path(dirpath) / n, why) for n, why in found)])
        yield from _entries(root, _unlisted(errors))


def _unlisted(errors: list[OSError]) -> list[tuple[Path, str]]:
    """The folders os.walk could not list since last asked."""
    out = [(Path(e.filename), f"cannot list folder: {e.strerror or e}") for e in errors]
    errors.clear()
    return out


def _entries(root: Path, found: list[tuple[Path, str]]) -> Iterator[tuple[Path, str, str]]:
    for path, why in found:
        yield path, printable(str(root) if path == root else path.relative_to(root).as_posix()), why


def decode(data: bytes) -> str:
    """Bytes -> text: BOMs honoured, UTF-8 tried first, then Windows-1252; binary refused.

    UTF-8 with a few stray bytes (text pasted from two sources) loses only those bytes; text with
    no UTF-8 sequence at all is read as Windows-1252, the superset of Latin-1 old pages use."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                       (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):      # UTF-32 first: its little-endian BOM begins with UTF-16's
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise Unreadable(f"broken {codec} text ({exc.reason})") from None
            break
    else:
        if b"\x00" in data[:8192]:
            raise Unreadable("binary content, not text")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
        if not any(ord(c) > 127 and c != "\ufffd" for c in text):
            text = data.decode("cp1252", errors="replace")
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    if sample.count("\ufffd") + controls > len(sample) * 0.05:
        raise Unreadable("binary content, not text")
    return text


def regular_size(path: Path) -> int:
    """Size of the regular file at PATH; Unreadable when PATH is anything else or leads nowhere."""
    try:
        st = path.stat()
    except OSError as exc:
        if path.is_symlink():
            raise Unreadable("symlink loop" if exc.errno == errno.ELOOP
                             else f"broken symlink to {printable(os.readlink(path))}") from None
        raise Unreadable("no such file or folder" if exc.errno == errno.ENOENT
                         else f"cannot read: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):    # refused before open(): opening a named pipe waits for a writer
        kind = ("folder" if stat.S_ISDIR(st.st_mode) else "named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode)
                else "socket" if stat.S_ISSOCK(st.st_mode) else "device")
        raise Unreadable(f"not a regular file but a {kind}")
    return st.st_size
