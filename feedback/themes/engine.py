"""Suggested themes from free text: scikit-learn's TF-IDF, then NMF, with the number of themes
chosen from the data. A first pass for staff to confirm, never a verdict.

Texts in, suggestions out: no database here. Only the words go in: e-mail addresses and
phone numbers are taken out first, and the caller passes no names (sources.py).
The same texts always give the same suggestions: fixed random state, texts taken in id
order, ties broken by id, so a test can pin the result.

NMF rather than k-means: on the measured set (bench/themes.py) NMF put more of the 300
comments in the theme they were written for, and it was faster at 5,000.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics import silhouette_score

from .bounds import MAX_THEMES, MIN_THEMES
from .text import strip_personal

RANDOM_STATE = 0
TOP_WORDS = 6
QUOTES = 3
# Silhouette over every pair is n² work; above this many texts a fixed sample stands in.
SILHOUETTE_SAMPLE = 2000

# Words in nearly every comment in this field, so they tell themes apart no better than "the".
DOMAIN_STOP_WORDS = frozenset(
    """
    nhs gp gps icb icbs ics trust trusts service services patient patients people person
    health healthcare care carer carers think feel felt really just like need needs needed
    make makes good bad better lot lots thing things way ways time times get got getting
    would could should also much many well one two etc yes ok okay please thank thanks
    """.split()
)
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | DOMAIN_STOP_WORDS)


@dataclass
class Suggestion:
    label: str
    words: list[str]
    ids: list[int]
    quotes: list[int] = field(default_factory=list)  # ids of the texts nearest the centre, nearest first

    @property
    def count(self):
        return len(self.ids)


@dataclass
class Result:
    suggestions: list[Suggestion]
    unassigned: list[int]  # texts with none of the words the themes are made of
    tried: dict[int, float]  # number of themes tried: its silhouette score


def label_for(words: list[str]) -> str:
    top = words[:3]
    if not top:
        return "Other"
    if len(top) == 1:
        return top[0].capitalize()
    return f"{', '.join(top[:-1])} and {top[-1]}".capitalize()


def vectorise(texts: list[str]):
    many = len(texts) >= 20
    vectoriser = TfidfVectorizer(
        stop_words=STOP_WORDS,
        token_pattern=r"(?u)\b[^\W\d_]{3,}\b",
        # Pairs of words ("car park") once there are enough texts for a pair to repeat.
        ngram_range=(1, 2) if many else (1, 1),
        sublinear_tf=True,
        # A word in one comment only, or in most of them, makes no theme; a handful of texts has few repeats.
        min_df=2 if many else 1,
        max_df=0.5 if many else 1.0,
    )
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:  # no words left at all
        return None, []
    return matrix, vectoriser.get_feature_names_out()


def _fit(matrix, k):
    model = NMF(n_components=k, init="nndsvda", random_state=RANDOM_STATE, max_iter=400)
    weights = model.fit_transform(matrix)
    labels = weights.argmax(axis=1)
    labels[weights.max(axis=1) <= 0] = -1
    return labels


def _score(matrix, labels):
    placed = labels >= 0
    found = len(set(labels[placed]))
    if found < 2 or found >= placed.sum():
        return -1.0
    size = min(int(placed.sum()), SILHOUETTE_SAMPLE)
    return float(
        silhouette_score(matrix[placed], labels[placed], metric="cosine", sample_size=size, random_state=RANDOM_STATE)
    )


def choose(scores: dict[int, float], low: int, high: int) -> int:
    """The number of themes at the elbow of the silhouette curve: where adding a theme stops paying.

    Silhouette keeps creeping up as themes split into ever smaller ones, so its maximum is
    nearly always the upper bound. The elbow (the largest drop in the gain from one more
    theme) found the number the measured set was written with (bench/themes.py). With no
    elbow (a straight or bending-up curve), the best-separated number within the bounds.
    """
    inside = [k for k in scores if low <= k <= high]

    def bend(k):
        if k - 1 not in scores or k + 1 not in scores:
            return float("-inf")
        return (scores[k] - scores[k - 1]) - (scores[k + 1] - scores[k])

    best = max(inside, key=lambda k: (bend(k), -k))  # ties: fewer themes
    if bend(best) > 0:
        return best
    return max(inside, key=lambda k: (scores[k], -k))


def suggest(
    items: list[tuple[int, str]],
    min_themes: int = MIN_THEMES,
    max_themes: int = MAX_THEMES,
    progress: Callable[[int, int], None] | None = None,
) -> Result:
    """Group (id, text) pairs into suggested themes, trying each number of themes from min_themes to
    max_themes and keeping the one choose() picks from their cosine silhouette scores.
    `progress(done, total)` is told after each number tried."""
    items = sorted((pk, strip_personal(text)) for pk, text in items if text and text.strip())
    ids = np.array([pk for pk, _ in items], dtype=np.int64)
    matrix, terms = vectorise([text for _, text in items]) if items else (None, [])
    if matrix is None:
        return Result([], ids.tolist(), {})
    has_words = np.asarray(matrix.sum(axis=1)).ravel() > 0
    usable = int(has_words.sum())
    low, high = max(min_themes, 2), min(max_themes, usable - 1)
    if high < low:
        # Too few texts to compare groupings: one suggestion holding them all.
        labels, tried = np.where(has_words, 0, -1), {}
    else:
        # One either side of the bounds too, so that the ends can be judged like the rest.
        candidates = range(max(low - 1, 2), min(high + 1, usable - 1) + 1)
        tried, fits = {}, {}
        for done, k in enumerate(candidates, 1):
            fits[k] = _fit(matrix, k)
            tried[k] = _score(matrix, fits[k])
            if progress:
                progress(done, len(candidates))
        labels = fits[choose(tried, low, high)]
    suggestions = [_describe(matrix, terms, ids, labels == group) for group in sorted(set(labels) - {-1})]
    suggestions.sort(key=lambda s: (-s.count, s.label, s.ids[0]))
    return Result(suggestions, ids[labels < 0].tolist(), tried)


def _describe(matrix, terms, ids, members) -> Suggestion:
    rows = matrix[members]
    centre = np.asarray(rows.mean(axis=0)).ravel()
    order = np.lexsort((np.arange(len(centre)), -centre))  # heaviest first; ties by position, so stable
    words = [str(terms[i]) for i in order[:TOP_WORDS] if centre[i] > 0]
    norm = np.linalg.norm(centre) or 1.0
    closeness = np.asarray(rows @ centre).ravel() / norm  # rows are unit length: this is the cosine
    member_ids = ids[members]
    nearest = np.lexsort((member_ids, -closeness))[:QUOTES]
    return Suggestion(label=label_for(words), words=words, ids=member_ids.tolist(), quotes=member_ids[nearest].tolist())


def describe(items: list[tuple[int, str]], groups: list[list[int]]) -> list[tuple[list[str], list[int]]]:
    """(top words, quote ids) of each group of ids, after staff have merged, split or moved texts:
    weighed against all the items, as suggest() does."""
    items = sorted((pk, strip_personal(text)) for pk, text in items if text and text.strip())
    ids = np.array([pk for pk, _ in items], dtype=np.int64)
    matrix, terms = vectorise([text for _, text in items]) if items else (None, [])
    described = []
    for group in groups:
        members = np.isin(ids, group)
        if matrix is None or not members.any():
            described.append(([], []))
            continue
        suggestion = _describe(matrix, terms, ids, members)
        described.append((suggestion.words, suggestion.quotes))
    return described
