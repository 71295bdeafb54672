"""Asking for reports, and building them.

``report_request`` checks who may ask for what before anything is queued; the build
runs through ``portal.core.jobs.run_job`` like every tracked job.
"""

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.core import hooks
from portal.core.dates import add_months
from portal.core.jobs import BuiltFile, JobStatus, run_job
from portal.reports.models import ReportJob

log = logging.getLogger(__name__)
audit_log = logging.getLogger("portal.audit")

#: The kernel's own report kinds (registered in the configs of portal.reports and
#: portal.registry).
COMMUNITY_STATISTICS = "community_statistics"
RESIDENT_EXPORT = "resident_export"


# --- reports ---------------------------------------------------------------------------------


def report_request(
    *,
    kind: str,
    user: Any,
    title: str,
    community: Any = None,
    params: dict | None = None,
    selection: str = "",
    full_identity: bool = False,
) -> ReportJob:
    """Queue a report of ``kind`` for ``community`` (None: the whole sub-district) after
    checking that ``user`` may see it; it is built after the current transaction commits.
    ``selection`` says in words what was chosen (the filter), for the page and the record.

    Raises ``hooks.UnknownKind`` for a kind no installed app registers, and
    ``PermissionDenied`` when the kind's rule (the same that guards its download), the
    community scope or the full-identity rule refuses ``user``."""
    spec = hooks.report_kind(kind)
    if not hooks.allows(spec.allowed, user):
        raise PermissionDenied("This role may not ask for this kind of report.")
    if community is None and not user.sees_all_communities:
        raise PermissionDenied("Only sub-district roles may ask for the whole sub-district.")
    if community is not None and not (
        type(community)._default_manager.visible_to(user).filter(pk=community.pk).exists()
    ):
        raise PermissionDenied("This community is outside the user's scope.")
    if full_identity and not user.can_see_full_identity:
        raise PermissionDenied("This role may not see full ID and phone numbers.")
    from portal.reports.tasks import report_build_task

    job = ReportJob.objects.create(
        kind=kind,
        title=title,
        community=community,
        params=params or {},
        selection=selection[:500],
        full_identity=full_identity,
        requested_by=user,
    )
    audit_log.info(
        "report requested: user=%s job=%s kind=%s community=%s full_identity=%s",
        getattr(user, "pk", None),
        job.pk,
        kind,
        getattr(community, "pk", None),
        full_identity,
    )
    report_build_task.delay_on_commit(job.pk)
    return job


def monthly_statistics_queue(today: dt.date | None = None) -> list[int]:
    """Queue last month's statistics for the whole sub-district and for each community,
    unless they were built already (beat may fire twice); returns the new job ids."""
    from portal.registry.models import Community
    from portal.reports.statistics import statistics_title
    from portal.reports.tasks import report_build_task

    today = today or timezone.localdate()
    month = add_months(today, -1)
    params = {"month": month.strftime("%Y-%m")}
    queued = []
    for community in [None, *Community.objects.order_by("code", "name")]:
        job, created = ReportJob.objects.exclude(status=JobStatus.FAILED).get_or_create(
            kind=COMMUNITY_STATISTICS,
            community=community,
            params=params,
            requested_by=None,
            defaults={"title": statistics_title(month, community)},
        )
        if created:
            report_build_task.delay_on_commit(job.pk)
            queued.append(job.pk)
    return queued


def report_build(job_id: int) -> ReportJob | None:
    """Build report ``job_id`` and keep the file (run by the Celery task)."""
    return run_job(ReportJob, job_id, _build)


def _build(job: ReportJob) -> None:
    builder = hooks.resolve(hooks.report_kind(job.kind).builder)
    built: BuiltFile = builder(job)
    if job.file:
        job.file.delete(save=False)  # a rerun after a worker died replaces the file
    job.file.save(built.filename, ContentFile(built.content), save=False)
    job.finish(filename=built.filename, row_count=built.row_count)
