"""The shape every "build this month's workbook" management command shares: a YYYY-MM
month that has begun, an optional community by name or code, and where to write."""

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.core.jobs import JobError
from portal.registry.models import Community
from portal.reports.statistics import check_month, parse_month


class MonthlyWorkbookCommand(BaseCommand):
    """Subclasses say how to name the file and what to write into it."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("month", help="The month, as YYYY-MM.")
        parser.add_argument(
            "--community", help="A community's name or code; the whole sub-district without it."
        )
        parser.add_argument("--out", type=Path, help="Where to write the file.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_month(options["month"])
            self.check_month(month)
        except JobError as error:
            raise CommandError(str(error)) from None
        community = None
        if options["community"]:
            community = Community.objects.named(options["community"])
            if community is None:
                raise CommandError(f"No community named or coded {options['community']!r}.")
        out = options["out"] or Path(self.filename(month, community))
        content, summary = self.build(month, community)
        out.write_bytes(content)
        self.stdout.write(f"{out}: {summary} ({out.stat().st_size:,} bytes)")

    def check_month(self, month: dt.date) -> None:
        """Refuse (``JobError``) a month the workbook cannot be built for: by default one
        not begun. A subclass whose page accepts other months says so here, so that the
        command and the page follow one rule."""
        check_month(month)

    def filename(self, month: dt.date, community: Community | None) -> str:
        raise NotImplementedError

    def build(self, month: dt.date, community: Community | None) -> tuple[bytes, str]:
        """The workbook's bytes and a few words on what it holds."""
        raise NotImplementedError
