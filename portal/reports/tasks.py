from celery import shared_task

from portal.reports import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def report_build_task(job_id: int) -> str | None:
    """Build one report; a second delivery finds it finished and does nothing."""
    job = services.report_build(job_id)
    return job.status if job else None


@shared_task(acks_late=True, reject_on_worker_lost=True)
def monthly_statistics_queue_task() -> list[int]:
    """Beat, on the 1st: last month's statistics for the sub-district and each community."""
    return services.monthly_statistics_queue()
