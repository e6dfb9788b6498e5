"""The topology rows of `make bench`: the production topology of `make cluster`
(tools/cluster.py: two app nodes behind Varnish, PostgreSQL through pgbouncer, Redis, moto's
S3) loaded through Varnish, with its demo newsroom.

The hot article is answered by Varnish itself, at 256 connections; the home page with a
session cookie is passed by Varnish to the two nodes in turn and rendered by them (Kabar's own
page cache is bypassed for such a reader too), which is the uncached work the nodes share.
"""

import re
from pathlib import Path

from tools.cluster import cluster_start, cluster_stop

from .load import script_write, wrk_run
from .report import Row
from .run import WARM_UP_REQUESTS, out, url_get

HOT_CONNECTIONS = 256
SIGNED_IN = 'wrk.headers["Cookie"] = "sessionid=bench"\n'


def topology_measure(*, root: Path, duration: float, connections: int) -> list[Row]:
    out("Starting the topology of `make cluster` (two nodes behind Varnish)…")
    cluster = cluster_start(root / "cluster")
    try:
        _status, _headers, home = url_get(cluster.varnish_url + "/")
        story = re.search(rb'href="(/[a-z-]+/[a-z0-9-]+/)"', home)[1].decode()
        hot = cluster.varnish_url + story
        for _ in range(WARM_UP_REQUESTS):
            url_get(hot)
        out(f"  the hot article through Varnish, {HOT_CONNECTIONS} connections…")
        cached = wrk_run(hot, duration=duration, connections=HOT_CONNECTIONS)
        out(f"  the home page passed to both nodes, {connections} connections…")
        script = script_write(SIGNED_IN, directory=root / "scripts")
        for _ in range(WARM_UP_REQUESTS):
            url_get(cluster.varnish_url + "/", headers={"Cookie": "sessionid=bench"})
        spread = wrk_run(
            cluster.varnish_url + "/", duration=duration, connections=connections, script=script
        )
    finally:
        cluster_stop(cluster)
    return [
        Row(
            f"article (hot), Varnish in front of 2 nodes, {HOT_CONNECTIONS} conn.",
            "Varnish",
            cached,
        ),
        Row("home, passed by Varnish to 2 nodes (session cookie)", "off", spread),
    ]
