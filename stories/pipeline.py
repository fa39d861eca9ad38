"""The case-study pipeline's stages after "candidate": a registry other apps fill.

The app that owns the later stages fills PIPELINE_STAGES when it is ready (the casestudies
app: quoted in a draft, quoted in a published case study, casestudies/pipeline.py), so the
stories app counts them (stories.story_index, stories.insights) without importing that app
or knowing its statuses. Without it, the pipeline is the candidates alone.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PipelineStage:
    """A stage after "candidate": its name and the ids of the stories at it (a
    values("story_id")-like queryset, used as a subquery)."""

    key: str
    label: str
    story_ids: Callable


# stage key -> PipelineStage, in the order of the pipeline
PIPELINE_STAGES = {}


def register(stage):
    """Add a stage after the ones already there (call it from AppConfig.ready())."""
    PIPELINE_STAGES[stage.key] = stage
