"""Production's static files: collectstatic with the manifest storage production uses.

A vendored file that names a file not shipped beside it (a source map, a font) makes
collectstatic fail on deploy, while every test served from the finders still passes.
"""

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings


def test_every_static_file_collects_with_the_production_storage(tmp_path):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/accessible-autocomplete/accessible-autocomplete.min.js" in manifest
    assert "vendor/bootstrap/bootstrap.min.css" in manifest
