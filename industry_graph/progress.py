"""The build's progress bar on a terminal: files done of found, words per second, time left."""
from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)


class BuildProgress:
    """A rich progress bar on standard error, removed when the build ends; `update` is build_graph's
    on_file callback. The CLI shows it only when standard error is a terminal."""

    def __init__(self, console: Console | None = None):
        self.bar = Progress(TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("files, {task.fields[wps]:,.0f} words/s,"), TimeRemainingColumn(),
                            console=console or Console(stderr=True), transient=True)
        self.task = self.bar.add_task("files", total=None, wps=0.0)
        self.started = time.perf_counter()

    def __enter__(self) -> BuildProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.stop()

    def update(self, done: int, total: int, words: int) -> None:
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        self.bar.update(self.task, completed=done, total=total, wps=words / elapsed)
