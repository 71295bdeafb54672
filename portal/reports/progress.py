"""Pages that show a tracked job: the whole page, or (for htmx's poll) only the part
that moves."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.reports.models import TrackedJob

PROGRESS_TEMPLATE = "reports/includes/job_progress.html"


def render_job(
    request: HttpRequest,
    template: str,
    job: TrackedJob,
    *,
    poll_url: str,
    result_template: str,
    **context: Any,
) -> HttpResponse:
    """``template`` (which includes the progress part) on a normal request; the progress
    part alone when htmx polls, so the poll costs one small query."""
    context.update(job=job, poll_url=poll_url, result_template=result_template)
    if getattr(request, "htmx", False):
        return render(request, PROGRESS_TEMPLATE, context)
    return render(request, template, context)
