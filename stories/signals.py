"""Signals other apps listen to, so the stories app never needs to know about them."""

from django.dispatch import Signal

# Sent (sender=Story, story=..., actor=..., reason=...) inside the transaction that takes
# a published story off the public site: withdrawn, or consent to publish withdrawn
# (which withdraws it). Erasure deletes the story; listeners use pre_delete for that.
story_left_public_site = Signal()

# Sent (sender=Story, story=..., previous={field: text}) when a published story's public
# version is saved changed (Story.save), inside that save: what others show of its words
# (a case study's quotes) may no longer match them.
story_public_version_changed = Signal()

# Sent (sender=Story, story=...) inside the transaction of a move into or out of
# Story.EVIDENCE_STATUSES (accepted or published): pages that count a story held as
# evidence (the change tracker's "N more stories are held as evidence") count it no more,
# or again.
story_evidence_changed = Signal()
