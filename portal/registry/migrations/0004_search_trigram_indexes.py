"""Trigram (pg_trgm) GIN indexes for the registry's searches on PostgreSQL: name contains,
ID-number tail, phone tail and address contains, as ``ResidentQuerySet.search`` and
``HouseholdQuerySet.search`` write them (``UPPER(col::text) LIKE`` and ``col::text LIKE``).

Where the extension cannot be created (a managed database whose role may not create
extensions), the migration says so and carries on: the searches still work, by scanning.
An administrator can run ``CREATE EXTENSION pg_trgm`` and migrate again (zero, then back)
to add the indexes. SQLite and other databases: nothing to do.
"""

import sys

from django.db import migrations

INDEXES = {
    "resident_name_trgm": "registry_resident USING gin (UPPER(name::text) gin_trgm_ops)",
    "resident_id_number_trgm": "registry_resident USING gin ((id_number::text) gin_trgm_ops)",
    "resident_phone_trgm": "registry_resident USING gin ((phone::text) gin_trgm_ops)",
    "household_address_trgm": "registry_household USING gin (UPPER(address::text) gin_trgm_ops)",
}


def _has_trigrams(cursor) -> bool:
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    return cursor.fetchone() is not None


def create_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if not _has_trigrams(cursor):
            try:
                cursor.execute("SAVEPOINT portal_trgm")
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cursor.execute("RELEASE SAVEPOINT portal_trgm")
            except Exception as error:  # noqa: BLE001 (any refusal means the same)
                cursor.execute("ROLLBACK TO SAVEPOINT portal_trgm")
                sys.stderr.write(
                    "\n  registry: the pg_trgm extension could not be created "
                    f"({error.__class__.__name__}: {str(error).strip()}).\n"
                    "  The resident and household searches work without it, but scan the "
                    "table. Ask the database administrator to run CREATE EXTENSION pg_trgm; "
                    "then `manage.py migrate registry 0003` and `manage.py migrate` add "
                    "the search indexes.\n"
                )
                return
        for name, definition in INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_list_seek_indexes")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
