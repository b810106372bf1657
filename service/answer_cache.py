"""A bounded least-recently-used cache of answers, one per loaded table.

Pipelines meet the same names over and over (the same people and places are
in the news all week), and an answer depends only on the query and the table.
A Matcher is never modified, so each one owns a cache and a reload, which
builds a new Matcher, starts with an empty one: a cached answer can never
outlive its table.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, Hashable, TypeVar

V = TypeVar("V")


class AnswerCache(Generic[V]):
    """At most `capacity` answers; the least recently used goes first. Safe across threads.

    >>> cache = AnswerCache(2)
    >>> cache.put("a", 1); cache.put("b", 2); cache.get("a"); cache.put("c", 3)
    1
    >>> cache.get("b") is None, cache.get("a"), cache.stats()["size"]
    (True, 1, 2)
    """

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.hits = self.misses = 0
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        if self.capacity <= 0:
            return None
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: V) -> None:
        if self.capacity <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            if len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def stats(self) -> dict:
        return {"capacity": self.capacity, "size": len(self._items), "hits": self.hits, "misses": self.misses}
