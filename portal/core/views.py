"""Public home, staff home, the health check and the error pages."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.accounts.access import staff_required
from portal.core.cache import cached_figure
from portal.core.panels import staff_panels
from portal.events.models import Event
from portal.notices.models import latest_public
from portal.registry.models import Community, Household, Resident, SubDistrict

log = logging.getLogger(__name__)

HOME_EVENTS = 6
HOME_NOTICES = 5


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Public landing page: search the service guide, the latest notices, the coming
    activities, and how to reach each community's office."""
    upcoming = (
        Event.objects.listed_for(None)
        .scheduled()
        .filter(ends_at__gte=timezone.now())
        .select_related("community")
        .order_by("starts_at", "pk")[:HOME_EVENTS]
    )
    return render(
        request,
        "core/home.html",
        {
            "sub_district": SubDistrict.objects.first(),
            "communities": Community.objects.order_by("code", "name"),
            "notices": latest_public(limit=HOME_NOTICES),
            "upcoming_events": upcoming,
        },
    )


@staff_required
@require_GET
def staff_home(request: HttpRequest) -> HttpResponse:
    """What this user can reach, the work due that the apps report for them, and the
    counts of the communities in their scope."""
    residents = Resident.objects.filter(community=OuterRef("pk")).order_by().values("community")
    households = Household.objects.filter(community=OuterRef("pk")).order_by().values("community")
    communities = Community.objects.visible_to(request.user).annotate(
        resident_count=Coalesce(Subquery(residents.annotate(n=Count("pk")).values("n")), 0),
        household_count=Coalesce(Subquery(households.annotate(n=Count("pk")).values("n")), 0),
    )
    # Counting every resident of the scope costs a scan; the figures come from the count
    # cache until a registry row changes.
    communities = cached_figure("staff-home-communities", communities, lambda: list(communities))
    return render(
        request,
        "core/staff_home.html",
        {"communities": communities, "panels": staff_panels(request.user)},
    )


def _broker_status() -> str:
    if not settings.CELERY_BROKER_URL:
        return "in-process"
    from portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except Exception:  # any transport error means the same thing to a probe
        log.warning("health check: broker unreachable")
        return "unreachable"
    return "ok"


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # an unreachable database raises driver-specific errors
        log.warning("health check: database unreachable")
        return "unreachable"
    return "ok"


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and compose health checks: 503 when the database is down."""
    database = _database_status()
    broker = _broker_status()
    ok = database == "ok"
    return JsonResponse(
        {
            "status": ("ok" if broker != "unreachable" else "degraded") if ok else "error",
            "database": database,
            "broker": broker,
        },
        status=200 if ok else 503,
    )


# --- error pages: no traceback, SQL or settings; a request id for the help desk ----------------


def _error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(request, template, status=status)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/errors/400.html", 400)


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/errors/403.html", 403)


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/errors/404.html", 404)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the context processors' queries: the database may be what failed.
    from django.template import loader

    template = loader.get_template("core/errors/500.html")
    return HttpResponse(template.render({"request_id": getattr(request, "id", "")}), status=500)
