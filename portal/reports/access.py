"""The permission-checked fetcher of the report pages."""

from typing import Any

from portal.accounts.scoping import get_visible_or_404
from portal.reports.models import ReportJob


def get_report_for_user(user: Any, pk: int) -> ReportJob:
    """Report ``pk`` if ``user`` may open it, else 404 (and a security log line): within
    their scope, of a kind their role may ask for (the rule its app registers, the same for
    the request and the download), and with full ID numbers only for roles that see them."""
    jobs = ReportJob.objects.select_related("community", "requested_by")
    return get_visible_or_404(jobs.kinds_allowed_for(user).identity_allowed_for(user), user, pk=pk)
