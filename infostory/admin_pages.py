"""A ModelAdmin's own pages (a step's confirmation, a picker, a start page): their URLs,
behind the admin's sign-in and named as the admin names its own, and the page in the
admin's frame (the site's context, the title, the model's options) for this admin site."""

from django.template.response import TemplateResponse
from django.urls import path


def admin_urls(model_admin, pages):
    """[(route, view, name)] -> URL patterns behind admin_view, each named
    <app_label>_<model_name>_<name> (reversed as "admin:..."), to go before get_urls()."""
    opts = model_admin.model._meta
    return [
        path(
            route,
            model_admin.admin_site.admin_view(view),
            name=f"{opts.app_label}_{opts.model_name}_{name}",
        )
        for route, view, name in pages
    ]


def admin_page(model_admin, request, template, title, **context):
    """The page for model_admin; context adds to what every admin page has."""
    request.current_app = model_admin.admin_site.name
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        **context,
    }
    return TemplateResponse(request, template, context)
