"""By-hand benchmark: the public pages and the sign-up path over the configured database.

Seed a scratch database first (``DEBUG=1 manage.py seed_demo``, with ``--residents 100000``
for the large set), then:

    .venv/bin/python bench/public_pages.py [--events 3000] [--signups 2000] [--repeat 7]

``--events`` adds that many extra events spread over this year (tagged "bench", removed
again at the end) so the calendar and the feed are measured at a realistic density.
``--signups`` times that many sign-ups through ``services.registration_create`` (each its own
transaction with the event row locked), to an event with room for half of them, so the
second half goes to the waiting list; then cancels half of those confirmed, each
promoting one from the waiting list. Prints medians in milliseconds and query counts.
"""

import argparse
import datetime as dt
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
os.environ.setdefault("PORTAL_TESTING", "1")

BENCH_TAG = "[bench]"


def _time(client, url: str, repeat: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return statistics.median(samples), len(queries), len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--signups", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client
    from django.utils import timezone

    from portal.events import services
    from portal.events.models import Event, EventKind, Registration
    from portal.registry.models import Community, Resident

    communities = list(Community.objects.order_by("code"))
    kinds = list(EventKind.values)
    tz = timezone.get_current_timezone()
    year = timezone.localdate().year
    Event.objects.bulk_create(
        Event(
            title=f"{BENCH_TAG} 活动{n}",
            kind=kinds[n % len(kinds)],
            community=communities[n % len(communities)],
            place="社区活动室",
            starts_at=dt.datetime(year, 1, 1, 9, tzinfo=tz)
            + dt.timedelta(hours=8760 * n / args.events),
            ends_at=dt.datetime(year, 1, 1, 11, tzinfo=tz)
            + dt.timedelta(hours=8760 * n / args.events),
            capacity=30,
        )
        for n in range(args.events)
    )
    try:
        month = timezone.localdate().strftime("%Y-%m")
        event = Event.objects.filter(title__startswith=BENCH_TAG).order_by("-starts_at").first()
        print(
            f"events: {Event.objects.count():,} "
            f"({args.events:,} bench events over {year}); residents: "
            f"{Resident.objects.count():,}"
        )
        print(f"{'page':<44} {'ms':>8} {'queries':>8} {'KiB':>8}")
        client = Client()
        for url in (
            "/",
            "/services/",
            "/services/?q=低保",
            f"/calendar/?month={month}",
            f"/calendar/?month={month}&community=001",
            f"/calendar/?view=list&month={month}",
            "/calendar.ics",
            "/calendar.ics?community=001",
            f"/events/{event.pk}/" if event else "/",
            "/notices/",
        ):
            ms, queries, size = _time(client, url, args.repeat)
            print(f"{url:<44} {ms:>8.1f} {queries:>8} {size / 1024:>8.1f}")

        if args.signups:
            people = list(Resident.objects.order_by("pk")[: args.signups])
            target = Event.objects.create(
                title=f"{BENCH_TAG} 报名",
                kind=EventKind.COMMUNITY,
                community=communities[0],
                place="社区活动室",
                starts_at=timezone.now() + dt.timedelta(days=7),
                ends_at=timezone.now() + dt.timedelta(days=7, hours=2),
                capacity=len(people) // 2,
            )
            started = time.perf_counter()
            for person in people:
                services.registration_create(event=target, resident=person, by=None)
            signup_seconds = time.perf_counter() - started
            confirmed = list(target.registrations.confirmed()[: len(people) // 4])
            started = time.perf_counter()
            for registration in confirmed:
                services.registration_cancel(registration=registration, by=None)
            cancel_seconds = time.perf_counter() - started
            print(
                f"sign-ups: {len(people):,} in {signup_seconds:.2f} s "
                f"({len(people) / signup_seconds:,.0f}/s, "
                f"{target.registrations.confirmed().count():,} confirmed after cancelling)"
            )
            print(
                f"cancellations with promotion: {len(confirmed):,} in {cancel_seconds:.2f} s "
                f"({len(confirmed) / cancel_seconds:,.0f}/s)"
            )
    finally:
        Registration.objects.filter(event__title__startswith=BENCH_TAG).delete()
        Event.history.filter(title__startswith=BENCH_TAG).delete()
        Registration.history.filter(event__title__startswith=BENCH_TAG).delete()
        Event.objects.filter(title__startswith=BENCH_TAG).delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
