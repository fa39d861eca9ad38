"""The demo: its content is data under demo/ at the project's root, read by seed_demo.

seed_demo makes the demo accounts, then the demo stories (demo/stories.toml), then each
demo registered here, in the order registered. Apps that build on the stories app add
their own demo at ready() with `register("case studies", seed)`, and keep its content in
their own file under demo/, read with `read_demo("case_studies")`: the stories app never
imports them, and a demo whose app is not installed is simply not made.

A seed takes the demo engagement manager (None when seed_demo makes no accounts), makes
what is missing and returns how many it added: running seed_demo again adds nothing.
"""

import tomllib

from django.conf import settings

DEMO_DIR = settings.BASE_DIR / "demo"

# label -> seed(actor) -> how many added; filled at ready() by the apps that have a demo
DEMO_SEEDS = {}


def register(label, seed):
    """Add an app's demo to seed_demo (call it from AppConfig.ready())."""
    DEMO_SEEDS[label] = seed


def read_demo(name):
    """The demo data file demo/<name>.toml, as a dict."""
    with open(DEMO_DIR / f"{name}.toml", "rb") as file:
        return tomllib.load(file)
