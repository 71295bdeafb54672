"""The accounts app's part of the URL walk (collected by tests/security/urlwalk.py): its
pages take no arguments; the admin's group pages need a group."""

from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import Group


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    return {"group": Group.objects.create(name="registry clerks")}
