"""Safeguarding signals: words that suggest someone may be at risk of harm now.

A story is told to show where information sharing made, or could have made, a
difference, and many such stories are about safeguarding in the past tense ("the
safeguarding team", "a child protection plan"). Those words alone are not signals. The
signals below are words that suggest a person may be at risk of harm: self-harm or
suicide, abuse or neglect, exploitation, violence or threats, and being unsafe at home.

A signal only *suggests* a concern: on submission a story whose words match one is
flagged (Story.safeguarding_concern), the safeguarding contact is told at once (the
reference and the admin link, never the words), and the story heads the queue. An
engagement manager reads it and records how the concern was handled, or clears a
suggestion that was wrong; both are logged. Every signal is matched on whole words,
case-insensitively, and tested in tests/test_safeguarding.py.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Signal:
    name: str
    label: str
    pattern: re.Pattern


def _words(*phrases):
    """One pattern matching any of the phrases as whole words, any case, any spacing."""
    alternatives = "|".join(r"\s+".join(phrase.split()) for phrase in phrases)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


SIGNALS = (
    Signal(
        "self_harm",
        "self-harm or suicide",
        _words(
            r"suicid(?:e|al)",
            r"self[- ]?harm(?:ing|ed)?",
            r"kill (?:myself|himself|herself|themselves)",
            r"end (?:my|his|her|their) (?:own )?life",
            r"take (?:my|his|her|their) (?:own )?life",
            r"overdosed?",
            r"cutting (?:myself|himself|herself|themselves)",
        ),
    ),
    Signal(
        "abuse",
        "abuse or neglect",
        _words(
            r"abused",
            r"abusing",
            r"sexual(?:ly)? abuse",
            r"physical(?:ly)? abuse",
            r"domestic abuse",
            r"domestic violence",
            r"neglected",
            r"being neglected",
            r"coercive control",
            r"controlling behaviour",
        ),
    ),
    Signal(
        "exploitation",
        "exploitation",
        _words(
            r"groom(?:ed|ing)",
            r"exploited",
            r"exploitation",
            r"county lines",
            r"traffick(?:ed|ing)",
            r"modern slavery",
            r"forced marriage",
            r"FGM",
            r"female genital mutilation",
            r"radicali[sz](?:ed|ing|ation)",
        ),
    ),
    Signal(
        "violence",
        "violence or threats",
        _words(
            r"threatened to (?:kill|hurt|harm)",
            r"(?:hit|hits|hitting|beat|beats|beating|punched|kicked|strangled) (?:me|him|her|them)",
            r"assaulted",
            r"weapon",
            r"knife",
        ),
    ),
    Signal(
        "unsafe_now",
        "someone unsafe now",
        _words(
            r"(?:not|isn't|is not|don't feel|do not feel|doesn't feel|does not feel) safe",
            r"unsafe",
            r"in danger",
            r"at risk of harm",
            r"scared to go home",
            r"(?:scared|afraid|frightened|terrified) (?:that )?(?:he|she|they)"
            r"(?:'ll| will| would| might| is going to| are going to) (?:hurt|kill|harm|hit|attack)",
            r"afraid to go home",
            r"still happening",
            r"going missing",
            r"went missing",
        ),
    ),
)


def find_signals(*texts):
    """The signals the texts match, in SIGNALS order (each at most once)."""
    text = "\n".join(text for text in texts if text)
    return [signal for signal in SIGNALS if signal.pattern.search(text)]


def story_signals(story):
    """The signals in what the person wrote (title, what happened, the difference, the barriers)."""
    return find_signals(story.title, story.what_happened, story.difference, story.barriers_text)


def describe(signals):
    """'self-harm or suicide, exploitation', for the log and the story page."""
    return ", ".join(signal.label for signal in signals)
