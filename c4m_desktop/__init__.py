"""c4m-desktop: offline-first records, plans and reports for Creative4Mekong site coordinators."""

__version__ = "0.2.0.dev0"
