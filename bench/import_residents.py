"""By-hand benchmark: a 100,000-row registry import, end to end, on the configured database.

Run it against a scratch database, never a real one (it writes and then deletes 100,000
residents):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        .venv/bin/python bench/import_residents.py [--rows 100000] [--keep]

It creates the PostgreSQL database when it is missing, migrates it, makes sure the demo
communities, compounds and tags exist, and writes a workbook of valid rows: households
as the demo data plans them, with addresses and ID numbers nobody in the database has.
Then it times each step as the portal runs it: writing the file, ``check_upload``, the
dry run and the commit, and prints the rows per second, the seconds and the peak
resident set size of the process so far. The imported rows are deleted afterwards
(unless ``--keep``), so every run starts from the same database.

The workbook is written by openpyxl's write-only mode, which stores text as inline
strings; Excel and WPS store shared strings. The import's reader handles both
(tests/registry/test_sheets.py).
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# DEBUG stays off (as in production: no per-query SQL log); the settings then want a key.
os.environ.setdefault("SECRET_KEY", "bench-only-key-not-a-secret")
# The uploaded file goes to a scratch directory, not the portal's media.
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-import-media-"))
# Quiet: the audit lines of 100,000 rows are not what is measured.
os.environ.setdefault("LOG_LEVEL", "WARNING")

BENCH_SEED = 20260301  # not the demo's seed: other people than the demo residents


def ensure_database() -> None:
    """Create the PostgreSQL database named in DATABASE_URL if it does not exist."""
    import dj_database_url

    config = dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite:///unused"))
    if "postgresql" not in config["ENGINE"]:
        return
    import psycopg
    from psycopg import sql

    name = config["NAME"]
    with psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def report(step: str, rows: int | None, seconds: float) -> None:
    rate = f"{rows / seconds:9,.0f} rows/s" if rows else f"{'':16}"
    print(f"{step:14} {seconds:7.2f} s  {rate}  peak RSS {peak_mib():7,.0f} MiB")


def plan_rows(count: int) -> list[list]:
    """``count`` rows of whole households (the last may be cut short after its head)
    that clash with nothing in the database."""
    from portal.registry import demo
    from portal.registry.imports import (
        GENDER_TEXT,
        REGISTRATION_TEXT,
        RELATION_TEXT,
        address_key,
    )
    from portal.registry.models import Community, Household, Resident

    names = dict(Community.objects.values_list("pk", "name"))
    taken_addresses = {
        (names[community_id], address_key(address))
        for community_id, address in Household.objects.values_list("community_id", "address")
    }
    taken_ids = set(Resident.objects.values_list("id_number", flat=True))
    tag_names = {slug: name for slug, name, _ in demo.TAGS}
    planner = demo.Planner(seed=BENCH_SEED)
    rows: list[list] = []
    while len(rows) < count:
        household = planner.household()
        if any(member.id_number in taken_ids for member in household.members):
            continue
        address = household.address
        suffix = 1
        while (household.community, address_key(address)) in taken_addresses:
            suffix += 1
            address = f"{household.address}-{suffix}"
        taken_addresses.add((household.community, address_key(address)))
        for member in household.members[: count - len(rows)]:
            rows.append(
                [
                    household.community,
                    household.compound or "",
                    address,
                    REGISTRATION_TEXT[household.registration_type],
                    RELATION_TEXT[member.relation],
                    member.name,
                    GENDER_TEXT[member.gender],
                    member.id_number,
                    member.birth_date,
                    member.phone,
                    "、".join(tag_names[slug] for slug in member.tags),
                ]
            )
    return rows


def write_workbook(rows: list[list], path: Path) -> None:
    from openpyxl import Workbook

    from portal.registry.imports import DATA_SHEET, HEADERS

    book = Workbook(write_only=True)
    sheet = book.create_sheet(DATA_SHEET)
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    book.save(path)


def delete_imported(job) -> None:
    """Remove what the import wrote, history included, so the next run starts alike."""
    from django.apps import apps
    from django.db import transaction

    from portal.registry.models import Household, Resident

    reason = f"registry import #{job.pk}"
    m2m_history = apps.get_model("registry", "HistoricalResident_tags")
    with transaction.atomic():
        versions = Resident.history.filter(history_change_reason=reason)
        m2m_history.objects.filter(history__in=versions.values("history_id")).delete()
        residents = Resident.objects.filter(pk__in=versions.values("id"))
        Resident.tags.through.objects.filter(resident__in=residents).delete()
        households = Household.history.filter(history_change_reason=reason)
        household_ids = list(households.values_list("id", flat=True))
        residents._raw_delete(residents.db)
        versions._raw_delete(versions.db)
        Household.objects.filter(pk__in=household_ids)._raw_delete(households.db)
        households._raw_delete(households.db)
        job.delete()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the imported residents")
    args = parser.parse_args()

    ensure_database()
    import django

    django.setup()
    from django.core.files import File
    from django.core.management import call_command
    from django.db import connection

    from portal.accounts.models import Role, User
    from portal.core.jobs import JobStatus
    from portal.registry import demo, imports
    from portal.registry.models import ImportPhase, RegistryImport, Resident

    call_command("migrate", verbosity=0)
    seed_report = demo.SeedReport()
    sub_district = demo.ensure_sub_district(seed_report)
    demo.ensure_compounds(demo.ensure_communities(sub_district, seed_report), seed_report)
    demo.ensure_tags(seed_report)
    user, _ = User.objects.get_or_create(
        username="bench_import", defaults={"role": Role.SUBDISTRICT_STAFF}
    )
    before = Resident.objects.count()
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']} "
        f"({before:,} residents before)"
    )

    rows = plan_rows(args.rows)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "bench.xlsx"
        started = time.perf_counter()
        write_workbook(rows, path)
        report("write file", len(rows), time.perf_counter() - started)
        print(f"{'':14} {path.stat().st_size / 2**20:.1f} MiB, {len(rows):,} rows")
        del rows

        with path.open("rb") as handle:
            upload = File(handle, name="bench.xlsx")
            started = time.perf_counter()
            imports.check_upload(upload)
            # Size, archive, headings and the first row: it does not read every row.
            report("check_upload", None, time.perf_counter() - started)
            job = RegistryImport(original_name="bench.xlsx", requested_by=user)
            job.file.save("bench.xlsx", upload, save=False)
            job.save()

    total = 0.0
    started = time.perf_counter()
    imports.import_process(job.pk)
    seconds = time.perf_counter() - started
    total += seconds
    job.refresh_from_db()
    report("dry run", job.row_count, seconds)
    if job.status != JobStatus.DONE or job.error_count:
        print(f"the dry run did not pass: {job.status} {job.error} {job.errors[:5]}")
        return 1

    # What import_commit_request does, without queueing the task: it is run here, timed.
    RegistryImport.objects.filter(pk=job.pk).update(
        phase=ImportPhase.COMMIT, status=JobStatus.QUEUED, committed_by=user, attempts=0
    )
    started = time.perf_counter()
    imports.import_process(job.pk)
    seconds = time.perf_counter() - started
    total += seconds
    job.refresh_from_db()
    report("commit", job.row_count, seconds)
    if job.phase != ImportPhase.COMMITTED:
        print(f"the commit failed: {job.status} {job.error}")
        return 1
    report("check+commit", job.row_count, total)
    print(
        f"created: {job.residents_created:,} residents, {job.households_created:,} "
        f"households ({Resident.objects.count() - before:,} more residents in the database)"
    )
    if not args.keep:
        delete_imported(job)
    return 0


if __name__ == "__main__":
    sys.exit(main())
