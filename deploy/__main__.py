"""``.venv/bin/python -m deploy --processes 2 --postgres``: the app's shared deployment here, until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from .cluster import Cluster


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=".venv/bin/python -m deploy", description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2, help="Streamlit processes (default 2; one per core)")
    database = parser.add_mutually_exclusive_group()
    database.add_argument("--postgres", action="store_true",
                          help="start a throw-away PostgreSQL server for this run (its data goes when it stops)")
    database.add_argument("--database-url", help="a shared database, e.g. postgresql+psycopg2://user:pass@host/dih "
                          "(default: DIH_DATABASE_URL, else the SQLite file in the data folder)")
    parser.add_argument("--port", type=int, default=8080, help="the proxy's port on 127.0.0.1 (default 8080)")
    parser.add_argument("--data-dir", type=Path, help="DIH_DATA_DIR for every process (default: DIH_DATA_DIR or ./var)")
    args = parser.parse_args(argv)

    def stop(signum, _frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, stop)
    started = time.monotonic()
    try:
        with Cluster(args.processes, database_url=args.database_url, start_postgres=args.postgres,
                     data_dir=args.data_dir, proxy_port=args.port) as cluster:
            where = cluster.database_url or f"SQLite in {cluster.data_dir}"
            print(f"DIH Insight: {args.processes} processes (ports {', '.join(map(str, cluster.app_ports))}) "
                  f"behind nginx at {cluster.proxy_url}/ on {where}; up in {time.monotonic() - started:.1f} s. "
                  "Ctrl-C stops everything.", flush=True)
            while True:
                for number, process in enumerate(cluster.app_processes, 1):
                    if process.poll() is not None:
                        print(f"app process {number} exited ({process.returncode}); stopping.\n{cluster.logs()}",
                              file=sys.stderr)
                        return 1
                if cluster.proxy.poll() is not None:
                    print(f"nginx exited ({cluster.proxy.returncode}); stopping.\n{cluster.logs()}", file=sys.stderr)
                    return 1
                time.sleep(1)
    except KeyboardInterrupt:
        print("stopped: nginx, the app processes" + (" and PostgreSQL" if args.postgres else ""), flush=True)
        return 0
    except RuntimeError as error:
        print(f"could not start: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
