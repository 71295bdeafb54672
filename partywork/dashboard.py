"""The Party work panels: on the staff home, the secretary's overdue meetings and branch
warnings; on the registry's resident page, the person's memberships, posts and roles —
only for the roles that may know a person's political affiliation."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partywork import rules
from partywork.models import DutyAssignment, Membership, Officer, Organisation, OrgKind
from partywork.roles import is_party_worker
from partywork.services.meetings import due_soon_in, overdue_in, required_periods_of_many
from portal.core.contract import PanelLine, ResidentPanel
from portal.core.panels import DueLine, Panel

PARTY_LEVELS = (OrgKind.GENERAL_BRANCH, OrgKind.BRANCH, OrgKind.GROUP)


def staff_panels(user: Any) -> list[Panel]:
    if not is_party_worker(user):
        return []
    today = timezone.localdate()
    # One query for the branches (with their member counts) and their groups, two for
    # the meetings held and the committee terms: the same for one branch as for many.
    party = list(
        Organisation.objects.visible_to(user)
        .filter(kind__in=PARTY_LEVELS, dissolved_on__isnull=True)
        .with_counts(today)
    )
    branches = [org for org in party if org.kind != OrgKind.GROUP]
    groups = [org for org in party if org.kind == OrgKind.GROUP]
    periods = required_periods_of_many(branches, today=today, groups=groups)
    days = rules.setting("MEETING_REMINDER_DAYS")
    overdue = sum(len(overdue_in(found, today)) for found in periods.values())
    due = sum(len(due_soon_in(found, today, days)) for found in periods.values())
    minimum = rules.setting("BRANCH_MIN_FULL_MEMBERS")
    warned = sum(1 for b in branches if b.kind == OrgKind.BRANCH and b.full_count < minimum)
    home = reverse("partywork:organisation-list")
    overdue_url = reverse("partywork:overdue-list")
    return [
        Panel(
            title=_("Party and League work"),
            url=home,
            lines=[
                DueLine(_("Required meetings overdue"), overdue, overdue_url, urgent=True),
                DueLine(_("Required meetings due before the period ends"), due, overdue_url),
                DueLine(_("Branches below three full members"), warned, home, urgent=True),
            ],
        )
    ]


def resident_panels(user: Any, resident: Any) -> list[ResidentPanel]:
    """Membership, posts and roles of one person, for Party/League secretaries and
    sub-district staff only (political affiliation); nothing for anyone else."""
    if not is_party_worker(user):
        return []
    memberships = list(
        Membership.objects.visible_to(user)
        .filter(resident=resident)
        .select_related("organisation")
        .order_by("left_on", "joined_on")
    )
    lines = []
    for membership in memberships:
        value = f"{membership.get_standing_display()} · {membership.joined_on:%Y-%m-%d}"
        if membership.left_on:
            value += f" – {membership.left_on:%Y-%m-%d} {membership.get_left_how_display()}"
        lines.append(PanelLine(membership.organisation.name, value, membership.get_absolute_url()))
    today = timezone.localdate()
    for officer in Officer.objects.filter(membership__in=memberships).in_office(today):
        lines.append(PanelLine(_("Post"), officer.get_post_display()))
    for duty in DutyAssignment.objects.filter(membership__in=memberships, year=today.year):
        lines.append(PanelLine(_("Role this year"), duty.get_duty_display()))
    return [
        ResidentPanel(
            title=_("Party and League"),
            lines=lines,
            empty_text=_("Not a member of a Party or League organisation here."),
        )
    ]
