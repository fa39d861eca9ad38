"""Admin pages for the reference data the stories are filed under (themes, areas,
barriers, campaigns). The public pages show them: a save or delete drops the cached pages
(stories.caching.reference_data_changed, connected for every way they change)."""

from django.contrib import admin

from stories.models import Barrier, Campaign, LocalArea, PolicyTheme


@admin.register(PolicyTheme)
class PolicyThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]
    ordering = ["position", "name"]


@admin.register(LocalArea)
class LocalAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "nation", "ons_code", "parent", "is_active"]
    list_filter = ["kind", "nation", "region", "is_active"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "ons_code", "region"]
    autocomplete_fields = ["parent"]
    ordering = ["name"]
    show_full_result_count = False


@admin.register(Barrier)
class BarrierAdmin(admin.ModelAdmin):
    list_display = ["name", "lens"]
    list_filter = ["lens"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]
    ordering = ["lens", "name"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "hashtag", "starts_on", "ends_on"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "hashtag"]
    ordering = ["-starts_on"]
    date_hierarchy = "starts_on"
