"""The deployment files, checked without a Docker engine.

docker-compose.yml is parsed with PyYAML (anchors and merge keys resolved, as compose
does); the web health check command is run for real against a stand-in HTTP server;
gunicorn.conf.py is loaded and checked against gunicorn's own list of settings.
"""

import http.server
import runpy
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def _command(service: dict) -> list[str]:
    command = service["command"]
    return command.split() if isinstance(command, str) else [str(part) for part in command]


def _healthcheck(service: dict) -> str:
    test = service["healthcheck"]["test"]
    return test if isinstance(test, str) else " ".join(test)


def test_the_five_services_and_mailpit(services):
    assert {"web", "worker", "beat", "db", "redis"} <= set(services)
    assert services["db"]["image"] == "postgres:15"
    assert services["redis"]["image"].split(":")[0] == "redis"
    assert services["redis"]["image"].split(":")[1].startswith("7")
    assert "mailpit" in services


def test_app_services_run_the_image_built_here(services):
    for name in (*APP_SERVICES, "migrate"):
        assert services[name]["build"] == ".", name


def test_commands(services):
    web = _command(services["web"])
    assert web[0] == "gunicorn"
    assert "portal.wsgi" in web

    worker = _command(services["worker"])
    assert worker[0] == "celery"
    assert worker[worker.index("--app") + 1] == "portal"
    assert "worker" in worker

    beat = _command(services["beat"])
    assert beat[0] == "celery"
    assert beat[beat.index("--app") + 1] == "portal"
    assert "beat" in beat
    assert beat[beat.index("--scheduler") + 1] == (
        "django_celery_beat.schedulers:DatabaseScheduler"
    )


def test_migrate_runs_once_before_the_app_services(services):
    migrate = services["migrate"]
    assert _command(migrate)[-3:] == ["manage.py", "migrate", "--noinput"]
    assert migrate["restart"] == "no"  # a one-shot job, not a daemon
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    for name in APP_SERVICES:
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_db_and_redis(services, name):
    depends_on = services[name]["depends_on"]
    assert depends_on["db"] == {"condition": "service_healthy"}
    assert depends_on["redis"] == {"condition": "service_healthy"}


def test_health_checks(services):
    assert "pg_isready" in _healthcheck(services["db"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert "/healthz" in _healthcheck(services["web"])
    for name in ("db", "redis", "web"):
        assert services[name]["healthcheck"].get("retries", 3) >= 1, name


def test_database_data_lives_in_a_named_volume(compose, services):
    mounts = {m.split(":")[0]: m.split(":")[1] for m in services["db"]["volumes"]}
    assert mounts.get("pgdata") == "/var/lib/postgresql/data"
    assert "pgdata" in compose["volumes"]


@pytest.mark.parametrize("name", (*APP_SERVICES, "migrate"))
def test_app_environment(services, name):
    service = services[name]
    env = service["environment"]
    assert env["DEBUG"] == "0"
    for key in ("DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        assert env[key].startswith(f"${{{key}"), f"{name}: {key} is not read from .env"
    # Inside compose the defaults name the services, never localhost.
    assert "@db:5432/" in env["DATABASE_URL"]
    assert "redis://redis:6379/" in env["CELERY_BROKER_URL"]
    # No default secret: compose refuses to start without one.
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert {"path": ".env", "required": False} in service["env_file"]


def test_database_and_broker_are_not_published_on_the_host(services):
    assert "ports" not in services["db"]
    assert "ports" not in services["redis"]


# --- the web health check command, run against a stand-in server ------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    status = 200
    seen: list = []

    def do_GET(self):
        self.seen.append((self.path, self.headers["Host"], self.headers["X-Forwarded-Proto"]))
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def stand_in_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen = []
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _run_web_healthcheck(services, port: int, allowed_hosts: str) -> int:
    test = services["web"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    code = test[3]
    assert "http://127.0.0.1:8000/healthz" in code
    code = code.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    env = {"ALLOWED_HOSTS": allowed_hosts, "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-c", code], env=env, timeout=30, check=False).returncode


@pytest.mark.parametrize(
    ("allowed_hosts", "host"),
    [
        (".portal.example.gov.cn,localhost", "portal.example.gov.cn"),
        ("", "localhost"),
        ("*", "localhost"),
    ],
)
def test_web_healthcheck_passes_on_200_with_an_allowed_host_over_https(
    services, stand_in_server, allowed_hosts, host
):
    _Recorder.status = 200
    assert _run_web_healthcheck(services, stand_in_server.server_port, allowed_hosts) == 0
    assert _Recorder.seen == [("/healthz", host, "https")]


def test_web_healthcheck_fails_on_503(services, stand_in_server):
    _Recorder.status = 503
    assert _run_web_healthcheck(services, stand_in_server.server_port, "localhost") != 0


# --- Dockerfile and gunicorn.conf.py ----------------------------------------------------------


def test_dockerfile():
    lines = [
        line.strip()
        for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    text = "\n".join(lines)
    assert lines[0] == "FROM python:3.11-slim"
    assert "COPY pyproject.toml ./" in text
    assert "RUN pip install ." in text
    assert "pybabel compile --domain django --directory locale" in text
    assert "manage.py collectstatic --noinput" in text
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users, "the image must not run as root"
    assert users[-1].split(":")[0] not in {"root", "0"}
    dockerignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", ".env", "var"} <= set(dockerignore)


def _gunicorn_conf(monkeypatch, **env) -> dict:
    for key in ("WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    namespace = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return {k: v for k, v in namespace.items() if not k.startswith("_") and k != "os"}


def test_gunicorn_conf_defaults(monkeypatch):
    conf = _gunicorn_conf(monkeypatch)
    assert conf["bind"] == "0.0.0.0:8000"
    assert conf["worker_class"] == "sync"
    assert conf["workers"] == 3
    assert conf["timeout"] == 30
    # Every name is a real gunicorn setting (a typo would be silently ignored).
    assert set(conf) <= set(Config().settings)


def test_gunicorn_workers_from_web_concurrency(monkeypatch):
    assert _gunicorn_conf(monkeypatch, WEB_CONCURRENCY="5")["workers"] == 5


def test_gunicorn_access_log_leaves_out_query_strings_and_referers(monkeypatch):
    fmt = _gunicorn_conf(monkeypatch)["access_log_format"]
    assert "%(U)s" in fmt  # the path alone
    for atom in ("%(r)s", "%(q)s", "%(f)s", "{referer}i"):
        assert atom not in fmt


def test_web_and_worker_share_the_media_volume(compose, services):
    """The worker writes reports and reads uploaded imports that web receives and serves."""
    for name in ("web", "worker"):
        assert "media:/app/var/media" in services[name]["volumes"], name
    assert "media" in compose["volumes"]
