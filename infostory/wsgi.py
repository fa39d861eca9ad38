"""WSGI entry point (gunicorn infostory.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from infostory.config import run_or_explain

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infostory.settings")

application = run_or_explain(get_wsgi_application)
