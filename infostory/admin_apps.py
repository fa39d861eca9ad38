from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, on the site that asks for the second factor (infostory/signin.py)."""

    default_site = "infostory.signin.PortalAdminSite"
