"""The office side of the health app: the home page, teams, contracts, timetables and
bookings. For family doctors, community staff and sub-district staff
(``health.roles.office_required``); every query starts from ``visible_to`` and single
records come through ``health.access`` (another community's record is a 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from health.access import (
    get_booking_for_user,
    get_contract_for_user,
    get_team_for_user,
    get_timetable_for_user,
)
from health.forms.office import (
    BookingFilterForm,
    ContractConfirmForm,
    ContractEndForm,
    ContractFilterForm,
    ContractSignForm,
    DayOffForm,
    StaffBookingForm,
    TimetableForm,
)
from health.models import Booking, Contract, ContractStatus, Slot, Team, TeamMember, Timetable
from health.roles import is_clinician, office_required
from health.services import appointments, contracts
from portal.core.forms import add_service_error
from portal.core.http import int_or_404
from portal.core.paging import paginate

CONTRACT_ERROR_FIELDS = {
    "duplicate": "resident",
    "wrong_community": "team",
    "bad_date": "starts_on",
    "bad_reason": "reason",
}


def _refused(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@office_required
@never_cache
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The app's start page: the teams of the viewer's scope and the pages of each area."""
    teams = Team.objects.visible_to(request.user).select_related("facility", "community")
    return render(
        request,
        "health/home.html",
        {"teams": teams, "clinician": is_clinician(request.user)},
    )


# --- teams ---


@office_required
@never_cache
@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    """Teams with their facility, members and number of contracts in force.
    Queries: the teams with counts (1), their members (1)."""
    teams = (
        Team.objects.visible_to(request.user)
        .select_related("facility", "community")
        .annotate(
            in_force=Count(
                "contracts",
                filter=Q(contracts__status__in=[ContractStatus.ACTIVE, ContractStatus.RENEWAL_DUE]),
            )
        )
        .prefetch_related(Prefetch("members", queryset=TeamMember.objects.order_by("role", "name")))
        .order_by("community", "name")
    )
    return render(request, "health/team_list.html", {"teams": teams})


@office_required
@never_cache
@require_GET
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request.user, pk)
    return render(
        request,
        "health/team_detail.html",
        {
            "team": team,
            "members": team.members.order_by("role", "name"),
            "compounds": team.compounds.all(),
            "missing": team.missing_roles(),
        },
    )


# --- contracts ---


@office_required
@never_cache
@require_GET
def contract_list(request: HttpRequest) -> HttpResponse:
    """Contracts, newest first, by status and the resident's name.
    Queries: count (1), page with resident and team (1)."""
    form = ContractFilterForm(request.GET)
    filters = form.filters()
    contract_rows = Contract.objects.visible_to(request.user).select_related("resident", "team")
    if filters.get("status"):
        contract_rows = contract_rows.filter(status=filters["status"])
    if filters.get("q"):
        contract_rows = contract_rows.filter(resident__name__icontains=filters["q"])
    page, page_range = paginate(request, contract_rows.order_by("-created_at", "-pk"))
    return render(
        request,
        "health/contract_list.html",
        {"form": form, "page_obj": page, "page_range": page_range},
    )


@office_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contract_create(request: HttpRequest) -> HttpResponse:
    """Sign a resident with a team (``?resident=`` preselects one, from the overdue list)."""
    initial = {"starts_on": timezone.localdate()}
    if request.GET.get("resident"):
        initial["resident"] = int_or_404(request.GET["resident"])
    form = ContractSignForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contract = contracts.contract_sign(
                resident=form.cleaned_data["resident"],
                team=form.cleaned_data["team"],
                starts_on=form.cleaned_data["starts_on"],
                package=form.cleaned_data["package"],
                declared_groups=tuple(form.cleaned_data["declared_groups"]),
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error, CONTRACT_ERROR_FIELDS)
        else:
            messages.success(request, _("The contract is signed."))
            return redirect(contract)
    return render(
        request, "health/form.html", {"form": form, "heading": _("Sign a family-doctor contract")}
    )


@office_required
@never_cache
@require_GET
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_user(request.user, pk)
    return render(
        request,
        "health/contract_detail.html",
        {
            "contract": contract,
            "confirm_form": ContractConfirmForm(initial={"starts_on": timezone.localdate()}),
            # Masked: the contract page has no need of the full number (domain-rules §7.3).
            "id_number": contract.resident.masked_id_number,
        },
    )


@office_required
@require_POST
def contract_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_user(request.user, pk)
    form = ContractConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid start date."))
        return redirect(contract)
    try:
        contracts.contract_confirm(
            contract=contract, starts_on=form.cleaned_data["starts_on"], by=request.user
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The contract is confirmed."))
    return redirect(contract)


@office_required
@require_POST
def contract_decline(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_user(request.user, pk)
    try:
        contracts.contract_decline(contract=contract, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The request is declined."))
    return redirect(contract)


@office_required
@require_POST
def contract_renew(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_user(request.user, pk)
    try:
        renewed = contracts.contract_renew(contract=contract, by=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect(contract)
    messages.success(request, _("The contract is renewed for another year."))
    return redirect(renewed)


@office_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contract_end(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_user(request.user, pk)
    form = ContractEndForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            contracts.contract_end_early(
                contract=contract,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["on"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error, {"bad_date": "on", "bad_reason": "reason"})
        else:
            messages.success(request, _("The contract has ended."))
            return redirect(contract)
    return render(
        request,
        "health/form.html",
        {
            "form": form,
            "heading": _("End the contract of %(name)s") % {"name": contract.resident.name},
            "consequence": _(
                "The resident no longer has a family doctor; they may sign with a team again."
            ),
        },
    )


# --- timetables and bookings ---


@office_required
@never_cache
@require_GET
def timetable_list(request: HttpRequest) -> HttpResponse:
    """Queries: the timetables with facility and doctor (1)."""
    timetables = (
        Timetable.objects.visible_to(request.user)
        .select_related("facility", "doctor")
        .order_by("facility__name", "service", "pk")
    )
    return render(request, "health/timetable_list.html", {"timetables": timetables})


@office_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def timetable_create(request: HttpRequest) -> HttpResponse:
    form = TimetableForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        timetable = form.save()
        appointments.slots_open(timetable=timetable)
        messages.success(request, _("The timetable is saved and its slots are open."))
        return redirect(timetable)
    return render(request, "health/form.html", {"form": form, "heading": _("New timetable")})


@office_required
@never_cache
@require_GET
def timetable_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The coming slots with their places and bookings."""
    timetable = get_timetable_for_user(request.user, pk)
    slots = timetable.slots.filter(ends_at__gte=timezone.now()).order_by("starts_at")[:200]
    return render(
        request,
        "health/timetable_detail.html",
        {
            "timetable": timetable,
            "slots": slots,
            "exceptions": timetable.exceptions.all(),
            "day_off_url": reverse("health:timetable-day-off", args=[timetable.pk]),
        },
    )


@office_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def timetable_day_off(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the timetable for a day; the day's bookings are cancelled and told."""
    timetable = get_timetable_for_user(request.user, pk)
    form = DayOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancelled = appointments.timetable_day_off(
                timetable=timetable, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error, {"past": "day", "duplicate": "day"})
        else:
            messages.success(
                request,
                _("The day is closed; %(count)s bookings were cancelled and told.")
                % {"count": cancelled},
            )
            return redirect(timetable)
    return render(
        request,
        "health/form.html",
        {
            "form": form,
            "heading": _("Close %(timetable)s for a day") % {"timetable": timetable},
            "consequence": _(
                "Every booking of that day is cancelled and the residents are told to book "
                "another time."
            ),
        },
    )


@office_required
@require_POST
def timetable_open(request: HttpRequest, pk: int) -> HttpResponse:
    timetable = get_timetable_for_user(request.user, pk)
    created = appointments.slots_open(timetable=timetable)
    messages.success(request, _("%(count)s new slots opened.") % {"count": created})
    return redirect(timetable)


@office_required
@never_cache
@require_GET
def booking_list(request: HttpRequest) -> HttpResponse:
    """A day's bookings (today by default). Queries: count (1), page (1)."""
    form = BookingFilterForm(request.GET)
    filters = form.filters()
    day = filters.get("day") or timezone.localdate()
    bookings = (
        Booking.objects.visible_to(request.user)
        .filter(day=day)
        .select_related("slot__timetable__facility", "resident")
        .order_by("slot__starts_at", "pk")
    )
    if filters.get("service"):
        bookings = bookings.filter(service=filters["service"])
    page, page_range = paginate(request, bookings)
    return render(
        request,
        "health/booking_list.html",
        {"form": form, "page_obj": page, "page_range": page_range, "day": day},
    )


@office_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def booking_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff book a slot on a resident's behalf (until the slot starts)."""
    from portal.accounts.scoping import get_visible_or_404

    slot = get_visible_or_404(
        Slot.objects.select_related("timetable__facility"), request.user, pk=pk
    )
    form = StaffBookingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            appointments.booking_create(
                slot=slot, resident=form.cleaned_data["resident"], by=request.user, on_behalf=True
            )
        except ValidationError as error:
            add_service_error(form, error, {"duplicate": "resident"})
        else:
            messages.success(request, _("The booking is made."))
            return redirect(slot.timetable)
    return render(
        request,
        "health/form.html",
        {"form": form, "heading": _("Book %(slot)s") % {"slot": slot}},
    )


@office_required
@require_POST
def booking_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_user(request.user, pk)
    try:
        appointments.booking_check_in(booking=booking, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Checked in."))
    return redirect(f"{_booking_list_url()}?day={booking.day.isoformat()}")


@office_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_user(request.user, pk)
    try:
        appointments.booking_cancel(booking=booking, by=request.user, by_staff=True)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The booking is cancelled; the place is free again."))
    return redirect(f"{_booking_list_url()}?day={booking.day.isoformat()}")


def _booking_list_url() -> str:
    return reverse("health:booking-list")
