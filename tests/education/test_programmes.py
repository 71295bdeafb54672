"""Training programmes: the plan's seven targets, entries, and monthly progress equal to
the attendance of the month counted by hand (person-times and persons apart)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from education.catalogue import PROGRAMMES
from education.models import DegreeEnrolment, DegreeLevel, ProgrammeTarget, TrainingEntry
from education.progress import counted, programme_progress, progress_chart
from education.services import programmes as services
from education.workbook import programmes_workbook
from tests.education.fixtures import YEAR, attend, enrol, learners, open_class

pytestmark = pytest.mark.django_db
TODAY = dt.date(YEAR, 6, 30)


def test_the_seed_plans_seven_targets(programmes, coordinator):
    for spec in PROGRAMMES:
        services.target_set(
            programme=programmes[spec.code], year=YEAR, target=spec.target, by=coordinator
        )
    targets = dict(
        ProgrammeTarget.objects.filter(year=YEAR).values_list("programme__code", "target")
    )
    assert targets == {
        "teacher_distance": 1800,
        "sending_teaching": 130,
        "teacher_workshop": 40,
        "public_course": 1700,
        "adult_degree": 65,
        "farmer_skills": 18000,
        "labour_transfer": 4000,
    }


def test_a_target_set_twice_is_refused(programmes, coordinator):
    programme = programmes["farmer_skills"]
    services.target_set(programme=programme, year=YEAR, target=18000, by=coordinator)
    with pytest.raises(ValidationError) as error:
        services.target_set(programme=programme, year=YEAR, target=100, by=coordinator)
    assert error.value.code == "duplicate"
    assert ProgrammeTarget.objects.get().target == 18000
    # Another year is another target.
    services.target_set(programme=programme, year=YEAR + 1, target=19000, by=coordinator)


@pytest.mark.parametrize("year", [1, 9999, 0])
def test_a_target_for_an_absurd_year_is_refused(programmes, coordinator, year):
    with pytest.raises(ValidationError) as error:
        services.target_set(
            programme=programmes["farmer_skills"], year=year, target=10, by=coordinator
        )
    assert error.value.code == "bad_year"


@pytest.mark.parametrize(
    ("held_on", "code"),
    [
        (None, "date_required"),
        (dt.date(YEAR - 1, 12, 31), "outside_year"),
        (dt.date(YEAR + 1, 1, 1), "outside_year"),
        (dt.date(YEAR, 7, 1), "future"),
    ],
)
def test_an_entry_without_a_date_in_the_year_is_refused(programmes, coordinator, held_on, code):
    with pytest.raises(ValidationError) as error:
        services.training_entry_record(
            programme=programmes["public_course"],
            year=YEAR,
            held_on=held_on,
            title="第3期公需科目培训",
            person_times=240,
            persons=240,
            by=coordinator,
            today=TODAY,
        )
    assert error.value.code == code
    assert not TrainingEntry.objects.exists()


def test_entry_refusals(programmes, coordinator):
    base = {
        "year": YEAR,
        "held_on": dt.date(YEAR, 3, 5),
        "title": "送教下乡",
        "by": coordinator,
        "today": TODAY,
    }
    cases = [
        (programmes["labour_transfer"], 10, 10, "not_by_entries"),
        (programmes["sending_teaching"], 10, 11, "persons_exceed"),
        (programmes["sending_teaching"], 0, 0, "count_required"),
        (programmes["sending_teaching"], 10**12, 1, "count_too_large"),
    ]
    for programme, times, persons, code in cases:
        with pytest.raises(ValidationError) as error:
            services.training_entry_record(
                programme=programme, person_times=times, persons=persons, **base
            )
        assert error.value.code == code


def test_an_import_is_all_or_nothing(programmes, coordinator):
    programme = programmes["teacher_distance"]
    good = {
        "held_on": dt.date(YEAR, 4, 1),
        "title": "远程研修",
        "person_times": 300,
        "persons": 300,
    }
    bad = {**good, "held_on": dt.date(YEAR - 1, 4, 1)}
    with pytest.raises(ValidationError) as error:
        services.training_entries_import(
            programme=programme,
            year=YEAR,
            rows=[(2, good), (3, bad)],
            partner="县教师进修学校",
            by=coordinator,
            today=TODAY,
        )
    assert error.value.code == "outside_year"
    assert "3" in error.value.messages[0]
    assert not TrainingEntry.objects.exists()
    services.training_entries_import(
        programme=programme,
        year=YEAR,
        rows=[(2, good), (3, good)],
        partner="县教师进修学校",
        by=coordinator,
        today=TODAY,
    )
    assert counted(programme, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)).person_times == 600


def test_monthly_progress_equals_the_attendance_counted_by_hand(
    course, coordinator, community_a, programmes
):
    """Ten weekly sessions from Monday 2 March: five in March (2, 9, 16, 23, 30), four in
    April (6, 13, 20, 27), one in May (4). Three learners enrolled.

    March: A at 0–4 (5), B at 0, 1 (2), C at none → 7 person-times, 2 persons.
    April: A at 5, 6 (2), C at 5–8 (4) → 6 person-times, 2 persons.
    May: B at 9 → 1 person-time, 1 person."""
    course_class = open_class(course, coordinator)
    a, b, c = learners(community_a, 3)
    enrol(course_class, [a, b, c], coordinator)
    attend(course_class, a, [0, 1, 2, 3, 4, 5, 6], coordinator)
    attend(course_class, b, [0, 1, 9], coordinator)
    attend(course_class, c, [5, 6, 7, 8], coordinator)
    services.target_set(
        programme=programmes["labour_transfer"], year=YEAR, target=120, by=coordinator
    )

    progress = programme_progress(programmes["labour_transfer"], YEAR, today=TODAY)
    months = {row.month: row for row in progress.months}
    assert (months[3].person_times, months[3].persons) == (7, 2)
    assert (months[4].person_times, months[4].persons) == (6, 2)
    assert (months[5].person_times, months[5].persons) == (1, 1)
    assert (months[2].person_times, months[6].person_times) == (0, 0)
    assert months[5].cumulative == 14
    # Straight-line pace: 120 × month / 12.
    assert [row.pace for row in progress.months] == [10 * m for m in range(1, 13)]
    assert months[3].behind is True and months[7].behind is None
    # The year: 14 person-times by 3 distinct persons (not 2 + 2 + 1).
    assert (progress.year_total.person_times, progress.year_total.persons) == (14, 3)
    assert progress.behind_pace
    # Per community: all three live in 东南.
    assert (
        counted(
            programmes["labour_transfer"], dt.date(YEAR, 4, 1), dt.date(YEAR, 4, 30), community_a
        ).person_times
        == 6
    )
    chart = progress_chart(progress)
    assert len(chart.bars) == 12 and chart.pace_points


def test_degree_enrolments_count_against_their_target(
    programmes, coordinator, community_a, resident_a
):
    DegreeEnrolment.objects.create(
        resident=resident_a,
        university="陕西师范大学",
        major="小学教育",
        level=DegreeLevel.JUNIOR_TO_BACHELOR,
        enrolled_on=dt.date(YEAR, 3, 1),
    )
    services.target_set(programme=programmes["adult_degree"], year=YEAR, target=65, by=coordinator)
    progress = programme_progress(programmes["adult_degree"], YEAR, today=TODAY)
    assert progress.year_total.person_times == 1
    assert progress.months[2].person_times == 1


def test_the_workbook_has_the_pages_figures(programmes, coordinator):
    from io import BytesIO

    from openpyxl import load_workbook

    services.target_set(
        programme=programmes["public_course"], year=YEAR, target=1700, by=coordinator
    )
    services.training_entry_record(
        programme=programmes["public_course"],
        year=YEAR,
        held_on=dt.date(YEAR, 4, 10),
        title="第1期",
        person_times=250,
        persons=248,
        by=coordinator,
        today=TODAY,
    )
    book = load_workbook(BytesIO(programmes_workbook(YEAR, today=TODAY)))
    summary = list(book.worksheets[0].values)
    row = next(r for r in summary if r[0] == "专业技术人员公需科目培训")
    assert row[2:6] == (1700, 250, 248, 14)
    assert len(book.worksheets) == 1 + len(PROGRAMMES)
