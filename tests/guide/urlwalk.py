"""The service guide's part of the URL walk (collected by tests/security/urlwalk.py)."""

from types import SimpleNamespace
from typing import Any

from tests.guide.factories import ServiceEntryFactory

ARGUMENTS = {
    "guide:service-detail": lambda o: {"slug": o.service.slug},
    "guide:update": lambda o: {"slug": o.service.slug},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    return {"service": ServiceEntryFactory(slug="dibao")}
