"""Where the kernel collects what the apps declare in their configs (the app contract,
``portal.core.contract``).

The kernel never names an app: it asks the functions below, which walk the installed
configs in ``INSTALLED_APPS`` order each time they are called (about twenty configs;
nothing is cached, so a test that installs an app sees it at once). Dotted paths are
imported when first called, so an ``apps.py`` imports no models.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.urls import NoReverseMatch
from django.utils.module_loading import import_string

from portal.core.contract import (
    NotificationKindSpec,
    PlanMeasureSpec,
    ReportKindSpec,
    ResidentPanel,
)


@functools.cache
def resolve(path: str) -> Callable[..., Any]:
    """The function a dotted path names (imported once)."""
    return import_string(path)


def allows(predicate: str | None, user: Any) -> bool:
    """Whether ``user`` passes the predicate a hook names (none: every active staff user
    for staff hooks, checked by the caller's own decorator)."""
    if predicate is None:
        return True
    if user is None:  # an error page answered before authentication (a 400 for a bad host)
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    return bool(resolve(predicate)(user))


class UnknownKind(LookupError):
    """A report or notification kind no installed app registers."""


def portal_configs() -> Iterator[AppConfig]:
    """The installed app configs, in ``INSTALLED_APPS`` order (third-party ones have none
    of the hooks, so asking them costs nothing)."""
    return iter(apps.get_app_configs())


def _declared(name: str) -> Iterator[tuple[AppConfig, Any]]:
    for config in portal_configs():
        value = getattr(config, name, None)
        if value:
            yield config, value


# --- menus -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MenuItem:
    label: Any
    url: str


def _menu(hook: str, user: Any) -> list[MenuItem]:
    entries = [entry for _config, declared in _declared(hook) for entry in declared]
    items = []
    for entry in sorted(entries, key=lambda e: e.order):
        if not allows(entry.allowed, user):
            continue
        try:
            items.append(MenuItem(entry.label, entry.url))
        except NoReverseMatch:  # an app whose URLs are not mounted: no entry, no error page
            continue
    return items


def staff_menu(user: Any) -> list[MenuItem]:
    """The staff menu of ``user``: every app's ``staff_nav`` entries they may see."""
    return _menu("staff_nav", user)


def public_menu(user: Any) -> list[MenuItem]:
    """The residents' menu: every app's ``public_nav`` entries ``user`` may see."""
    return _menu("public_nav", user)


# --- panels ----------------------------------------------------------------------------------


def resident_panels(user: Any, resident: Any) -> list[ResidentPanel]:
    """What the apps show about ``resident`` to ``user`` on the resident page; an app
    returns nothing to a role that has no need to see it."""
    return [p for _c, path in _declared("resident_panels") for p in resolve(path)(user, resident)]


def household_panels(user: Any, household: Any) -> list[ResidentPanel]:
    """The same for a household, on the household page."""
    return [p for _c, path in _declared("household_panels") for p in resolve(path)(user, household)]


# --- report and notification kinds ------------------------------------------------------------


def report_kinds() -> dict[str, ReportKindSpec]:
    """Every registered report kind by its code."""
    return {spec.kind: spec for _c, declared in _declared("report_kinds") for spec in declared}


def report_kind(kind: str) -> ReportKindSpec:
    """The registered kind ``kind``; ``UnknownKind`` if no installed app has it."""
    try:
        return report_kinds()[kind]
    except KeyError:
        raise UnknownKind(f"No installed app registers the report kind {kind!r}.") from None


def report_kinds_allowed(user: Any) -> list[str]:
    """The codes of the report kinds ``user`` may request and download."""
    return [code for code, spec in report_kinds().items() if allows(spec.allowed, user)]


def notification_kinds() -> dict[str, NotificationKindSpec]:
    """Every registered notification kind by its code."""
    return {
        spec.kind: spec for _c, declared in _declared("notification_kinds") for spec in declared
    }


def notification_kind(kind: str) -> NotificationKindSpec:
    """The registered kind ``kind``; ``UnknownKind`` if no installed app has it."""
    try:
        return notification_kinds()[kind]
    except KeyError:
        raise UnknownKind(f"No installed app registers the notification kind {kind!r}.") from None


# --- beat -------------------------------------------------------------------------


def beat_schedule() -> dict[str, dict[str, Any]]:
    """The periodic tasks: the project's ``CELERY_BEAT_SCHEDULE`` and every app's
    ``beat_schedule`` entries. Two entries with one name are a mistake, refused."""
    schedule = dict(getattr(settings, "CELERY_BEAT_SCHEDULE", {}))
    for config, declared in _declared("beat_schedule"):
        for name, entry in declared.items():
            if name in schedule:
                raise ValueError(f"{config.label}: the beat entry {name!r} exists already.")
            schedule[name] = entry
    return schedule


# --- caches ------------------------------------------------------------------------------------


def public_page_paths() -> list[str]:
    """The path patterns of every app's cacheable public pages."""
    return [pattern for _c, declared in _declared("public_pages") for pattern in declared]


def public_page_models() -> list[str]:
    """The models (``"app.Model"``) whose changes make the public pages stale."""
    return [label for _c, declared in _declared("public_page_models") for label in declared]


def counted_app_labels() -> frozenset[str]:
    """The labels of the apps whose rows the cached staff counts depend on."""
    return frozenset(config.label for config, _flag in _declared("counted"))


# --- work-plan measures and residents' statuses ---------------------------------------


def plan_measures() -> dict[str, PlanMeasureSpec]:
    """Every registered work-plan measure by its key; a key used twice is refused."""
    measures: dict[str, PlanMeasureSpec] = {}
    for config, declared in _declared("plan_measures"):
        for spec in declared:
            if spec.key in measures:
                raise ValueError(f"{config.label}: the plan measure {spec.key!r} exists already.")
            measures[spec.key] = spec
    return measures


def plan_measure(key: str) -> PlanMeasureSpec:
    """The registered measure ``key``; ``UnknownKind`` if no installed app has it."""
    try:
        return plan_measures()[key]
    except KeyError:
        raise UnknownKind(f"No installed app registers the plan measure {key!r}.") from None


def resident_statuses(resident_ids: Any) -> dict[int, set[str]]:
    """The statuses (``contract.STATUS_*``) the apps hold today for each of
    ``resident_ids``, merged; a resident no app knows is absent from the result."""
    ids = list(resident_ids)
    merged: dict[int, set[str]] = {}
    if not ids:
        return merged
    for _c, path in _declared("resident_statuses"):
        for resident_id, statuses in resolve(path)(ids).items():
            merged.setdefault(resident_id, set()).update(statuses)
    return merged
