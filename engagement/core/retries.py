"""Riding out a short database outage (a PostgreSQL restart or failover takes seconds).

Tasks retry these errors later (engagement/core/outbox.py, OutboxTask); a write
that records what has already happened outside the database, such as an
e-mail the mail server accepted, is retried on the spot by `keep_trying`,
because running the task again would do that thing twice.
"""

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connection

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
T = TypeVar("T")
# About 16 seconds in all, well inside the delivery task's time limit.
WAITS = (0.25, 0.5, 1, 2, 4, 8)


def keep_trying(write: Callable[[], T]) -> T:
    """Return write(), calling it again on a database error (on a new connection) for about 16 seconds."""
    for wait in WAITS:
        try:
            return write()
        except DATABASE_ERRORS as error:
            if connection.in_atomic_block:
                raise  # the transaction is lost either way; the caller's retry starts it again
            logger.warning("Database unavailable, trying again in %s s: %s", wait, error)
            connection.close()
            time.sleep(wait)
    return write()
