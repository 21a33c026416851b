"""build_graph(): files -> articles -> relations -> graph, reporting every file it skipped.

Each file is read once and hashed; a file whose bytes and pipeline are unchanged since the last
build with the same cache folder takes its results from the cache (cache.py). The others go, a
batch of articles at a time, to a runner (this process, worker processes or a Dask cluster), and
every file's result is merged in file order, so all ways of building give the same graph.json,
byte for byte. The results go into an on-disk store (store.py), never into one graph in memory:
build_store() hands it over for graph.json and the map to be written from it (the command does
this), build_graph() loads the whole graph from it."""
from __future__ import annotations

import gc
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from . import __version__
from .cache import ResultCache, pipeline_version
from .heap import give_back_freed_memory
from .ingest import DEFAULT_MAX_BYTES, SUPPORTED, iter_files, read_file
from .lexicon import load_lexicon
from .models import Article, BuildReport, Skipped
from .nlp import model_label
from .parallel import GC_THRESHOLD, ProcessRunner, Runner, SerialRunner, cpu_jobs
from .pipeline import DEFAULT_BATCH, FileResult, PipelineSpec
from .store import GraphStore

# on_file(files done, files found, words done) after each file is merged
Progress = Callable[[int, int, int], None]


_tuned = False


@contextmanager
def few_collections() -> Iterator[None]:
    """Collect cycles less often while inside; what was alive on entry (modules, a loaded
    pipeline) is frozen out of every scan. Nested uses leave it to the outer one."""
    global _tuned
    if _tuned:
        yield
        return
    before = gc.get_threshold()
    _tuned = True
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
        _tuned = False


@dataclass
class _Slot:
    """One file on its way through the build."""
    shown: str
    key: str | None = None
    done: FileResult | None = None
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def build_graph(paths: Iterable[Path | str], *, model: str | None = None,
                entities: Iterable[Path | str] = (), max_bytes: int = DEFAULT_MAX_BYTES,
                batch_size: int = DEFAULT_BATCH, jobs: int = 1, cache_dir: Path | str | None = None,
                scheduler: str | None = None, dask_local: int = 0, nlp=None,
                on_file: Progress | None = None) -> tuple[nx.MultiDiGraph, BuildReport]:
    """Build the evidenced graph of every article under `paths`.

    `cache_dir` keeps per-file results between builds; `jobs` > 1 runs the pipeline in that many
    processes (0: one per CPU); `scheduler` (tcp://HOST:PORT) or `dask_local` (N local workers)
    runs it on a Dask cluster. `nlp` reuses a pipeline made by make_nlp() (in this process only).

    >>> g, report = build_graph(["data/articles"], cache_dir="graph/.cache")   # doctest: +SKIP
    >>> report.processed + len(report.skipped) == report.found                 # doctest: +SKIP
    True
    """
    with few_collections():
        store, report = build_store(paths, model=model, entities=entities, max_bytes=max_bytes,
                                    batch_size=batch_size, jobs=jobs, cache_dir=cache_dir, scheduler=scheduler,
                                    dask_local=dask_local, nlp=nlp, on_file=on_file,
                                    store_dir=Path(cache_dir).parent if cache_dir else None)
        with store:
            return store.to_graph(), report


def build_store(paths: Iterable[Path | str], *, store_dir: Path | str | None = None, **options) \
        -> tuple[GraphStore, BuildReport]:
    """build_graph() without the graph in memory: its nodes, edges and evidence in a GraphStore,
    a temporary database in `store_dir` (default: the system's temporary folder) that the caller
    closes (it is a context manager), after writing graph.json (store.save) and the map
    (subset.store_subset) from it. The other options are build_graph()'s."""
    with few_collections():
        return _build(paths, store_dir=store_dir, **{**BUILD_DEFAULTS, **options})


BUILD_DEFAULTS = dict(model=None, entities=(), max_bytes=DEFAULT_MAX_BYTES, batch_size=DEFAULT_BATCH, jobs=1,
                      cache_dir=None, scheduler=None, dask_local=0, nlp=None, on_file=None)


def _build(paths, *, model, entities, max_bytes, batch_size, jobs, cache_dir, scheduler, dask_local, nlp,
           on_file, store_dir) -> tuple[GraphStore, BuildReport]:
    started = time.perf_counter()
    spec = PipelineSpec.from_files(model, entities)
    gaz = spec.gazetteer()
    lex = load_lexicon()
    label = f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}" if nlp else model_label(model)
    cache = ResultCache(cache_dir, pipeline_version(label, gaz.version, lex.version)) if cache_dir else None
    report = BuildReport()
    files = list(iter_files(paths))
    report.found = len(files)
    if on_file:
        on_file(0, len(files), 0)          # the bar knows its length while the pipeline loads
    runner: Runner | None = None
    words = done = 0
    store = GraphStore(store_dir, tool=f"industry-graph {__version__}", model=label, gazetteer=gaz.version,
                       lexicon=lex.version)

    def make_runner() -> Runner:
        if scheduler or dask_local:
            from .cluster import DaskRunner
            return DaskRunner(spec, batch_size, scheduler=scheduler, local_workers=dask_local)
        n = cpu_jobs(jobs)
        if n > 1:
            return ProcessRunner(spec, batch_size, n)
        return SerialRunner(spec, batch_size, loaded_as=(nlp, gaz, lex) if nlp else None)

    def merge(group: list[_Slot], handle) -> None:
        nonlocal words, done
        results = runner.result(handle) if handle is not None else []
        at = 0
        for slot in group:
            fr = slot.done
            if fr is None:
                mine = results[at:at + len(slot.articles)]
                at += len(slot.articles)
                failed = tuple(Skipped(r.article.id, r.error) for r in mine if r.error)
                fr = FileResult(slot.shown, tuple(r for r in mine if not r.error), tuple(slot.skipped) + failed,
                                sum(len(a.text.split()) for a in slot.articles))
                if cache and slot.key and not failed:      # a failure is tried again next time
                    cache.put(slot.key, fr)
            _merge_file(store, report, fr)
            words += fr.words
            done += 1
            if on_file:
                on_file(done, len(files), words)

    pending: deque = deque()
    group: list[_Slot] = []
    waiting = 0

    def flush() -> None:
        nonlocal runner, group, waiting
        arts = [a for slot in group for a in slot.articles]
        handle = None
        if arts:
            runner = runner or make_runner()
            handle = runner.submit(arts)
        pending.append((group, handle))
        group, waiting = [], 0
        while len(pending) > (runner.window if runner else 0):
            merge(*pending.popleft())

    try:
        for path, shown, problem in files:
            slot = _read(path, shown, max_bytes, cache, report, problem)
            group.append(slot)
            waiting += len(slot.articles)
            if waiting >= batch_size:
                flush()
        flush()
        while pending:
            merge(*pending.popleft())
    except BaseException:
        store.close()
        raise
    finally:
        if runner is not None:
            runner.close()
            give_back_freed_memory()     # what the batches kept for one another (heap.py)
    if cache:
        report.cache_errors = cache.errors
        cache.prune()
    store.meta.update(articles=report.articles, files=report.processed,
                      skipped=[{"file": s.file, "reason": s.reason} for s in report.skipped + report.partial])
    report.words = words
    report.seconds = time.perf_counter() - started
    return store, report


def _read(path: Path, shown: str, max_bytes: int, cache: ResultCache | None, report: BuildReport,
          problem: str = "") -> _Slot:
    """A file's slot: its cached result, or its articles to run through the pipeline. A file the
    walk could not take (a symlink loop, a pipe, an unlistable folder) is skipped for its reason."""
    slot = _Slot(shown)
    if problem:
        slot.done = FileResult(shown, (), (Skipped(shown, problem),), 0)
        return slot
    if cache and path.suffix.lower() in SUPPORTED:
        try:
            # only a regular file is hashed: reading a named pipe would wait for ever
            if path.is_file() and path.stat().st_size <= max_bytes:
                slot.key = cache.key(shown, path.read_bytes())
        except OSError:
            slot.key = None           # read_file below says why the file cannot be read
        if slot.key and (hit := cache.get(slot.key)) is not None:
            slot.done = hit
            report.cached += 1
            return slot
    arts, skipped = read_file(path, shown, max_bytes=max_bytes)
    if arts:
        slot.articles, slot.skipped = arts, skipped
        report.parsed += 1
    else:
        slot.done = FileResult(shown, (), tuple(skipped), 0)
        if slot.key and cache:
            cache.put(slot.key, slot.done)
    return slot


def _merge_file(store: GraphStore, report: BuildReport, fr: FileResult) -> None:
    if fr.results:
        report.processed += 1
        report.partial += fr.skipped           # bad lines of a JSONL file whose good lines count
        report.articles += len(fr.results)
        for result in fr.results:
            store.add(result)
            report.relations += len(result.facts)
    elif len(fr.skipped) == 1:
        report.skipped += fr.skipped
    else:
        reasons = sorted({s.reason for s in fr.skipped})
        report.skipped.append(Skipped(fr.file, f"no usable record ({'; '.join(reasons)})"))
