"""Distributed crawling on scrapy-redis: N worker processes, on any machines, share one frontier.

- `job.py`: one distributed job's Redis keys, its plan (portals, years) and the settings that turn
  a crawl into a worker of the job;
- `queue.py` / `scheduler.py`: scrapy-redis's priority queue and scheduler, with in-flight requests
  kept in a per-worker list until done, so a killed worker's requests go back to the queue;
- `politeness.py`: per-host concurrency and delay held across all workers (Redis leases);
- `frontier.py`: the spider's per-portal bounds and budgets kept in Redis;
- `counters.py`: the per-portal counters summed over every worker of the job;
- `spider.py`: the spider of a worker, its plan read from Redis;
- `enqueue.py`: pushes a job's start requests once.
"""
