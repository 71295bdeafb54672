"""The smaller holes of issue 12.8, each with its test."""

import io
import logging
import random

import openpyxl
import pytest
from django.core.checks import run_checks
from django.urls import reverse

from portal.core.xlsx import workbook_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["＝1+1", "＋1", "－1", "＠SUM(A1)", "\n=1+1", "=1+1"])
def test_full_width_formula_starts_and_a_leading_line_feed_stay_text(value):
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes("导出", ["值"], [[value]])))
    cell = book.active["A2"]
    assert cell.data_type == "s" and cell.quotePrefix


def test_pbkdf2_runs_at_least_1_200_000_iterations(settings):
    from django.utils.module_loading import import_string

    from portal import settings as portal_settings

    first = import_string(portal_settings.PRODUCTION_PASSWORD_HASHERS[0])
    assert first.algorithm == "pbkdf2_sha256" and first.iterations >= 1_200_000


def test_a_failed_login_logs_the_username_masked(client, caplog):
    typed = "my-secret-password-2026"
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        client.post(reverse("accounts:login"), {"username": typed, "password": "x"})
    assert "login failed" in caplog.text
    assert typed not in caplog.text and "my***(23)" in caplog.text


def test_a_role_refusal_is_logged_with_the_user_id(client, resident_user, caplog):
    client.force_login(resident_user)
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = client.get(reverse("registry:resident-list"))
    assert response.status_code == 403
    assert f"role refused: user={resident_user.pk}" in caplog.text


def test_a_missing_csp_fails_the_system_check(settings):
    assert not [e for e in run_checks(tags=["security"]) if e.id.startswith("portal.")]
    settings.CONTENT_SECURITY_POLICY = None
    ids = {e.id for e in run_checks(tags=["security"])}
    assert "portal.E002" in ids
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "csp" not in m]
    assert "portal.E001" in {e.id for e in run_checks(tags=["security"])}


def test_delivery_retries_back_off_with_jitter():
    from portal.notifications.tasks import DELIVERY_RETRY_DELAY, retry_delay

    random.seed(12)
    delays = [retry_delay(retries) for retries in range(5) for _ in range(20)]
    assert len(set(delays)) > 50  # jitter: not the same for everyone
    assert max(retry_delay(4) for _ in range(50)) > 4 * DELIVERY_RETRY_DELAY  # it grows
    assert all(0 < d <= 3600 for d in delays)


def test_the_duplicate_id_message_does_not_say_where(client, staff_a, resident_b, household_a):
    client.force_login(staff_a)
    response = client.post(
        reverse("registry:resident-create"),
        {
            "name": "重复人",
            "id_number": resident_b.id_number,
            "gender": resident_b.gender,
            "birth_date": resident_b.birth_date.isoformat(),
            "community": household_a.community_id,
            "household": household_a.pk,
            "relation_to_head": "other",
        },
    )
    errors = " ".join(response.context["form"].errors.get("id_number", []))
    assert "街道" in errors
    assert resident_b.community.name not in errors
