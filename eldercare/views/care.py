"""Assessments, home-care stations and their service records, emergency-call devices and
their calls. Every list starts from ``visible_to``; single records come through
``eldercare.access``."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eldercare import rules
from eldercare.access import (
    get_assessment_for_user,
    get_elder_for_user,
    get_installation_for_user,
    get_station_for_user,
)
from eldercare.forms.assessments import CapabilityAssessmentForm
from eldercare.forms.operations import (
    CallIncidentForm,
    CareMonthForm,
    DeviceInstallationForm,
    ElderServiceRecordForm,
)
from eldercare.models import Incident, Installation, ServiceRecord, Station
from eldercare.roles import is_eldercare_manager, manager_required, service_required
from eldercare.services import assessments, devices, stations
from eldercare.views import form_page
from portal.core.dates import parse_month
from portal.core.http import int_or_404
from portal.core.paging import paginate

# --- assessments ---------------------------------------------------------------------------


@manager_required
@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest) -> HttpResponse:
    elder = get_elder_for_user(request.user, int_or_404(request.GET.get("elder", "")))
    form = CapabilityAssessmentForm(request.POST or None)
    return form_page(
        request,
        form,
        "eldercare/assessment_form.html",
        {"elder": elder, "items": rules.ITEMS},
        lambda data: assessments.assessment_record(
            elder=elder,
            by=request.user,
            assessed_on=data["assessed_on"],
            reason=data["reason"],
            assessor_name=data["assessor_name"],
            scores=form.scores(),
            cognitive_disorder=data["cognitive_disorder"],
            risk_events=data["risk_events"],
            coma=data["coma"],
            notes=data["notes"],
        ),
        done=lambda a: a.get_absolute_url(),
        message=_("The assessment is recorded."),
        fields={"future": "assessed_on", "risk_events": "risk_events", "reason": "reason"},
    )


@manager_required
@never_cache
@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    items = [(item, assessment.scores.get(item.code)) for item in rules.ITEMS]
    return render(
        request,
        "eldercare/assessment_detail.html",
        {"assessment": assessment, "items": items, "indicators": rules.INDICATORS},
    )


# --- stations ------------------------------------------------------------------------------


@service_required
@never_cache
@require_GET
def station_list(request: HttpRequest) -> HttpResponse:
    """Stations with their acceptance and this month's figures (3 queries + page)."""
    month = timezone.localdate().replace(day=1)
    visible = Station.objects.visible_to(request.user).select_related("community")
    figures = {
        f.station.pk: f
        for f in stations.station_month_figures(month)
        if f.station.pk in set(visible.values_list("pk", flat=True))
    }
    rows = list(visible)
    for station in rows:
        station.figures = figures.get(station.pk)
    return render(request, "eldercare/station_list.html", {"rows": rows, "month": month})


@service_required
@never_cache
@require_GET
def station_detail(request: HttpRequest, pk: int) -> HttpResponse:
    station = get_station_for_user(request.user, pk)
    records = (
        ServiceRecord.objects.visible_to(request.user)
        .filter(station=station)
        .select_related("elder", "item", "worker")
    )
    page, page_range = paginate(request, records)
    return render(
        request,
        "eldercare/station_detail.html",
        {
            "station": station,
            "page_obj": page,
            "page_range": page_range,
            "workers": station.workers.filter(active=True),
        },
    )


@service_required
@require_http_methods(["GET", "POST"])
def record_create(request: HttpRequest, pk: int) -> HttpResponse:
    station = get_station_for_user(request.user, pk)
    initial = {"elder": request.GET.get("elder", "")[:19]}
    form = ElderServiceRecordForm(request.POST or None, station=station, initial=initial)

    def act(data: dict) -> ServiceRecord:
        elder = get_elder_for_user(request.user, data["elder"])
        return stations.service_record(
            station=station,
            elder=elder,
            item=data["item"],
            worker=data["worker"],
            started_at=data["started_at"],
            ended_at=data["ended_at"],
            free=data["free"],
            amount=data["amount"],
            by=request.user,
            confirmed=data["confirmed"],
            rating=data["rating"],
        )

    return form_page(
        request,
        form,
        "eldercare/simple_form.html",
        {"title": _("Record a service"), "back": station.get_absolute_url()},
        act,
        done=lambda r: reverse("eldercare:station-detail", args=[station.pk]),
        message=_("The service is recorded."),
        fields={
            "overlap": "worker",
            "wrong_worker": "worker",
            "order": "ended_at",
            "amount": "amount",
            "future": "started_at",
            "not_elderly": "elder",
        },
    )


@service_required
@never_cache
@require_GET
def station_figures(request: HttpRequest) -> HttpResponse:
    """The monthly figures per station (the report kind's numbers, on a page)."""
    form = CareMonthForm(request.GET)
    month = _month(form)
    visible = set(Station.objects.visible_to(request.user).values_list("pk", flat=True))
    rows = [f for f in stations.station_month_figures(month) if f.station.pk in visible]
    return render(
        request,
        "eldercare/station_figures.html",
        {
            "form": form,
            "rows": rows,
            "month": month,
            "can_build": is_eldercare_manager(request.user),
        },
    )


def _month(form: CareMonthForm) -> dt.date:
    text = form.filters().get("month", "")
    try:
        month = parse_month(text)
    except ValueError:
        return timezone.localdate().replace(day=1)
    if not 2000 <= month.year <= 2100:
        return timezone.localdate().replace(day=1)
    return month


# --- devices -------------------------------------------------------------------------------


@manager_required
@never_cache
@require_GET
def device_list(request: HttpRequest) -> HttpResponse:
    """Devices in place with the year's target progress and this month's calls."""
    today = timezone.localdate()
    visible = Installation.objects.visible_to(request.user)
    community = None if request.user.sees_all_communities else request.user.community
    progress = devices.device_progress(today.year, community)
    page, page_range = paginate(
        request, visible.active().select_related("household__community", "elder")
    )
    form = CareMonthForm(request.GET)
    month = _month(form)
    calls = devices.incident_month_figures(month, Incident.objects.visible_to(request.user))
    return render(
        request,
        "eldercare/device_list.html",
        {
            "page_obj": page,
            "page_range": page_range,
            "progress": progress,
            "calls": calls,
            "form": form,
            "month": month,
        },
    )


@manager_required
@require_http_methods(["GET", "POST"])
def device_create(request: HttpRequest) -> HttpResponse:
    form = DeviceInstallationForm(
        request.POST or None, initial={"elder": request.GET.get("elder", "")[:19]}
    )

    def act(data: dict) -> Installation:
        elder = get_elder_for_user(request.user, data["elder"])
        if elder.household is None:
            raise ValidationError(_("The elder belongs to no household."), code="not_member")
        return devices.installation_record(
            household=elder.household,
            elder=elder,
            device_number=data["device_number"],
            installed_on=data["installed_on"],
            free=data["free"],
            by=request.user,
        )

    return form_page(
        request,
        form,
        "eldercare/simple_form.html",
        {"title": _("Record an installation"), "back": reverse("eldercare:device-list")},
        act,
        done=lambda i: i.get_absolute_url(),
        message=_("The installation is recorded."),
        fields={
            "duplicate_number": "device_number",
            "device_number": "device_number",
            "future": "installed_on",
            "not_member": "elder",
            "not_elderly": "elder",
        },
    )


@manager_required
@never_cache
@require_http_methods(["GET", "POST"])
def device_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A device with its calls; the form records a call."""
    installation = get_installation_for_user(request.user, pk)
    form = CallIncidentForm(request.POST or None)
    return form_page(
        request,
        form,
        "eldercare/device_detail.html",
        {"installation": installation, "incidents": installation.incidents.all()},
        lambda data: devices.incident_record(installation=installation, by=request.user, **data),
        done=lambda i: installation.get_absolute_url(),
        message=_("The call is recorded."),
        fields={"future": "received_at", "order": "responded_at"},
    )


@manager_required
@require_POST
def device_remove(request: HttpRequest, pk: int) -> HttpResponse:
    installation = get_installation_for_user(request.user, pk)
    try:
        devices.installation_remove(
            installation=installation, removed_on=timezone.localdate(), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The device is recorded as removed."))
    return redirect(installation.get_absolute_url())
