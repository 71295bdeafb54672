"""The permission-checked fetchers of elder-care records: each answers 404 to a user whose
community scope does not cover the record (``portal.accounts.scoping`` logs the attempt).
Who may work here at all is ``eldercare.roles``."""

from typing import Any

from django.conf import settings
from django.http import Http404

from eldercare.models import (
    Assessment,
    Enrolment,
    Installation,
    Pairing,
    Station,
    Visit,
)
from portal.accounts.scoping import get_visible_or_404
from portal.core.dates import years_before
from portal.registry.models import Household, Resident


def get_elder_for_user(user: Any, pk: int) -> Resident:
    """A resident of ``ELDERLY_AGE`` or over in ``user``'s scope; 404 otherwise."""
    from django.utils import timezone

    elder = get_visible_or_404(
        Resident.objects.select_related("community", "household"), user, pk=pk
    )
    if elder.birth_date > years_before(timezone.localdate(), settings.ELDERLY_AGE):
        raise Http404("Not on the elderly register.")
    return elder


def get_resident_for_user(user: Any, pk: int) -> Resident:
    return get_visible_or_404(Resident.objects.select_related("community"), user, pk=pk)


def get_household_for_user(user: Any, pk: int) -> Household:
    return get_visible_or_404(Household.objects.select_related("community"), user, pk=pk)


def get_assessment_for_user(user: Any, pk: int) -> Assessment:
    return get_visible_or_404(Assessment.objects.select_related("elder__community"), user, pk=pk)


def get_station_for_user(user: Any, pk: int) -> Station:
    return get_visible_or_404(Station.objects.select_related("community"), user, pk=pk)


def get_installation_for_user(user: Any, pk: int) -> Installation:
    return get_visible_or_404(
        Installation.objects.select_related("household__community", "elder"), user, pk=pk
    )


def get_pairing_for_user(user: Any, pk: int) -> Pairing:
    return get_visible_or_404(
        Pairing.objects.select_related("elder__community", "volunteer__resident", "team"),
        user,
        pk=pk,
    )


def get_visit_for_user(user: Any, pk: int) -> Visit:
    return get_visible_or_404(
        Visit.objects.select_related("pairing__elder", "volunteer__resident"), user, pk=pk
    )


def get_enrolment_for_user(user: Any, pk: int) -> Enrolment:
    return get_visible_or_404(Enrolment.objects.select_related("resident__community"), user, pk=pk)
