"""The project's own pages, above every app: the public home and the staff home draw on
several kernel apps (events, notices, registry), so they live here and not in
``portal.core``, which imports no other app. Their URL names stay ``core:home`` and
``core:staff-home`` (``portal/urls.py``)."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.accounts.access import staff_required
from portal.core.cache import cached_figure
from portal.core.panels import staff_panels
from portal.events.models import Event
from portal.notices.models import latest_public
from portal.registry.models import Community, Household, Resident, SubDistrict

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
