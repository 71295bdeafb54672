"""Staff pages of the events: the list, the event form, the sign-up list with attendance,
signing up on someone's behalf, the attendee workbook, volunteer hours and certificates.

Every query starts from ``visible_to``; single objects come through ``get_visible_or_404``.
"""

import logging
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.accounts.access import staff_required
from portal.accounts.scoping import get_visible_or_404
from portal.core.confirm import confirmation_page
from portal.core.paging import paginate
from portal.events import services
from portal.events.exports import attendee_workbook
from portal.events.forms import EventCancelForm, EventForm, HourPeriodForm, SignUpOnBehalfForm
from portal.events.models import (
    Event,
    EventKind,
    HourCertificate,
    Registration,
    RegistrationStatus,
    star_level,
    volunteer_number,
)
from portal.registry.access import identity_shown_to
from portal.registry.models import Resident

audit_log = logging.getLogger("portal.audit")


def _may_manage(user, event: Event) -> bool:
    """Community staff manage their community's events; sub-district-wide ones belong to
    the sub-district."""
    return user.sees_all_communities or event.community_id == user.community_id


def _managed_event(request: HttpRequest, pk: int) -> Event:
    event = get_visible_or_404(Event.objects.select_related("community"), request.user, pk=pk)
    if not _may_manage(request.user, event):
        raise PermissionDenied
    return event


@staff_required
@never_cache
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """Events in the viewer's scope with their sign-up counts; upcoming by default."""
    when = request.GET.get("when", "upcoming")
    kind = request.GET.get("kind", "")
    events = Event.objects.visible_to(request.user).select_related("community").with_counts()
    now = timezone.now()
    if when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    if kind in EventKind.values:
        events = events.filter(kind=kind)
    page, page_range = paginate(request, events)
    return render(
        request,
        "events/staff/event_list.html",
        {
            "page_obj": page,
            "page_range": page_range,
            "when": when,
            "kind": kind,
            "kinds": EventKind.choices,
        },
    )


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            events = services.event_create(
                event=form.save(commit=False), by=request.user, **form.recurrence
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if len(events) > 1:
                messages.success(request, _("%(count)d events created.") % {"count": len(events)})
            else:
                messages.success(request, _("The event is created."))
            return redirect("events:staff-event-detail", pk=events[0].pk)
    return render(request, "events/staff/event_form.html", {"form": form, "event": None})


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def event_update(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            promoted = services.event_update(
                event=form.save(commit=False),
                following=form.cleaned_data.get("apply_to_following", False),
            )
        except ValidationError as error:
            below = getattr(error, "code", None) == "capacity_below_confirmed"
            form.add_error("capacity" if below else None, error.messages)
        else:
            messages.success(request, _("The event is saved."))
            if promoted:
                messages.info(
                    request,
                    ngettext(
                        "%(count)d person moved up from the waiting list.",
                        "%(count)d people moved up from the waiting list.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                )
            return redirect("events:staff-event-detail", pk=event.pk)
    return render(request, "events/staff/event_form.html", {"form": form, "event": event})


def _people_to_phone(request: HttpRequest, event: Event) -> list[dict]:
    """Live sign-ups whose person has no active account: no message reaches them, so
    staff phone them. Phone numbers as the viewer may see them (full for identity roles,
    audited per person)."""
    registrations = (
        _registrations(request, event)
        .active()
        .exclude(resident__account__is_active=True)
        .select_related("resident")
    )
    return [
        {
            "registration": registration,
            "phone": identity_shown_to(
                request.user, registration.resident, purpose="event-cancelled"
            ).phone,
        }
        for registration in registrations
    ]


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask why and say who will be told (the page is the confirmation step); on POST
    call the event off. Everyone signed up or waiting is told after commit."""
    event = _managed_event(request, pk)
    form = EventCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(event=event, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The event is cancelled. Everyone signed up with an account is told."),
            )
            return redirect("events:staff-event-detail", pk=event.pk)
    live = event.registrations.active()
    return render(
        request,
        "events/staff/event_cancel.html",
        {
            "event": event,
            "form": form,
            "confirmed_count": live.confirmed().count(),
            "waitlisted_count": live.waitlisted().count(),
            "without_account": live.exclude(resident__account__is_active=True).count(),
        },
    )


def _registrations(request: HttpRequest, event: Event):
    """The sign-ups of an event that this user may see, people's records included."""
    return (
        Registration.objects.visible_to(request.user)
        .filter(event=event)
        .select_related("resident", "resident__community", "resident__household")
        .order_by("created_at", "pk")
    )


@staff_required
@never_cache
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff view of one event: its check-in code, the sign-up list with attendance,
    the waiting list, and a form to sign someone up."""
    event = get_visible_or_404(
        Event.objects.select_related("community", "members_tag"), request.user, pk=pk
    )
    registrations = list(_registrations(request, event))
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    waitlisted = [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    cancelled = [r for r in registrations if r.status == RegistrationStatus.CANCELLED]
    return render(
        request,
        "events/staff/event_detail.html",
        {
            "event": event,
            "may_manage": _may_manage(request.user, event),
            "is_over": event.ends_at <= timezone.now(),
            "confirmed": confirmed,
            "waitlisted": waitlisted,
            "cancelled": cancelled,
            "attended_count": sum(1 for r in confirmed if r.attended),
            "places_left": event.places_left(event.registrations.confirmed().count()),
            "signup_form": SignUpOnBehalfForm(
                user=request.user, options_url=reverse("registry:resident-options")
            ),
            "to_phone": _people_to_phone(request, event) if event.is_cancelled else [],
        },
    )


@staff_required
@require_POST
def event_signup_on_behalf(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff sign up a resident of their scope (an elderly neighbour at the counter)."""
    event = get_visible_or_404(Event.objects.all(), request.user, pk=pk)
    form = SignUpOnBehalfForm(request.POST, user=request.user, options_url="")
    if not form.is_valid():
        messages.error(request, _("Choose a resident from the list first."))
        return redirect("events:staff-event-detail", pk=event.pk)
    resident = form.cleaned_data["resident"]
    try:
        registration = services.registration_create(
            event=event, resident=resident, by=request.user, walk_in=True
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("%(name)s is signed up.") % {"name": resident.name})
        else:
            messages.warning(
                request,
                _("The event is full; %(name)s is on the waiting list.") % {"name": resident.name},
            )
    return redirect("events:staff-event-detail", pk=event.pk)


def _visible_registration(request: HttpRequest, pk: int, registration_pk: int) -> Registration:
    """A sign-up of an event the user manages, for the sign-up actions.

    Raises Http404 when the event is outside the user's scope (a sign-up is visible
    through its person too, but seeing a neighbour's sign-up is not managing another
    community's event) and PermissionDenied for a visible event the user does not manage
    (a sub-district-wide one, for community staff).
    """
    event = _managed_event(request, pk)
    registration = get_visible_or_404(
        Registration.objects.select_related("event", "resident"),
        request.user,
        pk=registration_pk,
        event_id=pk,
    )
    registration.event = event
    return registration


@staff_required
@require_POST
def registration_attendance(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    """Mark (or unmark) one attendee as present; with htmx only the row is swapped."""
    registration = _visible_registration(request, pk, registration_pk)
    attended = request.POST.get("attended") == "1"
    try:
        registration = services.attendance_mark(
            registration=registration, attended=attended, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
    if request.htmx:
        registration = _registrations(request, registration.event).get(pk=registration.pk)
        return render(
            request,
            "events/staff/includes/registration_row.html",
            {
                "registration": registration,
                "event": registration.event,
                "may_manage": True,
            },
        )
    return redirect("events:staff-event-detail", pk=pk)


@staff_required
@require_POST
def registration_cancel(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    """Cancel someone's sign-up, once confirmed (their place goes to the waiting list)."""
    registration = _visible_registration(request, pk, registration_pk)
    page = confirmation_page(
        request,
        question=_("Cancel the sign-up of %(name)s?") % {"name": registration.resident.name},
        consequence=_(
            "%(name)s loses their place at “%(event)s”; the first person on the waiting "
            "list moves up. Please tell them."
        )
        % {"name": registration.resident.name, "event": registration.event.title},
        confirm_label=_("Cancel the sign-up"),
        back_url=reverse("events:staff-event-detail", args=[pk]),
    )
    if page is not None:
        return page
    try:
        promoted = services.registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The sign-up of %(name)s is cancelled.") % {"name": registration.resident}
        )
        for moved in promoted:
            messages.info(
                request,
                _("%(name)s moved up from the waiting list.") % {"name": moved.resident},
            )
    return redirect("events:staff-event-detail", pk=pk)


@staff_required
@require_GET
def attendee_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The sign-up list as XLSX; phone numbers masked unless the role verifies identity."""
    event = get_visible_or_404(Event.objects.select_related("community"), request.user, pk=pk)
    registrations = list(_registrations(request, event))
    content = attendee_workbook(event, registrations, viewer=request.user)
    audit_log.info(
        "attendee export: event=%s rows=%s by=%s", event.pk, len(registrations), request.user.pk
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-attendees.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


# --- volunteer hours --------------------------------------------------------------------------


@staff_required
@never_cache
@require_GET
def hour_totals(request: HttpRequest) -> HttpResponse:
    """Credited volunteer hours per person in a period, with stars and certificate links."""
    form = HourPeriodForm(request.GET or None, user=request.user)
    period = form.period()
    registrations = Registration.objects.filter(
        resident__in=Resident.objects.visible_to(request.user)
    ).in_period(period["start"], period["end"])
    if period["community"]:
        registrations = registrations.filter(resident__community=period["community"])
    page, page_range = paginate(request, registrations.hour_totals())
    residents = (
        Resident.objects.visible_to(request.user)
        .select_related("community")
        .in_bulk([row["resident"] for row in page])
    )
    rows = [
        {
            **row,
            "person": residents[row["resident"]],
            "stars_text": "★" * star_level(row["total_hours"]),
        }
        for row in page
    ]
    return render(
        request,
        "events/staff/hour_totals.html",
        {"form": form, "page_obj": page, "page_range": page_range, "rows": rows, "period": period},
    )


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def certificate_issue(request: HttpRequest, resident_pk: int) -> HttpResponse:
    """Preview a person's service in a period, and issue a numbered certificate (POST)."""
    resident = get_visible_or_404(
        Resident.objects.select_related("community"), request.user, pk=resident_pk
    )
    data = request.POST if request.method == "POST" else request.GET
    form = HourPeriodForm(data or None, user=request.user)
    period = form.period()
    start, end = period["start"], period["end"]
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.hour_certificate_issue(
                resident=resident, start=start, end=end, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            issued = _("Certificate %(number)s issued.") % {"number": certificate.number}
            messages.success(request, issued)
            return redirect(certificate)
    services_in_period = list(
        Registration.objects.attended()
        .filter(resident=resident, hours__gt=0)
        .in_period(start, end)
        .select_related("event")
        .order_by("event__starts_at")
    )
    return render(
        request,
        "events/staff/certificate_issue.html",
        {
            "resident": resident,
            "form": form,
            "start": start,
            "end": end,
            "services": services_in_period,
            "total": sum((r.hours for r in services_in_period), Decimal("0")),
            "certificates": HourCertificate.objects.filter(resident=resident)[:10],
        },
    )


@staff_required
@never_cache
@require_GET
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable certificate (民政部令第67号 contents: identity, hours and content,
    issuer, person in charge, handler, contact, number and date)."""
    certificate = get_visible_or_404(
        HourCertificate.objects.select_related("resident", "resident__community", "issued_by"),
        request.user,
        pk=pk,
    )
    resident = certificate.resident
    return render(
        request,
        "events/staff/certificate.html",
        {
            "certificate": certificate,
            "resident": resident,
            "identity": identity_shown_to(request.user, resident, purpose="certificate"),
            "volunteer_number": volunteer_number(resident),
            "services": certificate.registrations.select_related("event").order_by(
                "event__starts_at"
            ),
            "all_time_hours": services.total_hours(resident),
            "stars": star_level(services.total_hours(resident)),
        },
    )
