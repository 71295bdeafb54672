"""Permission-checked fetchers for the registry's staff pages, and the one place where a
resident's full ID and phone numbers are handed to a page.

Views fetch single objects through these functions only; each starts from the model's
``visible_to`` scope (through :func:`get_visible_or_404`), so an object of another
community is a 404, never a 403 that would confirm it exists.
"""

import logging
from dataclasses import dataclass
from typing import Any

from portal.accounts.scoping import get_visible_or_404
from portal.registry.models import Household, RegistryImport, Resident

audit_log = logging.getLogger("portal.audit")


def get_resident_for_user(user: Any, pk: int) -> Resident:
    """The resident ``pk`` as ``user`` may see it, with community, household and compound.

    Any staff view may call this; the role check is the view's decorator. Raises
    ``Http404`` when the resident does not exist or lies outside the user's communities
    (and then writes a ``portal.security`` line naming who asked).
    """
    queryset = Resident.objects.select_related("community", "household__compound")
    return get_visible_or_404(queryset, user, pk=pk)


def get_household_for_user(user: Any, pk: int) -> Household:
    """The household ``pk`` as ``user`` may see it, with its community and compound.

    Any staff view may call this; the role check is the view's decorator. Raises
    ``Http404`` when the household does not exist or lies outside the user's communities
    (and then writes a ``portal.security`` line naming who asked).
    """
    queryset = Household.objects.select_related("community", "compound")
    return get_visible_or_404(queryset, user, pk=pk)


def get_import_for_user(user: Any, pk: int) -> RegistryImport:
    """The import ``pk`` as ``user`` may see it: its community's staff, or sub-district
    roles for their own community-less ones. The role check is the view's decorator;
    outsiders get ``Http404`` (and a ``portal.security`` line)."""
    queryset = RegistryImport.objects.select_related("community", "requested_by", "committed_by")
    return get_visible_or_404(queryset, user, pk=pk)


@dataclass(frozen=True)
class ShownIdentity:
    """A resident's ID and phone numbers as one viewer may see them."""

    id_number: str
    phone: str
    full: bool


def identity_shown_to(user: Any, resident: Resident, *, purpose: str = "view") -> ShownIdentity:
    """The ID and phone numbers of ``resident`` as ``user`` may see them: in full for the
    identity-checking roles (``user.can_see_full_identity``), masked for everyone else.

    Call it only for a resident fetched through :func:`get_resident_for_user`. Side
    effect: when the full values are shown, writes one ``portal.audit`` line with the
    user id, the resident id and ``purpose`` ("view", "edit"), never the values.
    """
    full = bool(getattr(user, "can_see_full_identity", False))
    if full:
        audit_log.info(
            "identity shown: user=%s resident=%s purpose=%s", user.pk, resident.pk, purpose
        )
    return ShownIdentity(
        id_number=resident.id_number_for(user), phone=resident.phone_for(user), full=full
    )
