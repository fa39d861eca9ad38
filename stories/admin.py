from django.contrib import admin

from stories.models import Barrier, Campaign, LocalArea, PolicyTheme, Story, StoryEvent


@admin.register(PolicyTheme)
class PolicyThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(LocalArea)
class LocalAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "ons_code", "parent", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "ons_code"]
    autocomplete_fields = ["parent"]


@admin.register(Barrier)
class BarrierAdmin(admin.ModelAdmin):
    list_display = ["name", "lens"]
    list_filter = ["lens"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "hashtag", "starts_on", "ends_on"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "hashtag"]


class StoryEventInline(admin.TabularInline):
    model = StoryEvent
    fields = ["created_at", "actor", "action", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "status", "local_area", "submitted_at"]
    list_filter = ["status", "is_suspected_spam", "outcome"]
    list_select_related = ["local_area"]
    search_fields = ["reference", "title"]
    readonly_fields = [*Story.SUBMITTED_FIELDS[:-1], "campaign", "status", "published_at"]
    inlines = [StoryEventInline]
    date_hierarchy = "submitted_at"

    def has_add_permission(self, request):
        return False
