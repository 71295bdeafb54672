"""Receivers: the assistance app's reaction to kernel events."""

from typing import Any

from django.dispatch import receiver

from portal.guide.facts import guide_facts
from portal.notices.signals import objection_accepted


@receiver(objection_accepted, dispatch_uid="assistance-reopen-on-objection")
def reopen_on_objection(sender: Any, notice: Any, objection: Any, **kwargs: Any) -> None:
    """Staff accepted (受理) an objection: the case goes back to investigation (on a
    batch 公示, the one case it concerns when staff said which)."""
    from assistance.services.applications import application_reopen

    application_reopen(notice=notice, objection=objection, concerning=kwargs.get("concerning"))


@receiver(guide_facts, dispatch_uid="assistance-guide-standards")
def standards_for_the_guide(sender: Any, **kwargs: Any) -> dict[str, str]:
    """低保标准 for the service guide: the urban and rural standards in force today."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from assistance.models import Standard
    from portal.core.templatetags.formats import format_money
    from portal.registry.models import RegistrationType

    today = timezone.localdate()
    parts = []
    for registration, label in RegistrationType.choices:
        standard = Standard.objects.subsistence_in_force(registration, today)
        if standard is not None:
            parts.append(
                _("%(kind)s %(amount)s per person a month")
                % {"kind": label, "amount": format_money(standard.monthly_amount)}
            )
    return {"低保标准": _(", ").join(parts)} if parts else {}
