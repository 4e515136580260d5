"""Turn the benchmark's JSON results into the Markdown table for bench/README.md."""

import json
import sys
from pathlib import Path

FLOOR = "Floor: a bare view loading the user"


def share(load, page):
    return load[page]["rps"] / load[FLOOR]["rps"]


def ms(value):
    return f"{value:.1f}" if value is not None else "timed out"


def main(folder):
    folder = Path(folder)
    demo = json.loads((folder / "queries-demo.json").read_text())
    large = json.loads((folder / "queries-large.json").read_text())
    load = json.loads((folder / "load-large.json").read_text())
    print("| Page | Queries (demo) | Queries (large) | Requests/s | p50 ms | p99 ms | Share of floor | Budget |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for page in load:
        # Issue 16's budget: a rendered page at a quarter of the floor's rate, an admin list at a tenth.
        budget = 0.10 if page.startswith("Admin") else 0.25
        met = share(load, page) >= budget and demo[page] == large[page]
        verdict = "floor" if page == FLOOR else f"{'met' if met else 'MISSED'} (≥ {budget:.2f}, same queries)"
        errors = load[page]["non_2xx"]
        print(
            f"| {page} | {demo[page]} | {large[page]} | {load[page]['rps']:.0f} | {ms(load[page]['p50'])} "
            f"| {ms(load[page]['p99'])} | {share(load, page):.2f} | {verdict} |"
            + (f" {errors} non-2xx!" if errors else "")
        )
    timings = json.loads((folder / "timings.json").read_text())
    print("\n| Job | Figures |\n| --- | --- |")
    for job, figures in timings.items():
        print(
            f"| {job.replace('_', ' ')} | {', '.join(f'{k.replace(chr(95), chr(32))}: {v}' for k, v in figures.items())} |"
        )


if __name__ == "__main__":
    main(sys.argv[1])
