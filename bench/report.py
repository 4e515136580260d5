"""Turn the benchmark's JSON results into the Markdown table for bench/README.md."""

import json
import sys
from pathlib import Path

FLOOR = "Floor: a bare view loading the user"


def main(folder):
    folder = Path(folder)
    demo = json.loads((folder / "queries-demo.json").read_text())
    large = json.loads((folder / "queries-large.json").read_text())
    load = json.loads((folder / "load-large.json").read_text())
    floor = load[FLOOR]["rps"]
    print("| Page | Queries (demo) | Queries (large) | Requests/s | p50 ms | p99 ms | Share of floor | Budget |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for page, figures in load.items():
        share = figures["rps"] / floor
        budget = 0.25 if page.startswith("Admin") else 0.5
        verdict = "floor" if page == FLOOR else ("met" if share >= budget and demo[page] == large[page] else "MISSED")
        p50, p99 = (f"{figures[key]:.1f}" if figures[key] is not None else "timed out" for key in ("p50", "p99"))
        print(
            f"| {page} | {demo[page]} | {large[page]} | {figures['rps']:.0f} | {p50} | "
            f"{p99} | {share:.2f} | {verdict} (≥ {budget:.2f}, same queries) |"
            + (f" {figures['non_2xx']} non-2xx!" if figures["non_2xx"] else "")
        )
    timings = json.loads((folder / "timings.json").read_text())
    print("\n| Job | Figures |\n| --- | --- |")
    for job, figures in timings.items():
        print(f"| {job.replace('_', ' ')} | {', '.join(f'{k.replace(chr(95), chr(32))}: {v}' for k, v in figures.items())} |")


if __name__ == "__main__":
    main(sys.argv[1])
