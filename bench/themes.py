"""Suggested themes (issue 23): how many of the 300 written comments land in the theme they were written
for, and the time for 300 and for 5,000 texts. No database: the engine takes texts only.

python bench/themes.py [--kmeans]

Purity: each suggested theme is mapped to the written theme most of its comments belong to; purity is
the share of all 300 comments that land in a suggestion mapped to their own theme (a comment left out
of every suggestion counts as missed). --kmeans prints the same for k-means at each number of themes,
the comparison that chose NMF.
"""

import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.themes_set import comments, variants  # noqa: E402
from feedback.themes import engine  # noqa: E402


def purity(suggestions, truth):
    right = 0
    for suggestion in suggestions:
        right += max(collections.Counter(truth[pk] for pk in suggestion.ids).values())
    return right / len(truth)


def timed(items):
    """The result and its (wall, CPU) seconds: CPU time is steadier than wall time on a shared machine."""
    started, cpu = time.perf_counter(), time.process_time()
    result = engine.suggest(items)
    return result, (time.perf_counter() - started, time.process_time() - cpu)


def kmeans_table(items, truth):
    from sklearn.cluster import KMeans

    texts = [engine.strip_personal(text) for _, text in items]
    matrix, _ = engine.vectorise(texts)
    print("themes  k-means purity  NMF purity")
    for k in range(engine.MIN_THEMES, engine.MAX_THEMES + 1):
        found = {}
        for name, labels in (
            ("kmeans", KMeans(k, n_init=10, random_state=engine.RANDOM_STATE).fit(matrix).labels_),
            ("nmf", engine._fit(matrix, k)),
        ):
            groups = collections.defaultdict(collections.Counter)
            for label, pk in zip(labels, range(len(items)), strict=True):
                if label >= 0:
                    groups[label][truth[pk]] += 1
            found[name] = sum(max(counter.values()) for counter in groups.values()) / len(items)
        print(f"{k:>6}  {found['kmeans']:>14.3f}  {found['nmf']:>10.3f}")


def main():
    written = comments()
    items = [(pk, text) for pk, (_, text) in enumerate(written)]
    truth = [theme for theme, _ in written]
    result, seconds = timed(items)
    print(
        f"300 comments, 6 written themes: {len(result.suggestions)} suggested, purity {purity(result.suggestions, truth):.3f}"
    )
    print(f"  left out (no theme words): {len(result.unassigned)}; time {seconds[0]:.2f} s ({seconds[1]:.2f} s CPU)")
    for suggestion in result.suggestions:
        mix = collections.Counter(truth[pk] for pk in suggestion.ids).most_common(2)
        print(f"  {suggestion.count:>3}  {suggestion.label:<40} {mix}")
    large = variants(5000)
    big_items = [(pk, text) for pk, (_, text) in enumerate(large)]
    big_truth = [theme for theme, _ in large]
    big, big_seconds = timed(big_items)
    print(
        f"5,000 texts: {len(big.suggestions)} suggested, purity {purity(big.suggestions, big_truth):.3f}, "
        f"time {big_seconds[0]:.2f} s ({big_seconds[1]:.2f} s CPU)"
    )
    if "--kmeans" in sys.argv:
        kmeans_table(items, truth)


if __name__ == "__main__":
    main()
