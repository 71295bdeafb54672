"""The registry's part of the URL walk (collected by tests/security/urlwalk.py). The
resident and household themselves are the walk's base objects (tests/security/conftest.py)."""

from types import SimpleNamespace
from typing import Any

from portal.core.jobs import JobStatus
from portal.registry.models import RegistryImport
from tests.factories import TagFactory

ARGUMENTS = {
    "registry:resident-detail": lambda o: {"pk": o.resident.pk},
    "registry:resident-update": lambda o: {"pk": o.resident.pk},
    "registry:household-detail": lambda o: {"pk": o.household.pk},
    "registry:household-update": lambda o: {"pk": o.household.pk},
    **{
        f"registry:{name}": lambda o: {"pk": o.registry_import.pk}
        for name in ("import-detail", "import-commit", "import-errors")
    },
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    """A checked import of community A's staff, and a tag."""
    return {
        "registry_import": RegistryImport.objects.create(
            original_name="台账.xlsx",
            community=o.community,
            requested_by=o.staff,
            phase="checked",
            status=JobStatus.DONE,
            row_count=1,
        ),
        "tag": TagFactory(),
    }
