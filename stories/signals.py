"""Signals other apps listen to, so the stories app never needs to know about them."""

from django.dispatch import Signal

# Sent (sender=Story, story=..., actor=..., reason=...) inside the transaction that takes
# a published story off the public site: withdrawn, or consent to publish withdrawn
# (which withdraws it). Erasure deletes the story; listeners use pre_delete for that.
story_left_public_site = Signal()
