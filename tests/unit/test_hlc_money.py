"""The hybrid logical clock and money: the two rules sync and reports stand on."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from c4m_desktop.domain.hlc import ClockDriftError, HybridLogicalClock, Stamp
from c4m_desktop.domain.money import digits, parse_amount, to_major, to_minor


class FakeWall:
    def __init__(self, ms: int):
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_stamps_stay_monotonic_when_the_wall_clock_jumps_back():
    wall = FakeWall(1_790_000_000_000)
    clock = HybridLogicalClock("dev-a", wall_ms=wall)
    first = clock.now()
    wall.ms -= 3_600_000  # the laptop's clock is set back an hour
    second, third = clock.now(), clock.now()
    assert first < second < third
    assert first.encode() < second.encode() < third.encode()
    assert second.ms == first.ms  # it keeps logical time, not the wrong wall time


@given(st.lists(st.integers(min_value=-10**7, max_value=10**7), min_size=1, max_size=60),
       st.lists(st.integers(min_value=0, max_value=10**7), max_size=10))
def test_every_stamp_sorts_after_the_last_under_random_skew(jumps, remote_offsets):
    wall = FakeWall(1_790_000_000_000)
    clock = HybridLogicalClock("dev-a", wall_ms=wall)
    seen = [clock.now().encode()]
    for i, jump in enumerate(jumps):
        wall.ms += jump
        if i < len(remote_offsets):
            remote = Stamp(wall.ms + remote_offsets[i], 3, "dev-b")
            clock.observe(remote)
            assert clock.now().encode() > remote.encode()
        seen.append(clock.now().encode())
    assert seen == sorted(seen) and len(set(seen)) == len(seen)


def test_restarted_clock_continues_after_its_persisted_stamp():
    wall = FakeWall(1_790_000_000_000)
    last = HybridLogicalClock("dev-a", wall_ms=wall).now()
    wall.ms -= 86_400_000  # next day the battery-less laptop boots a day early
    assert HybridLogicalClock("dev-a", last=last, wall_ms=wall).now() > last


def test_text_form_round_trips_and_ties_break_by_device():
    s = Stamp(1_790_000_000_123, 7, "dev-b")
    assert Stamp.decode(s.encode()) == s
    assert Stamp(5_000, 0, "dev-a").encode() < Stamp(5_000, 0, "dev-b").encode()
    with pytest.raises(ValueError):
        Stamp.decode("yesterday")


def test_drift_guard_refuses_stamps_far_in_the_future():
    wall = FakeWall(1_790_000_000_000)
    clock = HybridLogicalClock("dev-a", wall_ms=wall, max_drift_ms=86_400_000)
    with pytest.raises(ClockDriftError):
        clock.observe(Stamp(wall.ms + 2 * 86_400_000, 0, "dev-b"))


def test_currency_digits_follow_cldr():
    assert {c: digits(c) for c in ("THB", "KHR", "VND", "LAK", "MMK", "USD")} == {
        "THB": 2, "KHR": 2, "VND": 0, "LAK": 0, "MMK": 0, "USD": 2}


def test_money_is_integer_minor_units_and_never_a_float():
    assert to_minor("1250.50", "THB") == 125050
    assert to_minor(Decimal("25000"), "VND") == 25000
    assert to_major(125050, "THB") == Decimal("1250.50")
    with pytest.raises(TypeError):
        to_minor(12.5, "THB")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        to_major(12.5, "THB")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        to_minor("10.5", "LAK")


def test_typed_amounts_are_parsed_or_explained():
    assert parse_amount("1,234.56", "USD", "budget") == (123456, None)
    value, problem = parse_amount("12.345", "THB", "budget")
    assert value is None and problem.english() == "THB amounts have at most 2 decimal places."
    assert parse_amount("abc", "THB", "budget")[1].english() == "Enter an amount such as 1250.50."


def test_enum_labels_do_not_collide_across_enums():
    from c4m_desktop.domain.enums import ActionPlanScope, FinancialKind, Role, SectionKey, label

    assert label(ActionPlanScope.SITE) == "Site" and label(Role.SITE) == "Site coordinator"
    assert label(SectionKey.FUNDING) == "Funding needs and sources" and label(FinancialKind.FUNDING) == "Funding"
