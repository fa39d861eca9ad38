from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "casestudies"
    verbose_name = "Case studies"

    def ready(self):
        from django.db.models.signals import pre_delete

        from casestudies import opendata, pipeline, receivers
        from stories import exports, insights
        from stories.models import Story
        from stories.signals import story_left_public_site

        story_left_public_site.connect(receivers.quoted_story_left, dispatch_uid="casestudies")
        pre_delete.connect(receivers.quoted_story_erased, sender=Story, dispatch_uid="casestudies")
        exports.OPEN_DATA_SECTIONS["case_studies"] = opendata.case_study_records
        for stage in pipeline.STAGES:
            insights.PIPELINE_STAGES[stage.key] = stage
