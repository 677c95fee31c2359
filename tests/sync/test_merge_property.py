"""Random edit/delete histories on three devices with skewed clocks, bundles delivered in any order
and more than once: every replica ends identical, no concurrently overwritten version is lost
unrecorded, and edits made on top of each other never raise a conflict."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from conftest import synced_rows
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from c4m_desktop.services import associations, device, records
from c4m_desktop.services.workspace import Workspace
from c4m_desktop.store.models import Association
from c4m_desktop.sync import exporter, importer

DEVICES = ("A", "B", "M")  # two laptops at Siem Reap and MI
HOUR = 3600 * 1000

ops = st.one_of(
    st.tuples(st.just("create"), st.sampled_from(DEVICES)),
    st.tuples(st.just("edit"), st.sampled_from(DEVICES), st.integers(0, 5)),
    st.tuples(st.just("delete"), st.sampled_from(DEVICES), st.integers(0, 5)),
    st.tuples(st.just("sync"), st.sampled_from(DEVICES), st.sampled_from(DEVICES)),
    st.tuples(st.just("export"), st.sampled_from(DEVICES), st.sampled_from(DEVICES)),
    st.tuples(st.just("deliver"), st.integers(0, 30)),
)
# Two laptops edit the same group before they hear of each other's edit; MI relays.
CONCURRENT = [("create", "A"), ("sync", "A", "B"), ("sync", "A", "M"), ("edit", "A", 0), ("edit", "B", 0),
              ("delete", "M", 0), ("export", "B", "M"), ("edit", "A", 0), ("deliver", 0), ("sync", "M", "A")]
# Each edit is made on top of the last one, on three devices in turn: never a conflict.
ON_TOP = [("create", "A"), ("sync", "A", "B"), ("edit", "B", 0), ("sync", "B", "M"), ("edit", "M", 0),
          ("sync", "M", "A"), ("edit", "A", 0), ("sync", "A", "B")]


@dataclass(frozen=True)
class Version:
    row_id: str
    hlc: str
    parent: str | None
    content: tuple


def state(ws: Workspace, row_id: str) -> Association | None:
    with ws.read() as s:
        return s.scalar(select(Association).where(Association.id == row_id))


def content(row: Association) -> tuple:
    return (row.name_en, row.deleted)


class World:
    def __init__(self, folder: Path, skews: dict[str, int]):
        self.ws: dict[str, Workspace] = {}
        for name in DEVICES:
            skew = skews[name]
            w = Workspace.open(folder / f"{name}.sqlite", wall_ms=lambda skew=skew: time.time_ns() // 10**6 + skew)
            device.initialise(w, site_code="SRP", coordinator=name, role="hq" if name == "M" else "site",
                              mi_email="c4m@mekonginstitute.org")
            self.ws[name] = w
        self.folder = folder
        self.ids: list[str] = []
        self.versions: list[Version] = []
        self.pool: list[tuple[Path, str]] = []
        self.counter = 0

    def record(self, d: str, row_id: str, parent: str | None) -> None:
        row = state(self.ws[d], row_id)
        self.versions.append(Version(row_id, row.hlc, parent, content(row)))

    def run(self, op: tuple) -> None:
        kind, *args = op
        if kind == "create":
            (d,) = args
            self.counter += 1
            rec = associations.create(self.ws[d], values={"site_code": "SRP", "name_en": f"Group {self.counter}",
                                                          "kind": "artisan_group"}).record.record
            self.ids.append(rec.id)
            self.record(d, rec.id, None)
        elif kind in ("edit", "delete"):
            d, k = args
            with self.ws[d].read() as s:
                live = list(s.scalars(select(Association.id).where(Association.deleted.is_(False))
                                      .order_by(Association.created_at, Association.id)))
            if not live:
                return
            row_id = live[k % len(live)]
            before = state(self.ws[d], row_id)
            self.counter += 1
            if kind == "edit":
                records.update(self.ws[d], kind="association", row_id=row_id, changes={"name_en": f"v{self.counter}"})
            else:
                records.delete(self.ws[d], kind="association", row_id=row_id)
            self.record(d, row_id, before.hlc)
        elif kind in ("export", "sync"):
            d, e = args
            if d == e:
                return
            if kind == "sync":  # an e-mail that arrives at once
                importer.import_bundle(self.ws[e], self.export(d, e))
            else:  # an e-mail that may arrive late, twice, or never
                self.pool.append((self.export(d, e), e))
        elif kind == "deliver" and self.pool:
            path, e = self.pool[args[0] % len(self.pool)]
            importer.import_bundle(self.ws[e], path)

    def export(self, d: str, e: str, **kw) -> Path:
        recipient = "hq" if e == "M" else "SRP"
        return exporter.export(self.ws[d], recipient=recipient, to_dir=self.folder / "out", **kw).path

    def settle(self) -> None:
        """Everyone sends to everyone until nothing changes any more."""
        for _round in range(8):
            applied = 0
            for d in DEVICES:
                for e in DEVICES:
                    if d != e:
                        applied += importer.import_bundle(self.ws[e], self.export(d, e)).applied
            if applied == 0:
                return
        raise AssertionError("replicas did not settle")

    def close(self) -> None:
        for w in self.ws.values():
            w.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(history=CONCURRENT, skews={"A": 0, "B": -HOUR, "M": 2 * HOUR})
@example(history=ON_TOP, skews={"A": 2 * HOUR, "B": 0, "M": -HOUR})
@given(history=st.lists(ops, min_size=3, max_size=40),
       skews=st.fixed_dictionaries({d: st.integers(-3 * HOUR, 3 * HOUR) for d in DEVICES}))
def test_replicas_converge_and_no_version_is_lost(history, skews):
    with tempfile.TemporaryDirectory() as tmp:
        world = World(Path(tmp), skews)
        try:
            for op in history:
                world.run(op)
            world.settle()
            replicas = [synced_rows(world.ws[d]) for d in DEVICES]
            assert replicas[0] == replicas[1] == replicas[2]

            final = {r["id"]: r["hlc"] for r in replicas[0]["association"]}
            conflicts = {c["loser_hlc"]: c for c in replicas[0]["conflict"]}
            parents = {v.parent for v in world.versions}
            for v in world.versions:
                lost = v.hlc != final[v.row_id] and v.hlc not in parents
                twin = any(w.row_id == v.row_id and w.content == v.content and w.hlc != v.hlc
                           for w in world.versions)
                if lost and not twin:
                    assert v.hlc in conflicts, f"version {v} was overwritten concurrently but not kept"
            for row_id in final:
                forks = [v.parent for v in world.versions if v.row_id == row_id]
                if len(forks) == len(set(forks)):  # every edit was made on top of the one before
                    assert not [c for c in conflicts.values() if c["row_id"] == row_id], "false conflict"
        finally:
            world.close()
