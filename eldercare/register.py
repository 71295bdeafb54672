"""The elderly register, drawn from the registry: who is elderly (``ELDERLY_AGE``), the
age bands, and each elder's care categories (the profile's, 高龄 from the age, and
低保/特困 as the kernel's ``resident_statuses`` hook answers: never by importing the
assistance app)."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from eldercare import rules
from eldercare.models import Living
from portal.core import contract, hooks
from portal.core.dates import years_before
from portal.registry.models import Resident, Tag

#: Categories the profile or the age decide (filterable in the database).
PROFILE_CATEGORIES = {"empty_nest", "alone", "childless", "disabled", "advanced", "hardship"}
#: Categories only the ``resident_statuses`` hook knows.
STATUS_CATEGORIES = {
    "subsistence": contract.STATUS_SUBSISTENCE,
    "destitute": contract.STATUS_DESTITUTE,
}


def elders(user: Any, on: dt.date | None = None) -> QuerySet:
    """Residents of ``ELDERLY_AGE`` or over whom ``user`` may see, with their profile."""
    on = on or timezone.localdate()
    return (
        Resident.objects.visible_to(user)
        .filter(birth_date__lte=years_before(on, settings.ELDERLY_AGE))
        .select_related("community", "household", "elder_profile")
    )


def in_band(residents: QuerySet, band: int, on: dt.date) -> QuerySet:
    """``band``+ (65+, 70+, 80+, 90+, 100+): at least ``band`` years old on ``on``."""
    return residents.filter(birth_date__lte=years_before(on, band))


def _disabled_tag() -> Q:
    tagged = Resident.tags.through.objects.filter(
        resident_id=OuterRef("pk"), tag__slug=Tag.DISABLED
    )
    return Q(Exists(tagged))


def with_category(residents: QuerySet, category: str, on: dt.date) -> QuerySet:
    """The elders of one care category; the statuses' categories ask the hook once."""
    conditions = {
        "empty_nest": Q(elder_profile__living__in=[Living.ALONE, Living.WITH_SPOUSE]),
        "alone": Q(elder_profile__living=Living.ALONE),
        "childless": Q(elder_profile__childless=True),
        "disabled": Q(elder_profile__disabled=True)
        | Q(elder_profile__disabled_veteran=True)
        | _disabled_tag(),
        "advanced": Q(birth_date__lte=years_before(on, settings.ADVANCED_AGE)),
    }
    if category in conditions:
        return residents.filter(conditions[category])
    wanted = (
        {STATUS_CATEGORIES[category]}
        if category in STATUS_CATEGORIES
        else set(STATUS_CATEGORIES.values()) | {contract.STATUS_MARGIN}
    )
    ids = list(residents.values_list("pk", flat=True))
    statuses = hooks.resident_statuses(ids)
    with_status = [pk for pk, found in statuses.items() if found & wanted]
    if category == "hardship":
        return residents.filter(Q(elder_profile__hardship=True) | Q(pk__in=with_status))
    return residents.filter(pk__in=with_status)


def categories_of(
    residents: Iterable[Resident],
    on: dt.date | None = None,
    *,
    tagged_disabled: set[int] | None = None,
) -> dict[int, set[str]]:
    """Each resident's care categories on ``on``: the profile's, 高龄 (``ADVANCED_AGE``),
    and 低保/特困 (and 困难 for 低保边缘 too) from the hook, asked once for all."""
    on = on or timezone.localdate()
    residents = list(residents)
    statuses = hooks.resident_statuses([r.pk for r in residents]) if residents else {}
    found: dict[int, set[str]] = {}
    for resident in residents:
        profile = getattr(resident, "elder_profile", None)
        categories = profile.own_categories() if profile else set()
        if rules.age_on(resident.birth_date, on) >= settings.ADVANCED_AGE:
            categories.add("advanced")
        if tagged_disabled and resident.pk in tagged_disabled:
            categories.add("disabled")
        held = statuses.get(resident.pk, set())
        if contract.STATUS_SUBSISTENCE in held:
            categories.add("subsistence")
        if contract.STATUS_DESTITUTE in held:
            categories.add("destitute")
        if held:
            categories.add("hardship")
        found[resident.pk] = categories
    return found


def disabled_tagged(resident_ids: Iterable[int]) -> set[int]:
    """Which of these residents the registry tags as disabled (one query)."""
    return set(
        Resident.tags.through.objects.filter(
            resident_id__in=list(resident_ids), tag__slug=Tag.DISABLED
        ).values_list("resident_id", flat=True)
    )


def veteran_tagged(resident_ids: Iterable[int]) -> set[int]:
    return set(
        Resident.tags.through.objects.filter(
            resident_id__in=list(resident_ids), tag__slug=Tag.VETERAN
        ).values_list("resident_id", flat=True)
    )


def is_elderly(resident: Resident, on: dt.date | None = None) -> bool:
    return rules.age_on(resident.birth_date, on or timezone.localdate()) >= settings.ELDERLY_AGE
