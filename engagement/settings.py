"""Settings for the engagement app, read from environment variables.

Local use needs nothing set except DEBUG=1 (the Makefile does that): SQLite in
the project folder, e-mail printed to the console, Celery tasks run in-process.
Production (DEBUG unset or 0) refuses to start without the values it needs.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

DATABASE_URL = env_str("DATABASE_URL")
REDIS_URL = env_str("REDIS_URL")
# The cache may live on its own Redis (or database number) with a memory limit, away from the broker,
# whose queued tasks must never be evicted (README, "Faults and what the operator sees").
CACHE_REDIS_URL = env_str("CACHE_REDIS_URL") or REDIS_URL
# A Redis that hangs, rather than refusing, would hold each request until the operating system gave up
# on the connection (5 s per cache call, 30 s per task sent): give up after 2 s instead. What could not
# be queued waits in the outbox, and a failed cache call is handled where it is made.
REDIS_TIMEOUTS = {"socket_timeout": 2, "socket_connect_timeout": 2}

# What production still lacks. Settings load without them, so that commands such as
# makemigrations work on a bare checkout; but gunicorn (wsgi.py), Celery workers and
# beat, and `check --deploy` refuse until the list is empty (engagement/core/production.py).
MISSING_PRODUCTION_SETTINGS = (
    []
    if DEBUG
    else [
        message
        for missing, message in [
            (
                SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50,
                "SECRET_KEY must be set to a long random value of 50 characters or more when DEBUG is off",
            ),
            (not ALLOWED_HOSTS, "ALLOWED_HOSTS"),
            (not DATABASE_URL, "DATABASE_URL"),
            # SQLite takes one write at a time: under load, requests fail with "database is locked".
            (
                DATABASE_URL.lower().startswith(("sqlite:", "spatialite:")),
                "a PostgreSQL DATABASE_URL, not SQLite, which lets only one request write at a time",
            ),
            (not REDIS_URL, "REDIS_URL"),
        ]
        if missing
    ]
)

SERVICE_NAME = env_str("SERVICE_NAME", "Public engagement groups")
ORGANISATION_NAME = env_str("ORGANISATION_NAME", "Riverside and Downs Integrated Care System")
# The public address for links in e-mails. Unset (local use), it is the development server's address,
# on the port `make run` serves (PORT), so that links work on whichever port it was started.
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "import_export",
    "django_celery_beat",
    "axes",
    "csp",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "engagement.core",
    "members",
    "members.expenses",
    "members.recruitment",
    "members.onboarding",
    "meetings",
    "meetings.interests",
    "feedback",
    "feedback.planning",
    "feedback.events",
    "feedback.themes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "engagement.core.limits.RequestSizeLimitMiddleware",  # before CSRF, the first to read a POST's body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change in the audit history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "engagement.urls"
WSGI_APPLICATION = "engagement.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "engagement.context_processors.site",
            ],
        },
    },
    # Plain text (e-mail subjects and bodies, text messages): nothing to escape, or "&" would reach
    # people as "&amp;". Found only when asked for by name: render_to_string(..., using="text").
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Reusing connections matters: one connect per request costs more than the page.
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# The busiest pages' queries are prepared on the PostgreSQL server once per connection
# (engagement.core.prepared). Off behind a pooler that shares sessions (PgBouncer in transaction mode).
PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    # django-axes counts failed sign-ins in the database, so every web process shares the count.
    "axes.backends.AxesStandaloneBackend",
    # Django's, with the permissions read in one prepared query (engagement/core/backends.py).
    "engagement.core.backends.ModelBackend",
]
# Staff sign in to the admin with a password and a code from an authenticator
# app (TOTP). Required in production; optional locally so the demo logins work.
STAFF_TWO_FACTOR = env_bool("STAFF_TWO_FACTOR", not DEBUG)
OTP_TOTP_ISSUER = SERVICE_NAME
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Lock a person's account from one address, so no one can lock a member out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The sign-in form posts the e-mail address as "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "members.forms.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"
# Password-reset links last 1 day; invitation links last longer because a new
# volunteer may not read their e-mail the day it arrives.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
INVITATION_TIMEOUT_DAYS = env_int("INVITATION_TIMEOUT_DAYS", 14)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# The service is in English only: no text is translated, so Django's translation machinery is off (its
# look-ups cost 5 to 10% of an admin list's time). Formats still follow LANGUAGE_CODE: dates are
# day first, as in the UK.
USE_I18N = False
USE_TZ = True
# Forms read dates day first in the same forms as imported files (31/12/2029, 31 Dec 2029, 2029-12-31):
# engagement/formats/en_GB/formats.py takes its list from engagement/core/dates.py, and Django's
# en-GB list (only 31/12/2029 and 31/12/29) would otherwise win over the DATE_INPUT_FORMATS setting.
FORMAT_MODULE_PATH = ["engagement.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are private: MEDIA_ROOT is never served by URL, only through
# views that check who is asking.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded and generated files go to S3-compatible object storage when a bucket is
# configured, so that no web or worker machine keeps files of its own.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
DEFAULT_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE", "auto"),
            # Private objects: no public ACL, and any URL the library makes is signed and short-lived.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }
    if AWS_STORAGE_BUCKET_NAME
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CACHES = {
    "default": (
        {
            # Django's, keeping its Redis clients (engagement/core/cache.py).
            "BACKEND": "engagement.core.cache.RedisCache",
            "LOCATION": CACHE_REDIS_URL,
            "OPTIONS": REDIS_TIMEOUTS,
        }
        if CACHE_REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# E-mail: SMTP when EMAIL_HOST is set, otherwise printed to the console.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "tmp" / "emails"))  # for the file-based backend
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Engagement team <engagement@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ENGAGEMENT_TEAM_EMAIL = env_str("ENGAGEMENT_TEAM_EMAIL", "engagement@example.org")
# 01632 960000 is in Ofcom's range for drama, so the demo shows a number that rings no one;
# production shows none until it is set.
ENGAGEMENT_TEAM_PHONE = env_str("ENGAGEMENT_TEAM_PHONE", "01632 960000" if DEBUG else "")

# GOV.UK Notify (README, "GOV.UK Notify"): e-mails, text messages and letters when the key is set;
# without it, e-mail goes by EMAIL_HOST or the console as above.
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = env_str("NOTIFY_EMAIL_TEMPLATE_ID")
NOTIFY_SMS_TEMPLATE_ID = env_str("NOTIFY_SMS_TEMPLATE_ID")
NOTIFY_LETTERS_ENABLED = env_bool("NOTIFY_LETTERS_ENABLED", False)
# The bearer token Notify sends with delivery receipts (the callback set up in Notify's API integration page).
NOTIFY_CALLBACK_TOKEN = env_str("NOTIFY_CALLBACK_TOKEN")
# What staff are shown before approving letters, and on the monthly totals; Notify's prices, in pence.
NOTIFY_LETTER_COST_PENCE = env_int("NOTIFY_LETTER_COST_PENCE", 85)
NOTIFY_TEXT_COST_PENCE = env_int("NOTIFY_TEXT_COST_PENCE", 2)
if NOTIFY_API_KEY and not NOTIFY_EMAIL_TEMPLATE_ID:
    raise ImproperlyConfigured("NOTIFY_EMAIL_TEMPLATE_ID is needed with NOTIFY_API_KEY (README, GOV.UK Notify).")

# Celery: Redis when REDIS_URL is set; otherwise tasks run in-process, which
# is only for local use and tests (production settings require REDIS_URL).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "engagement.core.beat:ResilientDatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that cannot reach Redis tries once: it gives up at once when Redis refuses, or after
# the 2-second timeout when it hangs (a retry would double the wait). The task waits in the outbox
# (engagement/core/outbox.py) and is sent when Redis is back.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 0, **REDIS_TIMEOUTS}
# Seconds before a task sent but not started is taken to be lost by Redis and sent again (engagement/core/outbox.py).
OUTBOX_REDELIVER_AFTER = env_int("OUTBOX_REDELIVER_AFTER", 120)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nhsuk"]
CRISPY_TEMPLATE_PACK = "nhsuk"

IMPORT_EXPORT_USE_TRANSACTIONS = True
# Without these, django-import-export lets any staff account import into (or export)
# any model whose admin offers it: importing changes records, so it needs "change".
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# The import preview and its confirmation may reach different web processes:
# keep the uploaded file in the shared file storage, not on one machine's disk.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# The admin's history pages are a record, not an undo: no Revert button (engagement/core/history_admin.py
# also refuses a posted revert, which this setting alone does not).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Content Security Policy: no inline scripts or styles anywhere, nothing from other sites
# (not even the NHS.UK font: scripts/build-frontend leaves it out, so text is in Arial).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Security headers. Behind a TLS-terminating proxy, set TRUST_X_FORWARDED_PROTO=1.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step, django-axes every sign-in and pikepdf its own start-up, at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ["weasyprint", "fontTools", "axes", "pikepdf"]},
}

# "You Said, We Did": weeks after comments close by which a project's response
# is due; after that it shows as overdue and staff and the lead are chased weekly.
FEEDBACK_RESPONSE_TARGET_WEEKS = env_int("FEEDBACK_RESPONSE_TARGET_WEEKS", 8)

# Recruitment: months after a round closes before unsuccessful applications
# are deleted, and expressions of interest accepted per internet address per hour.
RECRUITMENT_RETENTION_MONTHS = env_int("RECRUITMENT_RETENTION_MONTHS", 12)
RECRUITMENT_SUBMISSIONS_PER_HOUR = env_int("RECRUITMENT_SUBMISSIONS_PER_HOUR", 5)

# Expenses: where the involvement-payments page sends members for advice on how
# payments for their time can affect welfare benefits.
BENEFITS_ADVICE_URL = env_str("BENEFITS_ADVICE_URL", "https://www.citizensadvice.org.uk/benefits/")
# Claims for an activity longer ago than this are refused unless staff accept them, with a reason.
EXPENSES_CLAIM_DEADLINE_MONTHS = env_int("EXPENSES_CLAIM_DEADLINE_MONTHS", 3)

# Retention schedule (README, "Retention"): years to keep finished expense claims
# (HMRC asks for six), and days to keep the record of which e-mails were sent.
EXPENSE_RETENTION_YEARS = env_int("EXPENSE_RETENTION_YEARS", 6)
NOTIFICATION_RETENTION_DAYS = env_int("NOTIFICATION_RETENTION_DAYS", 730)
# Days a generated PDF (pack, minutes, report) is kept; one still wanted is built again.
GENERATED_DOCUMENT_RETENTION_DAYS = env_int("GENERATED_DOCUMENT_RETENTION_DAYS", 30)
