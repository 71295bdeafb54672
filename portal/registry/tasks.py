from celery import shared_task
from django.conf import settings

from portal.registry import imports, services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def elderly_tags_refresh_task() -> int:
    """Daily: tag residents who have turned 60 as elderly (idempotent)."""
    return services.elderly_tags_refresh()


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.REGISTRY_IMPORT_CHECK_TIME_LIMIT,
    soft_time_limit=settings.REGISTRY_IMPORT_CHECK_TIME_LIMIT - 30,
)
def import_check_task(import_id: int) -> str | None:
    """The dry run of an uploaded spreadsheet; a second delivery finds it finished."""
    job = imports.import_process(import_id)
    return job.status if job else None


@shared_task(acks_late=True, reject_on_worker_lost=True)
def import_commit_task(import_id: int) -> str | None:
    """Write a checked spreadsheet to the registry, all or nothing; a second delivery
    finds it finished and writes nothing twice."""
    job = imports.import_process(import_id)
    return job.status if job else None
