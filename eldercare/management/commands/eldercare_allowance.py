"""``python manage.py eldercare_allowance 2026-03 --out list.xlsx``: the same 高龄津贴
monthly list the report page builds, written to a file."""

import datetime as dt

from eldercare.workbooks import allowance_filename, allowance_workbook
from portal.registry.models import Community
from portal.reports.commands import MonthlyWorkbookCommand


class Command(MonthlyWorkbookCommand):
    help = "Build the monthly old-age allowance list (高龄津贴, XLSX)."

    def filename(self, month: dt.date, community: Community | None) -> str:
        return allowance_filename(month, community)

    def build(self, month: dt.date, community: Community | None) -> tuple[bytes, str]:
        content, count = allowance_workbook(month, community)
        return content, f"{count} elders"
