"""``make bench``: the portal served as in production against a bare Django view, page by page.

By hand, never in CI. What it does, in one run:

1. builds (or reuses) a PostgreSQL database of ``--residents`` residents, ``portal_bench``
   unless ``BENCH_DATABASE_URL`` names another (never the shared ``portal`` database);
2. serves the portal with gunicorn per ``gunicorn.conf.py`` (``DEBUG=0``, ``--workers``
   sync workers on a loopback port) and the bare view of ``bench/bare_site.py`` the same way;
3. for every page of the table, runs ``wrk`` on the bare view and on the page alternately
   (``--rounds`` pairs) and prints req/s, p50 / p99 and the median of the pairwise ratios;
4. with ``--growth``, the in-process p50 of the staff pages at each size (see
   ``bench/growth.py``), each size in its own database ``portal_bench_<size>``.

Load comes from ``wrk`` (``make bench`` installs the Debian package when it is missing),
only on 127.0.0.1 and bounded by ``--duration`` seconds per run. The client shares the
machine's cores with the servers, so the figures are a floor.
"""

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/portal_bench"
PORTAL_PORT = int(os.environ.get("BENCH_PORTAL_PORT", "8741"))
BARE_PORT = int(os.environ.get("BENCH_BARE_PORT", "8742"))

# The portal's environment as in production (DEBUG off), on plain HTTP behind a pretend
# TLS proxy: requests carry X-Forwarded-Proto: https, so the secure cookies are accepted.
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-key-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
    "GUNICORN_LOG_LEVEL": "warning",
}


def _env(database_url: str, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"PORTAL_TESTING", "DATABASE_URL"}}
    env.update(SERVER_ENV, DATABASE_URL=database_url, **extra)
    return env


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def ensure_database(database_url: str, residents: int) -> dict:
    """Create, migrate and seed the bench database unless it holds the residents already."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    if name in {"portal", "test_portal"}:
        sys.exit(f"refusing to benchmark on the shared database {name!r}")
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    env = _env(database_url)
    _manage(env, "migrate", "--noinput")
    count = int(
        _manage(
            env,
            "shell",
            "-c",
            "from portal.registry.models import Resident; print(Resident.objects.count())",
        ).split()[-1]
    )
    seeded = None
    if count < residents:
        print(f"seeding {name}: {count:,} → {residents:,} residents …", flush=True)
        started = time.perf_counter()
        _manage(env, "seed_demo", "--residents", str(residents), "--force")
        seeded = time.perf_counter() - started
        print(f"seeded {residents:,} residents in {seeded:.0f} s", flush=True)
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    return {"env": env, "name": name, "seconds": seeded}


def staff_cookies(env: dict) -> dict[str, str]:
    """A logged-in session cookie per demo account the table uses."""
    script = (
        "from django.conf import settings; from django.test import Client;"
        "from portal.accounts.models import User\n"
        "for name in ('dongnan', 'jiedao'):\n"
        "    c = Client(); c.force_login(User.objects.get(username=name))\n"
        "    print(name, settings.SESSION_COOKIE_NAME + '=' + "
        "c.cookies[settings.SESSION_COOKIE_NAME].value)\n"
    )
    out = _manage(env, "shell", "-c", script)
    return dict(line.split(" ", 1) for line in out.strip().splitlines()[-2:])


def serve(env: dict, app: str, port: int, workers: int, settings: str | None) -> subprocess.Popen:
    server_env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(workers))
    if settings:
        server_env["DJANGO_SETTINGS_MODULE"] = settings
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "--config", "gunicorn.conf.py", app],
        cwd=ROOT,
        env=server_env,
        stdout=subprocess.DEVNULL,  # the access log, one line per request as in production
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
            return process
        except urllib.error.HTTPError:
            return process  # it answers
        except OSError:
            time.sleep(0.3)
    process.kill()
    sys.exit(f"{app} did not start on port {port}: {process.stderr.read().decode()[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def _headers(cookie: str | None) -> list[str]:
    headers = ["X-Forwarded-Proto: https"]
    if cookie:
        headers.append(f"Cookie: {cookie}")
    return headers


def check(url: str, cookie: str | None) -> int:
    request = urllib.request.Request(url)  # noqa: S310 (loopback)
    for header in _headers(cookie):
        key, value = header.split(": ", 1)
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, cookie: str | None, args: argparse.Namespace) -> dict:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    for header in _headers(cookie):
        command += ["-H", header]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s*(50|99)\.?0*%\s+([\d.]+(?:us|ms|s|m))\s*$", out, re.MULTILINE))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)$", out, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(latency["50"]) if "50" in latency else float("nan"),
        "p99": _ms(latency["99"]) if "99" in latency else float("nan"),
        "bad": int(bad.group(1)) if bad else 0,
        "errors": errors.group(1) if errors else "",
    }


def pages(env: dict) -> list[tuple[str, str, str | None]]:
    """(label, path, account) for every page of the table."""
    script = (
        "from portal.guide.models import ServiceEntry;"
        "from portal.notices.models import latest_public\n"
        "s = ServiceEntry.objects.public().order_by('pk').first()\n"
        "n = latest_public(limit=1)\n"
        "print(s.slug if s else '', n[0].pk if n else '')\n"
    )
    slug, notice = [*_manage(env, "shell", "-c", script).strip().splitlines()[-1].split(" "), ""][
        :2
    ]
    table = [
        ("/", "/", None),
        ("/services/", "/services/", None),
        ("a service entry", f"/services/{slug}/", None),
        ("/calendar/", "/calendar/", None),
        ("/calendar/?view=list", "/calendar/?view=list", None),
        ("/notices/", "/notices/", None),
        ("a notice", f"/notices/{notice}/", None),
        ("/calendar.ics", "/calendar.ics", None),
        ("/staff/ (community worker)", "/staff/", "dongnan"),
        ("/staff/ (sub-district worker)", "/staff/", "jiedao"),
        ("/staff/registry/residents/", "/staff/registry/residents/", "dongnan"),
        ("the same, ?page=200", "/staff/registry/residents/?page=200", "dongnan"),
        ("the same, ?q=张", "/staff/registry/residents/?q=%E5%BC%A0", "dongnan"),
        ("the same, ?q=1234 (ID tail)", "/staff/registry/residents/?q=1234", "dongnan"),
        ("/staff/registry/households/", "/staff/registry/households/", "dongnan"),
        ("/staff/assistance/", "/staff/assistance/", "dongnan"),
    ]
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--duration", type=int, default=6, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="bare/page pairs per page")
    parser.add_argument("--only", default="", help="run only the pages whose label has this")
    parser.add_argument(
        "--growth", default="", help="comma-separated resident counts, e.g. 10000,100000"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench does it)")

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    database = ensure_database(database_url, args.residents)
    env = database["env"]
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    cookies = staff_cookies(env)
    table = [row for row in pages(env) if args.only in row[0]]

    portal = serve(env, "portal.wsgi", PORTAL_PORT, args.workers, None)
    bare = serve(env, "bench.bare_site", BARE_PORT, args.workers, "bench.bare_site")
    bare_url = f"http://127.0.0.1:{BARE_PORT}/"
    try:
        print(
            f"\n{database['name']}: {args.residents:,} residents; gunicorn {args.workers} sync "
            f"workers each; wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
            f"{args.rounds} alternating rounds, median of the pairwise ratios; "
            f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start\n"
        )
        print(
            f"| {'page':<32} | {'req/s':>7} | {'bare view':>9} | {'ratio':>6} "
            f"| {'p50 / p99':>17} | errors |"
        )
        print(f"|{'-' * 34}|{'-' * 9}|{'-' * 11}|{'-' * 8}|{'-' * 19}|--------|")
        for label, path, account in table:
            url = f"http://127.0.0.1:{PORTAL_PORT}{path}"
            cookie = cookies[account] if account else None
            status = check(url, cookie)
            if status != 200:
                print(f"| {label:<32} | HTTP {status}: skipped")
                continue
            for _ in range(3):
                check(url, cookie)  # warm the workers' caches and connections
            page_runs, bare_runs = [], []
            for _ in range(args.rounds):
                bare_runs.append(wrk(bare_url, None, args))
                page_runs.append(wrk(url, cookie, args))
            ratios = [p["rps"] / b["rps"] for p, b in zip(page_runs, bare_runs, strict=True)]
            rps = statistics.median(r["rps"] for r in page_runs)
            bare_rps = statistics.median(r["rps"] for r in bare_runs)
            p50 = statistics.median(r["p50"] for r in page_runs)
            p99 = statistics.median(r["p99"] for r in page_runs)
            bad = sum(r["bad"] for r in page_runs)
            print(
                f"| {label:<32} | {rps:>7,.0f} | {bare_rps:>9,.0f} "
                f"| {statistics.median(ratios):>6.3f} | {p50:>6.0f} / {p99:>6.0f} ms "
                f"| {bad:>6} |",
                flush=True,
            )
    finally:
        stop(portal)
        stop(bare)

    if args.growth:
        print("\ngrowth: in-process p50 (ms) per page and database size")
        for size in (int(n) for n in args.growth.split(",")):
            url = database_url if size == args.residents else f"{database_url}_{size}"
            grown = ensure_database(url, size)
            if grown["seconds"]:
                print(f"  ({size:,} residents seeded in {grown['seconds']:.0f} s)")
            result = subprocess.run(
                [PYTHON, "bench/growth.py"],
                cwd=ROOT,
                env=grown["env"],
                capture_output=True,
                text=True,
            )
            print(result.stdout.rstrip() or result.stderr[-2000:], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
