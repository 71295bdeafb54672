"""The contract-coverage report (签约覆盖): per community and key group, the residents in
the group and how many of them hold a contract in force today."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from health.models import Contract, ElderlyCheck, KeyGroup
from health.services.contracts import derived_key_groups
from portal.core.jobs import BuiltFile
from portal.core.xlsx import workbook_bytes
from portal.registry.models import Community, Resident


def coverage_rows(communities: list[Any], on: Any) -> list[list[Any]]:
    rows = []
    for community in communities:
        residents = list(Resident.objects.in_community(community.pk))
        groups = derived_key_groups(residents, on)
        contracts = {
            c.resident_id: set(c.key_groups)
            for c in Contract.objects.in_community(community.pk).in_force()
        }
        for resident_id, declared in contracts.items():
            groups.setdefault(resident_id, set()).update(declared)
        for code, label in KeyGroup.choices:
            members = [pk for pk, found in groups.items() if code in found]
            signed = sum(1 for pk in members if pk in contracts)
            share = f"{signed * 100 // len(members)}%" if members else "—"
            rows.append([community.name, str(label), len(members), signed, share])
        # §1.5: the 65+ yearly check, done or not this year (same columns: checked).
        elderly = [pk for pk, found in groups.items() if KeyGroup.ELDERLY in found]
        checked = (
            ElderlyCheck.objects.in_community(community.pk)
            .filter(year=on.year, resident_id__in=elderly)
            .count()
        )
        share = f"{checked * 100 // len(elderly)}%" if elderly else "—"
        rows.append([community.name, _("65+ yearly check done"), len(elderly), checked, share])
    return rows


def build_coverage(job: Any) -> BuiltFile:
    today = timezone.localdate()
    communities = [job.community] if job.community_id else list(Community.objects.unscoped())
    rows = coverage_rows(communities, today)
    header = [_("Community"), _("Key group"), _("Residents"), _("With a contract"), _("Coverage")]
    content = workbook_bytes(_("Contract coverage"), header, rows, widths=[16, 28, 10, 12, 10])
    return BuiltFile(f"contract-coverage-{today:%Y%m%d}.xlsx", content, row_count=len(rows))
