"""Permission-checked fetchers: 404 outside the viewer's community (checked first, so an
outsider learns nothing), then 403 for a role without the need to know."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from partywork.models import Contest, Meeting, Membership, Organisation, Selection
from partywork.roles import is_party_worker
from portal.accounts.scoping import get_visible_or_404


def _fetch(queryset: QuerySet, user: Any, pk: int) -> Any:
    found = get_visible_or_404(queryset, user, pk=pk)
    if not is_party_worker(user):
        raise PermissionDenied
    return found


def get_organisation_for_user(user: Any, pk: int) -> Organisation:
    return _fetch(Organisation.objects.select_related("community", "parent"), user, pk)


def get_membership_for_user(user: Any, pk: int) -> Membership:
    return _fetch(
        Membership.objects.select_related("organisation__community", "resident"), user, pk
    )


def get_meeting_for_user(user: Any, pk: int) -> Meeting:
    return _fetch(Meeting.objects.select_related("organisation__community", "event"), user, pk)


def get_selection_for_user(user: Any, pk: int) -> Selection:
    return _fetch(Selection.objects.select_related("organisation__community"), user, pk)


def get_contest_for_user(user: Any, pk: int) -> Contest:
    return _fetch(Contest.objects.select_related("organisation__community", "event"), user, pk)
