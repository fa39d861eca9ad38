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
    # Django's admin, on a site that asks for the second factor (infostory/signin.py).
    "infostory.admin_apps.PortalAdminConfig",
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
    "changes",
    "axes",
    # Two-factor sign-in: django-two-factor-auth's pages over django-otp's devices (an
    # authenticator app, and backup codes).
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    # The email outbox: every email is stored (post_office.Email) before it is sent.
    "post_office",
    "alerts",
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
    # request.user.is_verified(): whether this session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
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
# The form's text limits add up to about 41,000 characters. A megabyte of text pasted into
# one box is up to three times that once the browser encodes it (accents, punctuation and
# line breaks take 3 to 6 bytes each), so 4 MiB still reads it and gives the form's own
# message with the text kept; anything bigger gets the "too long to receive" page (413)
# instead of filling the server's memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024

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
# Staff and engagement managers read people's own words: with debug off they sign in
# with a password and a code from an authenticator app (or a backup code). Until then
# they see what the public sees (stories/permissions.py) and the admin sends them to sign
# in again. make run (debug on) leaves it off unless INFOSTORY_REQUIRE_2FA=true.
INFOSTORY_REQUIRE_2FA = env_bool("INFOSTORY_REQUIRE_2FA", default=not DEBUG)
# The name an authenticator app shows beside the codes.
OTP_TOTP_ISSUER = "InfoStory"
# The admin's own sign-in page is decided by infostory.signin.PortalAdminSite, not patched.
TWO_FACTOR_PATCH_ADMIN = False
# A sign-in must finish its second step within this many seconds.
TWO_FACTOR_LOGIN_TIMEOUT = 600
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

# --- the email outbox (stories/outbox.py): stored first, sent by `manage.py send_due` ---
# Send each email right after its commit as well (development: no second process).
# Either way it is stored first, and send_due retries whatever did not go.
INFOSTORY_EMAIL_SEND_AT_ONCE = env_bool("INFOSTORY_EMAIL_SEND_AT_ONCE", default=DEBUG)
# Tries before an email is marked failed (managers see it in the admin and can retry),
# and the first wait between tries in minutes, doubled after each failure.
INFOSTORY_EMAIL_MAX_ATTEMPTS = env_int("INFOSTORY_EMAIL_MAX_ATTEMPTS", 8)
INFOSTORY_EMAIL_RETRY_MINUTES = env_int("INFOSTORY_EMAIL_RETRY_MINUTES", 2)
# Days a sent email is kept in the outbox (what went, for managers), then deleted.
INFOSTORY_EMAIL_KEEP_DAYS = env_int("INFOSTORY_EMAIL_KEEP_DAYS", 30)
POST_OFFICE = {"LOG_LEVEL": 1, "MAX_RETRIES": 0}
# Weeks after a story is accepted or published that its teller is asked what changed.
INFOSTORY_FOLLOW_UP_WEEKS = env_int("INFOSTORY_FOLLOW_UP_WEEKS", 8)
# Alerts (app alerts): sign-ups and changes per address; messages to one storyteller.
INFOSTORY_ALERTS_RATE = env_rate("INFOSTORY_ALERTS_RATE", "10/hour")
INFOSTORY_MESSAGE_RATE = env_rate("INFOSTORY_MESSAGE_RATE", "5/day")

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
