"""By-hand benchmark: ``seed_demo --residents 100000`` against the configured database.

Run it against a scratch database, migrated first, never a real one (it passes --force,
and the demo accounts have a published password):

    export DATABASE_URL=sqlite:////tmp/bench.sqlite3     # or postgres://…/portal_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/seed_residents.py [--residents 100000]

It prints the seconds the command took, residents and rows written per second, and the
peak resident set size of the process. On a database that holds the demo residents
already, the run only skips them; start from an empty one to measure the writes.
"""

import argparse
import io
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# DEBUG stays off (as in production: no per-query SQL log); the settings then want a key.
os.environ.setdefault("SECRET_KEY", "bench-only-key-not-a-secret")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=None)
    args = parser.parse_args()

    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection

    from portal.registry import demo
    from portal.registry.models import Household, Resident

    tables = [
        Household,
        Household.history.model,
        Resident,
        Resident.history.model,
        Resident.tags.through,
        apps.get_model("registry", "HistoricalResident_tags"),
    ]
    before = {table: table.objects.count() for table in tables}
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']} "
        f"({before[Resident]:,} residents before)"
    )
    output = io.StringIO()
    started = time.perf_counter()
    call_command(
        "seed_demo",
        residents=args.residents,
        batch_size=args.batch_size or demo.BATCH_SIZE,
        force=True,
        stdout=output,
    )
    seconds = time.perf_counter() - started
    written = {table: table.objects.count() - before[table] for table in tables}
    created = written[Resident]
    rows = sum(written.values())
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB

    print(output.getvalue().rstrip())
    print(f"seconds:          {seconds:.1f}")
    print(f"residents:        {created:,} created ({created / seconds:,.0f}/s)")
    print(f"rows written:     {rows:,} ({rows / seconds:,.0f}/s; history and tag links included)")
    print(f"peak RSS:         {peak_mib:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
