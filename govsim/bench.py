"""Benchmark: how fast the simulator serves a generated world through its proxy interface.

    python -m govsim.bench [--portals 200] [--pages 5000] [--clients 1 8 16]

Each client thread keeps one HTTP/1.1 connection open and sends absolute-URI proxy requests
(`GET http://host/path`), as Scrapy does with http_proxy set. Prints requests/s and MB/s.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import threading
import time

from . import Simulator, generated_world


def _client(port: int, urls: list[str], out: list[tuple[int, int]]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for url in urls:
        conn.request("GET", url)
        resp = conn.getresponse()
        out.append((resp.status, len(resp.read())))
    conn.close()


def run(port: int, urls: list[str], clients: int) -> tuple[float, int, int]:
    """Fetch every URL once over `clients` connections; returns (seconds, requests, bytes)."""
    results: list[list[tuple[int, int]]] = [[] for _ in range(clients)]
    threads = [threading.Thread(target=_client, args=(port, urls[i::clients], results[i])) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    flat = [r for rs in results for r in rs]
    return elapsed, len(flat), sum(size for _, size in flat)


def _serve_in_child(portals: int, pages: int, conn) -> None:
    with Simulator(generated_world(portals, pages), slow_seconds=0) as sim:
        conn.send(sim.port)
        conn.recv()  # block until the parent is done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--portals", type=int, default=200)
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 8, 16])
    ap.add_argument(
        "--same-process", action="store_true", help="serve from this process (clients and server then share one GIL)"
    )
    args = ap.parse_args(argv)
    started = time.perf_counter()
    world = generated_world(args.portals, args.pages)
    print(
        f"built world: {len(world.portals)} portals, {len(world.manifest())} detail URLs "
        f"in {time.perf_counter() - started:.2f}s"
    )
    lists = [p.url(path) for p in world.portals for path in p.renderer.column_paths(p)]
    urls = lists + [m["url"] for m in world.manifest()]
    if args.same_process:
        sim = Simulator(world, slow_seconds=0).start()
        port, stop = sim.port, sim.stop
    else:
        parent, child = multiprocessing.Pipe()
        proc = multiprocessing.Process(target=_serve_in_child, args=(args.portals, args.pages, child), daemon=True)
        proc.start()
        port = parent.recv()

        def stop() -> None:
            parent.send("stop")
            proc.join(10)

    try:
        for clients in args.clients:
            seconds, n, size = run(port, urls, clients)
            print(
                f"{clients:3d} client(s): {n} requests in {seconds:.2f}s = {n / seconds:,.0f} req/s, "
                f"{size / seconds / 1e6:.1f} MB/s (avg page {size / n / 1024:.1f} KiB)"
            )
    finally:
        stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
