"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from infostory.config import run_or_explain

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infostory.settings")

application = run_or_explain(get_asgi_application)
