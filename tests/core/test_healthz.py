"""/healthz, the probe that load balancers and the compose health check call.

Failures are real ones: the database connection is pointed at a closed port (PostgreSQL)
or a file that cannot be opened (SQLite), and the broker URL at a closed port.
"""

import logging
import socket

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from portal.celery import app as celery_app

HEALTHZ = "/healthz"  # a stable address: load balancers and compose are configured with it


@pytest.fixture
def closed_port() -> int:
    """A local TCP port nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def no_broker(settings):
    settings.CELERY_BROKER_URL = ""


def test_healthz_url_is_stable():
    assert reverse("core:healthz") == HEALTHZ


@pytest.mark.django_db
def test_anonymous_probe_gets_json_200_with_database_and_broker_ok(client, settings):
    response = client.get(HEALTHZ)

    assert response.status_code == 200  # no redirect to the login page
    assert response["Content-Type"] == "application/json"
    expected_broker = "ok" if settings.CELERY_BROKER_URL else "in-process"
    assert response.json() == {"status": "ok", "database": "ok", "broker": expected_broker}
    # A cached "ok" would hide an outage.
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_without_a_broker_tasks_run_in_process(client, no_broker):
    response = client.get(HEALTHZ)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "in-process"}


@pytest.mark.django_db
def test_probe_only_answers_get(client):
    assert client.post(HEALTHZ).status_code == 405


@pytest.mark.django_db
def test_unreachable_broker_degrades_but_stays_200(client, monkeypatch, closed_port, caplog):
    url = f"redis://127.0.0.1:{closed_port}/0"
    # Settings decide whether there is a broker; Celery reads CELERY_BROKER_URL from the
    # environment before its own configuration, so both are pointed at the closed port.
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    monkeypatch.delenv("CELERY_BROKER_WRITE_URL", raising=False)
    monkeypatch.setitem(celery_app.conf, "broker_url", url)
    caplog.set_level(logging.WARNING, logger="portal.core.views")

    with override_settings(CELERY_BROKER_URL=url):
        response = client.get(HEALTHZ)

    # The web still serves pages; tasks wait. Not a reason to take the node out.
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "unreachable"}
    assert str(closed_port) not in response.text  # no connection details for the caller
    assert "broker unreachable" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_unreachable_database_answers_503(client, no_broker, tmp_path, closed_port, caplog):
    caplog.set_level(logging.WARNING, logger="portal.core.views")
    with pytest.MonkeyPatch.context() as mp:
        # A new connection, to a database that is not there.
        connection.close()
        if connection.vendor == "sqlite":
            mp.setitem(connection.settings_dict, "NAME", str(tmp_path / "gone" / "db.sqlite3"))
        else:
            mp.setitem(connection.settings_dict, "HOST", "127.0.0.1")
            mp.setitem(connection.settings_dict, "PORT", str(closed_port))
        response = client.get(HEALTHZ)
        connection.close()

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable", "broker": "in-process"}
    assert "database unreachable" in caplog.text

    # Back as soon as the database is.
    response = client.get(HEALTHZ)
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
