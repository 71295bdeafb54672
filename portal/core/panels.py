"""Panels of work due on the staff home, contributed by the domain apps.

An app names a function in its AppConfig (``staff_panels = "app.dashboard.staff_panels"``)
that takes the user and returns the panels it has for them (none for roles it does not
serve). The kernel imports no domain app: it only calls what the configs name.
"""

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class DueLine:
    label: str
    count: int
    url: str
    #: Shown as a warning (overdue work) when the count is not zero.
    urgent: bool = False


@dataclass(frozen=True)
class Panel:
    title: str
    url: str
    lines: list[DueLine] = field(default_factory=list)


def staff_panels(user: Any) -> list[Panel]:
    """Every app's panels for ``user``, in the order the apps are installed."""
    panels: list[Panel] = []
    for config in apps.get_app_configs():
        path = getattr(config, "staff_panels", None)
        if path:
            panels.extend(import_string(path)(user))
    return panels
