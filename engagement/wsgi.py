import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

application = get_wsgi_application()

from engagement.core.production import refuse_unsafe_settings  # noqa: E402 - needs the settings loaded above

refuse_unsafe_settings()

# What start-up made (settings, models, URL patterns) lives as long as the process. Frozen, it
# is out of the garbage collector's reach, which otherwise walked all of it every few dozen
# requests: a pause of about 70 ms on a heavy page, seen in the p99 of bench/run.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018 - loads the URLconf, and so every view, before freezing
gc.collect()
gc.freeze()
