"""By-hand benchmark: report jobs over a seeded database, the monthly statistics workbook
and the resident list export.

Seed a scratch database first (see bench/seed_residents.py and bench/public_pages.py for
events and sign-ups), then:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench
    .venv/bin/python bench/report_jobs.py [--month 2026-11] [--repeat 3]

It builds the sub-district statistics workbook and one community's through the report
job path (``report_build``: claim, build, save the file, finish) and prints the residents
counted, seconds per build (median of the repeats), residents per second, the file size
and the queries each build makes; then it exports every resident (masked) once, the
same way, and prints rows per second. Last, the peak resident set size of the process.
"""

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-key-not-a-secret")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--month", default=None, help="YYYY-MM; this month by default")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from portal.events.models import Event, Registration
    from portal.registry.models import Community, Resident
    from portal.reports.models import ReportJob
    from portal.reports.services import report_build

    month = args.month or timezone.localdate().strftime("%Y-%m")
    biggest = (
        Community.objects.annotate(n=django.db.models.Count("residents")).order_by("-n").first()
    )
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}: "
        f"{Resident.objects.count():,} residents, {Event.objects.count():,} events, "
        f"{Registration.objects.count():,} sign-ups; month {month}"
    )
    for community in (None, biggest):
        residents = (
            Resident.objects.count()
            if community is None
            else Resident.objects.filter(community=community).count()
        )
        times, queries = [], 0
        for _ in range(args.repeat):
            job = ReportJob.objects.create(
                kind="community_statistics",
                title="bench",
                community=community,
                params={"month": month},
            )
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                report_build(job.pk)
                times.append(time.perf_counter() - started)
            queries = len(captured)
            job.refresh_from_db()
            if job.status != "done":
                raise SystemExit(f"the build failed: {job.error}")
            size = job.file.size
            job.file.delete(save=False)
            job.delete()
        seconds = statistics.median(times)
        scope = community.name if community else "whole sub-district"
        print(
            f"{scope}: {residents:,} residents in {seconds:.2f} s "
            f"(median of {args.repeat}; {residents / seconds:,.0f} residents/s), "
            f"{size:,} bytes, {queries} queries per build"
        )
    started = time.perf_counter()
    job = ReportJob.objects.create(kind="resident_export", title="bench", params={})
    report_build(job.pk)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    if job.status != "done":
        raise SystemExit(f"the export failed: {job.error}")
    print(
        f"resident export: {job.row_count:,} rows in {seconds:.1f} s "
        f"({job.row_count / seconds:,.0f} rows/s), {job.file.size:,} bytes"
    )
    job.file.delete(save=False)
    job.delete()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
