"""The reports app's part of the URL walk (collected by tests/security/urlwalk.py)."""

from types import SimpleNamespace
from typing import Any

from portal.reports.models import JobStatus, ReportJob, ReportKind

ARGUMENTS = {
    "reports:job-detail": lambda o: {"pk": o.report.pk},
    "reports:job-download": lambda o: {"pk": o.report.pk},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    """A finished statistics report requested by community A's staff member."""
    report = ReportJob.objects.create(
        kind=ReportKind.COMMUNITY_STATISTICS,
        title="社区统计 2026-03 · 东南",
        community=o.community,
        params={"month": "2026-03"},
        requested_by=o.staff,
        status=JobStatus.DONE,
    )
    return {"report": report}
