"""A resident's own health pages (signed in, linked to the registry): booking a time slot
at their community's facilities, "我的预约" (with cancelling until the cut-off), and
asking a family-doctor team for a contract. Staff are sent to the staff pages. No health
record is shown here: a booking says when and where, nothing more."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from health.forms.public import ContractRequestForm
from health.models import Booking, BookingStatus, Contract, Service, Slot
from health.roles import is_health_office
from health.services import appointments, contracts
from portal.core.forms import add_service_error
from portal.registry.models import Resident

#: Services residents book themselves (vaccinations are booked by the clinic).
PUBLIC_SERVICES = (
    Service.GENERAL,
    Service.CHRONIC,
    Service.CHILD_CHECK,
    Service.ELDERLY_CHECK,
    Service.IMMUNISATION,
)


def _resident_of(request: HttpRequest) -> Resident | None:
    user = request.user
    if user.is_portal_staff:
        if not is_health_office(user):
            raise PermissionDenied
        return None
    if user.resident_id is None:
        return None
    return Resident.objects.select_related("community").filter(pk=user.resident_id).first()


def _unlinked(request: HttpRequest, template: str) -> HttpResponse:
    if request.user.is_portal_staff:
        messages.info(request, _("Staff book on a resident's behalf from the timetable pages."))
        return redirect("health:timetable-list")
    link = f"{reverse('accounts:link')}?{urlencode({'next': request.path})}"
    return render(request, template, {"linked": False, "link_url": link})


@never_cache
@require_GET
def book(request: HttpRequest) -> HttpResponse:
    """The open slots of the resident's community for the coming fortnight, by service."""
    resident = _resident_of(request)
    if resident is None:
        return _unlinked(request, "health/book.html")
    service = request.GET.get("service", Service.GENERAL)
    if service not in PUBLIC_SERVICES:
        service = Service.GENERAL
    now = timezone.now()
    slots = (
        Slot.objects.in_community(resident.community_id)
        .filter(timetable__service=service, cancelled=False, starts_at__gt=now)
        .select_related("timetable__facility", "timetable__doctor")
        .order_by("starts_at", "pk")[:120]
    )
    return render(
        request,
        "health/book.html",
        {
            "linked": True,
            "slots": [slot for slot in slots if slot.cutoff() > now],
            "service": service,
            "services": [
                (code, label) for code, label in Service.choices if code in PUBLIC_SERVICES
            ],
        },
    )


@require_POST
def book_slot(request: HttpRequest, pk: int) -> HttpResponse:
    resident = _resident_of(request)
    if resident is None:
        return _unlinked(request, "health/book.html")
    slot = get_object_or_404(Slot.objects.in_community(resident.community_id), pk=pk)
    try:
        appointments.booking_create(slot=slot, resident=resident, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("health:book")
    messages.success(request, _("Booked. You will be reminded the day before."))
    return redirect("health:my-bookings")


@never_cache
@require_GET
def my_bookings(request: HttpRequest) -> HttpResponse:
    """我的预约: the resident's bookings (coming first) and their contract."""
    resident = _resident_of(request)
    if resident is None:
        return _unlinked(request, "health/my_bookings.html")
    bookings = (
        Booking.objects.in_community(resident.community_id)
        .filter(resident=resident)
        .select_related("slot__timetable__facility")
        .order_by("-slot__starts_at")[:50]
    )
    contract = (
        Contract.objects.in_community(resident.community_id)
        .open()
        .filter(resident=resident)
        .select_related("team")
        .first()
    )
    now = timezone.now()
    return render(
        request,
        "health/my_bookings.html",
        {
            "linked": True,
            "rows": [
                (b, b.status == BookingStatus.BOOKED and b.slot.cutoff() > now) for b in bookings
            ],
            "contract": contract,
            "events_url": reverse("events:my-bookings"),
        },
    )


@require_POST
def my_booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    resident = _resident_of(request)
    if resident is None:
        return _unlinked(request, "health/my_bookings.html")
    booking = get_object_or_404(
        Booking.objects.in_community(resident.community_id).filter(resident=resident), pk=pk
    )
    try:
        appointments.booking_cancel(booking=booking, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The booking is cancelled."))
    return redirect("health:my-bookings")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contract_request(request: HttpRequest) -> HttpResponse:
    """A resident asks a team of their community for a contract; the team confirms."""
    resident = _resident_of(request)
    if resident is None:
        return _unlinked(request, "health/contract_request.html")
    form = ContractRequestForm(request.POST or None, community=resident.community)
    if request.method == "POST" and form.is_valid():
        try:
            contracts.contract_request(
                resident=resident,
                team=form.cleaned_data["team"],
                package=form.cleaned_data["package"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your request has been sent; the team will contact you."))
            return redirect("health:my-bookings")
    return render(request, "health/contract_request.html", {"linked": True, "form": form})
