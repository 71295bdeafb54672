"""The core app's part of the URL walk (collected by tests/security/urlwalk.py): its pages
take no arguments; the admin's official-day pages need a row entered in the admin."""

import datetime as dt
from types import SimpleNamespace
from typing import Any

from portal.core.models import OfficialDay, OfficialDayKind


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    return {
        # Entered in the admin, so with a history row (the migration's rows have none).
        "official_day": OfficialDay.objects.create(
            day=dt.date(2027, 1, 1), kind=OfficialDayKind.HOLIDAY, name="元旦"
        ),
    }
