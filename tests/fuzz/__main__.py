"""The whole fuzz corpus through the real import: ``.venv/bin/python -m tests.fuzz --all``.

Prints counts per family and outcome, the slowest cases and every failure; exits 1 on any
traceback, guarded exception, changed table or case over 10 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from dih_data import store

from . import corpus, probe


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=".venv/bin/python -m tests.fuzz", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--all", action="store_true", help="every case (the default is CI's sample)")
    group.add_argument("--every", type=int, help="every N-th case")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--verbose", action="store_true", help="one line per case")
    args = parser.parse_args(argv)
    if args.all:
        cases = list(corpus.generate(args.seed))
    elif args.every:
        cases = [case for i, case in enumerate(corpus.generate(args.seed)) if i % args.every == 0]
    else:
        cases = corpus.sample(seed=args.seed)
    with tempfile.TemporaryDirectory(prefix="dih-fuzz-") as folder:
        engine = store.make_engine(f"sqlite:///{Path(folder) / 'fuzz.sqlite'}")
        store.init_db(engine)
        started = time.perf_counter()
        summary = probe.run(cases, engine, report=(lambda o: print(f"{o.outcome:10} {o.seconds:6.2f}s "
                                                                       f"{o.case.name}  {o.detail}"))
                            if args.verbose else None)
        elapsed = time.perf_counter() - started
        engine.dispose()
    by_family = Counter((o.case.family, o.outcome) for o in summary.outcomes)
    print(f"{len(cases)} cases over {len({c.kind for c in cases})} kinds in {elapsed:.1f} s")
    for family in sorted({o.case.family for o in summary.outcomes}):
        cells = ", ".join(f"{outcome} {n}" for (f, outcome), n in sorted(by_family.items()) if f == family)
        print(f"  {family:14} {cells}")
    counts = summary.counts()
    print("outcomes:", ", ".join(f"{name} {counts.get(name, 0)}" for name in ("accepted", "rejected", *probe.FAILURES)))
    print("slowest:", ", ".join(f"{o.case.name} {o.seconds:.2f}s"
                                for o in sorted(summary.outcomes, key=lambda o: -o.seconds)[:5]))
    for failure in summary.failures():
        print(f"FAIL {failure.outcome}: {failure.case.name}: {failure.detail}")
    return 1 if summary.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
