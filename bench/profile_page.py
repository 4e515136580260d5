"""Where a rendered request spends its time: cProfile over N requests to one page, in-process.

    python bench/profile_page.py /dashboard/ [--as member|staff] [--requests 50] [--top 30]

Production settings (DEBUG off, cached templates), signed in as the bench's member or staff.
"""

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from members.models import User  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--as", dest="who", default="member", choices=["member", "staff"])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()
    logins = json.loads((ROOT / "bench" / "logins.json").read_text())
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=logins[args.who]))
    for _ in range(5):
        assert client.get(args.path).status_code == 200
    started = time.perf_counter()
    for _ in range(args.requests):
        client.get(args.path)
    plain = (time.perf_counter() - started) / args.requests * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        client.get(args.path)
    profiler.disable()
    print(f"{args.path}: {plain:.1f} ms a request without the profiler")
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


main()
