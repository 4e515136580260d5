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
    rendered = json.loads((folder / "load-large-cache-0.json").read_text())
    cached = json.loads((folder / "load-large-cache-60.json").read_text())
    print(
        "| Page | Queries (demo) | Queries (large) | Queries (repeat view) "
        "| Rendered: req/s | p50 ms | p99 ms | Share "
        "| Repeat view: req/s | p50 ms | p99 ms | Share | Budget |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for page in cached:
        budget = 0.25 if page.startswith("Admin") else 0.5
        same = demo["rendered"][page] == large["rendered"][page]
        verdicts = [
            f"{label} {'met' if share(load, page) >= budget and same else 'MISSED'}"
            for label, load in [("rendered", rendered), ("repeat", cached)]
        ]
        verdict = "floor" if page == FLOOR else ", ".join(verdicts) + f" (≥ {budget:.2f}, same queries)"
        errors = sum(load[page]["non_2xx"] for load in (rendered, cached))
        print(
            f"| {page} | {demo['rendered'][page]} | {large['rendered'][page]} | {large['repeat'][page]} "
            f"| {rendered[page]['rps']:.0f} | {ms(rendered[page]['p50'])} | {ms(rendered[page]['p99'])} "
            f"| {share(rendered, page):.2f} "
            f"| {cached[page]['rps']:.0f} | {ms(cached[page]['p50'])} | {ms(cached[page]['p99'])} "
            f"| {share(cached, page):.2f} | {verdict} |" + (f" {errors} non-2xx!" if errors else "")
        )
    timings = json.loads((folder / "timings.json").read_text())
    print("\n| Job | Figures |\n| --- | --- |")
    for job, figures in timings.items():
        print(f"| {job.replace('_', ' ')} | {', '.join(f'{k.replace(chr(95), chr(32))}: {v}' for k, v in figures.items())} |")


if __name__ == "__main__":
    main(sys.argv[1])
