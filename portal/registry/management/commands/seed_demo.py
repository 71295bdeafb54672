"""``manage.py seed_demo``: the demo sub-district, communities, residents and accounts."""

import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

from portal.events.demo import link_demo_resident_account, seed_events
from portal.guide.demo import seed_services
from portal.notices.demo import seed_notices
from portal.registry import demo


class Command(BaseCommand):
    help = (
        "Fill the database with demo data: 潘火街道, its nine communities and their "
        "compounds, households of residents with tags, and one demo account per role "
        f"(password {demo.DEMO_PASSWORD!r}). Idempotent: a second run creates nothing. "
        "Refuses to run with DEBUG off unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--residents",
            type=int,
            default=demo.DEFAULT_RESIDENTS,
            help=f"How many residents to plan (default {demo.DEFAULT_RESIDENTS}); those "
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
            default=demo.BATCH_SIZE,
            help=f"Residents written per batch (default {demo.BATCH_SIZE}).",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it creates demo accounts whose "
                "password is published in the README. Set DEBUG=1 for a development "
                "database, or pass --force if this database really is a scratch one."
            )
        if options["residents"] < 0:
            raise CommandError("--residents must be zero or more.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")

        verbosity = options["verbosity"]
        started = time.monotonic()

        def log(line: str) -> None:
            if verbosity >= 1:
                self.stdout.write(line)

        report = demo.seed(
            residents=options["residents"],
            reset_passwords=options["reset_passwords"],
            batch_size=options["batch_size"],
            log=log,
        )
        # The kernel's public content, after the communities and residents it refers to.
        services_created = seed_services(log=log)
        notices_created = seed_notices(log=log)
        events_created = seed_events(log=log)
        link_demo_resident_account()
        # Then each domain app's, named by its AppConfig (the kernel imports no domain app).
        domain_created = [
            (config.label, import_string(config.demo_seeder)(log=log))
            for config in apps.get_app_configs()
            if getattr(config, "demo_seeder", None)
        ]
        seconds = time.monotonic() - started
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"seed_demo done in {seconds:.1f} s. Created:")
                + "\n"
                + "\n".join(
                    f"  {label:<16} {value:>9,}"
                    for label, value in (
                        ("sub-districts", report.sub_districts),
                        ("communities", report.communities),
                        ("compounds", report.compounds),
                        ("tags", report.tags),
                        ("households", report.households),
                        ("residents", report.residents),
                        ("tag links", report.tag_links),
                        ("history rows", report.history_rows),
                        ("accounts", report.accounts),
                        ("services", services_created),
                        ("notices", notices_created),
                        ("events", events_created),
                        *((f"{label} records", count) for label, count in domain_created),
                    )
                )
            )
            if report.residents_skipped:
                self.stdout.write(
                    f"  ({report.residents_skipped:,} planned residents were registered "
                    "already and were skipped)"
                )
            if report.passwords_reset:
                self.stdout.write(
                    f"  (demo password set again on {report.passwords_reset} accounts)"
                )
