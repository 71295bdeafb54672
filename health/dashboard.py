"""The health panels: on the staff home, follow-ups due and overdue and contract requests
waiting (clinicians; requests for the office too); on the registry's resident page, the
contract and registries, for clinicians only (domain-rules §7: health data never reaches
roles without the right)."""

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from health.models import Contract, ContractStatus, Patient
from health.roles import is_clinician, is_health_office
from health.rules import setting
from portal.core.contract import PanelLine, ResidentPanel
from portal.core.panels import DueLine, Panel


def staff_panels(user: Any) -> list[Panel]:
    """Community-level work only (the team's requests and follow-ups): none for the
    sub-district, who confirms nothing here. Queries: 1, and 1 more for a clinician."""
    if not is_health_office(user) or user.sees_all_communities:
        return []
    requests = Contract.objects.visible_to(user).filter(status=ContractStatus.REQUESTED).count()
    lines = [
        DueLine(
            _("Contract requests waiting"),
            requests,
            reverse("health:contract-list") + "?status=requested",
        )
    ]
    if is_clinician(user):
        today = timezone.localdate()
        window = today + dt.timedelta(days=setting("HEALTH_DUE_WINDOW_DAYS"))
        managed = Patient.objects.visible_to(user).managed()
        lines += [
            DueLine(
                _("Follow-ups due within two weeks"),
                managed.filter(next_due__gte=today, next_due__lte=window).count(),
                reverse("health:followup-due") + "?state=due",
            ),
            DueLine(
                _("Follow-ups overdue"),
                managed.filter(next_due__lt=today).count(),
                reverse("health:followup-due") + "?state=overdue",
                urgent=True,
            ),
        ]
    return [Panel(title=_("Community health"), url=reverse("health:home"), lines=lines)]


def resident_panels(user: Any, resident: Any) -> list[ResidentPanel]:
    """Clinicians of the resident's community only: the contract and the registries."""
    if not is_clinician(user):
        return []
    lines = []
    contract = (
        Contract.objects.visible_to(user)
        .in_force()
        .filter(resident=resident)
        .select_related("team")
        .first()
    )
    if contract:
        lines.append(
            PanelLine(
                _("Family doctor"),
                f"{contract.team} · {contract.ends_on}",
                contract.get_absolute_url(),
            )
        )
    for patient in Patient.objects.visible_to(user).filter(resident=resident):
        lines.append(
            PanelLine(
                patient.get_condition_display(),
                patient.get_status_display(),
                patient.get_absolute_url(),
            )
        )
    return [
        ResidentPanel(
            title=_("Community health"),
            lines=lines,
            empty_text=_("No contract and no registry."),
        )
    ]
