"""Where the web server's processes keep their Prometheus counts (multiprocess mode).

Granian and gunicorn answer with several forked processes; each writes its counts to its own
files in one directory, and `/_/metrics`, whichever process answers it, adds them up. The
directory is the node's own (under KABAR_DATA_DIR) and is emptied when the web server starts,
before any worker exists: counts from a previous run would otherwise be added to the new ones.
Only the standard library here: prometheus_client reads the variable when it is imported, so
this must run first.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# (process, directory) already emptied: gunicorn reads its settings again on SIGHUP, while its
# workers write their counts, and those must not be dropped then.
_emptied: set[tuple[int, Path]] = set()


def metrics_dir_prepare(env=os.environ) -> Path:
    """Empty (or make) the directory and point prometheus_client at it through `env`."""
    data_dir = Path(env.get("KABAR_DATA_DIR") or BASE_DIR / "var")
    path = Path(env.get("PROMETHEUS_MULTIPROC_DIR") or data_dir / "metrics")
    path.mkdir(parents=True, exist_ok=True)
    if (os.getpid(), path) not in _emptied:
        for stale in path.glob("*.db"):
            stale.unlink(missing_ok=True)
        _emptied.add((os.getpid(), path))
    env["PROMETHEUS_MULTIPROC_DIR"] = str(path)
    return path
