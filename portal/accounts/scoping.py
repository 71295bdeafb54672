"""The one mechanism that scopes staff queries by the viewer's community.

Every model that holds a community's records uses a QuerySet derived from
``CommunityScopedQuerySet`` and names the path to its community in
``community_lookup``. Views start every query from ``visible_to(user)`` and fetch single
objects through ``get_visible_or_404``; no view filters by community by hand.
"""

import logging
import sys
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import models
from django.http import Http404

security_log = logging.getLogger("portal.security")

M = TypeVar("M", bound=models.Model)


# --- the guard: resident-bearing models are queried through a scope ---------------------------

#: Models that hold people: a query on them must start from ``visible_to``,
#: ``in_community`` or ``for_public_community``, come through a record fetched so (a
#: related manager such as ``household.members``), or be named below.
GUARDED_MODELS = frozenset({"registry.resident", "registry.household"})

#: The deliberate unscoped paths, in one place: code that queries people without a staff
#: scope on purpose (by module prefix), and why.
UNSCOPED_PATHS = (
    "portal.accounts.scoping",  # the scoping mechanism itself (the 404-or-log check)
    "portal.accounts.services",  # a resident links their own account by name and ID number
    "portal.registry.management",  # commands (seed_demo) run as the operator
    "portal.registry.migrations",  # migrations
    "portal.registry.demo",  # the demo data
    "portal.events.demo",
    "portal.registry.imports",  # the import checks duplicates across the sub-district
    "portal.registry.services",  # background upkeep (elderly tags) over every community
    "portal.registry.tasks",
    "portal.registry.models",  # model validation: an ID number is unique sub-district-wide
    "portal.registry.admin",  # the admin: superusers see everything, as the admin does
    "portal.reports",  # report builders run in the worker for a job scoped when requested
    "portal.events.services",  # a resident's own sign-up and their household
    "portal.events.reminders",
    "portal.notifications",
    "portal.core.demo",
    "assistance",  # the assistance app's own services check scope at their entry points
    "education",
    "eldercare",
    "health",
    "partywork",
    "tests",  # test set-up and assertions
    "bench",
)

#: Django's own deliberate unscoped queries, by function: a prefetch follows rows fetched in
#: scope; the uniqueness checks of model validation cover the whole sub-district (an ID
#: number is unique everywhere, and the message does not say where).
UNSCOPED_FUNCTIONS = frozenset(
    {"prefetch_related_objects", "_perform_unique_checks", "validate_constraints"}
)

#: Whether the guard is on: "raise" in the test suite, "collect" to list the unscoped
#: queries of a run in ``unscoped_seen`` instead; off in production.
scope_guard: ContextVar[str] = ContextVar("scope_guard", default="")
unscoped_seen: set[str] = set()


class UnscopedQuery(AssertionError):
    """A resident-bearing model was queried without a scope, outside ``UNSCOPED_PATHS``."""


#: Packages of the project: the caller is the first of their frames on the stack.
PROJECT_PACKAGES = ("portal", "assistance", "education", "eldercare", "health", "partywork")


#: Modules whose frames wrap every request without querying records themselves (the public
#: page cache's middleware): never the origin of a query.
PASS_THROUGH_MODULES = frozenset({"portal.core.cache"})


def _caller_module() -> str:
    """The module of the first project frame on the stack (skipping this module). A
    queryset evaluated lazily while a response renders, with no project frame left, has
    no caller to name: ``""``, which the guard lets through (a known limit)."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if frame.f_code.co_name in UNSCOPED_FUNCTIONS:
            return "django.deliberate"
        if (
            name != __name__
            and not name.endswith(".middleware")  # a response rendered lazily: no origin
            and name not in PASS_THROUGH_MODULES
            and name.split(".")[0] in (*PROJECT_PACKAGES, "tests", "bench")
        ):
            return name
        frame = frame.f_back
    return ""


class CommunityScopedQuerySet(models.QuerySet):
    #: Lookup from this model to ``registry.Community``'s primary key; a tuple of lookups
    #: when a row belongs to several communities (a sign-up: the event's and the person's).
    community_lookup: str | tuple[str, ...] = "community"
    #: Rows whose community is empty belong to the whole sub-district and are visible to
    #: every staff member (sub-district-wide events); otherwise nobody below the
    #: sub-district sees them.
    null_community_is_shared: bool = False
    #: Set by the scopes below (and ``unscoped``); carried by every clone.
    _scoped: bool = False

    def _clone(self) -> "CommunityScopedQuerySet":
        clone = super()._clone()
        clone._scoped = self._scoped
        return clone

    def _marked(self) -> "CommunityScopedQuerySet":
        clone = self._chain()
        clone._scoped = True
        return clone

    def none(self) -> "CommunityScopedQuerySet":
        return super().none()._marked()

    def unscoped(self) -> "CommunityScopedQuerySet":
        """No scope, on purpose: for code in ``UNSCOPED_PATHS``-like situations that must
        say so at the call (e.g. a uniqueness check across the sub-district)."""
        return self._marked()

    def _check_scope(self) -> None:
        if (
            not scope_guard.get()
            or self._scoped
            or "instance" in self._hints  # a related manager of a record fetched in scope
            or self.model._meta.label_lower not in GUARDED_MODELS
        ):
            return
        caller = _caller_module()
        if caller in ("", "django.deliberate") or caller.startswith(UNSCOPED_PATHS):
            return
        if scope_guard.get() == "collect":
            unscoped_seen.add(f"{self.model._meta.label} from {caller}")
            return
        raise UnscopedQuery(
            f"{self.model._meta.label} queried without a scope from {caller}: start from "
            "visible_to()/in_community(), or name the path in scoping.UNSCOPED_PATHS."
        )

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._check_scope()
        super()._fetch_all()

    def count(self) -> int:
        self._check_scope()
        return super().count()

    def exists(self) -> bool:
        self._check_scope()
        return super().exists()

    def visible_to(self, user: Any) -> "CommunityScopedQuerySet":
        """Rows the user may see: all for sub-district roles, one community for community
        roles, none for residents, anonymous visitors and inactive accounts."""
        if not getattr(user, "is_authenticated", False) or not user.is_portal_staff:
            return self.none()._marked()
        if user.sees_all_communities:
            return self._marked()
        if not user.community_id:
            return self.none()._marked()
        return self.filter(self._community_q(user.community_id))._marked()

    def in_community(self, community_id: int) -> "CommunityScopedQuerySet":
        return self.filter(self._community_q(community_id))._marked()

    def for_public_community(self, community: Any) -> "CommunityScopedQuerySet":
        """A public page filtered to one community: its rows and the sub-district's (no
        community), which concern its residents too. Not a staff scope."""
        return self.filter(
            models.Q(**{self.community_lookup: community})
            | models.Q(**{f"{self.community_lookup}__isnull": True})
        )._marked()

    def _community_q(self, community_id: int) -> models.Q:
        lookups = (
            (self.community_lookup,)
            if isinstance(self.community_lookup, str)
            else self.community_lookup
        )
        condition = models.Q()
        for lookup in lookups:
            condition |= models.Q(**{lookup: community_id})
            if self.null_community_is_shared:
                condition |= models.Q(**{f"{lookup}__isnull": True})
        return condition


def get_visible_or_404(queryset: models.QuerySet, user: Any, **lookup: Any) -> Any:
    """Fetch one object the user may see, or raise 404.

    An object that exists but lies outside the user's scope also gives 404 (no hint
    that it exists) and writes a security log line with who asked for what.
    """
    try:
        return queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist:
        if queryset.model._default_manager.filter(**lookup).unscoped().exists():
            security_log.warning(
                "access refused: user=%s model=%s lookup=%s",
                getattr(user, "pk", None),
                queryset.model._meta.label,
                {key: str(value) for key, value in lookup.items()},
            )
        raise Http404(f"No visible {queryset.model._meta.model_name}.") from None
