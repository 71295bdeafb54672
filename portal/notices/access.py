"""Who may write notices, and the permission-checked fetcher of the staff pages."""

from typing import Any

from portal.accounts.access import role_required
from portal.accounts.models import NOTICE_EDITOR_ROLES
from portal.accounts.scoping import get_visible_or_404
from portal.notices.models import Notice, NoticeObjection

notice_editor_required = role_required(*NOTICE_EDITOR_ROLES)


def get_notice_for_user(user: Any, pk: int) -> Notice:
    """The notice ``pk`` as ``user`` may see it on the staff pages, with its community.

    The role check is the view's decorator. Raises ``Http404`` when the notice does not
    exist or lies outside the user's scope: a community role sees its own community's
    notices, not another's nor those of the whole sub-district (and then a
    ``portal.security`` line names who asked).
    """
    return get_visible_or_404(Notice.objects.select_related("community"), user, pk=pk)


def get_objection_for_user(user: Any, pk: int) -> NoticeObjection:
    """Objection ``pk`` with its notice, if ``user``'s scope covers the notice's
    community; ``Http404`` otherwise (and a ``portal.security`` line), as for notices."""
    return get_visible_or_404(NoticeObjection.objects.select_related("notice"), user, pk=pk)
