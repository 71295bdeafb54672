"""Volunteers, pairings and visits: the staff pages (register a volunteer, pair, approve
visits) and the volunteer's own phone page (their pairings, log a visit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eldercare.access import (
    get_elder_for_user,
    get_pairing_for_user,
    get_resident_for_user,
    get_visit_for_user,
)
from eldercare.forms.operations import ElderPairingForm, ElderVisitForm, VolunteerRegisterForm
from eldercare.models import Pairing, Visit, VisitStatus, Volunteer
from eldercare.roles import manager_required
from eldercare.services import volunteers
from eldercare.views import form_page
from portal.core.paging import paginate


@manager_required
@never_cache
@require_GET
def volunteer_list(request: HttpRequest) -> HttpResponse:
    rows = Volunteer.objects.visible_to(request.user).select_related("resident__community")
    page, page_range = paginate(request, rows)
    return render(
        request, "eldercare/volunteer_list.html", {"page_obj": page, "page_range": page_range}
    )


@manager_required
@require_http_methods(["GET", "POST"])
def volunteer_create(request: HttpRequest) -> HttpResponse:
    form = VolunteerRegisterForm(request.POST or None)
    return form_page(
        request,
        form,
        "eldercare/simple_form.html",
        {"title": _("Register a volunteer"), "back": reverse("eldercare:volunteer-list")},
        lambda data: volunteers.volunteer_register(
            resident=get_resident_for_user(request.user, data["resident"]),
            id_number=data["id_number"],
            skills=data["skills"],
            availability=data["availability"],
            by=request.user,
        ),
        done=lambda v: reverse("eldercare:volunteer-list"),
        message=_("The volunteer is registered."),
        fields={"id_mismatch": "id_number", "minor": "resident", "duplicate": "resident"},
    )


@manager_required
@never_cache
@require_GET
def pairing_list(request: HttpRequest) -> HttpResponse:
    """Open pairings and the visits waiting for approval."""
    pairings = (
        Pairing.objects.visible_to(request.user)
        .open()
        .select_related("elder__community", "volunteer__resident", "team")
    )
    page, page_range = paginate(request, pairings)
    waiting = (
        Visit.objects.visible_to(request.user)
        .filter(status=VisitStatus.SUBMITTED)
        .select_related("pairing__elder", "volunteer__resident")[:50]
    )
    return render(
        request,
        "eldercare/pairing_list.html",
        {"page_obj": page, "page_range": page_range, "waiting": waiting},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def pairing_create(request: HttpRequest) -> HttpResponse:
    form = ElderPairingForm(
        request.POST or None,
        user=request.user,
        initial={"elder": request.GET.get("elder", "")[:19]},
    )
    return form_page(
        request,
        form,
        "eldercare/simple_form.html",
        {"title": _("Pair a volunteer with an elder"), "back": reverse("eldercare:pairing-list")},
        lambda data: volunteers.pairing_create(
            elder=get_elder_for_user(request.user, data["elder"]),
            volunteer=data["volunteer"],
            team=data["team"],
            interval_days=data["interval_days"],
            by=request.user,
        ),
        done=lambda p: p.get_absolute_url(),
        message=_("The pairing is recorded."),
        fields={
            "duplicate": "volunteer",
            "carer": "volunteer",
            "inactive": "volunteer",
            "interval": "interval_days",
            "not_elderly": "elder",
        },
    )


@manager_required
@never_cache
@require_GET
def pairing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = get_pairing_for_user(request.user, pk)
    visits = pairing.visits.select_related("volunteer__resident")
    last = visits.counted().first()
    return render(
        request,
        "eldercare/pairing_detail.html",
        {
            "pairing": pairing,
            "visits": visits,
            "next_due": volunteers.next_visit_due(pairing, last.visited_on if last else None),
        },
    )


@manager_required
@require_POST
def pairing_end(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = get_pairing_for_user(request.user, pk)
    try:
        volunteers.pairing_end(pairing=pairing, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The pairing has ended."))
    return redirect(pairing.get_absolute_url())


@manager_required
@require_POST
def visit_decide(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_user(request.user, pk)
    approve = request.POST.get("decision") == "approve"
    try:
        volunteers.visit_decide(visit=visit, approve=approve, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The visit is approved.") if approve else _("The visit is not approved.")
        )
    return redirect("eldercare:pairing-list")


# --- the volunteer's own pages (phone-sized) -------------------------------------------------


def _own_volunteer(request: HttpRequest) -> Volunteer:
    """The signed-in resident's volunteer record; 404 for anyone who is not one."""
    resident_id = getattr(request.user, "resident_id", None)
    volunteer = (
        Volunteer.objects.unscoped().filter(resident_id=resident_id, active=True).first()
        if resident_id
        else None
    )
    if volunteer is None:
        raise Http404("Not a volunteer.")
    return volunteer


def _own_pairings(volunteer: Volunteer):
    from django.db.models import Q

    return (
        Pairing.objects.unscoped()
        .open()
        .filter(Q(volunteer=volunteer) | Q(team__members=volunteer))
        .select_related("elder")
        .distinct()
    )


@login_required
@never_cache
@require_GET
def my_visits(request: HttpRequest) -> HttpResponse:
    volunteer = _own_volunteer(request)
    return render(
        request,
        "eldercare/my_visits.html",
        {
            "volunteer": volunteer,
            "pairings": _own_pairings(volunteer),
            "visits": volunteer.visits.select_related("pairing__elder")[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_log(request: HttpRequest, pk: int) -> HttpResponse:
    """A volunteer logs a visit to one of their paired elders (404 for any other)."""
    volunteer = _own_volunteer(request)
    pairing = _own_pairings(volunteer).filter(pk=pk).first()
    if pairing is None:
        raise Http404("Not your pairing.")
    form = ElderVisitForm(request.POST or None)
    return form_page(
        request,
        form,
        "eldercare/visit_form.html",
        {"pairing": pairing},
        lambda data: volunteers.visit_log(volunteer=volunteer, pairing=pairing, **data),
        done=lambda v: reverse("eldercare:my-visits"),
        message=_("The visit is logged; the community will approve it."),
        fields={
            "future": "visited_on",
            "order": "visited_on",
            "duplicate": "visited_on",
            "hours": "hours",
        },
    )
