"""scrapy-redis's priority queue, made reliable: a popped request is kept until its worker is done.

scrapy-redis pops destructively (ZRANGE + ZREMRANGEBYRANK), so the requests a worker holds when it
is killed are gone: their pages are never fetched and nothing says so. This is the established
"reliable queue" pattern (as RPOPLPUSH / LMOVE into a processing list), for a sorted set:

- `pop_reliably()` moves the best request, atomically (one Lua script), from the queue into the
  worker's processing hash (`<queue>:processing:<worker>`, member → score);
- `ack()` removes it once the worker is done with it (its children queued, its items stored);
- every worker keeps `<queue>:alive:<worker>` alive with a TTL (`heartbeat()`); a worker whose key
  expired is dead, and `recover_dead()` moves its processing hash back into the queue (atomically,
  so two recovering workers never double a request). A worker that closes cleanly hands back what
  it still holds (`release_own()`).

Delivery is at least once: a request whose worker died after fetching it is fetched again.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid

from scrapy_redis.queue import PriorityQueue

logger = logging.getLogger(__name__)

_POP = """
local best = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #best == 0 then return false end
redis.call('ZREM', KEYS[1], best[1])
redis.call('HSET', KEYS[2], best[1], best[2])
return best[1]
"""

_REQUEUE = """
local held = redis.call('HGETALL', KEYS[1])
for i = 1, #held, 2 do redis.call('ZADD', KEYS[2], held[i + 1], held[i]) end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
return #held / 2
"""


# The dupefilter's fingerprint and the queue entry in one step: a worker killed between the two
# would leave a request "seen" that no queue holds.
_SCHEDULE = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""


def new_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


class ReliablePriorityQueue(PriorityQueue):
    heartbeat_ttl = 30.0  # seconds; set from GOVCRAWL_REDIS_HEARTBEAT by the scheduler

    def __init__(self, server, spider, key, serializer=None):
        super().__init__(server, spider, key, serializer)
        self.worker = new_worker_id()
        self.workers_key = f"{self.key}:workers"
        self._pop = server.register_script(_POP)
        self._requeue = server.register_script(_REQUEUE)
        self._schedule = server.register_script(_SCHEDULE)

    def processing_key(self, worker: str | None = None) -> str:
        return f"{self.key}:processing:{worker or self.worker}"

    def alive_key(self, worker: str | None = None) -> str:
        return f"{self.key}:alive:{worker or self.worker}"

    # --- this worker ------------------------------------------------------------------------
    def heartbeat(self) -> None:
        with self.server.pipeline() as pipe:
            pipe.sadd(self.workers_key, self.worker)
            pipe.set(self.alive_key(), 1, px=int(self.heartbeat_ttl * 1000))
            pipe.execute()

    def pop_reliably(self):
        """(request, token) of the best request, now held by this worker; None when the queue is empty."""
        data = self._pop(keys=[self.key, self.processing_key()])
        if data is None:
            return None
        try:
            return self._decode_request(data), data
        except Exception:  # noqa: BLE001 - a request no worker can decode would come back for ever
            logger.exception("Dropped a queued request that cannot be decoded")
            self.ack(data)
            return None

    def push_unseen(self, request, dupefilter) -> bool:
        """Push the request unless the dupefilter has seen it; both in one atomic step."""
        fingerprint = dupefilter.request_fingerprint(request)
        data = self._encode_request(request)
        return bool(self._schedule(keys=[dupefilter.key, self.key], args=[fingerprint, -request.priority, data]))

    def pop(self, timeout=0):
        popped = self.pop_reliably()
        return popped[0] if popped else None

    def ack(self, token: bytes) -> None:
        self.server.hdel(self.processing_key(), token)

    def release_own(self) -> int:
        """Closing: hand every request still held back to the queue."""
        return int(self._requeue(keys=[self.processing_key(), self.key, self.workers_key], args=[self.worker]))

    # --- the other workers --------------------------------------------------------------------
    def recover_dead(self) -> int:
        """Requeue what workers whose heartbeat expired were holding; returns how many requests."""
        recovered = 0
        for raw in self.server.smembers(self.workers_key):
            worker = raw.decode()
            if worker == self.worker or self.server.exists(self.alive_key(worker)):
                continue
            count = int(self._requeue(keys=[self.processing_key(worker), self.key, self.workers_key], args=[worker]))
            if count:
                logger.warning("Worker %s stopped answering: %d of its requests are back in the queue", worker, count)
            recovered += count
        return recovered

    def in_flight(self) -> int:
        """Requests held by any worker (this one included), dead ones until they are recovered."""
        workers = [w.decode() for w in self.server.smembers(self.workers_key)]
        with self.server.pipeline() as pipe:
            for worker in workers:
                pipe.hlen(self.processing_key(worker))
            return sum(pipe.execute())
