"""The 公示 app's part of the URL walk (collected by tests/security/urlwalk.py)."""

from types import SimpleNamespace
from typing import Any

from tests.notices.factories import NoticeListingFactory, PublicityFactory

ARGUMENTS = {
    "notices:notice-detail": lambda o: {"pk": o.notice.pk},
    "notices:update": lambda o: {"pk": o.notice.pk},
    "notices:publish": lambda o: {"pk": o.notice.pk},
    "notices:withdraw": lambda o: {"pk": o.notice.pk},
    "notices:notice-objection": lambda o: {"pk": o.notice.pk},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    """A published 公示 of community A, with one listed household."""
    notice = PublicityFactory(community=o.community)
    NoticeListingFactory(notice=notice)
    return {"notice": notice}
