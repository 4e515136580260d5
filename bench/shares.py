"""Every key page's cost as a share of the floor's, in-process: a quick check between full runs.

    python bench/shares.py [--requests 50] [--rounds 3] [page name ...]

The pages and accounts of bench/measure.py on the generated set, production settings.
Cost is CPU time: each request's own in this process (the lower quartile over all
rounds) plus its PostgreSQL backend's (read from /proc, so the database must run on
this machine; the mean over all rounds, as /proc counts in ticks of 10 ms). On a
shared machine, wall time depends on what else runs, CPU time much less. Pages and the
floor are measured in turns, round after round. No HTTP server and no wrk beside it:
compare the shares with each other, before and after a change, and confirm with bench/run.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from django.db import connection  # noqa: E402
from measure import accounts, signed_in_client  # noqa: E402

FLOOR = "Floor: a bare view loading the user"
TICKS = os.sysconf("SC_CLK_TCK")


def backend_cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime and stime


def cost_ms(client, path, requests, backend):
    """(CPU ms of each request in Python, CPU ms a request in PostgreSQL over them all, wall ms a request)."""
    python, database, wall = [], backend_cpu_seconds(backend), time.perf_counter()
    for _ in range(requests):
        started = time.process_time()
        client.get(path)
        python.append((time.process_time() - started) * 1000)
    database = (backend_cpu_seconds(backend) - database) / requests * 1000
    return python, database, (time.perf_counter() - wall) / requests * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="*", help="page names from bench/measure.py (default: all)")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    member, staff, member_pages, staff_pages = accounts("generated")
    clients = {"member": signed_in_client(member), "staff": signed_in_client(staff)}
    pages = [(name, path, "member") for name, path in member_pages.items()]
    pages += [(name, path, "staff") for name, path in staff_pages.items()]
    pages = [page for page in pages if page[0] == FLOOR or not args.pages or page[0] in args.pages]
    for name, path, who in pages:
        response = clients[who].get(path)
        assert response.status_code == 200, f"{name}: HTTP {response.status_code}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    python, database, wall = {}, {}, {}
    for _ in range(args.rounds):
        for name, path, who in pages:
            each, in_database, taken = cost_ms(clients[who], path, args.requests, backend)
            python.setdefault(name, []).extend(each)
            database[name] = database.get(name, 0) + in_database / args.rounds
            wall[name] = min(wall.get(name, taken), taken)
    # The lower quartile of each request's own CPU time: what a request costs when nothing else
    # on the machine gets in its way, steadier than a mean.
    python = {name: statistics.quantiles(times, n=4)[0] for name, times in python.items()}
    floor = python[FLOOR] + database[FLOOR]
    print("| Page | CPU ms: Python | CPU ms: PostgreSQL | Wall ms | Share of floor (CPU) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, _, _ in pages:
        cost = python[name] + database[name]
        print(f"| {name} | {python[name]:.1f} | {database[name]:.1f} | {wall[name]:.1f} | {floor / cost:.2f} |")


main()
