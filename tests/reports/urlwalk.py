"""The reports app's part of the URL walk (collected by tests/security/urlwalk.py)."""

from types import SimpleNamespace
from typing import Any

from portal.core.jobs import JobStatus
from portal.reports.models import ReportJob

ARGUMENTS = {
    "reports:job-detail": lambda o: {"pk": o.report.pk},
    "reports:job-download": lambda o: {"pk": o.report.pk},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    """A finished statistics report requested by community A's staff member."""
    report = ReportJob.objects.create(
        kind="community_statistics",
        title="社区统计 2026-03 · 东南",
        community=o.community,
        params={"month": "2026-03"},
        requested_by=o.staff,
        status=JobStatus.DONE,
    )
    return {"report": report}
