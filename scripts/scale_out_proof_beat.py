"""The scale-out proof's second beat: the app's scheduler, reading the whole schedule every 10 seconds.

django-celery-beat reads the whole schedule every five minutes, and that read is where
a database outage used to end beat (engagement/core/beat.py). The proof's 60-second
outage is shorter than that, so this beat reads more often: the outage then spans
several full reads, as a long outage does in production. scripts/scale-out-proof starts
it with scripts/ on PYTHONPATH and `-S scale_out_proof_beat:ResilientDatabaseScheduler`.
"""

from django_celery_beat import schedulers

from engagement.core.beat import ResilientDatabaseScheduler

# The library reads this module constant on every tick, so setting it before beat starts is enough.
schedulers.SCHEDULE_SYNC_MAX_INTERVAL = 10

__all__ = ["ResilientDatabaseScheduler"]
