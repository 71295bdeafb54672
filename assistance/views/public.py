"""A resident's own assistance pages: asking for temporary assistance online and
following their household's applications.

Residents need an account linked to their registry record (and that record to a
household); the pages explain how otherwise. Staff have no household of their own here:
caseworkers are sent to the staff pages, other roles get 403. Residents see their own
household's applications only, with the steps' names and dates, never who took them.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from assistance.forms.standards import TemporaryRequestForm
from assistance.models import (
    BENEFIT_STATUSES,
    Application,
    Channel,
    Entitlement,
    Status,
    Step,
)
from assistance.roles import is_caseworker
from assistance.services import applications as services
from portal.core.forms import add_service_error
from portal.registry.models import Household

#: Statuses in which the household is told the amount decided.
AMOUNT_STATUSES = BENEFIT_STATUSES | {Status.PAID}


def _staff_elsewhere(request: HttpRequest, to: str) -> HttpResponse:
    """Staff have no household here: caseworkers go to the staff page, others get 403."""
    if not is_caseworker(request.user):
        raise PermissionDenied
    messages.info(request, _("Staff enter and follow applications on the staff pages."))
    return redirect(to)


def _household_of(user: Any) -> Household | None:
    """The household of the user's registry record, with its community (one query)."""
    if user.resident_id is None:
        return None
    return Household.objects.select_related("community").filter(members=user.resident_id).first()


def _link_url(back: str) -> str:
    return f"{reverse('accounts:link')}?{urlencode({'next': back})}"


@never_cache
@require_http_methods(["GET", "POST"])
def temporary_request(request: HttpRequest) -> HttpResponse:
    """A resident asks for temporary assistance (临时救助) for their own household. The
    request reaches the household's community as an online application (已申请)."""
    user = request.user
    if user.is_portal_staff:
        return _staff_elsewhere(request, "assistance:application-create")
    household = _household_of(user)
    if household is None:
        return render(
            request,
            "assistance/temporary_request.html",
            {
                "linked": user.resident_id is not None,
                "link_url": _link_url(request.path),
            },
        )
    form = TemporaryRequestForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(
                household=household,
                programme=form.cleaned_data["programme"],
                by=user,
                reason=form.cleaned_data["reason"],
                requested_amount=form.cleaned_data["requested_amount"],
                channel=Channel.ONLINE,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent to %(community)s. Staff will contact you; "
                    "you can follow it on this page."
                )
                % {"community": household.community.full_name},
            )
            return redirect("assistance:my-applications")
    return render(
        request,
        "assistance/temporary_request.html",
        {"linked": True, "household": household, "form": form},
    )


@dataclass(frozen=True)
class StepRow:
    label: str
    at: dt.datetime


@dataclass(frozen=True)
class ApplicationRow:
    """One application as the household sees it: no staff names, no opinions."""

    pk: int
    programme: str
    submitted_at: dt.datetime
    status: str
    status_label: str
    amount: Decimal | None
    one_off: bool
    pays_from: dt.date | None
    steps: list[StepRow]


def _amount(application: Application, today: dt.date) -> Entitlement | None:
    """The entitlement paid this month, else the first one to come (confirmed, paid
    from next month), from the prefetched rows (ordered by payment month)."""
    if application.status not in AMOUNT_STATUSES:
        return None
    entitlements = list(application.entitlements.all())
    paid = [e for e in entitlements if e.pays_from <= today]
    if paid:
        return paid[-1]
    return entitlements[0] if entitlements else None


@never_cache
@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    """The applications of the resident's household, newest first, with each step's name
    and date and, once confirmed, the amount."""
    user = request.user
    if user.is_portal_staff:
        return _staff_elsewhere(request, "assistance:application-list")
    household = _household_of(user)
    rows: list[ApplicationRow] = []
    if household is not None:
        applications = (
            Application.objects.filter(household=household)
            .select_related("programme")
            .prefetch_related(
                Prefetch(
                    "steps",
                    queryset=Step.objects.only(
                        "application_id", "from_status", "to_status", "at"
                    ).order_by("at", "pk"),
                ),
                Prefetch(
                    "entitlements",
                    queryset=Entitlement.objects.only(
                        "application_id", "pays_from", "monthly_amount", "one_off", "decided_at"
                    ).order_by("pays_from", "decided_at", "pk"),
                ),
            )
            .order_by("-submitted_at", "-pk")
        )
        today = timezone.localdate()
        for application in applications:
            entitlement = _amount(application, today)
            rows.append(
                ApplicationRow(
                    pk=application.pk,
                    programme=application.programme.name,
                    submitted_at=application.submitted_at,
                    status=application.status,
                    status_label=application.get_status_display(),
                    amount=entitlement.monthly_amount if entitlement else None,
                    one_off=entitlement.one_off if entitlement else False,
                    pays_from=entitlement.pays_from if entitlement else None,
                    steps=[StepRow(step.label, step.at) for step in application.steps.all()],
                )
            )
    return render(
        request,
        "assistance/my_applications.html",
        {
            "linked": user.resident_id is not None,
            "household": household,
            "applications": rows,
            "link_url": _link_url(request.path),
        },
    )
