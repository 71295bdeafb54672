"""Registry workflows that write several rows."""

import datetime as dt

from django.db import transaction

from portal.registry.models import Resident, Tag, elderly_birth_cutoff


@transaction.atomic
def elderly_tags_refresh(*, today: dt.date | None = None) -> int:
    """Give the ``elderly`` tag to every resident who has reached ``ELDERLY_AGE``.

    Runs daily, so only the few who turned 60 since yesterday are tagged; each gets a
    history row through the m2m signal, as an edit in the form would. Idempotent:
    running it twice tags nobody twice. Returns how many were tagged.
    """
    tag, _ = Tag.objects.get_or_create(slug=Tag.ELDERLY, defaults={"name": "老年人"})
    cutoff = elderly_birth_cutoff(today)
    newly_elderly = Resident.objects.born_on_or_before(cutoff).exclude(tags=tag)
    count = 0
    for resident in newly_elderly.iterator(chunk_size=500):
        resident.tags.add(tag)
        count += 1
    return count
