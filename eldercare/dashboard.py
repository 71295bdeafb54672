"""The elder-care panels: on the staff home, the work due (visits waiting for approval,
lapsed pairings, overdue reassessments, elders missing a service); on the registry's
resident page, an elder's categories, last assessment, station services and pairing."""

from typing import Any

from django.db.models import Count, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eldercare import register, rules
from eldercare.models import (
    Assessment,
    Pairing,
    ServiceRecord,
    ServiceRequest,
    Visit,
    VisitStatus,
)
from eldercare.roles import is_eldercare_manager
from portal.core.contract import PanelLine, ResidentPanel
from portal.core.panels import DueLine, Panel


def staff_panels(user: Any) -> list[Panel]:
    if not is_eldercare_manager(user):
        return []
    today = timezone.localdate()
    # One query: the three counts as a union of grouped counts (a count of 0 has no row).
    parts = [
        ServiceRequest.objects.visible_to(user).open(),
        Visit.objects.visible_to(user).filter(status=VisitStatus.SUBMITTED),
        Assessment.objects.visible_to(user).current().filter(next_due_on__lt=today),
    ]
    grouped = [
        part.order_by().values(k=Value(name)).annotate(n=Count("pk"))
        for name, part in zip(("requests", "waiting", "overdue"), parts, strict=True)
    ]
    counts = {row["k"]: row["n"] for row in grouped[0].union(*grouped[1:], all=True)}
    requests, waiting, overdue = (counts.get(k, 0) for k in ("requests", "waiting", "overdue"))
    pairings = reverse("eldercare:pairing-list")
    return [
        Panel(
            title=_("Elder care"),
            url=reverse("eldercare:elder-list"),
            lines=[
                DueLine(
                    _("Residents' requests waiting"), requests, reverse("eldercare:request-list")
                ),
                DueLine(_("Visits waiting for approval"), waiting, pairings),
                DueLine(
                    _("Reassessments overdue"),
                    overdue,
                    reverse("eldercare:missing-list") + "?list=assessment",
                    urgent=True,
                ),
            ],
        )
    ]


def resident_panels(user: Any, resident: Any) -> list[ResidentPanel]:
    """For elder-care staff and an elder only: categories, last assessment, the latest
    station services and the open pairings (four queries)."""
    if not is_eldercare_manager(user) or not register.is_elderly(resident):
        return []
    today = timezone.localdate()
    categories = register.categories_of([resident], today)[resident.pk]
    lines = [
        PanelLine(
            _("Care categories"),
            "、".join(str(rules.CATEGORY_LABELS[c]) for c in sorted(categories)) or "—",
        )
    ]
    last = Assessment.objects.visible_to(user).current().filter(elder=resident).first()
    lines.append(
        PanelLine(
            _("Last assessment"),
            f"{last.assessed_on:%Y-%m-%d} · {last.level_name}" if last else _("None yet"),
            last.get_absolute_url() if last else "",
        )
    )
    for record in (
        ServiceRecord.objects.visible_to(user)
        .filter(elder=resident)
        .select_related("item", "station")[:3]
    ):
        lines.append(
            PanelLine(
                _("Station service"),
                f"{record.started_at:%Y-%m-%d} {record.item} · {record.station}",
            )
        )
    for pairing in (
        Pairing.objects.visible_to(user)
        .open()
        .filter(elder=resident)
        .select_related("volunteer__resident", "team")
    ):
        lines.append(PanelLine(_("Paired with"), pairing.carer_name, pairing.get_absolute_url()))
    return [
        ResidentPanel(
            title=_("Elder care"),
            lines=lines,
            url=reverse("eldercare:elder-detail", args=[resident.pk]),
        )
    ]
