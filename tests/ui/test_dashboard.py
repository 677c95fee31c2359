"""The dashboard's charts on a coordinator's 1366x768 laptop, in a language with long sector names."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QBarCategoryAxis

from c4m_desktop import i18n
from c4m_desktop.domain.sites import SITES
from c4m_desktop.services import demo

pytestmark = pytest.mark.gui


def test_every_chart_names_all_five_sites_in_full(qtbot, ws):
    demo.generate(ws, associations=40)
    i18n.set_language("km")
    try:
        from c4m_desktop.ui.main_window import MainWindow

        window = MainWindow(ws)
        qtbot.addWidget(window)
        window.resize(1115, 700)  # a 1366-wide screen with the window not maximised
        window.show()
        qtbot.waitUntil(lambda: not window.runner.busy and window.dashboard.data is not None)
        charts = [view.chart() for view in window.dashboard.views.values()]
        site_axes = [a for c in charts for a in c.axes() if isinstance(a, QBarCategoryAxis)]
        assert len(site_axes) == len(charts)
        for axis in site_axes:
            assert axis.categories() == list(SITES)
            assert not axis.truncateLabels()  # "HUE", not "H…", beside a long Khmer legend
    finally:
        i18n.set_language("en")
