from django.apps import AppConfig


class ChangesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "changes"
    verbose_name = "Change tracker"

    def ready(self):
        from casestudies import views as case_study_views
        from changes import demo, emails, news, opendata, reading, services
        from infostory import news as public_news
        from stories import demo as stories_demo
        from stories import exports, outbox, tracking
        from stories.models import Story
        from stories.signals import story_evidence_changed
        from stories.views import browse, insights

        exports.OPEN_DATA_SECTIONS["changes"] = opendata.change_records
        browse.STORY_PAGE_PANELS["changes"] = reading.story_page_panel
        tracking.STORYTELLER_PAGE_PANELS["changes"] = reading.track_page_panel
        case_study_views.CASE_STUDY_PAGE_PANELS["changes"] = reading.case_study_page_panel
        insights.MORE_SECTIONS["changes"] = reading.insights_section
        stories_demo.register("changes", demo.seed_changes)  # after the case studies
        public_news.PROVIDERS[news.KIND] = news.became_public  # the alerts' digests
        outbox.CONTACT_TEMPLATES.add(emails.TEMPLATE)
        story_evidence_changed.connect(
            services.story_evidence_changed, sender=Story, dispatch_uid="changes.evidence"
        )
