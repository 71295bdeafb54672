"""Training programmes: yearly targets and the person-time entries of rosters and
imported partner lists. Progress itself is computed, never typed (``education.progress``).

Each function runs in one transaction and raises ``ValidationError(message, code=...)``;
nothing is half-written. For the course coordinator (the views check it).
"""

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from education.models import EntrySource, ProgrammeTarget, TrainingEntry, TrainingProgramme
from education.models.programmes import MAX_PERSON_TIMES

log = logging.getLogger(__name__)

MIN_YEAR, MAX_YEAR = 2000, 2100


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            _("Give a year between %(low)d and %(high)d.") % {"low": MIN_YEAR, "high": MAX_YEAR},
            code="bad_year",
        )


def target_set(
    *,
    programme: TrainingProgramme,
    year: int,
    target: int,
    by: Any,
    sessions_planned: int | None = None,
) -> ProgrammeTarget:
    """Set the yearly target of ``programme``, once: a second target for the same year is
    refused (``duplicate``; change the existing one instead). Also ``bad_year``,
    ``bad_target``."""
    _check_year(year)
    if not 1 <= target <= MAX_PERSON_TIMES:
        raise ValidationError(
            _("The target must be between 1 and %(max)d.") % {"max": MAX_PERSON_TIMES},
            code="bad_target",
        )
    duplicate = ValidationError(
        _("%(programme)s already has a target for %(year)d; change that one instead.")
        % {"programme": programme, "year": year},
        code="duplicate",
    )
    if ProgrammeTarget.objects.filter(programme=programme, year=year).exists():
        raise duplicate
    try:
        with transaction.atomic():
            return ProgrammeTarget.objects.create(
                programme=programme,
                year=year,
                target=target,
                sessions_planned=sessions_planned,
                set_by=by,
            )
    except IntegrityError:  # two requests at once: the constraint answers the second
        raise duplicate from None


def _checked_entry(
    *,
    programme: TrainingProgramme,
    year: int,
    held_on: dt.date | None,
    title: str,
    person_times: int | None,
    persons: int | None,
    today: dt.date,
    line: str = "",
) -> None:
    prefix = line
    if not programme.takes_entries:
        raise ValidationError(
            _("%(programme)s is counted from its records, not from entries.")
            % {"programme": programme},
            code="not_by_entries",
        )
    if held_on is None:
        raise ValidationError(
            prefix + _("Give the date the training was held."), code="date_required"
        )
    if held_on.year != year:
        raise ValidationError(
            prefix
            + _("The date %(date)s is not in %(year)d.")
            % {"date": held_on.isoformat(), "year": year},
            code="outside_year",
        )
    if held_on > today:
        raise ValidationError(prefix + _("The training date is in the future."), code="future")
    if not (title or "").strip():
        raise ValidationError(prefix + _("Give the name of the session."), code="title_required")
    if not person_times or not persons or person_times < 1 or persons < 1:
        raise ValidationError(
            prefix + _("Give the person-times and the number of people."), code="count_required"
        )
    if person_times > MAX_PERSON_TIMES or persons > MAX_PERSON_TIMES:
        raise ValidationError(prefix + _("The number is too large."), code="count_too_large")
    if persons > person_times:
        raise ValidationError(
            prefix + _("There cannot be more people than person-times."), code="persons_exceed"
        )


def training_entry_record(
    *,
    programme: TrainingProgramme,
    year: int,
    held_on: dt.date | None,
    title: str,
    person_times: int | None,
    persons: int | None,
    by: Any,
    community: Any = None,
    place: str = "",
    source: str = EntrySource.ROSTER,
    partner: str = "",
    today: dt.date | None = None,
) -> TrainingEntry:
    """Record one session's roster (person-times and distinct people) for ``programme``
    in ``year``.

    Raises ValidationError with code ``not_by_entries`` (the programme counts attendance
    or enrolments), ``date_required``, ``outside_year`` (the date is not in the year the
    entry is for), ``future``, ``title_required``, ``count_required``,
    ``count_too_large`` or ``persons_exceed``."""
    _check_year(year)
    today = today or timezone.localdate()
    _checked_entry(
        programme=programme,
        year=year,
        held_on=held_on,
        title=title,
        person_times=person_times,
        persons=persons,
        today=today,
    )
    entry = TrainingEntry(
        programme=programme,
        held_on=held_on,
        title=title.strip(),
        place=place,
        community=community,
        person_times=person_times,
        persons=persons,
        source=source,
        partner=partner,
        entered_by=by,
    )
    entry.full_clean()
    entry.save()
    return entry


def training_entries_import(
    *,
    programme: TrainingProgramme,
    year: int,
    rows: Iterable[tuple[int, dict[str, Any]]],
    partner: str,
    by: Any,
    today: dt.date | None = None,
) -> list[TrainingEntry]:
    """Import a partner's list: each row ``(line number, {held_on, title, person_times,
    persons})``. All rows or none: the first refused row's message names its line
    (codes as ``training_entry_record``, and ``empty_import``)."""
    _check_year(year)
    today = today or timezone.localdate()
    partner = (partner or "").strip()
    if not partner:
        raise ValidationError(_("Name the partner whose list this is."), code="partner_required")
    entries = []
    for number, row in rows:
        _checked_entry(
            programme=programme,
            year=year,
            held_on=row.get("held_on"),
            title=row.get("title", ""),
            person_times=row.get("person_times"),
            persons=row.get("persons"),
            today=today,
            line=_("Line %(line)d: ") % {"line": number},
        )
        entries.append(
            TrainingEntry(
                programme=programme,
                held_on=row["held_on"],
                title=row["title"].strip()[:200],
                person_times=row["person_times"],
                persons=row["persons"],
                source=EntrySource.IMPORT,
                partner=partner[:100],
                entered_by=by,
            )
        )
    if not entries:
        raise ValidationError(_("The list has no rows."), code="empty_import")
    with transaction.atomic():
        created = TrainingEntry.objects.bulk_create(entries)
    log.info("training entries imported: programme=%s rows=%s", programme.pk, len(created))
    return created


def training_entry_delete(*, entry: TrainingEntry, by: Any) -> None:
    """Delete an entry typed in error (the coordinator confirms first)."""
    log.info("training entry deleted: entry=%s by=%s", entry.pk, getattr(by, "pk", None))
    entry.delete()
