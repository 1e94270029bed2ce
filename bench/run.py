"""Run every benchmark in bench/ (files named bench_*.py, each with a `main()`), in order.

python -m bench.run              # all
python -m bench.run lists match  # only those whose name contains one of the words
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

from bench.report import SHARED


def main(argv: list[str]) -> int:
    if not SHARED.exists():
        print(f"benchmarks need {SHARED} (the shared data folder beside the project)")
        return 1
    names = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    if argv:
        names = [n for n in names if any(word in n for word in argv)]
    for name in names:
        print(f"== {name}")
        started = time.perf_counter()
        importlib.import_module(f"bench.{name}").main()
        print(f"== {name} done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
