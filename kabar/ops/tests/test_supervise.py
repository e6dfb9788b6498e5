"""The supervisor `serve` becomes once it has prepared: no Django in its memory."""

import json
import subprocess
import sys

from kabar.ops import supervise

from .servers import BASE_DIR

IMPORTS = """
import json, sys
import kabar.ops.supervise
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("django", "wagtail"))))
"""


def test_the_supervisor_imports_no_django():
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS], cwd=BASE_DIR, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []


def test_the_supervisor_stops_with_the_child_that_cannot_start(tmp_path):
    failing = [sys.executable, "-c", "import sys; sys.exit(3)"]
    done = subprocess.run(
        supervise.exec_argv({"broken": failing}),
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "broken exited with code 3; stopped everything." in done.stderr
