"""Celery beat's scheduler: django-celery-beat's database scheduler, kept running while the database is away.

django-celery-beat catches database errors when it checks for changed schedules,
but not when it reads the whole schedule again (every five minutes, and after a
change). An error out of a tick ends beat, so a database outage that spans one of
those reads stopped beat for good. Here the tick is lost instead: the error is
logged, the broken connection closed so that the next tick opens a new one, and
beat tries again at its next wake-up. Run beat under a supervisor all the same
(scripts/celery-beat.service): it still exits if the database is away when it starts.
"""

import logging

from django.db import InterfaceError, OperationalError, connection
from django_celery_beat.schedulers import DatabaseScheduler

logger = logging.getLogger(__name__)


class ResilientDatabaseScheduler(DatabaseScheduler):
    def tick(self, *args, **kwargs):
        try:
            return super().tick(*args, **kwargs)
        except (OperationalError, InterfaceError) as error:
            logger.warning("Beat could not reach the database; trying again in %s s: %s", self.max_interval, error)
            connection.close()
            return self.max_interval
