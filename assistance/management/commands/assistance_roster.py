"""``python manage.py assistance_roster 2026-03 --out roster.xlsx``: the same payment
roster the report page builds, written to a file, for the same months (up to next
month, :func:`assistance.roster.check_roster_month`)."""

import datetime as dt

from django.core.exceptions import ValidationError

from assistance.roster import check_roster_month, roster_filename, roster_workbook
from portal.core.jobs import JobError
from portal.registry.models import Community
from portal.reports.commands import MonthlyWorkbookCommand


class Command(MonthlyWorkbookCommand):
    help = "Build the monthly assistance payment roster (发放花名册, XLSX)."

    def check_month(self, month: dt.date) -> None:
        """The roster page's rule: up to next month (prepared ahead for the bank)."""
        try:
            check_roster_month(month)
        except ValidationError as error:
            raise JobError(error.messages[0]) from None

    def filename(self, month: dt.date, community: Community | None) -> str:
        return roster_filename(month, community)

    def build(self, month: dt.date, community: Community | None) -> tuple[bytes, str]:
        content, count = roster_workbook(month, community)
        return content, f"{count} households"
