"""Every URL pattern of the project, and a concrete URL for each, built from fixture objects.

Used by the URL-walk and header tests. A pattern that takes arguments needs a way to be
filled: portal patterns through the ``ARGUMENTS`` of their app's ``tests/<app>/urlwalk.py``
(keyed by route name, collected here into ``PORTAL_ARGUMENTS``), admin patterns generically
(the model comes from the admin URL prefix, the object from the fixtures). A new pattern
that neither covers raises ``Unfillable``, and the meta-test in test_url_walk.py fails, so
new views are walked without anyone remembering to add them, and a new app adds its own
file without editing this one.
"""

import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import URLResolver, get_resolver, resolve, reverse

# --- what each app contributes ----------------------------------------------------------------
#
# Each app's tests/<app>/urlwalk.py may define
#   ARGUMENTS: {route name: lambda objects: {kwarg: value}} for its routes that take
#              arguments, all in its own URL namespace (the folder name, or NAMESPACE);
#   walk_objects(objects) -> {name: object}: the community-A records those routes name,
#              added to the ``objects`` namespace of tests/security/conftest.py;
#   PUBLIC, RESIDENT_PAGES, SUB_DISTRICT_ONLY, FORM_VIEWS, RESIDENT_FORMS: its rows of the
#              walk's and the fuzz pass's tables (``collect_table``).
# Kernel apps (those under portal/) contribute first, then the chapter apps, each in name
# order, so a chapter app's objects may use the kernel's (assistance's case uses the 公示).

TESTS = Path(__file__).resolve().parent.parent
PORTAL = TESTS.parent / "portal"


def contributions() -> list[ModuleType]:
    """Every ``tests/<app>/urlwalk.py`` module: kernel apps first, then chapter apps."""
    folders = [path.parent.name for path in TESTS.glob("*/urlwalk.py")]
    folders = [name for name in folders if name != Path(__file__).parent.name]
    folders.sort(key=lambda name: (not (PORTAL / name).is_dir(), name))
    return [importlib.import_module(f"tests.{name}.urlwalk") for name in folders]


def namespace_of(module: ModuleType) -> str:
    return getattr(module, "NAMESPACE", module.__name__.split(".")[-2])


def collect_arguments(modules: list[ModuleType]) -> dict[str, Callable[[SimpleNamespace], dict]]:
    """The ``ARGUMENTS`` of every module, merged; a route filled twice is an error."""
    collected: dict[str, Callable[[SimpleNamespace], dict]] = {}
    for module in modules:
        for name, fill in getattr(module, "ARGUMENTS", {}).items():
            if name in collected:
                raise ValueError(f"{name} is filled twice (again in {module.__name__})")
            collected[name] = fill
    return collected


def contribute_objects(objects: SimpleNamespace) -> SimpleNamespace:
    """Add every module's ``walk_objects`` to ``objects``; a name given twice is an error."""
    for module in contributions():
        if not hasattr(module, "walk_objects"):
            continue
        for name, value in module.walk_objects(objects).items():
            if hasattr(objects, name):
                raise ValueError(f"walk object {name!r} is given twice (in {module.__name__})")
            setattr(objects, name, value)
    return objects


def collect_table(name: str, kernel: Any) -> Any:
    """The kernel's entries of a walk table (a dict or a set) and every module's ``name``
    merged into them; an entry given twice is an error. The tables an app may give besides
    ``ARGUMENTS``: ``PUBLIC`` ({route: (GET codes, POST codes)}), ``RESIDENT_PAGES`` and
    ``SUB_DISTRICT_ONLY`` (sets of routes) for the URL walk; ``FORM_VIEWS`` ({form class
    name: (route, method, arguments)}) and ``RESIDENT_FORMS`` (a set) for the fuzz pass."""
    merged = type(kernel)(kernel)
    for module in contributions():
        extra = getattr(module, name, None)
        if not extra:
            continue
        twice = set(merged) & set(extra)
        if twice:
            raise ValueError(f"{name}: {sorted(twice)} given twice (again in {module.__name__})")
        merged.update(extra)
    return merged


# How to fill each portal pattern that takes arguments, from the ``objects`` fixture
# (community A's records), as the apps contribute it.
PORTAL_ARGUMENTS = collect_arguments(contributions())


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
            app = (route.name or "").partition(":")[0] or "<app>"
            raise Unfillable(f"{route.label}: add it to ARGUMENTS in tests/{app}/urlwalk.py")
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
