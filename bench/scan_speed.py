"""How long the personal-data finder takes over a 5,000-character story.

`measure()` returns {"chars": 5000, "runs": n, "ms_median": ..., "ms_p95": ...,
"wall_ms_median": ..., "wall_ms_p95": ...}; `ms_*` is the CPU time of the scan (this
process only, so other work on a shared machine does not count), `wall_ms_*` the clock;
`.venv/bin/python bench/scan_speed.py` prints it, and `measure_texts()`: the CPU time
of scanning a few thousand texts of 1 to 30 labelled sentences each (as stories come, most
short, some long), in total and per text. The story is made of the labelled
sentences of tests/data/personal_data_labelled.jsonl, those with personal data and those
without in turn, so every kind of finder has work to do. The first scan (which reads the
list of first names) is left out.
"""

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "personal_data_labelled.jsonl"


def sample_story(chars=5000):
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    personal = [row["text"] for row in rows if row["set"] == "personal"]
    clean = [row["text"] for row in rows if row["set"] == "clean"]
    sentences, index = [], 0
    while sum(len(s) + 1 for s in sentences) < chars:
        sentences.append((personal if index % 2 == 0 else clean)[index // 2 % len(clean)])
        index += 1
    return " ".join(sentences)[:chars]


def measure(runs=200, chars=5000):
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from stories.personal_data import find_personal_data

    story = sample_story(chars)
    find_personal_data(story)
    cpu, wall = [], []
    for _ in range(runs):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        find_personal_data(story)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
    return {
        "chars": len(story),
        "runs": runs,
        "findings": len(find_personal_data(story)),
        "ms_median": _median(cpu),
        "ms_p95": _p95(cpu),
        "wall_ms_median": _median(wall),
        "wall_ms_p95": _p95(wall),
    }


def sample_texts(count=3000):
    """count texts of 1 to 30 labelled sentences, the same ones every run."""
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    sentences = [row["text"] for row in rows]
    texts = []
    for index in range(count):
        length = 1 + (index * 7) % 30
        start = (index * 13) % len(sentences)
        texts.append(" ".join((sentences * 2)[start : start + length]))
    return texts


def measure_texts(count=3000):
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from stories.personal_data import find_personal_data

    texts = sample_texts(count)
    find_personal_data(texts[0])
    started = time.process_time()
    findings = sum(len(find_personal_data(text)) for text in texts)
    cpu = time.process_time() - started
    return {
        "texts": len(texts),
        "chars": sum(len(text) for text in texts),
        "findings": findings,
        "cpu_s": round(cpu, 2),
        "ms_per_text": round(1000 * cpu / len(texts), 3),
    }


def _median(timings):
    return round(statistics.median(timings), 2)


def _p95(timings):
    return round(sorted(timings)[int(0.95 * (len(timings) - 1))], 2)


if __name__ == "__main__":
    print(measure())
    print(measure_texts())
