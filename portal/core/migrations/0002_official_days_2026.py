"""Install the 2026 holiday notice (portal.core.holidays), so that working days count
right from a deployment's first day."""

from django.db import migrations

from portal.core.holidays import NOTICE_2026, official_days


def install(apps, schema_editor):
    OfficialDay = apps.get_model("core", "OfficialDay")
    for day, kind, name in official_days(NOTICE_2026):
        OfficialDay.objects.get_or_create(day=day, defaults={"kind": kind, "name": name})


def remove(apps, schema_editor):
    OfficialDay = apps.get_model("core", "OfficialDay")
    OfficialDay.objects.filter(day__in=[day for day, _kind, _name in official_days(NOTICE_2026)]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_official_calendar")]

    operations = [migrations.RunPython(install, remove)]
