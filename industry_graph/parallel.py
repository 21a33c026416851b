"""Where the pipeline runs: in this process, or in worker processes that each load it once.

A runner takes lists of articles and gives back their results in the order it was given them;
build.py keeps a few tasks in flight (`window`) and merges results in file order, so every runner
gives the same graph. cluster.py adds a runner for a Dask cluster."""
from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from spacy.language import Language

from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .models import Article
from .pipeline import ArticleResult, PipelineSpec, loaded, process, run_spec

# Python's cycle collector runs after every 700 new container objects and then scans the young
# ones; a build makes millions (parses, records, the graph), and reading a thousand cache entries
# spent more time collecting than parsing JSON. Nothing a build makes relies on cycles being
# collected soon, so builds and workers collect a hundred times less often.
GC_THRESHOLD = (70_000, 20, 20)


class WorkerError(RuntimeError):
    """A worker process or cluster failed under the build; the message says what to try."""


class Runner(Protocol):
    window: int          # tasks kept in flight before the oldest is waited for

    def submit(self, articles: list[Article]) -> Any: ...

    def result(self, handle: Any) -> list[ArticleResult]: ...

    def close(self) -> None: ...


class SerialRunner:
    """In this process; the pipeline is loaded on the first task, so a build served wholly from
    the cache never loads it."""
    window = 0

    def __init__(self, spec: PipelineSpec, batch_size: int, *,
                 loaded_as: tuple[Language, Gazetteer, Lexicon] | None = None):
        self.spec, self.batch_size, self._loaded = spec, batch_size, loaded_as

    def submit(self, articles: list[Article]) -> list[Article]:
        return articles

    def result(self, handle: list[Article]) -> list[ArticleResult]:
        if self._loaded is None:
            self._loaded = loaded(self.spec)
        nlp, gaz, lex = self._loaded
        return list(process(handle, nlp, gaz, lexicon=lex, batch_size=self.batch_size))

    def close(self) -> None:
        pass


_SPEC: PipelineSpec | None = None


def _start_worker(spec: PipelineSpec) -> None:
    """Runs once in each worker process: load the pipeline before the first task arrives."""
    global _SPEC
    _SPEC = spec
    loaded(spec)
    # as build.few_collections() does in the main process, for the life of this worker
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def _work(articles: list[Article], batch_size: int) -> list[ArticleResult]:
    assert _SPEC is not None
    return run_spec(_SPEC, articles, batch_size)


class ProcessRunner:
    """`jobs` worker processes, started fresh (spawn: no copy of this process's threads or
    half-held locks), each loading the pipeline once."""

    def __init__(self, spec: PipelineSpec, batch_size: int, jobs: int):
        self.batch_size = batch_size
        self.window = 2 * jobs
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_start_worker, initargs=(spec,))

    def submit(self, articles: list[Article]) -> Future:
        return self.pool.submit(_work, articles, self.batch_size)

    def result(self, handle: Future) -> list[ArticleResult]:
        try:
            return handle.result()
        except BrokenProcessPool:
            raise WorkerError("a worker process died (out of memory?); try fewer --jobs "
                              "or a smaller --batch-size") from None

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def cpu_jobs(jobs: int) -> int:
    """--jobs 0 means one process per CPU this process may use."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


__all__ = ["GC_THRESHOLD", "Runner", "SerialRunner", "ProcessRunner", "WorkerError", "cpu_jobs", "run_spec"]
