"""Running the pipeline on a Dask distributed cluster (`pip install 'industry-graph[dask]'`).

The build stays in this process: it reads the files, keeps the cache and merges the graph. Workers
get lists of articles (plain records, so no shared disk is needed) and the pipeline spec (the model
name and the text of any extra gazetteer), load the pipeline once per worker process
(pipeline.loaded) and send back plain result records."""
from __future__ import annotations

import threading
from typing import Any

from .models import Article
from .parallel import WorkerError
from .pipeline import ArticleResult, PipelineSpec, run_spec

INSTALL_HINT = "pip install 'industry-graph[dask]'"


class ClusterError(WorkerError):
    """Dask is missing, the scheduler cannot be reached or the cluster lost the work; the message
    says what to do."""


_LOCK = threading.Lock()


def _work(spec: PipelineSpec, articles: list[Article], batch_size: int) -> list[ArticleResult]:
    # A worker started with several threads would otherwise run one spaCy pipeline (and its memory
    # zones) from two threads at once; one at a time is correct, and `--nthreads 1` is faster.
    with _LOCK:
        return run_spec(spec, articles, batch_size)


class DaskRunner:
    """Tasks on a cluster: an existing one at `scheduler` (tcp://HOST:PORT), or a local one of
    `local_workers` single-threaded worker processes started and stopped here."""

    def __init__(self, spec: PipelineSpec, batch_size: int, *, scheduler: str | None = None,
                 local_workers: int = 0, timeout: float = 20):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ClusterError(f"running on a Dask cluster needs dask.distributed: {INSTALL_HINT}") from None
        self.batch_size, self.cluster = batch_size, None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=timeout)
            else:
                # ':0' is any free port: the scheduler serves HTTP even with no dashboard, and
                # the default 8787 may belong to another cluster on this machine
                self.cluster = LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True,
                                            dashboard_address=":0", silence_logs=40)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            self._close_cluster()
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        self.window = 2 * workers
        # sent to every worker once; tasks then carry a reference instead of the gazetteer's text
        self.spec = self.client.scatter(spec, broadcast=True)

    def submit(self, articles: list[Article]) -> Any:
        return self.client.submit(_work, self.spec, articles, self.batch_size, pure=False)

    def result(self, handle: Any) -> list[ArticleResult]:
        from distributed import KilledWorker
        try:
            return handle.result()
        except (KilledWorker, OSError, TimeoutError) as exc:      # CommClosedError is an OSError
            raise ClusterError(f"the Dask cluster lost a task ({type(exc).__name__}: {exc}); "
                               "check the workers' logs and memory") from None

    def close(self) -> None:
        self.client.close()
        self._close_cluster()

    def _close_cluster(self) -> None:
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
