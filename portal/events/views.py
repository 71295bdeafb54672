"""Public event pages: the calendar (month and list), its iCal feed, one event's page with
sign-up and check-in, and a resident's "my bookings"."""

import calendar as calendar_module
import datetime as dt
from collections import defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.core.bounds import plausible
from portal.core.confirm import confirmation_page
from portal.core.dates import add_months, local_datetime
from portal.events import ical, services
from portal.events.forms import CalendarFilterForm, CheckInCodeForm
from portal.events.models import Event, Registration, RegistrationStatus

# How far the feed reaches: a month back (so today's events are still there) and a year on.
FEED_PAST = dt.timedelta(days=31)
FEED_FUTURE = dt.timedelta(days=366)
LIST_DAYS = 62


def _month(value: str, today: dt.date) -> dt.date:
    """The first day of ``YYYY-MM``, or of this month when missing, malformed or outside
    the years the portal handles (a month grid of 9999-12 runs past the last date)."""
    try:
        year, month = (int(part) for part in value.split("-"))
        first = dt.date(year, month, 1)
    except (ValueError, TypeError, OverflowError):
        return today.replace(day=1)
    return first if plausible(first) and plausible(add_months(first, 1)) else today.replace(day=1)


def _year(value: str) -> int | None:
    """``?year=``: a whole year of the calendar or feed, when it is a year the portal
    handles (1900–2100); None otherwise (the month or the coming weeks, as before)."""
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        return None
    year = int(value)
    return year if plausible(dt.date(year, 1, 1)) and plausible(dt.date(year, 12, 31)) else None


def _days_of(event: Event, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days in [start, end) an event takes place on: a three-day camp shows on all
    three; an event ending at midnight does not spill into the next day."""
    first = max(timezone.localdate(event.starts_at), start)
    last = timezone.localtime(event.ends_at - dt.timedelta(microseconds=1)).date()
    last = min(last, end - dt.timedelta(days=1))
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


@login_not_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """One calendar for every app's activities: a month grid (a day list on phones) or a
    list of the coming weeks, filtered by community and kind."""
    today = timezone.localdate()
    filter_form = CalendarFilterForm(request.GET)
    filters = filter_form.filters()
    view = "list" if request.GET.get("view") == "list" else "month"
    month = _month(request.GET.get("month", ""), today)
    year = _year(request.GET.get("year", ""))
    if year is not None:
        view, month = "year", dt.date(year, 1, 1)
    weeks = calendar_module.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    if view == "year":
        start, end = month, dt.date(month.year + 1, 1, 1)
    elif view == "month":
        start, end = weeks[0][0], weeks[-1][-1] + dt.timedelta(days=1)
    else:
        start = max(month, today) if month <= today < add_months(month, 1) else month
        end = start + dt.timedelta(days=LIST_DAYS)
    events = list(
        Event.objects.listed_for(request.user)
        .filtered(**filters)
        .between(local_datetime(start), local_datetime(end))
        .select_related("community")
        .order_by("starts_at", "pk")
    )
    by_day: dict[dt.date, list[Event]] = defaultdict(list)
    for event in events:
        for day in _days_of(event, start, end):
            by_day[day].append(event)
    query = filter_form.query_string()
    feed_query = "&".join(part for part in (query, f"year={year}" if year else "") if part)
    feed_path = reverse("events:calendar-feed") + (f"?{feed_query}" if feed_query else "")
    feed_url = request.build_absolute_uri(feed_path)
    return render(
        request,
        "events/calendar.html",
        {
            "filter_form": filter_form,
            "view": view,
            "month": month,
            "year": year,
            "previous_month": add_months(month, -1),
            "next_month": add_months(month, 1),
            "today": today,
            "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
            "days": sorted(by_day.items()),
            "filter_query": query,
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        },
    )


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """``/calendar.ics``: the public events of the calendar, with the same filters; a
    month back and a year ahead, or with ``?year=`` that whole year."""
    filters = CalendarFilterForm(request.GET).filters()
    now = timezone.now()
    start, end = now - FEED_PAST, now + FEED_FUTURE
    if (year := _year(request.GET.get("year", ""))) is not None:
        start, end = local_datetime(dt.date(year, 1, 1)), local_datetime(dt.date(year + 1, 1, 1))
    events = (
        Event.objects.listed_for(None)
        .filtered(**filters)
        .between(start, end)
        .order_by("starts_at", "pk")
    )
    name = _("Community activities")
    if filters["community"] is not None:
        name = f"{filters['community'].name} · {name}"
    response = HttpResponse(
        ical.build_calendar(events, request, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def _listed_event(request: HttpRequest, pk: int) -> Event:
    return get_object_or_404(
        Event.objects.listed_for(request.user).select_related("community", "members_tag"), pk=pk
    )


@login_not_required
@never_cache
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One event: what, when, where, places left and the sign-up button for residents."""
    event = _listed_event(request, pk)
    confirmed = event.registrations.confirmed().count()
    resident = getattr(request.user, "resident", None) if request.user.is_authenticated else None
    registration = (
        event.registrations.active().filter(resident=resident).first() if resident else None
    )
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "places_left": event.places_left(confirmed),
            "signup_open": event.signup_is_open(),
            "registration": registration,
            "check_in_form": CheckInCodeForm()
            if registration and registration.status == RegistrationStatus.CONFIRMED
            else None,
            "check_in_open": event.check_in_is_open(),
            "login_url": f"{reverse('accounts:login')}?{urlencode({'next': request.path})}",
            "register_url": f"{reverse('accounts:register')}?{urlencode({'next': request.path})}",
        },
    )


@login_not_required
@require_GET
def event_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """One event as an .ics file: "add to my phone calendar"."""
    event = _listed_event(request, pk)
    response = HttpResponse(
        ical.build_calendar([event], request, name=event.title),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def _resident_or_redirect(request: HttpRequest, event: Event) -> HttpResponse | None:
    """Residents need a verified registry record to take part; staff use the staff page."""
    if request.user.is_portal_staff:
        messages.info(request, _("Staff sign residents up from the event's staff page."))
        return redirect("events:staff-event-detail", pk=event.pk)
    if request.user.resident_id is None:
        messages.info(request, _("Please confirm who you are first; it takes a minute."))
        return redirect_to_login(event.get_absolute_url(), login_url=reverse("accounts:link"))
    return None


@require_http_methods(["GET", "POST"])
def event_signup(request: HttpRequest, pk: int) -> HttpResponse:
    """A resident signs themself up. Login is required: the event page sends visitors to
    log in and back; a GET (a login that returned here) only leads back to the event."""
    event = _listed_event(request, pk)
    if request.method == "GET":
        return redirect(event)
    if (response := _resident_or_redirect(request, event)) is not None:
        return response
    try:
        registration = services.registration_create(
            event=event, resident=request.user.resident, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("You are signed up. See you there!"))
        else:
            messages.warning(
                request,
                _(
                    "The event is full; you are on the waiting list. If a place frees up "
                    "you move up automatically and we tell you."
                ),
            )
    return redirect(event)


@require_POST
def event_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """A resident checks in with the code shown at the event."""
    event = _listed_event(request, pk)
    if (response := _resident_or_redirect(request, event)) is not None:
        return response
    form = CheckInCodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please type the check-in code."))
        return redirect(event)
    try:
        services.registration_check_in(
            event=event,
            resident=request.user.resident,
            code=form.cleaned_data["code"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are checked in. Thank you for coming!"))
    return redirect(event)


@never_cache
@require_GET
def my_bookings(request: HttpRequest) -> HttpResponse:
    """A resident's sign-ups: coming ones first, then past ones with attendance and hours."""
    if request.user.is_portal_staff:
        return redirect("events:staff-event-list")
    resident = request.user.resident
    registrations = []
    if resident is not None:
        registrations = list(
            Registration.objects.filter(resident=resident)
            .select_related("event", "event__community")
            .order_by("-event__starts_at", "-pk")[:200]
        )
    now = timezone.now()
    return render(
        request,
        "events/my_bookings.html",
        {
            "resident": resident,
            "upcoming": sorted(
                (
                    r
                    for r in registrations
                    if r.event.ends_at >= now and r.is_active and not r.event.is_cancelled
                ),
                key=lambda r: r.event.starts_at,
            ),
            # Live sign-ups of events called off: shown with the reason, not as booked.
            "called_off": sorted(
                (r for r in registrations if r.is_active and r.event.is_cancelled),
                key=lambda r: r.event.starts_at,
            ),
            "past": [
                r
                for r in registrations
                if (r.is_active and r.event.ends_at < now and not r.event.is_cancelled)
                or not r.is_active
            ],
            "now": now,
            "total_hours": services.total_hours(resident) if resident else 0,
        },
    )


def _own_registration(request: HttpRequest, pk: int) -> Registration:
    resident = getattr(request.user, "resident", None)
    if resident is None:
        raise Http404("No registry record linked.")
    return get_object_or_404(Registration.objects.select_related("event"), pk=pk, resident=resident)


@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """A resident cancels one of their own sign-ups, once confirmed; someone else's is a
    404. Until the event starts they can undo it from "my bookings"."""
    registration = _own_registration(request, pk)
    page = confirmation_page(
        request,
        question=_("Cancel your sign-up for “%(event)s”?") % {"event": registration.event.title},
        consequence=_(
            "Your place goes to the next person waiting. Until the event starts you can "
            "undo this under “My bookings” if a place is still free."
        ),
        confirm_label=_("Cancel my sign-up"),
        back_url=reverse("events:my-bookings"),
    )
    if page is not None:
        return page
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Your sign-up for “%(event)s” is cancelled. Changed your mind? Undo it below.")
            % {"event": registration.event.title},
        )
    return redirect("events:my-bookings")


@require_POST
def booking_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a resident's own cancellation before the event starts."""
    registration = _own_registration(request, pk)
    try:
        registration = services.registration_restore(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("You are signed up again. See you there!"))
        else:
            messages.warning(
                request,
                _("Your place was taken meanwhile; you are on the waiting list again."),
            )
    return redirect("events:my-bookings")
