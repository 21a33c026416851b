"""A build's graph kept on disk, so that a build of any size holds one batch of results at a time.

Every article's result goes into a temporary SQLite database (beside the output, or in the system's
temporary folder) in batched transactions. graph.json is then streamed from it in the order
finish() gives a networkx graph, each node and edge settled by the same functions
(graph.settle_node, graph.settle_edge), so its bytes are those save_graph() writes for the graph
build_graph() returns. The build summary's counts and the map's part of the graph (subset.py) are
read from it as well, and to_graph() gives the whole graph to library users. The database is
deleted on close; one left by a killed build goes at the next build in the same folder."""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import fields
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from .graph import distinct_sorted, settle_edge, settle_node, taking_part
from .graphfile import FORMAT, remove_stale_temps, save_records
from .models import SYMMETRIC, Evidence
from .query import entity_keys, most_connected, name_keys, no_entity

if TYPE_CHECKING:        # the records only: importing the pipeline would load spaCy
    from .pipeline import ArticleResult

STORE = "graph-store"           # its file: .graph-store.PID.RANDOM.db
FLUSH_ROWS = 10_000             # evidence rows gathered in memory before they go to disk
CACHE_KB = 16_384               # SQLite's page cache: the database itself may grow to gigabytes
EVIDENCE = tuple(f.name for f in fields(Evidence))
_DETAILS = EVIDENCE.index("details")      # a dict: kept as JSON text, and NULL when empty
_COLUMNS = ", ".join(f'"{c}"' for c in EVIDENCE)
# Columns are declared without a type, so SQLite keeps each value as it came (an int confidence
# stays an int, as it would in graph.json); the node tables are keyed b-trees, nothing else.
SCHEMA = f"""
CREATE TABLE node (id PRIMARY KEY, name, type, mentions) WITHOUT ROWID;
CREATE TABLE written (node, name, n, PRIMARY KEY (node, name)) WITHOUT ROWID;
CREATE TABLE alias (node, alias, PRIMARY KEY (node, alias)) WITHOUT ROWID;
CREATE TABLE evidence (head, tail, relation, {_COLUMNS});
CREATE TABLE edge (head, tail, relation, status, support, confidence, details, first_seen, last_seen, evidence,
                   PRIMARY KEY (head, tail, relation)) WITHOUT ROWID;
CREATE TABLE keep (id PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE hop (id PRIMARY KEY, d) WITHOUT ROWID;
"""


class GraphStore:
    """The nodes, edges and evidence of a build, on disk. Use it as a context manager, or close()."""

    def __init__(self, folder: Path | str | None = None, **meta):
        place = Path(folder) if folder is not None else Path(tempfile.gettempdir())
        place.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(place / STORE, ".db")
        fd, name = tempfile.mkstemp(prefix=f".{STORE}.{os.getpid()}.", suffix=".db", dir=place)
        os.close(fd)
        self.path = Path(name)
        self.meta = {"format": FORMAT, **meta}
        # No journal and no fsync: the file is scratch, and a crash loses nothing graph.json had
        self.db = sqlite3.connect(name, isolation_level=None)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{CACHE_KB}"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(SCHEMA)
        self._nodes: dict[str, list] = {}
        self._written: dict[tuple[str, str], int] = {}
        self._aliases: set[tuple[str, str]] = set()
        self._evidence: list[tuple] = []
        self._sealed = self._settled = False

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)

    # --- filling -------------------------------------------------------------------------------

    def add(self, result: ArticleResult) -> None:
        """What graph.add_result() adds to a networkx graph, kept until the next flush."""
        if self._sealed:
            raise RuntimeError("results added to a store after it was read")
        for ent, mentions, surfaces in taking_part(result):
            node = self._nodes.setdefault(ent.id, [ent.id, ent.name, ent.type, 0])
            node[3] += mentions
            key = (ent.id, ent.name)
            self._written[key] = self._written.get(key, 0) + 1
            self._aliases.update((ent.id, a) for a in (*ent.aliases, *surfaces))
        for f in result.facts:
            row = [f.head.id, f.tail.id, f.relation, *(getattr(f.evidence, c) for c in EVIDENCE)]
            row[3 + _DETAILS] = json.dumps(f.evidence.details) if f.evidence.details else None
            self._evidence.append(row)
        if len(self._evidence) >= FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        db = self.db
        db.execute("BEGIN")
        # the first name and type an entity came with stay (they are add_node's)
        db.executemany("INSERT INTO node VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                       "SET mentions = mentions + excluded.mentions", self._nodes.values())
        db.executemany("INSERT INTO written VALUES (?, ?, ?) ON CONFLICT (node, name) DO UPDATE "
                       "SET n = n + excluded.n", ((*k, n) for k, n in self._written.items()))
        db.executemany("INSERT OR IGNORE INTO alias VALUES (?, ?)", self._aliases)
        db.executemany(f"INSERT INTO evidence VALUES (?, ?, ?, {', '.join('?' * len(EVIDENCE))})", self._evidence)
        db.execute("COMMIT")
        self._nodes, self._written, self._aliases, self._evidence = {}, {}, set(), []

    def _seal(self) -> None:
        """Stop filling: index the evidence by edge, which every reading walks in that order."""
        if not self._sealed:
            self._flush()
            self.db.execute("CREATE INDEX evidence_edge ON evidence (head, tail, relation)")
            self._sealed = True

    # --- reading -------------------------------------------------------------------------------

    def count_nodes(self) -> int:
        self._seal()
        return self.db.execute("SELECT count(*) FROM node").fetchone()[0]

    def count_edges(self) -> int:
        self._seal()
        if self._settled:
            return self.db.execute("SELECT count(*) FROM edge").fetchone()[0]
        return self.db.execute("SELECT count(*) FROM (SELECT DISTINCT head, tail, relation FROM evidence)").fetchone()[0]

    def nodes(self, *, kept: bool = False) -> Iterator[tuple[str, dict]]:
        """(id, settled attributes) in id order: every node, or (kept) those in the keep table."""
        self._seal()
        where = " WHERE {} IN (SELECT id FROM keep)" if kept else ""
        rows = self.db.execute("SELECT id, name, type, mentions FROM node" + where.format("id") + " ORDER BY id")
        written = groupby(self.db.execute("SELECT node, name, n FROM written" + where.format("node") +
                                          " ORDER BY node"), itemgetter(0))
        aliases = groupby(self.db.execute("SELECT node, alias FROM alias" + where.format("node") +
                                          " ORDER BY node"), itemgetter(0))
        next_alias = next(aliases, None)
        for (nid, name, kind, mentions), (_, names) in zip(rows, written):   # every node has a name written
            found: set[str] = set()
            if next_alias is not None and next_alias[0] == nid:
                found = {a for _, a in next_alias[1]}
                next_alias = next(aliases, None)
            found.discard(name)
            yield nid, settle_node({"name": name, "type": kind, "aliases": sorted(found), "mentions": mentions,
                                    "written": {n: count for _, n, count in names}})

    def edges(self, *, kept: bool = False, lazy: bool = False) -> Iterator[tuple[str, str, str, dict]]:
        """(head, tail, relation, settled attributes) in that order: every edge, or (kept) those
        between nodes of the keep table. lazy: each edge's evidence is a StoredEvidence, read
        again when it is walked, and the rest as the walk through every edge settled it. That
        walk records each edge's attributes but its evidence (ranking the map's entities needs
        the support)."""
        if lazy:
            self._edge_table()
            yield from self._settled_edges(kept)
            return
        self._seal()
        if kept:
            # CROSS JOIN fixes the order of the loops: from each kept head through its evidence,
            # rather than through all the evidence (or each pair of kept nodes) in edge order
            rows = self.db.execute(f"SELECT v.head, v.tail, v.relation, {_COLUMNS} FROM keep k CROSS JOIN "
                                   "evidence v ON v.head = k.id CROSS JOIN keep t ON t.id = v.tail "
                                   "ORDER BY v.head, v.tail, v.relation")
            yield from self._settle(rows)
            return
        rows = self.db.execute(f"SELECT head, tail, relation, {_COLUMNS} FROM evidence ORDER BY head, tail, relation")
        done: list[tuple] = []
        self.db.execute("BEGIN")
        try:
            self.db.execute("DELETE FROM edge")
            for u, v, k, d in self._settle(rows):
                done.append(_edge_row(u, v, k, d))
                if len(done) >= FLUSH_ROWS:
                    self.db.executemany(_INSERT_EDGE, done)
                    done = []
                yield u, v, k, d
            self.db.executemany(_INSERT_EDGE, done)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        self._settled = True

    def _settled_edges(self, kept: bool) -> Iterator[tuple[str, str, str, dict]]:
        """The edges as the edge table recorded them (what edges() gives, in the same order), each
        with its evidence left on disk."""
        rows = self.db.execute(
            "SELECT e.* FROM keep k CROSS JOIN edge e ON e.head = k.id CROSS JOIN keep t ON t.id = e.tail "
            "ORDER BY e.head, e.tail, e.relation" if kept else "SELECT * FROM edge ORDER BY head, tail, relation")
        for u, v, k, status, support, confidence, details, first_seen, last_seen, count in rows:
            d = {"relation": k, "symmetric": k in SYMMETRIC, "evidence": StoredEvidence(self, (u, v, k), count),
                 "status": status, "support": support, "confidence": confidence}
            if details is not None:
                d.update(json.loads(details))
            d["first_seen"], d["last_seen"] = first_seen, last_seen
            yield u, v, k, d

    def _settle(self, rows) -> Iterator[tuple[str, str, str, dict]]:
        for (u, v, k), group in groupby(rows, itemgetter(0, 1, 2)):
            evidence = [_evidence(row[3:]) for row in group]
            yield u, v, k, settle_edge({"relation": k, "symmetric": k in SYMMETRIC, "evidence": evidence})

    def save(self, path: Path | str) -> Path:
        """Write graph.json (PATH: the file, or its folder), a node and an edge at a time."""
        return save_records(path, self.meta, ({**d, "id": n} for n, d in self.nodes()),
                            ({**d, "source": u, "target": v, "key": k} for u, v, k, d in self.edges()))

    def to_graph(self, *, kept: bool = False, lazy: bool = False) -> nx.MultiDiGraph:
        """The whole graph in memory (kept: only the keep table's nodes and the edges among them;
        lazy: with each edge's evidence left on disk, as a StoredEvidence)."""
        g = nx.MultiDiGraph()
        g.graph.update(self.meta)
        g.add_nodes_from(self.nodes(kept=kept))
        g.add_edges_from(self.edges(kept=kept, lazy=lazy))
        return g

    # --- what the map's choice of entities needs ------------------------------------------------

    def _edge_table(self) -> None:
        if not self._settled:
            for _ in self.edges():      # settles every edge once, recording its support
                pass

    def ranks(self, *, within_hops: bool = False) -> Iterator[tuple[str, int, int, int, int]]:
        """(id, degree, sum of its edges' support, mentions, hops) of every node, or of those the
        last neighbourhood() reached. Degree and support count an edge at both of its ends."""
        self._edge_table()
        source = "hop h JOIN node n ON n.id = h.id" if within_hops else "node n"
        return self.db.execute(
            f"SELECT n.id, coalesce(s.degree, 0), coalesce(s.support, 0), n.mentions, {'h.d' if within_hops else 0} "
            f"FROM {source} LEFT JOIN (SELECT id, count(*) AS degree, sum(support) AS support FROM "
            "(SELECT head AS id, support FROM edge UNION ALL SELECT tail, support FROM edge) GROUP BY id) s "
            "ON s.id = n.id")

    def neighbourhood(self, centre: str, depth: int) -> int:
        """Fill the hop table with the nodes within DEPTH hops of CENTRE, edges taken either way;
        returns how many."""
        self._edge_table()
        db = self.db
        db.execute("DELETE FROM hop")
        db.execute("INSERT INTO hop VALUES (?, 0)", (centre,))
        for d in range(depth):
            added = db.execute(
                "INSERT OR IGNORE INTO hop SELECT e.tail, :next FROM hop h JOIN edge e ON e.head = h.id "
                "WHERE h.d = :d UNION SELECT e.head, :next FROM hop h JOIN edge e ON e.tail = h.id WHERE h.d = :d",
                {"d": d, "next": d + 1}).rowcount
            if not added:
                break
        return db.execute("SELECT count(*) FROM hop").fetchone()[0]

    def keep(self, ids) -> None:
        """Set the nodes that nodes(kept=True), edges(kept=True) and to_graph(kept=True) read."""
        self._seal()
        self.db.execute("BEGIN")
        self.db.execute("DELETE FROM keep")
        self.db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((i,) for i in ids))
        self.db.execute("COMMIT")

    def node(self, nid: str) -> dict:
        self.keep([nid])
        return next(self.nodes(kept=True))[1]

    def find(self, name: str) -> str:
        """The node id a name or alias picks, as query.find_entity() picks it in a graph."""
        self._seal()
        if self.db.execute("SELECT 1 FROM node WHERE id = ?", (name,)).fetchone():
            return name
        want = name_keys(name)
        hits = {n: d["mentions"] for n, d in self.nodes() if want & entity_keys(d)}
        if not hits:
            raise no_entity(name, (d["name"] for _, d in self.nodes()))
        degree = {n: deg for n, deg, *_ in self.ranks() if n in hits}
        return most_connected(hits, degree.__getitem__, hits.__getitem__)


class StoredEvidence:
    """An edge's evidence list as settle_edge() leaves it (distinct, sorted), read from the store
    each time it is walked and never held whole: the map of a large build's busiest entities
    would otherwise load a good part of all the evidence at once. Readable while the store is open."""

    def __init__(self, store: GraphStore, edge: tuple[str, str, str], count: int):
        self.store, self.edge, self.count = store, edge, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[dict]:
        rows = self.store.db.execute(f"SELECT {_COLUMNS} FROM evidence WHERE head = ? AND tail = ? AND relation = ?",
                                     self.edge)
        return iter(distinct_sorted([_evidence(row) for row in rows]))


_INSERT_EDGE = "INSERT INTO edge VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_ROLLED_UP = ("kinds", "deals")         # what settle_edge adds only when the evidence has some


def _edge_row(u: str, v: str, k: str, d: dict) -> tuple:
    """A settled edge's row of the edge table: its attributes, and the count of its evidence."""
    details = {key: d[key] for key in _ROLLED_UP if key in d}
    return (u, v, k, d["status"], d["support"], d["confidence"], json.dumps(details) if details else None,
            d["first_seen"], d["last_seen"], len(d["evidence"]))


def _evidence(row: tuple) -> dict:
    """An evidence item as add_result() keeps it, from its row."""
    e = dict(zip(EVIDENCE, row))
    e["details"] = json.loads(e["details"]) if e["details"] is not None else {}
    return e
