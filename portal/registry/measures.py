"""The registry's work-plan measures: spreadsheet imports written to the registry (次)
and the residents they added (人), counted by the day the import finished.

``community``: imports uploaded for that community; None: every import.
"""

import datetime as dt
from typing import Any

from django.db.models import Sum

from portal.core.dates import local_datetime
from portal.core.jobs import JobStatus
from portal.registry.models import ImportPhase, RegistryImport


def _imports(start: dt.date, end: dt.date, community: Any):
    imports = RegistryImport.objects.unscoped().filter(
        phase=ImportPhase.COMMITTED,
        status=JobStatus.DONE,
        finished_at__gte=local_datetime(start),
        finished_at__lt=local_datetime(end + dt.timedelta(days=1)),
    )
    if community is not None:
        imports = imports.filter(community=community)
    return imports


def count_imports(*, start: dt.date, end: dt.date, community: Any = None, option: str = "") -> int:
    return _imports(start, end, community).count()


def count_imported_residents(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    return _imports(start, end, community).aggregate(n=Sum("residents_created"))["n"] or 0
