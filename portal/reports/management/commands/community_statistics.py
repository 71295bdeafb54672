"""``python manage.py community_statistics 2026-03 --out stats.xlsx``: the same workbook
the report page and the monthly beat entry build, written to a file."""

import datetime as dt

from portal.registry.models import Community
from portal.reports.commands import MonthlyWorkbookCommand
from portal.reports.statistics import statistics_filename, statistics_workbook


class Command(MonthlyWorkbookCommand):
    help = "Build the monthly community statistics workbook (XLSX)."

    def filename(self, month: dt.date, community: Community | None) -> str:
        return statistics_filename(month, community)

    def build(self, month: dt.date, community: Community | None) -> tuple[bytes, str]:
        return statistics_workbook(month, community), "statistics"
