"""Map a pure function over a long list on two CPUs: the second half in a forked child.

Normalizing every name is half of an index build, and each name is
independent of the others. A forked child (not a process pool: no helper
threads, no semaphores in /dev/shm, nothing to import again) maps the second
half while this process maps the first, and sends its results back through
a pipe, pickled. If anything goes wrong on the child's side (no fork, the
child dies, its answer is cut short) this process maps that half itself:
the result is the same, only slower.

The child runs nothing but `func` and leaves with os._exit, so it runs no
atexit handler and no finally block of the code that forked it, and it never
logs: a lock some other thread held at fork time is never needed.
"""
from __future__ import annotations

import os
import pickle
import signal
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

FORK_FROM = 100_000   # below this many items the fork and the pickling cost more than they save


def fork_map(func: Callable[[T], R], items: Sequence[T], *, pack: Callable[[R], object] = lambda r: r,
             unpack: Callable[[object], R] = lambda p: p, min_items: int | None = None) -> list[R]:
    """[func(x) for x in items], the second half computed in a forked child when the list is long.

    `pack` turns a result into something cheap to pickle (a tuple of plain
    values) and `unpack` turns it back.

    >>> fork_map(len, ["a", "bb", "ccc"], min_items=2)
    [1, 2, 3]
    """
    if len(items) < (FORK_FROM if min_items is None else min_items) or _cpus() < 2 or not hasattr(os, "fork"):
        return [func(x) for x in items]
    half = len(items) // 2
    head, tail = items[:half], items[half:]
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return [func(x) for x in items]
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return [func(x) for x in items]
    if pid == 0:
        _child(func, tail, pack, read_end, write_end)
    os.close(write_end)
    second = None
    try:
        first = [func(x) for x in head]
        second = _receive(read_end, len(tail))
    finally:
        os.close(read_end)   # a child still writing gets EPIPE and leaves
        if second is None:   # this side failed, or the child did: don't wait for it to finish its half
            _kill(pid)
        status = _wait(pid)
    if second is None or status != 0:
        return first + [func(x) for x in tail]
    return first + [unpack(p) for p in second]


def _child(func, tail, pack, read_end: int, write_end: int) -> None:
    status = 1
    try:
        os.close(read_end)
        with os.fdopen(write_end, "wb") as out:
            pickle.dump([pack(func(x)) for x in tail], out, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)


def _receive(read_end: int, expected: int) -> list | None:
    try:
        with os.fdopen(read_end, "rb", closefd=False) as inp:
            got = pickle.load(inp)
    except Exception:   # cut short or garbled: the caller maps that half itself
        return None
    return got if isinstance(got, list) and len(got) == expected else None


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:   # already reaped
        pass


def _wait(pid: int) -> int:
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:   # reaped by someone else: gunicorn's arbiter reaps any child
        return 0


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
