"""A ModelAdmin's own page (a step's confirmation, a picker, a start page), in the admin's
frame: what the admin's templates expect of every page (the site's context, the title,
the model's options), rendered for this admin site."""

from django.template.response import TemplateResponse


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
