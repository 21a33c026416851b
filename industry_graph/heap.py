"""How the C heap keeps freed memory, for the work that frees and takes back the same hundreds of
megabytes over and over (a pipeline's batches, the map's layout iterations).

glibc's malloc gives the top of its heap back to the system as soon as more than 128 KB is free
there (up to 64 MB once it has freed a large block), and memory it takes back is faulted in again
page by page. Each batch of articles frees what it used (100 to 150 MB: the parses and the model's
arrays) when it ends, so the heap shrank and grew back every batch: 1.3 GB of growth, most of a
second of kernel time per 300 articles, which a plain nlp.pipe() over one stream never pays. Kept,
the heap stays at the size the first batches take it to, which is the process's peak anyway."""
from __future__ import annotations

import ctypes

TRIM = 1 << 30          # bytes free at the heap's top before malloc hands them back
# Blocks above MMAP get a mapping of their own, made and faulted in anew each time. 8 MB keeps on
# the heap the model's arrays (2 to 4 MB) and the layout's (up to 5.8 MB, for a component of 600
# nodes), while larger blocks there would raise the peak more than they save (300 articles:
# 113k page faults and a 405 MB peak at 8 MB, 77k and 410 MB at 32 MB, 650k and 384 MB at 2 MB;
# glibc's own choice, which varies with what was freed before, gave 340k and 398 MB)
MMAP = 8 << 20
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3       # mallopt()'s parameters (malloc.h)


def keep_freed_memory() -> None:
    """Let the heap keep what is freed, for the rest of the process (nothing where the C library
    is not glibc's, as in give_back_freed_memory)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):       # macOS, Windows
        return
    mallopt(_M_TRIM_THRESHOLD, TRIM)
    mallopt(_M_MMAP_THRESHOLD, MMAP)


def give_back_freed_memory() -> None:
    """Hand the system what the heap kept and is not using, once the work that reuses it is done:
    what comes after (graph.json, the map) then grows from what is in use, as it did before the
    heap kept anything, not on top of the pipeline's peak."""
    try:
        malloc_trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return
    malloc_trim(0)
