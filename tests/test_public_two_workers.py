""" "At once" is literal without Redis: two gunicorn instances of two workers each, every
worker with its own memory cache, and a change committed by another process.

Each worker first serves (and caches) a published story and the list; then this test's
process withdraws the story, or edits its public version, and commits. From then on no
worker may answer with the old words: the public version is read from the database
once per request (infostory.public), so every worker's cache keys change at the commit.
PostgreSQL only (SQLite cannot be shared by two servers).
"""

import os
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from stories.models import Story
from tests.factories import EngagementManagerFactory, PublishedStoryFactory
from tests.test_load_two_instances import (
    ROOT,
    NoRedirect,
    database_url,
    free_port,
    request,
    wait_until_healthy,
)

pytestmark = [pytest.mark.load, pytest.mark.django_db(transaction=True)]

# Enough requests that each of the four workers answers many of them.
REQUESTS = 200


@pytest.fixture
def two_instances_without_redis(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("two gunicorn instances need a shared server database (PostgreSQL)")
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "infostory.settings_test",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "two-worker-public-version-test-key-shared-by-both-0123456789",
        "DJANGO_LOG_LEVEL": "WARNING",
        # Long enough that only a new version can drop a cached page during the test.
        "INFOSTORY_PUBLIC_CACHE_SECONDS": "600",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "4",
    }
    environment.pop("REDIS_URL", None)  # each worker's own memory cache
    processes, bases = [], []
    try:
        for index in range(2):
            port = free_port()
            log = open(tmp_path / f"gunicorn-{index}.log", "w")  # noqa: SIM115
            command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
            command += ["--bind", f"127.0.0.1:{port}", "infostory.wsgi"]
            process = subprocess.Popen(
                command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
            )
            processes.append((process, log))
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            wait_until_healthy(base, tmp_path)
        yield bases
    finally:
        for process, _log in processes:
            process.terminate()
        for process, log in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


def answers(bases, path):
    """(status, body) of REQUESTS anonymous GETs of path, spread over both instances."""
    opener = urllib.request.build_opener(NoRedirect)
    urls = [bases[number % 2] + path for number in range(REQUESTS)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda url: request(opener, url), urls))


def test_no_worker_answers_with_withdrawn_words_after_the_commit(two_instances_without_redis):
    bases = two_instances_without_redis
    story = PublishedStoryFactory(public_title="Words that must leave at once")
    path = story.get_absolute_url()
    # Every worker has the page (and the list) in its own cache.
    assert all(status == 200 for status, _ in answers(bases, path))
    assert all("Words that must leave at once" in body for _, body in answers(bases, "/stories/"))

    story.transition_to(Story.Status.WITHDRAWN, actor=EngagementManagerFactory(), note="Asked")

    after = answers(bases, path)
    assert [status for status, _ in after] == [404] * REQUESTS
    listed = answers(bases, "/stories/")
    assert not [body for _, body in listed if "Words that must leave at once" in body]
    assert all(status == 200 for status, _ in listed)


def test_no_worker_answers_with_the_old_words_after_an_edit_commits(two_instances_without_redis):
    bases = two_instances_without_redis
    story = PublishedStoryFactory(public_title="The title before the edit")
    path = story.get_absolute_url()
    assert all("The title before the edit" in body for _, body in answers(bases, path))

    story.public_title = "The title after the edit"
    story.save()  # another process's save, as the admin's would be

    after = answers(bases, path)
    assert all(status == 200 for status, _ in after)
    assert not [body for _, body in after if "The title before the edit" in body]
    assert all("The title after the edit" in body for _, body in after)
