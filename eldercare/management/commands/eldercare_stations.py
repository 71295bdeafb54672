"""``python manage.py eldercare_stations 2026-03 --out stations.xlsx``: the same monthly
figures of the home-care stations the report page builds, written to a file."""

import datetime as dt

from eldercare.workbooks import stations_filename, stations_workbook
from portal.registry.models import Community
from portal.reports.commands import MonthlyWorkbookCommand


class Command(MonthlyWorkbookCommand):
    help = "Build the monthly figures of the home-care stations (XLSX)."

    def filename(self, month: dt.date, community: Community | None) -> str:
        return stations_filename(month, community)

    def build(self, month: dt.date, community: Community | None) -> tuple[bytes, str]:
        content, count = stations_workbook(month, community)
        return content, f"{count} stations"
