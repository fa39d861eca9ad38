#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infostory.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from infostory.config import run_or_explain

    def run():
        # Read the settings first: Django's own command runner swallows a configuration
        # error for most commands and fails later with an unrelated traceback.
        settings.INSTALLED_APPS  # noqa: B018
        execute_from_command_line(sys.argv)

    run_or_explain(run)


if __name__ == "__main__":
    main()
