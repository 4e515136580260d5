"""Refuse to run in production without the settings it needs (see MISSING_PRODUCTION_SETTINGS)."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def problem():
    missing = settings.MISSING_PRODUCTION_SETTINGS
    return f"Production settings need: {', '.join(missing)}." if missing else None


def refuse_unsafe_settings():
    """Called as gunicorn loads the app and as Celery workers and beat start."""
    if problem():
        raise ImproperlyConfigured(problem())


# A deployment check, so that commands such as makemigrations still run on a bare checkout.
@checks.register(checks.Tags.security, deploy=True)
def production_settings_check(app_configs, **kwargs):
    return [checks.Error(problem(), id="engagement.E001")] if problem() else []
