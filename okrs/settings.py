"""Django settings for okrs, read from the environment (see docs/configuration.md)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from okrs.domain.limits import FILE_BYTES
from okrs.env import env_bool, env_int, env_list, env_path, env_str
from okrs.outbound.addresses import parse_allowance

BASE_DIR = Path(__file__).resolve().parent

OKRS_ENV = env_str("OKRS_ENV", "development")
PRODUCTION = OKRS_ENV == "production"
DATA_DIR = env_path("OKRS_DATA_DIR", "./data")

DEV_SECRET_KEY = "okrs-development-key-not-for-production"
SECRET_KEY = env_str("OKRS_SECRET_KEY", DEV_SECRET_KEY)
if PRODUCTION and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("OKRS_SECRET_KEY must be set when OKRS_ENV=production.")

DEBUG = env_bool("OKRS_DEBUG", default=False)
ALLOWED_HOSTS = env_list("OKRS_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "csp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "okrs.organizations",
    "okrs.cycles",
    "okrs.objectives",
    "okrs.kpis",
    "okrs.web",
    "okrs.demo",
    "okrs.exchange",
    "okrs.api",
    "okrs.webhooks",
    "okrs.cadence",
    "okrs.planning",
    "okrs.reminders",
    "okrs.evaluation",
    "okrs.health",
    "okrs.administration",
    "okrs.worker",
    "okrs.chat",
    "okrs.sources",
]

# Background jobs run through django-tasks on its database backend: no server besides the database
# (docs/architecture.md, "One worker on a task library").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "okrs.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "okrs.organizations.middleware.OrganizationMiddleware",
    "okrs.organizations.middleware.FirstRunMiddleware",
    "okrs.organizations.sessions.SlidingSessionMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "okrs.urls"
WSGI_APPLICATION = "okrs.wsgi.application"

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
                "okrs.organizations.context_processors.organization",
            ],
        },
    },
]


def _database() -> dict:
    """Return the database settings: PostgreSQL from DATABASE_URL, else embedded SQLite."""
    url = env_str("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("OKRS_DB_CONN_MAX_AGE", 60))
        config["CONN_HEALTH_CHECKS"] = True
        return config
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "okrs.sqlite3",
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
        "TEST": {"NAME": None},
    }


def _replica() -> dict | None:
    """Return the optional read replica used by dashboards and the tree (PostgreSQL only)."""
    url = env_str("OKRS_REPLICA_DATABASE_URL")
    if not url:
        return None
    if not env_str("DATABASE_URL"):
        raise ImproperlyConfigured("OKRS_REPLICA_DATABASE_URL needs DATABASE_URL (PostgreSQL).")
    config = dj_database_url.parse(url, conn_max_age=env_int("OKRS_DB_CONN_MAX_AGE", 60))
    config["CONN_HEALTH_CHECKS"] = True
    config["TEST"] = {"MIRROR": "default"}
    return config


DATABASES = {"default": _database()}
REPLICA = _replica()
if REPLICA is not None:
    DATABASES["replica"] = REPLICA
DATABASE_ROUTERS = ["okrs.routers.ReplicaRouter"]


def _caches() -> dict:
    """Return the cache: per process by default, shared in the database or Redis when asked."""
    url = env_str("OKRS_CACHE_URL")
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url == "database":
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "okrs_cache"}
    if url:
        raise ImproperlyConfigured("OKRS_CACHE_URL must be empty, 'database' or a redis:// URL.")
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


CACHES = {"default": _caches()}
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHES["default"]["BACKEND"].endswith("RedisCache")
    else "django.contrib.sessions.backends.db"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organizations.Person"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env_int("OKRS_SESSION_AGE", 14 * 24 * 3600)

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("OKRS_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env_path("OKRS_STATIC_ROOT", str(DATA_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
EMAIL_BACKEND = env_str("OKRS_EMAIL_BACKEND", "smtp" if env_str("OKRS_SMTP_HOST") else "console")
if EMAIL_BACKEND not in EMAIL_BACKENDS and "." not in EMAIL_BACKEND:
    raise ImproperlyConfigured(
        f"OKRS_EMAIL_BACKEND={EMAIL_BACKEND!r}: use console, file, smtp or a backend's dotted path."
    )
EMAIL_BACKEND = EMAIL_BACKENDS.get(EMAIL_BACKEND, EMAIL_BACKEND)
EMAIL_FILE_PATH = env_path("OKRS_EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
EMAIL_HOST = env_str("OKRS_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("OKRS_SMTP_PORT", 587)
EMAIL_HOST_USER = env_str("OKRS_SMTP_USER")
EMAIL_HOST_PASSWORD = env_str("OKRS_SMTP_PASSWORD")
EMAIL_USE_SSL = env_bool("OKRS_SMTP_SSL", default=False)
EMAIL_USE_TLS = env_bool("OKRS_SMTP_TLS", default=not EMAIL_USE_SSL)
if EMAIL_USE_SSL and EMAIL_USE_TLS:
    raise ImproperlyConfigured("OKRS_SMTP_SSL and OKRS_SMTP_TLS exclude each other: set one.")
EMAIL_TIMEOUT = env_int("OKRS_SMTP_TIMEOUT", 10)
BASE_URL = env_str("OKRS_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env_str("OKRS_FROM_EMAIL", "okrs@localhost")
# The largest OKRs-as-code file `okrs import` and `okrs lint` read (1 GiB; a 2,000-team export is
# about 310 MB): files are read a piece at a time, within the limits of okrs/domain/limits.py.
MAX_IMPORT_BYTES = env_int("OKRS_MAX_IMPORT_BYTES", FILE_BYTES)
# The largest request body, held whole (an API import or lint among them): 413 above it.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("OKRS_MAX_REQUEST_BYTES", 5 * 1024 * 1024)

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("OKRS_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("OKRS_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("OKRS_LOG_LEVEL", "WARNING")},
    # `okrs worker` starts django-tasks' worker every second: its start lines are noise.
    "loggers": {"django_tasks_db": {"level": "WARNING"}},
}

# Sign-in protection, content security policy and single sign-on: docs/security.md.
AUTHENTICATION_BACKENDS = [
    "okrs.organizations.backends.LockoutBackend",
    "okrs.organizations.backends.PersonBackend",
]
AXES_FAILURE_LIMIT = env_int("OKRS_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("OKRS_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "okrs.organizations.backends.attempted_email"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "okrs.organizations.views.locked_out"
SESSION_RENEW_SECONDS = min(3600, SESSION_COOKIE_AGE // 10)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Progress bars and charts set their widths in style attributes; no style elements.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

OIDC_RP_CLIENT_ID = env_str("OKRS_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OKRS_OIDC_CLIENT_SECRET")
OIDC_ISSUER = env_str("OKRS_OIDC_ISSUER").rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OKRS_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OKRS_OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OKRS_OIDC_USERINFO_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OKRS_OIDC_JWKS_URI")
OIDC_RP_SIGN_ALGO = env_str("OKRS_OIDC_SIGN_ALGO", "RS256")
OIDC_CREATE_PEOPLE = env_str("OKRS_OIDC_CREATE_PEOPLE")
OIDC_ENABLED = bool(
    OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET and (OIDC_ISSUER or OIDC_OP_AUTHORIZATION_ENDPOINT)
)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso-callback"
OIDC_TIMEOUT = 10
OIDC_USE_PKCE = True
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("okrs.administration.sso.InvitedSignOnBackend")

# Provisioning by SCIM 2.0 at /scim/v2/ (docs/administration.md): django-scim2, scoped to the
# organisation of the SCIM token that authenticates each request.
SCIM_SERVICE_PROVIDER = {
    "USER_ADAPTER": "okrs.administration.scim.users.ScimPerson",
    "GROUP_ADAPTER": "okrs.administration.scim.groups.ScimTeam",
    "GROUP_MODEL": "okrs.organizations.models.Team",
    "AUTH_CHECK_MIDDLEWARE": "okrs.administration.scim.service.ScimTokenCheck",
    "SERVICE_PROVIDER_CONFIG_MODEL": "okrs.administration.scim.service.ServiceProviderConfig",
    "BASE_LOCATION_GETTER": "okrs.administration.scim.service.base_location",
    "SCHEMAS_GETTER": "okrs.administration.scim.service.schemas",
    "NETLOC": BASE_URL.split("://", 1)[-1],
    "AUTHENTICATION_SCHEMES": [
        {
            "type": "oauthbearertoken",
            "name": "SCIM token",
            "description": "A SCIM token an admin makes under Administration, SCIM.",
            "primary": True,
        }
    ],
}

# Outbound requests (webhooks, chat reminders) never reach the server's own network, except the
# addresses, ranges (10.0.0.0/8) and host names (hooks.internal.example, *.internal.example) here.
OUTBOUND_ALLOW = env_list("OKRS_OUTBOUND_ALLOW", [])
try:
    parse_allowance(OUTBOUND_ALLOW)
except ValueError as error:
    raise ImproperlyConfigured(f"OKRS_OUTBOUND_ALLOW: {error}") from None

# The Slack Web API that chat.postMessage, views.open and users.info go to (tests: a local server).
OKRS_SLACK_API_URL = env_str("OKRS_SLACK_API_URL", "https://slack.com/api").rstrip("/")
# Key result sources: the databases an SQL source may read (name=URL, comma separated) and the
# key that encrypts their stored authentication headers (derived from SECRET_KEY when unset).
SOURCE_DATABASES = env_str("OKRS_SOURCE_DATABASES", "")
SOURCE_KEY = env_str("OKRS_SOURCE_KEY", "")
