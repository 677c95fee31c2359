"""Drafts: what was typed survives a crash, exactly, and a broken draft never blocks start-up."""

from __future__ import annotations

from datetime import date

from c4m_desktop.services import drafts


def test_draft_round_trips_dates_lists_and_scripts(ws):
    values = {"name_local": "ກຸ່ມທໍຜ້າໄໝບ້ານພະນົມ", "report_date": date(2026, 2, 29 - 1), "sectors": ("crafts",),
              "members_total": 12}
    drafts.save(ws, kind="association", row_id=None, values=values)
    got = drafts.load(ws, kind="association", row_id=None)
    assert got.values == values | {"sectors": ["crafts"]}
    assert [d.kind for d in drafts.all_drafts(ws)] == ["association"]
    drafts.discard(ws, kind="association", row_id=None)
    assert drafts.all_drafts(ws) == []


def test_a_damaged_draft_is_skipped(ws):
    drafts.save(ws, kind="association", row_id="abc", values={"name_en": "Kept"})
    (drafts.folder(ws) / "association--broken.json").write_text("{ half a fi")
    assert [d.values["name_en"] for d in drafts.all_drafts(ws)] == ["Kept"]
    assert not list(drafts.folder(ws).glob(".draft-*"))  # no temp files left behind
