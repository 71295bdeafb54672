"""主动发现: elders missing a service they qualify for, per community, each row with the
action that fixes it. Four lists:

- ``device``: meets the seed's emergency-call rule (``rules.device_eligible``) and has no
  device in place in their household;
- ``allowance``: has reached the lowest 高龄津贴 bracket's age (in force today) and is not
  on the list;
- ``alone``: lives alone with no open pairing;
- ``assessment``: the current assessment's reassessment date has passed.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eldercare import register, rules
from eldercare.models import Assessment, Enrolment, Installation, Living, Pairing
from eldercare.services.allowance import Table
from portal.core.dates import years_before

LISTS = {
    "device": _("Qualify for an emergency-call device and have none"),
    "allowance": _("Reached the old-age allowance age and are not on the list"),
    "alone": _("Live alone with no volunteer pairing"),
    "assessment": _("Reassessment overdue"),
}
ACTIONS = {
    "device": _("Record an installation"),
    "allowance": _("Put on the list"),
    "alone": _("Pair a volunteer"),
    "assessment": _("Record an assessment"),
}


@dataclass
class Missing:
    resident: Any
    age: int
    detail: str
    action_url: str


def _device_in_place() -> Exists:
    return Exists(
        Installation.objects.unscoped().filter(
            household=OuterRef("household"), removed_on__isnull=True
        )
    )


def missing(user: Any, which: str, on: dt.date | None = None) -> list[Missing]:
    """The elders of ``user``'s scope on list ``which`` (a key of ``LISTS``)."""
    on = on or timezone.localdate()
    elders = register.elders(user, on).order_by("community__code", "name", "pk")
    rows: list[Missing] = []
    if which == "device":
        candidates = list(
            elders.filter(birth_date__lte=years_before(on, settings.ELDERLY_AGE))
            .annotate(has_device=_device_in_place())
            .filter(has_device=False)
        )
        categories = register.categories_of(
            candidates, on, tagged_disabled=register.disabled_tagged(r.pk for r in candidates)
        )
        for resident in candidates:
            profile = getattr(resident, "elder_profile", None)
            age = rules.age_on(resident.birth_date, on)
            if resident.household_id and rules.device_eligible(
                age,
                categories[resident.pk],
                veteran=bool(profile and profile.disabled_veteran),
                red_army=bool(profile and profile.red_army),
            ):
                labels = [str(rules.CATEGORY_LABELS[c]) for c in sorted(categories[resident.pk])]
                rows.append(
                    Missing(
                        resident,
                        age,
                        "、".join(labels),
                        reverse("eldercare:device-create") + f"?elder={resident.pk}",
                    )
                )
    elif which == "allowance":
        lowest = Table().lowest_age(on.replace(day=1))
        if lowest is None:
            return []
        enrolled = Enrolment.objects.unscoped().filter(resident=OuterRef("pk"))
        for resident in elders.filter(birth_date__lte=years_before(on, lowest)).exclude(
            Exists(enrolled)
        ):
            rows.append(
                Missing(
                    resident,
                    rules.age_on(resident.birth_date, on),
                    "",
                    reverse("eldercare:enrolment-create") + f"?resident={resident.pk}",
                )
            )
    elif which == "alone":
        paired = Pairing.objects.unscoped().open().filter(elder=OuterRef("pk"))
        for resident in elders.filter(elder_profile__living=Living.ALONE).exclude(Exists(paired)):
            rows.append(
                Missing(
                    resident,
                    rules.age_on(resident.birth_date, on),
                    "",
                    reverse("eldercare:pairing-create") + f"?elder={resident.pk}",
                )
            )
    elif which == "assessment":
        overdue = (
            Assessment.objects.visible_to(user)
            .current()
            .filter(next_due_on__lt=on)
            .select_related("elder__community")
            .order_by("next_due_on", "pk")
        )
        for assessment in overdue:
            resident = assessment.elder
            rows.append(
                Missing(
                    resident,
                    rules.age_on(resident.birth_date, on),
                    f"{assessment.next_due_on:%Y-%m-%d}",
                    reverse("eldercare:assessment-create") + f"?elder={resident.pk}",
                )
            )
    return rows
