"""``manage.py seed_demo``: every installed app's demo data, through its ``demo_seeder``.

The command names no app: it walks the app configs in ``INSTALLED_APPS`` order (the
kernel's first: the registry's communities, residents and accounts before the content
that refers to them) and calls each ``demo_seeder`` it finds, a dotted path to
``f(*, log, ...) -> int | dict[str, int]``: the rows it created, as one number or as
labelled counts. A seeder is also given those of the command's options (``residents``,
``reset_passwords``, ``batch_size``) that it takes as keyword arguments and that were
set. Every seeder must be idempotent.
"""

import inspect
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

#: The command's options a seeder may take, by keyword.
SEEDER_OPTIONS = ("residents", "reset_passwords", "batch_size")


def demo_seeders(configs: Iterable[Any] | None = None) -> list[tuple[str, Callable[..., Any]]]:
    """``(app label, seeder)`` of every installed app (or of ``configs``) that names one,
    in ``INSTALLED_APPS`` order."""
    return [
        (config.label, import_string(path))
        for config in (apps.get_app_configs() if configs is None else configs)
        if (path := getattr(config, "demo_seeder", None))
    ]


def call_seeder(seeder: Callable[..., Any], log: Callable[[str], None], options: dict) -> Any:
    """Call ``seeder`` with ``log`` and the options it takes (unset ones left to its own
    defaults)."""
    parameters = inspect.signature(seeder).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    given = {
        name: options[name]
        for name in SEEDER_OPTIONS
        if options.get(name) is not None and (takes_any or name in parameters)
    }
    return seeder(log=log, **given)


class Command(BaseCommand):
    help = (
        "Fill the database with demo data: every installed app's demo_seeder, in "
        "INSTALLED_APPS order (the registry's sub-district, communities, households, "
        "residents and one demo account per role, whose password is in the README; then "
        "the guide, notices, events and each chapter app). Idempotent: a second run "
        "creates nothing. Refuses to run with DEBUG off unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--residents",
            type=int,
            help="How many residents to plan (default: the registry's demo size); those "
            "already registered are skipped, so a larger run after a smaller one adds the "
            "difference.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. Never against a production database: the "
            "demo accounts have a published password.",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Set the demo password again on demo accounts that exist already.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            help="Residents written per batch (default: the registry's).",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it creates demo accounts whose "
                "password is published in the README. Set DEBUG=1 for a development "
                "database, or pass --force if this database really is a scratch one."
            )
        if options["residents"] is not None and options["residents"] < 0:
            raise CommandError("--residents must be zero or more.")
        if options["batch_size"] is not None and options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        if not options["reset_passwords"]:
            options["reset_passwords"] = None  # leave it to the seeder's default

        verbosity = options["verbosity"]
        started = time.monotonic()

        def log(line: str) -> None:
            if verbosity >= 1:
                self.stdout.write(line)

        created: list[tuple[str, int]] = []
        for label, seeder in demo_seeders():
            result = call_seeder(seeder, log, options)
            if isinstance(result, dict):
                created.extend(result.items())
            else:
                created.append((f"{label} records", result or 0))
        seconds = time.monotonic() - started
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"seed_demo done in {seconds:.1f} s. Created:")
                + "\n"
                + "\n".join(f"  {label:<20} {value:>9,}" for label, value in created)
            )
