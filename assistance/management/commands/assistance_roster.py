"""``python manage.py assistance_roster 2026-03 --out roster.xlsx``: the same payment
roster the report page builds, written to a file."""

import datetime as dt

from assistance.roster import roster_filename, roster_workbook
from portal.registry.models import Community
from portal.reports.commands import MonthlyWorkbookCommand


class Command(MonthlyWorkbookCommand):
    help = "Build the monthly assistance payment roster (发放花名册, XLSX)."

    def filename(self, month: dt.date, community: Community | None) -> str:
        return roster_filename(month, community)

    def build(self, month: dt.date, community: Community | None) -> tuple[bytes, str]:
        content, count = roster_workbook(month, community)
        return content, f"{count} households"
