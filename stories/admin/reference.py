"""Admin pages for the reference data the stories are filed under (themes, areas,
barriers, campaigns). The public pages show them, so a change drops the cached pages."""

from django.contrib import admin

from stories.caching import public_stories_changed
from stories.models import Barrier, Campaign, LocalArea, PolicyTheme


class ChangesPublicPagesAdmin(admin.ModelAdmin):
    """Reference data the public pages show: a change drops the cached public pages."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        public_stories_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_stories_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_stories_changed()


@admin.register(PolicyTheme)
class PolicyThemeAdmin(ChangesPublicPagesAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]
    ordering = ["position", "name"]


@admin.register(LocalArea)
class LocalAreaAdmin(ChangesPublicPagesAdmin):
    list_display = ["name", "kind", "region", "ons_code", "parent", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "ons_code", "region"]
    autocomplete_fields = ["parent"]
    ordering = ["name"]
    show_full_result_count = False


@admin.register(Barrier)
class BarrierAdmin(ChangesPublicPagesAdmin):
    list_display = ["name", "lens"]
    list_filter = ["lens"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]
    ordering = ["lens", "name"]


@admin.register(Campaign)
class CampaignAdmin(ChangesPublicPagesAdmin):
    list_display = ["name", "hashtag", "starts_on", "ends_on"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "hashtag"]
    ordering = ["-starts_on"]
    date_hierarchy = "starts_on"
