"""``python manage.py assistance_roster 2026-03 --out roster.xlsx``: the same payment
roster the report page builds, written to a file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assistance.roster import check_roster_month, roster_filename, roster_workbook
from portal.registry.models import Community
from portal.reports.services import JobError
from portal.reports.statistics import parse_month


class Command(BaseCommand):
    help = "Build the monthly assistance payment roster (发放花名册, XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("month", help="The month, as YYYY-MM.")
        parser.add_argument(
            "--community", help="A community's name or code; the whole sub-district without it."
        )
        parser.add_argument("--out", type=Path, help="Where to write the file.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_month(options["month"])
            check_roster_month(month)
        except JobError as error:
            raise CommandError(str(error)) from None
        community = None
        if options["community"]:
            community = Community.objects.named(options["community"])
            if community is None:
                raise CommandError(f"No community named or coded {options['community']!r}.")
        out = options["out"] or Path(roster_filename(month, community))
        content, count = roster_workbook(month, community)
        out.write_bytes(content)
        self.stdout.write(f"{out}: {count} households ({out.stat().st_size:,} bytes)")
