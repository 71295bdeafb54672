"""Backups of the portal: ``make backup`` and ``make restore FILE=…`` (issue 12.10).

A backup is two files in ``var/backups`` (or ``BACKUP_DIR``), named by the UTC time:
``portal-YYYYmmdd-HHMMSS.dump`` (``pg_dump -Fc`` of the database in ``DATABASE_URL``) and
``portal-YYYYmmdd-HHMMSS.media.tar.gz`` (the ``MEDIA_ROOT`` folder: uploaded imports and
built reports). Restoring takes the ``.dump``; the media archive next to it is unpacked
into ``MEDIA_ROOT`` when present. PostgreSQL only: SQLite is a development database.

Run as ``python -m portal.backup backup`` / ``python -m portal.backup restore FILE``.
"""

import datetime as dt
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
PG_DUMP = shutil.which("pg_dump") or "/usr/bin/pg_dump"
PG_RESTORE = shutil.which("pg_restore") or "/usr/bin/pg_restore"


def _database(url: str | None = None) -> dict[str, Any]:
    config = dj_database_url.parse(url or os.environ.get("DATABASE_URL", ""))
    if "postgresql" not in config["ENGINE"]:
        raise SystemExit("Backups need PostgreSQL: set DATABASE_URL to a postgres:// address.")
    return config


def _environment(config: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    return env


def _connection_arguments(config: dict[str, Any]) -> list[str]:
    arguments = [
        "-h",
        str(config.get("HOST") or "127.0.0.1"),
        "-p",
        str(config.get("PORT") or 5432),
    ]
    if config.get("USER"):
        arguments += ["-U", str(config["USER"])]
    return arguments


def backup(
    *, database_url: str | None = None, media_root: Path | None = None, out: Path | None = None
) -> Path:
    """Dump the database and pack the media folder; returns the ``.dump`` path."""
    config = _database(database_url)
    out = Path(out or os.environ.get("BACKUP_DIR", BASE_DIR / "var" / "backups"))
    out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    dump = out / f"portal-{stamp}.dump"
    subprocess.run(  # noqa: S603 - fixed programs, arguments from settings
        [PG_DUMP, "-Fc", *_connection_arguments(config), "-f", str(dump), config["NAME"]],
        check=True,
        env=_environment(config),
    )
    media = Path(media_root or os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
    with tarfile.open(out / f"portal-{stamp}.media.tar.gz", "w:gz") as archive:
        if media.is_dir():
            archive.add(media, arcname="media")
    return dump


def restore(dump: Path, *, database_url: str | None = None, media_root: Path | None = None) -> None:
    """Restore ``dump`` into the database of ``DATABASE_URL`` (objects are replaced) and
    unpack the media archive beside it into ``MEDIA_ROOT``."""
    config = _database(database_url)
    dump = Path(dump)
    if not dump.is_file():
        raise SystemExit(f"No such backup: {dump}")
    subprocess.run(  # noqa: S603 - fixed programs, arguments from settings
        [
            PG_RESTORE,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            *_connection_arguments(config),
            "-d",
            config["NAME"],
            str(dump),
        ],
        check=True,
        env=_environment(config),
    )
    media_archive = dump.with_name(dump.name.removesuffix(".dump") + ".media.tar.gz")
    if media_archive.is_file():
        media = Path(media_root or os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media_archive) as archive:
            for member in archive.getmembers():
                if not member.name.startswith("media"):
                    continue
                member.name = member.name.removeprefix("media").lstrip("/") or "."
                archive.extract(member, media, filter="data")


def main(argv: list[str]) -> None:
    if argv[:1] == ["backup"]:
        print(backup())
    elif argv[:1] == ["restore"] and len(argv) == 2:
        restore(Path(argv[1]))
        print(f"restored {argv[1]}")
    else:
        raise SystemExit("usage: python -m portal.backup backup | restore FILE")


if __name__ == "__main__":
    main(sys.argv[1:])
