import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

application = get_wsgi_application()

from engagement.core.production import refuse_unsafe_settings  # noqa: E402 - needs the settings loaded above

refuse_unsafe_settings()
