"""Admin pages for the reference data the stories are filed under (themes, areas,
barriers, campaigns). The public pages show them: a save or delete drops the cached pages
(stories.caching.reference_data_changed, connected for every way they change)."""

from django.contrib import admin

from stories.models import Barrier, Campaign, LocalArea, PolicyTheme


class ReferenceAdmin(admin.ModelAdmin):
    """Reference data is named by people and addressed by a slug made from the name; each
    list is in its model's own order (Meta.ordering) unless its admin says otherwise."""

    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]


@admin.register(PolicyTheme)
class PolicyThemeAdmin(ReferenceAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]


@admin.register(LocalArea)
class LocalAreaAdmin(ReferenceAdmin):
    list_display = ["name", "kind", "region", "nation", "ons_code", "parent", "is_active"]
    list_filter = ["kind", "nation", "region", "is_active"]
    list_select_related = ["parent"]
    search_fields = ["name", "ons_code", "region"]
    autocomplete_fields = ["parent"]
    show_full_result_count = False


@admin.register(Barrier)
class BarrierAdmin(ReferenceAdmin):
    list_display = ["name", "lens"]
    list_filter = ["lens"]
    ordering = ["lens", "name"]


@admin.register(Campaign)
class CampaignAdmin(ReferenceAdmin):
    list_display = ["name", "hashtag", "starts_on", "ends_on"]
    search_fields = ["name", "hashtag"]
    date_hierarchy = "starts_on"
