"""In-process p50 of the staff pages that must stay flat as the register grows.

Run by ``bench/http_pages.py --growth`` once per database size (``DATABASE_URL`` names
it); prints one line per page: the page, the p50 in milliseconds and the query count.
The Django test client, no network: what one request costs the server.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["PORTAL_TESTING"] = "1"  # static files from the apps, no manifest needed

PAGES = [
    ("dongnan", "/staff/registry/residents/"),
    ("dongnan", "/staff/registry/residents/?page=200"),
    ("dongnan", "/staff/registry/residents/?q=张"),
    ("dongnan", "/staff/registry/residents/?q=1234"),
    ("dongnan", "/staff/registry/residents/?q=5678"),
    ("dongnan", "/staff/"),
    ("jiedao", "/staff/"),
    ("jiedao", "/staff/registry/residents/?q=张"),
    ("jiedao", "/staff/registry/residents/?page=200"),
]
REPEAT = int(os.environ.get("BENCH_REPEAT", "9"))


def main() -> int:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.accounts.models import User
    from portal.registry.models import Resident

    print(f"  {Resident.objects.count():,} residents ({connection.settings_dict['NAME']})")
    clients = {}
    for username, url in PAGES:
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        client.get(url)  # warm up
        timings = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        print(
            f"    {username:8} {url:44} {response.status_code} "
            f"p50 {statistics.median(timings):7.1f} ms  queries {len(queries)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
