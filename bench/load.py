"""Load bench stories into a benchmark database: `.venv/bin/python bench/load.py N [--reset]`.

The database is the one DATABASE_URL names (bench/run.py loads BENCH_DATABASE_URL itself);
its name must contain "bench" unless --yes-this-is-a-benchmark-database is given. The
loading is bench/loader.py.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Bulk-load N realistic stories for the benchmark (bypasses Story.save: "
        "benchmark databases only)."
    )
    parser.add_argument("count", nargs="?", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2026, help="Random seed (repeatable).")
    parser.add_argument("--reset", action="store_true", help="Delete the bench stories first.")
    parser.add_argument(
        "--yes-this-is-a-benchmark-database",
        action="store_true",
        dest="benchmark_database",
        help='Run although the database name does not contain "bench".',
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infostory.settings")
    import django

    django.setup()
    from bench.loader import BenchLoadError, load_stories

    try:
        load_stories(
            args.count,
            batch_size=args.batch_size,
            seed=args.seed,
            reset=args.reset,
            benchmark_database=args.benchmark_database,
        )
    except BenchLoadError as error:
        sys.exit(str(error))


if __name__ == "__main__":
    main()
