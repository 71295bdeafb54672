"""Facts the guide's texts quote from other apps, without the guide importing them.

An editor writes a placeholder such as ``{{低保标准}}`` into an entry; when the page is
shown, the guide sends ``guide_facts`` and each app that knows a fact answers with a dict
of placeholder name → text (assistance answers 低保标准 from its standards table). A
placeholder nobody answers reads ``FALLBACK`` ("按当年标准执行"), never the braces.
"""

import logging
import re
from typing import Any

from django.dispatch import Signal
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

#: Sent with no arguments; receivers return ``{name: text}``.
guide_facts = Signal()

PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]{1,30})\s*\}\}")
#: The entry's fields that may hold placeholders.
TEXT_FIELDS = ("summary", "eligibility", "materials", "steps", "fee")


def collect_facts() -> dict[str, str]:
    """Every app's answer, merged; an app whose receiver fails is left out (logged)."""
    facts: dict[str, str] = {}
    for receiver, answer in guide_facts.send_robust(sender=None):
        if isinstance(answer, Exception):
            log.warning("guide fact failed: receiver=%s error=%s", receiver, type(answer).__name__)
        elif answer:
            facts.update({str(k): str(v) for k, v in answer.items()})
    return facts


def fill(text: str, facts: dict[str, str]) -> str:
    return PLACEHOLDER.sub(
        lambda m: facts.get(m.group(1), _("as set for the current year")), text or ""
    )


def fill_entry(entry: Any) -> Any:
    """The entry (in memory, never saved) with its placeholders filled."""
    if not any(PLACEHOLDER.search(getattr(entry, name) or "") for name in TEXT_FIELDS):
        return entry
    facts = collect_facts()
    for name in TEXT_FIELDS:
        setattr(entry, name, fill(getattr(entry, name), facts))
    return entry
