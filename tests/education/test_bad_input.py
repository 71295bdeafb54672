"""Bad input on every education form: refused clearly (a form with errors or a redirect
with a message), never a 500. The project's fuzz pass skips forms kept in a ``forms``
package, so the nasty values the house rules name are posted here by hand."""

import pytest
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    "0001-01-01",
    "9999-12-31",
    "12345678901234567890",
    "-1",
    ": / ? * [ ]",
    "＝1+1",
    "x" * 5000,
    "2026-02-30",
    "0",
]


@pytest.fixture
def routes(course, course_class, programmes, resident_a, coordinator):
    from education.models import DegreeEnrolment

    degree = DegreeEnrolment.objects.create(
        resident=resident_a,
        university="陕西师范大学",
        major="小学教育",
        level="junior_to_bachelor",
        enrolled_on="2026-03-01",
    )
    programme = programmes["sending_teaching"]
    return [
        (
            reverse("education:course-create"),
            ["name", "category", "teacher", "place", "hours", "capacity", "community", "programme"],
        ),
        (
            reverse("education:class-create", args=[course.pk]),
            [
                "name",
                "first_start",
                "minutes",
                "frequency",
                "count",
                "capacity",
                "enrolment_closes_at",
            ],
        ),
        (reverse("education:class-enrol", args=[course_class.pk]), ["resident"]),
        (
            reverse("education:target-set", args=[programme.pk]),
            ["year", "target", "sessions_planned"],
        ),
        (
            reverse("education:entry-create", args=[programme.pk]),
            ["year", "held_on", "title", "person_times", "persons", "community"],
        ),
        (reverse("education:entry-import", args=[programme.pk]), ["year", "partner"]),
        (
            reverse("education:degree-create"),
            ["resident", "university", "major", "level", "enrolled_on"],
        ),
        (
            reverse("education:degree-detail", args=[degree.pk]),
            [
                "form",
                "status-status",
                "status-graduated_on",
                "exam-subject",
                "exam-sat_on",
                "exam-score",
            ],
        ),
        (reverse("education:post-create"), ["title", "category", "body", "published_at"]),
        (reverse("education:programme-report"), ["year"]),
        (reverse("education:group-list") + "?year=", []),
    ]


def test_no_input_gives_a_500(client, coordinator, routes):
    client_for(client, coordinator)
    for url, fields in routes:
        for value in NASTY:
            data = dict.fromkeys(fields, value)
            response = client.post(url, data) if fields else client.get(url + value[:30])
            assert response.status_code < 500, (url, value)
    for name in ("group-list", "programme-list", "elderly"):
        for value in NASTY:
            response = client.get(reverse(f"education:{name}"), {"year": value})
            assert response.status_code == 200, (name, value)
