"""Running calls at the same moment against the real database, for race tests.

Each call runs in a thread of its own, so with its own database connection and
transaction; the threads start together at a barrier and close their connections at the
end.
"""

import threading
from collections.abc import Callable
from typing import Any

START_TIMEOUT = 30  # seconds for every thread to reach the barrier
JOIN_TIMEOUT = 60


def run_at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Start every call together; return their results (in finishing order)."""
    from django.db import connections

    barrier = threading.Barrier(len(calls))
    results: list[Any] = []
    lock = threading.Lock()

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=START_TIMEOUT)
            result = call()
            with lock:
                results.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT)
    return results
