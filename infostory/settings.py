"""Settings for the InfoStory portal: one file, read from the environment, top to bottom.

README.md has the table of every environment variable; infostory/config.py reads them
and stops start-up with one sentence naming a variable that is wrong. Test-only
differences live in infostory/settings_test.py.

Sections: the site and its secret; applications and middleware; pages and templates;
the database; the network (proxies, HTTPS, security headers); signing in; language,
time and static files; email; the cache; the campaign's own settings; logging.
"""

from datetime import timedelta
from pathlib import Path

from infostory.config import (
    ConfigurationError,
    cache_from_url,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_rate,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# --- the site and its secret ---

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigurationError(
            "DJANGO_SECRET_KEY is not set; set it to a long random value "
            "(or set DJANGO_DEBUG=true on a development machine)."
        )
    SECRET_KEY = "development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# --- applications and middleware ---

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "taggit",
    "infostory",
    "stories",
    "casestudies",
    "axes",
]

MIDDLEWARE = [
    # Content-Security-Policy and Permissions-Policy (infostory/middleware.py) outermost,
    # so every response carries them.
    "infostory.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The database fault page comes from the innermost layer.
    "infostory.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # django-axes asks to be last
]

# --- pages and templates ---

ROOT_URLCONF = "infostory.urls"
WSGI_APPLICATION = "infostory.wsgi.application"
CSRF_FAILURE_VIEW = "infostory.errors.csrf_failure"

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
                "stories.context_processors.portal",
            ],
        },
    },
]
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- the database ---

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- the network: proxies, HTTPS and security headers ---

# Behind a TLS-terminating proxy in production; each can be turned off for local use.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
# Behind a TLS-terminating proxy: trust its X-Forwarded-Proto.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# One notion of the client's address for the sign-in lockout and the throttles
# (infostory/network.py): REMOTE_ADDR, or behind INFOSTORY_PROXY_COUNT trusted reverse
# proxies that append to X-Forwarded-For, the address the outermost of them saw.
INFOSTORY_PROXY_COUNT = env_int("INFOSTORY_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
if INFOSTORY_PROXY_COUNT < 0:
    raise ConfigurationError(
        f"INFOSTORY_PROXY_COUNT must be 0 or more (trusted proxies), not {INFOSTORY_PROXY_COUNT}."
    )
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# The form's text limits add up to about 17,000 characters; 1 MiB leaves room for any
# script's bytes, so a long paste gets the form's own "shorten it" message, and anything
# bigger gets a 400 page instead of filling the server's memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# --- signing in ---

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# Sign-in lockout on /admin/login/ and /accounts/login/ (django-axes, attempts in the
# database): after AXES_FAILURE_LIMIT failures for one username from one address,
# that pair waits AXES_COOLOFF_MINUTES. A successful sign-in clears the count.
AUTHENTICATION_BACKENDS = [
    "infostory.auth_backends.WebSignInLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "infostory.errors.signin_locked_out"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "infostory.network.client_address"

# --- language, time and static files ---

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- email: the console in development, SMTP from the environment in production ---

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "InfoStory <infostory@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where new-story notices go when no engagement manager has an email address.
INFOSTORY_MODERATORS_EMAIL = env_list("INFOSTORY_MODERATORS_EMAIL")
# The address the site is reached at, for links in emails (no trailing slash).
INFOSTORY_SITE_URL = env_str("INFOSTORY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where people write about their story or their data: shown in the privacy notice, the
# thanks page and the footer, and the Reply-To of every email. Empty hides those lines.
INFOSTORY_CONTACT_EMAIL = env_str("INFOSTORY_CONTACT_EMAIL", "infostory@localhost" if DEBUG else "")

# --- the cache ---

# Redis when REDIS_URL is set (shared by every worker, used by the throttles), otherwise
# memory in each process. Sessions then read through the cache.
REDIS_URL = env_str("REDIS_URL")
CACHES = {"default": cache_from_url(REDIS_URL)}
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Whole public pages for readers who are not signed in (stories/caching.py), dropped as
# soon as a story is published or withdrawn. With the per-process memory cache (no
# REDIS_URL) other worker processes see a change only when their copy expires, so the
# time is short there.
INFOSTORY_PUBLIC_CACHE_SECONDS = env_int("INFOSTORY_PUBLIC_CACHE_SECONDS", 300 if REDIS_URL else 30)
# The insights story index (and each set of filters' figures); the page says when it was read.
INFOSTORY_INSIGHTS_CACHE_SECONDS = env_int("INFOSTORY_INSIGHTS_CACHE_SECONDS", 120)

# --- the campaign's own settings: sharing a story, searching, the storyteller's page ---

# A story sent sooner than this after the form was opened is stored as suspected spam.
INFOSTORY_MIN_FILL_SECONDS = env_int("INFOSTORY_MIN_FILL_SECONDS", 3)
# Stories stored from one address (every POST counts against 5x it); empty turns it off.
INFOSTORY_SUBMIT_RATE = env_rate("INFOSTORY_SUBMIT_RATE", "10/hour")
# Searches (GETs with words in ?q=) on the browse pages and the open data, per address.
INFOSTORY_SEARCH_RATE = env_rate("INFOSTORY_SEARCH_RATE", "60/minute")
# The open data (/stories/open-data.json), every request, per address; and where its
# copies (one per public version) are written ("": the system's temporary directory).
INFOSTORY_OPEN_DATA_RATE = env_rate("INFOSTORY_OPEN_DATA_RATE", "60/hour")
INFOSTORY_OPEN_DATA_DIR = env_str("INFOSTORY_OPEN_DATA_DIR", "")
# The storyteller's own page: how long the private link in an email works (days), and
# how often one address may ask for a new link (reference and email) or act on the page.
INFOSTORY_TRACK_LINK_DAYS = env_int("INFOSTORY_TRACK_LINK_DAYS", 90)
if INFOSTORY_TRACK_LINK_DAYS < 1:
    raise ConfigurationError(
        f"INFOSTORY_TRACK_LINK_DAYS must be 1 or more (days), not {INFOSTORY_TRACK_LINK_DAYS}."
    )
INFOSTORY_TRACK_RATE = env_rate("INFOSTORY_TRACK_RATE", "10/hour")

# --- safe publishing: safeguarding and the moderation queue's promise ---
# Who is told at once (reference and admin link, never the story's words) when a story
# raises a safeguarding concern; comma-separated. Empty: the engagement managers.
INFOSTORY_SAFEGUARDING_EMAIL = env_list("INFOSTORY_SAFEGUARDING_EMAIL")
# The thanks page promises a reply within this many working days (England and Wales);
# the admin queue marks open stories waiting longer as overdue.
INFOSTORY_REPLY_WORKING_DAYS = env_int("INFOSTORY_REPLY_WORKING_DAYS", 10)
if INFOSTORY_REPLY_WORKING_DAYS < 1:
    raise ConfigurationError(
        "INFOSTORY_REPLY_WORKING_DAYS must be 1 or more (working days), "
        f"not {INFOSTORY_REPLY_WORKING_DAYS}."
    )

# --- logging ---

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
