"""The 高龄津贴 pages: the monthly list (the report kind's rows, on a page), enrolment and
stop on death."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eldercare.access import get_elder_for_user, get_enrolment_for_user
from eldercare.forms.operations import AllowanceEnrolmentForm, AllowanceStopForm, CareMonthForm
from eldercare.models import Enrolment
from eldercare.roles import manager_required
from eldercare.services import allowance
from eldercare.views import form_page
from eldercare.views.care import _month
from portal.core.dates import parse_month
from portal.reports.services import report_request


@manager_required
@never_cache
@require_GET
def allowance_list(request: HttpRequest) -> HttpResponse:
    """The month's list in the user's scope: two queries (the table, the enrolments)."""
    form = CareMonthForm(request.GET)
    month = _month(form)
    rows = allowance.allowance_rows(month, Enrolment.objects.visible_to(request.user))
    total = sum((r.amount for r in rows), allowance.ZERO)
    recover = sum((r.recover_amount for r in rows), allowance.ZERO)
    return render(
        request,
        "eldercare/allowance_list.html",
        {"form": form, "rows": rows, "month": month, "total": total, "recover": recover},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def enrolment_create(request: HttpRequest) -> HttpResponse:
    form = AllowanceEnrolmentForm(
        request.POST or None, initial={"resident": request.GET.get("resident", "")[:19]}
    )
    return form_page(
        request,
        form,
        "eldercare/simple_form.html",
        {
            "title": _("Put an elder on the old-age allowance list"),
            "back": reverse("eldercare:allowance-list"),
        },
        lambda data: allowance.enrolment_create(
            resident=get_elder_for_user(request.user, data["resident"]),
            applied_on=data["applied_on"],
            by=request.user,
        ),
        done=lambda e: reverse("eldercare:elder-detail", args=[e.resident_id]),
        message=_("The elder is on the list."),
        fields={"not_eligible": "resident", "duplicate": "resident", "future": "applied_on"},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def enrolment_stop(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, pk)
    form = AllowanceStopForm(request.POST or None)
    return form_page(
        request,
        form,
        "eldercare/simple_form.html",
        {
            "title": _("Stop the allowance of %(name)s") % {"name": enrolment.resident.name},
            "back": reverse("eldercare:elder-detail", args=[enrolment.resident_id]),
            "consequence": _(
                "The allowance stops after the month of death; the months paid after it "
                "are listed for recovery."
            ),
        },
        lambda data: allowance.enrolment_stop(
            enrolment=enrolment, died_on=data["died_on"], by=request.user
        ),
        done=lambda e: reverse("eldercare:elder-detail", args=[e.resident_id]),
        message=_("The allowance is stopped."),
        fields={"future": "died_on", "order": "died_on"},
    )


#: The workbooks a page may ask for: kind → (title, the page to return to).
WORKBOOKS = {
    "eldercare_allowance": (
        gettext_lazy("Old-age allowance list %(month)s · %(scope)s"),
        "eldercare:allowance-list",
    ),
    "eldercare_stations": (
        gettext_lazy("Home-care stations %(month)s · %(scope)s"),
        "eldercare:station-figures",
    ),
}


@manager_required
@require_POST
def workbook_request(request: HttpRequest) -> HttpResponse:
    """Queue the workbook of one month (the user's community, or the whole sub-district
    for sub-district staff) and go to the job's page."""
    kind = request.POST.get("kind", "")
    if kind not in WORKBOOKS:
        raise Http404("No such workbook.")
    title, back = WORKBOOKS[kind]
    try:
        month = parse_month(request.POST.get("month", ""))
    except ValueError:
        month = None
    if month is None or not 2000 <= month.year <= 2100:
        messages.error(request, _("Give the month as YYYY-MM, for example 2026-03."))
        return redirect(back)
    community = None if request.user.sees_all_communities else request.user.community
    scope = community.name if community else _("Whole sub-district")
    job = report_request(
        kind=kind,
        user=request.user,
        community=community,
        params={"month": f"{month:%Y-%m}"},
        title=str(title) % {"month": f"{month:%Y-%m}", "scope": scope},
    )
    return redirect(job)
