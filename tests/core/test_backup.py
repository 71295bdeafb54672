"""Backups that are tested (issue 12.10): back up the demo database with
``portal.backup`` (what ``make backup`` runs), restore it into a fresh database with
``make restore``'s code, and compare the row count of every table. PostgreSQL only."""

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from portal import backup

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backups are pg_dump/pg_restore of PostgreSQL; this run uses SQLite",
    ),
]


def _url(settings_dict: dict, name: str) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def _row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }


def test_backup_and_restore_keep_every_row(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "imports").mkdir(parents=True)
    (settings.MEDIA_ROOT / "imports" / "台账.xlsx").write_bytes(b"PK demo")
    call_command("seed_demo", "--force", "--residents", "200", verbosity=0)
    source = connection.settings_dict
    source_url = _url(source, source["NAME"])
    restored_name = f"{source['NAME']}_restore"
    restored_url = _url(source, restored_name)
    admin_url = _url(source, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
        conn.execute(f'CREATE DATABASE "{restored_name}"')
    try:
        dump = backup.backup(
            database_url=source_url, media_root=settings.MEDIA_ROOT, out=tmp_path / "backups"
        )
        assert dump.name.startswith("portal-") and dump.suffix == ".dump"
        restored_media = tmp_path / "restored-media"
        backup.restore(dump, database_url=restored_url, media_root=restored_media)
        before, after = _row_counts(source_url), _row_counts(restored_url)
        assert before == after
        assert before["registry_resident"] > 0 and len(before) > 30
        assert (restored_media / "imports" / "台账.xlsx").read_bytes() == b"PK demo"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
