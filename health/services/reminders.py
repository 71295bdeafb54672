"""Messages to residents: only through their portal account, and saying no more than a
time and a place (no diagnosis, no service name): domain-rules §7."""

import logging
from typing import Any

from portal.notifications.models import Notification
from portal.notifications.services import notify

log = logging.getLogger(__name__)


def tell_resident(
    resident: Any, kind: str, context: dict[str, Any], *, key: str, url: str = ""
) -> bool:
    """Notify ``resident``'s account, once per ``key``; False when they have none or were
    told already."""
    account = getattr(resident, "account", None)
    if account is None or Notification.objects.filter(key=key).exists():
        return False
    notify(account, kind, context, key=key, url=url)
    return True
