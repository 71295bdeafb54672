"""Staff pages of the money side: the standards (救助标准) of each programme, with the form
the sub-district uses to add one, and the monthly payment roster (发放花名册) as a report
job.

Both are for caseworkers (community and sub-district staff). Adding a standard is the
sub-district's (``roles.is_confirmer``): community staff see the history, not the form,
and a POST of theirs is refused with 403. Rosters are asked for within the user's scope;
``report_request`` checks it again.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from assistance import payments, roles
from assistance.forms.standards import RosterCloseForm, RosterRequestForm, StandardForm
from assistance.models import Application, Programme, RosterMonth, Rule, Standard
from assistance.roster import REPORT_KIND, roster_title
from assistance.services import applications as services
from assistance.texts import money_text, month_text
from portal.core.dates import add_months
from portal.core.forms import add_service_error
from portal.core.paging import paginate
from portal.registry.models import RegistrationType
from portal.reports.models import ReportJob
from portal.reports.services import report_request

#: Cases without a payable account the roster page lists by name at most.
UNPAYABLE_SHOWN = 20

# --- standards ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StandardRow:
    standard: Standard
    state: str  # "in_force", "upcoming" or "past"


@dataclass(frozen=True)
class ProgrammeStandards:
    programme: Programme
    rows: list[StandardRow]

    @property
    def has_own_standards(self) -> bool:
        """Temporary assistance is capped by the 低保 standard; medical goes by claims."""
        return self.programme.rule not in (Rule.TEMPORARY, Rule.MEDICAL)


def _in_force_ids(programme: Programme, standards: list[Standard], today: dt.date) -> set[int]:
    """The standards in force today, as ``Standard.objects.in_force`` finds them: per care
    tier and per registration the programme takes, the latest that took effect (a row for
    both registrations counts for each)."""
    registrations = (
        [programme.registration_type] if programme.registration_type else RegistrationType.values
    )
    found = set()
    for tier in {s.care_tier for s in standards}:
        for registration in registrations:
            candidates = [
                s
                for s in standards
                if s.care_tier == tier
                and s.registration_type in (registration, "")
                and s.effective_from <= today
            ]
            if candidates:
                found.add(max(candidates, key=lambda s: (s.effective_from, s.pk)).pk)
    return found


def _programme_standards(today: dt.date) -> list[ProgrammeStandards]:
    programmes = Programme.objects.order_by("position", "pk").prefetch_related(
        Prefetch(
            "standards",
            queryset=Standard.objects.order_by(
                "registration_type", "care_tier", "-effective_from", "-pk"
            ),
        )
    )
    result = []
    for programme in programmes:
        standards = list(programme.standards.all())
        in_force = _in_force_ids(programme, standards, today)
        rows = [
            StandardRow(
                standard=s,
                state="in_force"
                if s.pk in in_force
                else ("upcoming" if s.effective_from > today else "past"),
            )
            for s in standards
        ]
        result.append(ProgrammeStandards(programme=programme, rows=rows))
    return result


@roles.caseworker_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def standard_list(request: HttpRequest) -> HttpResponse:
    """Every programme with its standards, newest first, the ones in force today marked;
    for the sub-district, the form that adds a standard (then the amounts of households
    in payment are recomputed in the background)."""
    user = request.user
    may_add = roles.is_confirmer(user)
    if request.method == "POST" and not may_add:
        raise PermissionDenied
    form = StandardForm(request.POST or None) if may_add else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            standard = services.standard_add(by=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "The standard of %(programme)s from %(month)s is added. The amounts of "
                    "the households it concerns are being recomputed."
                )
                % {"programme": standard.programme, "month": f"{standard.effective_from:%Y-%m}"},
            )
            return redirect("assistance:standard-list")
    today = timezone.localdate()
    return render(
        request,
        "assistance/standard_list.html",
        {
            "programmes": _programme_standards(today),
            "form": form,
            "today": today,
        },
    )


# --- roster ------------------------------------------------------------------------------------


@roles.caseworker_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def roster_request(request: HttpRequest) -> HttpResponse:
    """Ask for a month's payment roster (for a community, or the whole sub-district for
    sub-district roles), then follow it on the report's page; below, the rosters the user
    may download, and the cases in payment the bank cannot pay (no normal account)."""
    user = request.user
    form = RosterRequestForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        month, community = form.cleaned_data["month"], form.cleaned_data["community"]
        job = report_request(
            kind=REPORT_KIND,
            user=user,
            community=community,
            params={"month": f"{month:%Y-%m}"},
            selection=form.describe(),
            title=roster_title(month, community),
            full_identity=bool(form.cleaned_data.get("full_identity")),
        )
        return redirect(job)
    jobs = (
        ReportJob.objects.downloadable_by(user)
        .filter(kind=REPORT_KIND)
        .select_related("requested_by")
        .order_by("-created_at", "-pk")
    )
    page, page_range = paginate(request, jobs)
    closed_months = list(RosterMonth.objects.select_related("closed_by")[:6])
    first_unpaid = (
        add_months(closed_months[0].month, 1)
        if closed_months
        else timezone.localdate().replace(day=1)
    )
    closing = RosterCloseForm(initial={"month": f"{first_unpaid:%Y-%m}"}, prefix="close")
    unpayable = list(
        Application.objects.visible_to(user)
        .without_payable_account()
        .for_list()
        .order_by("household__community__name", "certificate_number", "pk")[: UNPAYABLE_SHOWN + 1]
    )
    return render(
        request,
        "assistance/roster.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page_range,
            "unpayable": unpayable[:UNPAYABLE_SHOWN],
            "more_unpayable": len(unpayable) > UNPAYABLE_SHOWN,
            "closing": closing if roles.is_confirmer(user) else None,
            "closed_months": closed_months,
            "first_unpaid": first_unpaid,
        },
    )


@require_POST
@roles.confirmer_required
def roster_close(request: HttpRequest) -> HttpResponse:
    """Close a paid month's roster (sub-district staff): its amounts are then fixed and
    later changes pay from the next month. Refused with the reason for a month closed
    already, out of order or not begun."""
    form = RosterCloseForm(request.POST, prefix="close")
    if form.is_valid():
        try:
            roster = payments.roster_close(month=form.cleaned_data["month"], by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The roster of %(month)s is closed: %(count)s households, %(total)s.")
                % {
                    "month": month_text(roster.month),
                    "count": roster.households,
                    "total": money_text(roster.total),
                },
            )
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("assistance:roster")
