"""The one mechanism that scopes staff queries by the viewer's community.

Every model that holds a community's records uses a QuerySet derived from
``CommunityScopedQuerySet`` and names the path to its community in
``community_lookup``. Views start every query from ``visible_to(user)`` and fetch single
objects through ``get_visible_or_404``; no view filters by community by hand.
"""

import logging
from typing import Any, TypeVar

from django.db import models
from django.http import Http404

security_log = logging.getLogger("portal.security")

M = TypeVar("M", bound=models.Model)


class CommunityScopedQuerySet(models.QuerySet):
    #: Lookup from this model to ``registry.Community``'s primary key; a tuple of lookups
    #: when a row belongs to several communities (a sign-up: the event's and the person's).
    community_lookup: str | tuple[str, ...] = "community"
    #: Rows whose community is empty belong to the whole sub-district and are visible to
    #: every staff member (sub-district-wide events); otherwise nobody below the
    #: sub-district sees them.
    null_community_is_shared: bool = False

    def visible_to(self, user: Any) -> "CommunityScopedQuerySet":
        """Rows the user may see: all for sub-district roles, one community for community
        roles, none for residents, anonymous visitors and inactive accounts."""
        if not getattr(user, "is_authenticated", False) or not user.is_portal_staff:
            return self.none()
        if user.sees_all_communities:
            return self.all()
        if not user.community_id:
            return self.none()
        return self.filter(self._community_q(user.community_id))

    def in_community(self, community_id: int) -> "CommunityScopedQuerySet":
        return self.filter(self._community_q(community_id))

    def for_public_community(self, community: Any) -> "CommunityScopedQuerySet":
        """A public page filtered to one community: its rows and the sub-district's (no
        community), which concern its residents too. Not a staff scope."""
        return self.filter(
            models.Q(**{self.community_lookup: community})
            | models.Q(**{f"{self.community_lookup}__isnull": True})
        )

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
        if queryset.model._default_manager.filter(**lookup).exists():
            security_log.warning(
                "access refused: user=%s model=%s lookup=%s",
                getattr(user, "pk", None),
                queryset.model._meta.label,
                {key: str(value) for key, value in lookup.items()},
            )
        raise Http404(f"No visible {queryset.model._meta.model_name}.") from None
