import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

# Every task takes its outbox row before running and marks it done after (engagement/core/outbox.py).
app = Celery("engagement", task_cls="engagement.core.outbox:OutboxTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def refuse_unsafe_settings(**kwargs):
    from engagement.core.production import refuse_unsafe_settings

    refuse_unsafe_settings()
