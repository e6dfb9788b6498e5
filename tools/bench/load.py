"""The load generator: run wrk against a URL and read its --latency report."""

import re
import subprocess
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

# wrk's own units, as it prints them.
LATENCY_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
COUNT_SUFFIXES = {"": 1, "k": 1_000, "M": 1_000_000, "G": 1_000_000_000}
# Uncached pages under 32 connections can take seconds; wrk's 2 s default would drop those
# from the latency figures and count them as timeouts.
WRK_TIMEOUT = "30s"


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx_3xx: int = 0
    socket_errors: int = 0
    # Counts the POST script prints: responses with the expected status, and the rest.
    expected: int | None = None
    unexpected: int | None = None
    # The page cache's X-Cache header on a request right after the run (HIT, MISS, or "").
    x_cache: str = ""
    # User plus system CPU time of every server process during the run, per request.
    cpu_ms: float | None = None
    # The status every answer should have: a row of 404s counts only other answers as errors.
    status_expected: int = 200


def latency_ms(text: str) -> float:
    """A wrk latency such as "12.34ms" or "1.02s" in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if match is None:
        raise ValueError(f"Not a wrk latency: {text!r}")
    return float(match[1]) * LATENCY_UNITS_MS[match[2]]


def wrk_output_parse(output: str) -> WrkResult:
    """The figures of one `wrk --latency` run; ValueError if the output has none."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    p50 = re.search(r"^\s+50(?:\.000)?%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99(?:\.000)?%\s+(\S+)", output, re.M)
    total = re.search(r"^\s+(\d+) requests in", output, re.M)
    if not (rate and p50 and p99 and total):
        raise ValueError(f"wrk printed no latency report:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    expected = re.search(r"^kabar-expected:\s+(\d+)", output, re.M)
    unexpected = re.search(r"^kabar-unexpected:\s+(\d+)", output, re.M)
    return WrkResult(
        requests_per_second=float(rate[1]),
        p50_ms=latency_ms(p50[1]),
        p99_ms=latency_ms(p99[1]),
        requests=int(total[1]),
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
        expected=int(expected[1]) if expected else None,
        unexpected=int(unexpected[1]) if unexpected else None,
    )


def wrk_command(
    url: str, *, duration: float, connections: int, threads: int = 2, script: Path | None = None
) -> list[str]:
    """The wrk command line for one measurement."""
    threads = max(1, min(threads, connections))
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration:g}s", "--latency"]
    command += ["--timeout", WRK_TIMEOUT]
    if script is not None:
        command += ["-s", str(script)]
    return [*command, url]


def wrk_run(
    url: str, *, duration: float, connections: int, script: Path | None = None
) -> WrkResult:
    """Load `url` for `duration` seconds and return what wrk measured."""
    command = wrk_command(url, duration=duration, connections=connections, script=script)
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 120, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return wrk_output_parse(done.stdout)


def lua_string(value: str) -> str:
    """`value` as a Lua string literal."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def answers_counted(expected_status: int) -> str:
    """The Lua that counts the answers with `expected_status` per thread and prints the totals
    (kabar-expected / kabar-unexpected) once wrk is done; each thread sets expected and
    unexpected to 0 in init() and setup() keeps the threads."""
    return f"""function response(status, headers, body)
  if status == {expected_status} then
    expected = expected + 1
  else
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("expected")
    bad = bad + thread:get("unexpected")
  end
  io.write(string.format("kabar-expected: %d\\nkabar-unexpected: %d\\n", ok, bad))
end
"""


def comment_post_script(
    *, form: dict[str, str], headers: dict[str, str], nonce: str, expected_status: int
) -> str:
    """A wrk Lua script posting a different comment on every request, as comments.js does.

    The site refuses a second identical comment from one address, so each body is made
    unique from the run's nonce, the thread and a counter. The script counts the answers
    with `expected_status` and prints the totals after the run.
    """
    fields = urllib.parse.urlencode(form)
    header_lines = "\n".join(
        f"wrk.headers[{lua_string(name)}] = {lua_string(value)}" for name, value in headers.items()
    )
    return f"""-- Generated by tools.bench: one accepted comment per request.
wrk.method = "POST"
{header_lines}
local fields = {lua_string(fields)}
local nonce = {lua_string(nonce)}
local threads = {{}}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  counter = 0
  expected = 0
  unexpected = 0
end

function request()
  counter = counter + 1
  local body = string.format("Komentar pembaca %s-%d-%d tentang berita ini.", nonce, id, counter)
  return wrk.format(nil, nil, nil, fields .. "&body=" .. body:gsub(" ", "+"))
end

{answers_counted(expected_status)}"""


def beacon_script(*, user_agent: str, expected_status: int = 204) -> str:
    """A wrk Lua script sending the article page's view beacon (an empty POST), as a browser's
    `navigator.sendBeacon` does, counting the answers with `expected_status`."""
    return f"""-- Generated by tools.bench: one counted view per request.
wrk.method = "POST"
wrk.headers["User-Agent"] = {lua_string(user_agent)}
local threads = {{}}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  expected = 0
  unexpected = 0
end

{answers_counted(expected_status)}"""


def script_write(text: str, *, directory: Path) -> Path:
    """Save a wrk script in `directory` and return its path."""
    with tempfile.NamedTemporaryFile(
        "w", suffix=".lua", dir=directory, delete=False, encoding="utf-8"
    ) as file:
        file.write(text)
    return Path(file.name)
