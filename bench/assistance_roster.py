"""By-hand benchmark: the monthly assistance payment roster over a large registry.

Seed a scratch database with ``bench/seed_residents.py`` (100,000 residents) first, then:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench
    .venv/bin/python bench/assistance_roster.py [--cases 3000] [--month 2026-04] [--repeat 3]

It puts ``--cases`` households in payment (every n-th household, written in bulk: an
application in 发放 with a January confirmation and a standard raise back-paid in April,
as the demo year has them), then builds the roster through the report-job path
(``report_build``: claim, build, save, finish) for the whole sub-district and for the
largest community, and prints seconds (median of the repeats), rows, queries and file
size; last, the peak resident set size. Cases from an earlier run are reused.
"""

import argparse
import datetime as dt
import os
import resource
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-key-not-a-secret")

BENCH_REASON = "bench: generated case"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--month", default=None, help="YYYY-MM; April of this year by default")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from assistance.catalogue import install_catalogue
    from assistance.models import Application, Entitlement, Programme, Status
    from portal.registry.models import Community, Household, Resident
    from portal.reports.models import ReportJob
    from portal.reports.services import report_build

    year = timezone.localdate().year
    month = args.month or f"{year}-04"
    install_catalogue(year)
    programmes = {p.registration_type: p for p in Programme.objects.filter(rule="subsistence")}
    existing = Application.objects.filter(reason=BENCH_REASON).count()
    if existing < args.cases:
        households = list(
            Household.objects.exclude(assistance_applications__programme__rule="subsistence")
            .order_by("pk")
            .values_list("pk", "registration_type")
        )
        step = max(1, len(households) // args.cases)
        chosen = households[::step][: args.cases - existing]
        started = time.monotonic()
        with transaction.atomic():
            applications = Application.objects.bulk_create(
                Application(
                    household_id=pk,
                    programme=programmes[registration],
                    status=Status.PAYING,
                    registration_type=registration,
                    reason=BENCH_REASON,
                    lookback_months=12,
                    counted_members=2,
                    per_capita_income=Decimal("400"),
                    certificate_number=f"BENCH{pk:07d}",
                    payment_starts=dt.date(year, 2, 1),
                    bank_name="中国农业银行宁波鄞州支行",
                    account_name="户主",
                    account_number=f"622848{pk:013d}",
                )
                for pk, registration in chosen
            )
            rows = []
            for application in applications:
                rows.append(
                    Entitlement(
                        application=application,
                        reason="confirmed",
                        effective_from=dt.date(year, 2, 1),
                        pays_from=dt.date(year, 2, 1),
                        monthly_amount=Decimal("1400"),
                        standard_amount=Decimal("1100"),
                        per_capita_income=Decimal("400"),
                        insured_members=2,
                    )
                )
                rows.append(
                    Entitlement(
                        application=application,
                        reason="standard",
                        effective_from=dt.date(year, 3, 1),
                        pays_from=dt.date(year, 4, 1),
                        monthly_amount=Decimal("1560"),
                        standard_amount=Decimal("1180"),
                        per_capita_income=Decimal("400"),
                        insured_members=2,
                        arrears=Decimal("160"),
                    )
                )
            Entitlement.objects.bulk_create(rows, batch_size=2000)
        print(f"wrote {len(chosen):,} cases in {time.monotonic() - started:.1f} s")
    cases = Application.objects.filter(status=Status.PAYING).count()
    biggest = (
        Community.objects.annotate(n=Count("households__assistance_applications"))
        .order_by("-n")
        .first()
    )
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}: "
        f"{Resident.objects.count():,} residents, {Household.objects.count():,} households, "
        f"{cases:,} cases in payment; roster {month}"
    )
    for community in (None, biggest):
        seconds, queries, size, rows = [], 0, 0, 0
        for _ in range(args.repeat):
            job = ReportJob.objects.create(
                kind="assistance_roster",
                title="bench roster",
                community=community,
                params={"month": month},
            )
            with CaptureQueriesContext(connection) as captured:
                started = time.monotonic()
                report_build(job.pk)
                seconds.append(time.monotonic() - started)
            job.refresh_from_db()
            if job.status != "done":
                print(f"roster failed: {job.error}")
                return 1
            queries, size, rows = len(captured), job.file.size, job.row_count
            job.file.delete()
            job.delete()
        scope = community.name if community else "whole sub-district"
        print(
            f"  {scope}: {statistics.median(seconds):.2f} s median of {args.repeat} "
            f"({rows:,} rows, {queries} queries, {size / 1024:.0f} KB)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
