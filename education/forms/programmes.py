"""Forms of the training programmes: a yearly target, a roster entry, an import."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from education.forms.courses import submit_helper
from education.models import ProgrammeTarget, TrainingEntry
from education.models.programmes import MAX_PERSON_TIMES
from portal.core.forms import DateInput
from portal.registry.models import Community

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 2000


class ProgrammeTargetForm(forms.ModelForm):
    class Meta:
        model = ProgrammeTarget
        fields = ["year", "target", "sessions_planned"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Set the target"))

    def validate_unique(self) -> None:
        """The programme is not on the form; the service refuses a second target."""


class TrainingEntryForm(forms.ModelForm):
    """A roster of an off-site session: the year it counts for, its date and counts."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    class Meta:
        model = TrainingEntry
        fields = ["held_on", "title", "place", "community", "person_times", "persons"]
        widgets = {"held_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = False  # the service says why it is needed
        self.fields["community"].queryset = Community.objects.order_by("code", "name")
        self.fields["community"].empty_label = _("Sub-district-wide")
        self.helper = submit_helper(_("Record"))

    def _post_clean(self) -> None:
        """The service validates the entry (with the year); skip the model's checks."""


class TrainingImportForm(forms.Form):
    """A partner's list as a workbook: one row per session, columns 日期 (date), 名称
    (session), 人次 (person-times), 人数 (people), a heading row first."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    partner = forms.CharField(label=_("Partner"), max_length=100)
    file = forms.FileField(
        label=_("Workbook (.xlsx)"),
        help_text=_("Columns: date, session, person-times, people; a heading row first."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Import"))
        self.rows: list[tuple[int, dict[str, Any]]] = []

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            book = load_workbook(upload, read_only=True, data_only=True)
            sheet = book.worksheets[0]
            rows = list(sheet.iter_rows(min_row=2, max_row=MAX_IMPORT_ROWS + 2, values_only=True))
        except Exception:
            raise forms.ValidationError(
                _("This file could not be read as an .xlsx workbook.")
            ) from None
        if len(rows) > MAX_IMPORT_ROWS:
            raise forms.ValidationError(_("The list has more than 2000 rows."))
        for number, row in enumerate(rows, start=2):
            cells = list(row or ()) + [None] * 4
            if all(cell in (None, "") for cell in cells[:4]):
                continue
            self.rows.append((number, _row(cells)))
        return upload


def _row(cells: list[Any]) -> dict[str, Any]:
    held_on = cells[0]
    if isinstance(held_on, dt.datetime):
        held_on = held_on.date()
    elif isinstance(held_on, str):
        try:
            held_on = dt.date.fromisoformat(held_on.strip())
        except ValueError:
            held_on = None
    elif not isinstance(held_on, dt.date):
        held_on = None
    return {
        "held_on": held_on,
        "title": str(cells[1] or "").strip()[:200],
        "person_times": _count(cells[2]),
        "persons": _count(cells[3]),
    }


def _count(value: Any) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return (
        number if 0 < number <= MAX_PERSON_TIMES else (MAX_PERSON_TIMES + 1 if number > 0 else None)
    )
