"""``python manage.py community_statistics 2026-03 --out stats.xlsx``: the same workbook
the report page and the monthly beat entry build, written to a file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.registry.models import Community
from portal.reports.services import JobError
from portal.reports.statistics import (
    check_month,
    parse_month,
    statistics_filename,
    statistics_workbook,
)


class Command(BaseCommand):
    help = "Build the monthly community statistics workbook (XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("month", help="The month, as YYYY-MM.")
        parser.add_argument(
            "--community", help="A community's name or code; the whole sub-district without it."
        )
        parser.add_argument("--out", type=Path, help="Where to write the file.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_month(options["month"])
            check_month(month)
        except JobError as error:
            raise CommandError(str(error)) from None
        community = None
        if options["community"]:
            community = Community.objects.named(options["community"])
            if community is None:
                raise CommandError(f"No community named or coded {options['community']!r}.")
        out = options["out"] or Path(statistics_filename(month, community))
        out.write_bytes(statistics_workbook(month, community))
        self.stdout.write(f"{out} ({out.stat().st_size:,} bytes)")
