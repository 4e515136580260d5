"""The project page's discussion drawn once for every member who sees it the same way, and kept.

A busy project's page spends most of its time reading its 50 threads and drawing their
cards, and every member sees the same cards but for their own parts (feedback/templatetags/
comment_cards.py leaves those as markers). So the cards are kept in the cache (Redis in
production) under a key naming the versions of everything they show: the project's
`modified`, its questions, the page, whether comments are open, and the counts and newest
times of its comments (created, edited, withdrawn, hidden), read by the query that counts the
threads. Any of those changing makes a new key; what the key cannot see (an author renaming
themselves, an entry of a published response linked to another comment) shows within SECONDS.

The You Said, We Did page keeps its entries table the same way (feedback/views.py
_entries_table), under a digest of the values it shows.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

SECONDS = 300


@dataclass
class Drawn:
    html: str
    # Each comment drawn, to its author: whose markers to fill in for the viewer.
    authors: dict[int, int]
    # Authors of hidden comments on the page: each sees theirs, which others do not (drawn for them alone).
    hidden_authors: set[int]


def key(owner, *versions) -> str:
    """owner: the project's pk, or the name of the page whose fragment is kept."""
    return f"discussion:{owner}:{hashlib.sha256(repr(versions).encode()).hexdigest()[:32]}"


def get_or_draw(name, draw):
    """What is kept under `name`, or drawn by `draw()` and kept; drawn each time while the cache is unreachable."""
    try:
        drawn = cache.get(name)
    except RedisError as error:
        logger.warning("Drawn without the cache, which is unreachable: %s", error)
        return draw()
    if drawn is None:
        drawn = draw()
        try:
            cache.set(name, drawn, SECONDS)
        except RedisError as error:
            logger.warning("Drawing not kept, the cache is unreachable: %s", error)
    return drawn
