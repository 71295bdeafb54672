"""Every URL pattern of the project, and a concrete URL for each, built from fixture objects.

Used by the URL-walk and header tests. A pattern that takes arguments needs a way to be
filled: portal patterns through ``PORTAL_ARGUMENTS`` (keyed by route name), admin patterns
generically (the model comes from the admin URL prefix, the object from the fixtures). A new
pattern that neither covers raises ``Unfillable``, and the meta-test in test_url_walk.py
fails, so new views are walked without anyone remembering to add them.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import URLResolver, get_resolver, resolve, reverse

# How to fill each portal pattern that takes arguments, from the ``objects`` fixture
# (community A's records). Add a line here for every new view with arguments.
PORTAL_ARGUMENTS: dict[str, Callable[[SimpleNamespace], dict[str, Any]]] = {
    "registry:resident-detail": lambda o: {"pk": o.resident.pk},
    "registry:resident-update": lambda o: {"pk": o.resident.pk},
    "registry:household-detail": lambda o: {"pk": o.household.pk},
    "registry:household-update": lambda o: {"pk": o.household.pk},
    "guide:service-detail": lambda o: {"slug": o.service.slug},
    "guide:update": lambda o: {"slug": o.service.slug},
    "notices:notice-detail": lambda o: {"pk": o.notice.pk},
    "notices:update": lambda o: {"pk": o.notice.pk},
    "notices:publish": lambda o: {"pk": o.notice.pk},
    "notices:withdraw": lambda o: {"pk": o.notice.pk},
    **{
        f"events:{name}": lambda o: {"pk": o.event.pk}
        for name in (
            "event-detail",
            "event-feed",
            "event-signup",
            "event-check-in",
            "staff-event-detail",
            "staff-event-update",
            "staff-event-cancel",
            "staff-event-signup",
            "staff-attendee-export",
        )
    },
    "events:booking-cancel": lambda o: {"pk": o.registration.pk},
    "events:staff-registration-attendance": lambda o: {
        "pk": o.event.pk,
        "registration_pk": o.registration.pk,
    },
    "events:staff-registration-cancel": lambda o: {
        "pk": o.event.pk,
        "registration_pk": o.registration.pk,
    },
    "events:staff-certificate-issue": lambda o: {"resident_pk": o.resident.pk},
    "events:certificate-detail": lambda o: {"pk": o.certificate.pk},
    "notifications:read": lambda o: {"pk": o.notification.pk},
    "reports:job-detail": lambda o: {"pk": o.report.pk},
    "reports:job-download": lambda o: {"pk": o.report.pk},
    **{
        f"registry:{name}": lambda o: {"pk": o.registry_import.pk}
        for name in ("import-detail", "import-commit", "import-errors")
    },
    "notices:notice-objection": lambda o: {"pk": o.notice.pk},
    **{
        f"assistance:{name}": lambda o: {"pk": o.application.pk}
        for name in (
            "application-detail",
            "application-survey",
            "application-step",
            "application-account",
            "application-expenses",
            "application-special-decision",
        )
    },
    "assistance:objection-answer": lambda o: {"pk": o.objection.pk},
    "assistance:claim-detail": lambda o: {"pk": o.claim.pk},
    "assistance:claim-decide": lambda o: {"pk": o.claim.pk},
    "assistance:donation-detail": lambda o: {"pk": o.donation.pk},
    "assistance:allocation-create": lambda o: {"pk": o.donation.pk},
    "assistance:donor-detail": lambda o: {"pk": o.donor.pk},
}


class Unfillable(Exception):
    """A pattern takes arguments this module does not know how to fill."""


@dataclass(frozen=True)
class Route:
    name: str | None  # "registry:resident-detail"; None for an unnamed pattern
    route: str  # the pattern text with every prefix, e.g. "staff/registry/residents/<int:pk>/"
    kwarg_names: tuple[str, ...]
    positional_count: int
    callback: Callable

    @property
    def label(self) -> str:
        return self.name or f"(unnamed) {self.route}"

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")

    @property
    def takes_arguments(self) -> bool:
        return bool(self.kwarg_names or self.positional_count)


def all_routes() -> list[Route]:
    """Every URL pattern, recursing into includes and the admin, in resolution order."""

    def walk(patterns, namespaces: tuple[str, ...], levels: tuple) -> Iterator[Route]:
        for entry in patterns:
            here = (*levels, entry.pattern)
            if isinstance(entry, URLResolver):
                inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
                yield from walk(entry.url_patterns, inner, here)
                continue
            named: list[str] = []
            positional = 0
            for level in here:
                regex = level.regex
                named.extend(regex.groupindex)
                positional += regex.groups - len(regex.groupindex)
            yield Route(
                name=":".join((*namespaces, entry.name)) if entry.name else None,
                route="".join(str(level) for level in here),
                kwarg_names=tuple(named),
                positional_count=0 if named else positional,  # Django ignores them then
                callback=entry.callback,
            )

    return list(walk(get_resolver().url_patterns, (), ()))


# --- admin patterns, filled generically -----------------------------------------------------------


def _admin_model(route: Route) -> type[models.Model] | None:
    for model in admin.site._registry:
        if route.route.startswith(f"admin/{model._meta.app_label}/{model._meta.model_name}/"):
            return model
    return None


def _object_for(model: type[models.Model], objects: SimpleNamespace) -> models.Model | None:
    """Community A's object of this model if the fixtures have one, else any stored row."""
    for value in vars(objects).values():
        if isinstance(value, model):
            return value
    return model._default_manager.order_by("pk").first()


def _admin_arguments(route: Route, objects: SimpleNamespace) -> tuple[list, dict[str, Any]]:
    model = _admin_model(route)
    obj = _object_for(model, objects) if model else None
    pk = obj.pk if obj is not None else 0  # no row at all: the admin answers for a missing one
    if route.positional_count:
        # simple_history's "<object_id>/history/<history_id>/" is the only positional one.
        if route.positional_count == 2 and "/history/" in route.route and obj is not None:
            return [pk, obj.history.order_by("-history_id").first().history_id], {}
        raise Unfillable(route.label)
    kwargs: dict[str, Any] = {}
    for name in route.kwarg_names:
        if name in {"object_id", "id"} and model is not None:
            kwargs[name] = pk
        elif name == "content_type_id":  # admin:view_on_site
            kwargs[name] = ContentType.objects.get_for_model(objects.resident).pk
            kwargs["object_id"] = objects.resident.pk
        elif name == "object_id" and "content_type_id" in route.kwarg_names:
            continue
        elif name == "app_label":  # admin:app_list: one of the labels in the regex
            choices = re.search(r"\(\?P<app_label>([^)]*)\)", route.route)[1].split("|")
            kwargs[name] = "registry" if "registry" in choices else choices[0]
        elif name == "url":  # the admin's catch-all
            kwargs[name] = "no-such-page/"
        else:
            raise Unfillable(f"{route.label}: argument {name!r}")
    return [], kwargs


def _fill_unnamed(route: Route, kwargs: dict[str, Any]) -> str:
    """An unnamed pattern cannot be reversed: put the values into its text."""
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m[1]]), route.route)  # regex
    text = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), text)  # path converters
    return "/" + text.replace("^", "").replace("$", "")


def build_url(route: Route, objects: SimpleNamespace) -> str:
    """A concrete URL for ``route`` that names community A's objects; raises Unfillable."""
    args: list = []
    kwargs: dict[str, Any] = {}
    if route.takes_arguments:
        if route.name in PORTAL_ARGUMENTS:
            kwargs = PORTAL_ARGUMENTS[route.name](objects)
        elif route.is_admin:
            args, kwargs = _admin_arguments(route, objects)
        else:
            raise Unfillable(f"{route.label}: add it to PORTAL_ARGUMENTS in {__name__}")
    if route.name:
        url = reverse(route.name, args=args, kwargs=kwargs)
    elif args:
        raise Unfillable(route.label)
    else:
        url = _fill_unnamed(route, kwargs)
    if "(" in url or "<" in url or resolve(url).func is not route.callback:
        raise Unfillable(f"{route.label}: built {url}, which another pattern answers")
    return url


def walk_urls(objects: SimpleNamespace) -> list[tuple[Route, str]]:
    return [(route, build_url(route, objects)) for route in all_routes()]
