from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """Machinery every app shares. It imports no domain app: they register with it."""

    name = "engagement.core"
    label = "core"
    verbose_name = "Shared machinery"

    def ready(self):
        # Registers the deployment check that fails on unsafe production settings.
        from . import (
            production,  # noqa: F401
            schedules,
        )

        # Once per migrate, after django_celery_beat's tables exist.
        post_migrate.connect(
            schedules.sync, sender=apps.get_app_config("django_celery_beat"), dispatch_uid="core.sync_schedules"
        )
