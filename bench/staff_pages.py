"""By-hand benchmark: in-process time and query count of the staff pages over the
configured database, for a sub-district user (every community) and a community user.

Seed a scratch database first (see bench/seed_residents.py), then:

    .venv/bin/python bench/staff_pages.py [--repeat 7]

Prints the median milliseconds per page (Django test client, no network) and the
number of queries, which must not depend on the number of rows.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-key-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Serve static files from the apps (as in tests) so no collectstatic run is needed.
os.environ.setdefault("PORTAL_TESTING", "1")

PAGES = [
    "/staff/",
    "/staff/registry/residents/",
    "/staff/registry/residents/?page=200",
    "/staff/registry/residents/?q=张",
    "/staff/registry/residents/?q=1234",
    "/staff/registry/residents/?tag=elderly",
    "/staff/registry/households/",
    "/staff/registry/households/?q=幢",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.accounts.models import User
    from portal.registry.models import Resident

    print(f"residents in the database: {Resident.objects.count():,}")
    for username in ("jiedao", "dongnan"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in PAGES:
            client.get(url)  # warm up
            timings = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            print(
                f"{username:8} {url:42} {response.status_code} "
                f"median {statistics.median(timings):7.1f} ms  queries {len(queries)}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
