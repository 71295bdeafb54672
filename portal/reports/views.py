"""Staff pages of the report jobs: ask for a workbook, watch it being built, download it.

A job is seen and downloaded by staff whose scope covers its community (sub-district
roles for sub-district-wide ones); a file with full ID and phone numbers only by the
roles that may see those. Anyone else gets a 404.
"""

import logging

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal.accounts.access import staff_required
from portal.core.jobs import JobStatus, render_job
from portal.core.paging import paginate
from portal.reports.access import get_report_for_user
from portal.reports.forms import StatisticsRequestForm
from portal.reports.models import ReportJob
from portal.reports.services import COMMUNITY_STATISTICS, report_request
from portal.reports.statistics import statistics_title

audit_log = logging.getLogger("portal.audit")


@staff_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def job_list(request: HttpRequest) -> HttpResponse:
    """The reports the user may open, newest first, and the form that asks for the
    monthly statistics workbook."""
    user = request.user
    form = StatisticsRequestForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        month, community = form.cleaned_data["month"], form.cleaned_data["community"]
        job = report_request(
            kind=COMMUNITY_STATISTICS,
            user=user,
            community=community,
            params={"month": month.strftime("%Y-%m")},
            selection=form.describe(),
            title=statistics_title(month, community),
        )
        return redirect(job)
    jobs = ReportJob.objects.downloadable_by(user).select_related("community", "requested_by")
    page, page_range = paginate(request, jobs)
    return render(
        request,
        "reports/job_list.html",
        {"form": form, "page_obj": page, "page_range": page_range},
    )


@staff_required
@never_cache
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One report: a progress bar while it is built (polled by htmx), then the link."""
    job = get_report_for_user(request.user, pk)
    return render_job(
        request,
        "reports/job_detail.html",
        job,
        poll_url=job.get_absolute_url(),
        result_template="reports/includes/job_result.html",
    )


@staff_required
@never_cache
@require_GET
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The built workbook, as an attachment; every download is written to the audit log."""
    job = get_report_for_user(request.user, pk)
    if job.status != JobStatus.DONE or not job.file:
        messages.error(request, _("This report has no file to download yet."))
        return redirect(job)
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404("The report's file is gone.") from None
    audit_log.info(
        "report downloaded: user=%s job=%s kind=%s full_identity=%s",
        request.user.pk,
        job.pk,
        job.kind,
        job.full_identity,
    )
    return FileResponse(handle, as_attachment=True, filename=job.filename)
