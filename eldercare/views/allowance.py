"""The 高龄津贴 pages: the monthly list (the report kind's rows, on a page), enrolment and
stop on death."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from eldercare.access import get_elder_for_user, get_enrolment_for_user
from eldercare.forms.operations import EnrolmentForm, MonthForm, StopForm
from eldercare.models import Enrolment
from eldercare.roles import manager_required
from eldercare.services import allowance
from eldercare.views import form_page
from eldercare.views.care import _month


@manager_required
@never_cache
@require_GET
def allowance_list(request: HttpRequest) -> HttpResponse:
    """The month's list in the user's scope: two queries (the table, the enrolments)."""
    form = MonthForm(request.GET)
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
    form = EnrolmentForm(
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
    form = StopForm(request.POST or None)
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
