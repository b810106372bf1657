"""HTTP probes that run.sh points at a container: resolve, wait, stream.

Standard library only, so it runs on the host's python3 and inside the image.
Every loop is bounded by a count or a deadline; every address is loopback.
"""
import argparse
import http.client
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

VERSION_HEADER = "X-Alias-Table-Version"


def resolve(base, name, timeout=5):
    """POST one name; return (matched id or None, table version header)."""
    body = json.dumps({"name": name}).encode()
    req = urllib.request.Request(
        base + "/v1/resolve", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        match = json.load(resp).get("match")
        return (match or {}).get("id"), resp.headers.get(VERSION_HEADER)


def wait_ready(base, deadline):
    """Poll /readyz until it answers 200 or the deadline passes."""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as resp:
                if resp.status == 200:
                    return True
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.3)
    return False


def cmd_resolve(args):
    """Print the id and table version; exit 1 if the id is not the expected one."""
    if not wait_ready(args.url, time.monotonic() + args.wait):
        print(f"not ready after {args.wait}s: {args.url}")
        return 1
    got, version = resolve(args.url, args.name)
    print(json.dumps({"name": args.name, "id": got, "version": version}))
    expected = None if args.expect == "null" else args.expect
    return 0 if args.expect is None or got == expected else 1


def cmd_wait_change(args):
    """Poll until the version header differs from --old and --name resolves to --expect."""
    deadline = time.monotonic() + args.wait
    last = None
    while time.monotonic() < deadline:
        try:
            last = resolve(args.url, args.name)
            if last[1] != args.old and last[0] == args.expect:
                print(json.dumps({"id": last[0], "version": last[1]}))
                return 0
        except (OSError, http.client.HTTPException) as exc:
            last = repr(exc)
        time.sleep(0.5)
    print(f"no change within {args.wait}s; last answer {last}")
    return 1


def resolve_batch(base, size, tag, timeout=30):
    """POST a batch of `size` names, al-Joulani first; return the first matched id.

    `tag` makes the other names new to the service, so no cache answers them.
    """
    names = ["al-Joulani"] + [f"Abu Mohammad al-Jolani {tag} {i}" for i in range(size - 1)]
    body = json.dumps({"queries": [{"name": n} for n in names]}).encode()
    req = urllib.request.Request(
        base + "/v1/resolve/batch", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        results = json.load(resp)["results"]
    if len(results) != size:
        raise ValueError(f"{len(results)} results for {size} names")
    return (results[0].get("match") or {}).get("id")


class Stream:
    """Send requests from a few threads; tell apart failures before and after the stop.

    Half the threads send batches that take a good fraction of a second, so
    some requests are surely in flight when the stop command sends SIGTERM.
    """

    def __init__(self, base, threads, batch_size, max_requests):
        self.base, self.threads, self.batch_size = base, threads, batch_size
        self.max_requests = max_requests
        self.lock = threading.Lock()
        self.stop_sent = threading.Event()
        self.done = threading.Event()
        self.counts = dict.fromkeys(
            ["sent", "ok", "in_flight_at_stop", "failed_before_stop", "failed_after_stop"], 0
        )
        self.errors = []

    def send(self, batch, tag):
        if batch:
            return resolve_batch(self.base, self.batch_size, tag)
        return resolve(self.base, "al-Joulani")[0]

    def worker(self, batch, deadline):
        while not self.done.is_set() and time.monotonic() < deadline:
            with self.lock:
                if self.counts["sent"] >= self.max_requests:
                    return
                self.counts["sent"] += 1
                tag = self.counts["sent"]
            # Read the flag before sending: a request sent before the stop
            # command started is in flight or queued, and must be answered.
            after_stop = self.stop_sent.is_set()
            try:
                got = self.send(batch, tag)
                error = None if got == "ahmed-al-sharaa" else f"wrong answer {got!r}"
            except (OSError, http.client.HTTPException, ValueError, KeyError) as exc:
                error = repr(exc)
            with self.lock:
                if error is None:
                    self.counts["ok"] += 1
                    if not after_stop and self.stop_sent.is_set():
                        self.counts["in_flight_at_stop"] += 1
                elif after_stop:
                    # The service is going away: refused or reset is expected.
                    self.counts["failed_after_stop"] += 1
                else:
                    self.counts["failed_before_stop"] += 1
                    self.errors.append(error)
            if error and after_stop:
                time.sleep(0.1)  # do not spin while the port is gone


def cmd_stream(args):
    """Stream requests, run the stop command after --warmup answers, report as JSON."""
    stream = Stream(args.url, args.threads, args.batch_size, args.max_requests)
    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=stream.worker, args=(i % 2 == 0, deadline))
        for i in range(args.threads)
    ]
    for t in threads:
        t.start()
    while stream.counts["ok"] < args.warmup and time.monotonic() < deadline:
        time.sleep(0.05)
    stream.stop_sent.set()
    stopped = subprocess.run(args.stop_cmd, capture_output=True, text=True, timeout=args.seconds)
    stream.done.set()
    for t in threads:
        t.join()
    report = dict(stream.counts, stop_rc=stopped.returncode, errors=stream.errors[:5])
    print(json.dumps(report))
    fine = (
        report["ok"] >= args.warmup
        and report["in_flight_at_stop"] > 0
        and report["failed_before_stop"] == 0
    )
    return 0 if fine and stopped.returncode == 0 else 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("resolve")
    p.add_argument("url")
    p.add_argument("name")
    p.add_argument("--expect", help="expected id, or null")
    p.add_argument("--wait", type=float, default=30)
    p.set_defaults(func=cmd_resolve)
    p = sub.add_parser("wait-change")
    p.add_argument("url")
    p.add_argument("name")
    p.add_argument("--old", required=True)
    p.add_argument("--expect", required=True)
    p.add_argument("--wait", type=float, default=15)
    p.set_defaults(func=cmd_wait_change)
    p = sub.add_parser("stream")
    p.add_argument("url")
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--batch-size", type=int, default=200)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--max-requests", type=int, default=5000)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("stop_cmd", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_stream)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
