from celery import shared_task

from portal.registry import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def elderly_tags_refresh_task() -> int:
    """Daily: tag residents who have turned 60 as elderly (idempotent)."""
    return services.elderly_tags_refresh()
