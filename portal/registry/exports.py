"""The resident list as a workbook: what the list page shows for the same search and
filters, ID and phone numbers masked unless the job was asked for in full by a role
that may see them. Built in the background as a report (``"resident_export"``);
the ``ReportJob`` row is the record of the export: who, when, which filter.

The columns are those of the import template, so a workbook exported in full can be
corrected and compared with the staff's own spreadsheets column for column.
"""

from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from portal.core.jobs import BuiltFile
from portal.core.xlsx import workbook_bytes
from portal.registry.imports import GENDER_TEXT, HEADERS, REGISTRATION_TEXT, RELATION_TEXT
from portal.registry.models import Resident

#: The filters a job's ``params`` may hold: the resident list's.
FILTER_KEYS = ("q", "community", "compound", "tag")
WIDTHS = (8, 12, 26, 6, 10, 10, 6, 20, 11, 14, 20)
CHUNK = 2000
PROGRESS_EVERY = 1000


def export_filters(params: dict[str, Any]) -> dict[str, Any]:
    """The list filters kept in a job's parameters, and nothing else."""
    return {key: params[key] for key in FILTER_KEYS if params.get(key) not in (None, "")}


def residents_for(job: Any) -> Any:
    """The residents of the job's scope (its community, or all for the sub-district)
    that match its filter, in the list page's order."""
    # The sub-district's own job covers every community: unscoped on purpose.
    residents = Resident.objects.unscoped()
    if job.community_id is not None:
        residents = residents.in_community(job.community_id)
    return (
        residents.matching(export_filters(job.params))
        .select_related("community", "household__compound")
        .prefetch_related("tags")
        .order_by("community_id", "name", "pk")
    )


def build_resident_export(job: Any) -> BuiltFile:
    """The workbook of ``job``'s residents (a ``ReportJob``, which the reports app passes
    in: the registry does not import it); progress is reported as rows are written."""
    residents = residents_for(job)
    total = residents.count()
    job.report_progress(0, max(total, 1), "")
    full = job.full_identity

    def rows() -> Iterator[list[Any]]:
        for done, resident in enumerate(residents.iterator(chunk_size=CHUNK), start=1):
            yield _row(resident, full=full)
            if done % PROGRESS_EVERY == 0:
                job.report_progress(done, total)

    content = workbook_bytes("居民名单", HEADERS, rows(), widths=WIDTHS)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return BuiltFile(filename=f"居民名单-{stamp}.xlsx", content=content, row_count=total)


def _row(resident: Resident, *, full: bool) -> list[Any]:
    household = resident.household
    compound = household.compound if household else None
    return [
        resident.community.name,
        compound.name if compound else "",
        household.address if household else "",
        REGISTRATION_TEXT.get(household.registration_type, "") if household else "",
        RELATION_TEXT.get(resident.relation_to_head, ""),
        resident.name,
        GENDER_TEXT.get(resident.gender, ""),
        resident.id_number if full else resident.masked_id_number,
        # The masked ID number hides the birth date; the masked file keeps the year only.
        resident.birth_date if full else f"{resident.birth_date.year}年",
        resident.phone if full else resident.masked_phone,
        "、".join(tag.name for tag in resident.tags.all()),
    ]
