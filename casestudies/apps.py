from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "casestudies"
    verbose_name = "Case studies"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete

        from casestudies import demo, emails, opendata, pipeline, reading, receivers
        from casestudies.models import CaseStudy, CaseStudyQuote, CaseStudySection
        from stories import demo as stories_demo
        from stories import exports, outbox, tracking
        from stories import pipeline as stories_pipeline
        from stories.models import Story
        from stories.signals import story_left_public_site, story_public_version_changed
        from stories.views import browse

        story_left_public_site.connect(receivers.quoted_story_left, dispatch_uid="casestudies")
        story_public_version_changed.connect(
            receivers.quoted_story_edited, dispatch_uid="casestudies"
        )
        pre_delete.connect(receivers.quoted_story_erased, sender=Story, dispatch_uid="casestudies")
        # Public pages show published case studies and which stories they quote: any
        # change to either, however it is made, drops the cached copies.
        for model in (CaseStudy, CaseStudySection, CaseStudyQuote):
            for signal in (post_save, post_delete):
                signal.connect(
                    receivers.public_case_study_changed,
                    sender=model,
                    dispatch_uid=f"public-{model.__name__}-{signal is post_save}",
                )
        exports.OPEN_DATA_SECTIONS["case_studies"] = opendata.case_study_records
        browse.STORY_PAGE_PANELS["case_studies"] = reading.quoted_in_panel
        tracking.STORYTELLER_PAGE_PANELS["case_studies"] = reading.quoting_your_story_panel
        stories_demo.register("case studies", demo.seed_case_studies)
        outbox.CONTACT_TEMPLATES.add(emails.TEMPLATE)
        for stage in pipeline.STAGES:
            stories_pipeline.register(stage)
