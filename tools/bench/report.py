"""The benchmark's report: the machine it ran on and Markdown tables of the measurements."""

import datetime
import os
import platform
import re
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .load import WrkResult
from .server import PROCESS_ROLES, nginx_binary


@dataclass
class Row:
    """One measured request: what was loaded, with or without the page cache, and the result."""

    name: str
    mode: str
    result: WrkResult
    # nginx serving this page's own bytes (its ÷ nginx); without it, the report's baseline.
    baseline: WrkResult | None = None


@dataclass
class Report:
    machine: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    baseline: WrkResult | None = None
    # nginx serving other pages' saved bytes, by the page's label.
    page_baselines: dict[str, WrkResult] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    # (server run, its MemorySampler or anything with the same peak_* attributes)
    memory: list[tuple[str, object]] = field(default_factory=list)
    comments: dict[str, int] = field(default_factory=dict)
    workers: list[dict] = field(default_factory=list)
    flatness: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def command_version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
    except OSError:
        return "not installed"
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else ""


def nginx_path() -> str:
    try:
        return nginx_binary()
    except RuntimeError:
        return "nginx"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine skews the numbers."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def machine_describe() -> dict[str, str]:
    """Cores, memory, CPU, kernel and the versions of what the numbers depend on."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        if found := re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M):
            cpu = found[1].strip()
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        if found := re.search(r"^MemTotal:\s+(\d+) kB", meminfo.read_text(), re.M):
            memory = f"{int(found[1]) / 1024 / 1024:.1f} GiB"
    return {
        "Date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "Memory": memory,
        "Kernel": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "wrk": command_version(["wrk", "--version"]).split(" [")[0],
        "nginx": command_version([nginx_path(), "-v"]).replace("nginx version: ", ""),
        "Load average at start": load_average(),
    }


def markdown_table(header: list[str], rows: list[list[str]], align: str = "") -> str:
    """A Markdown table; `align` has one letter per column, "l" or "r" (default right)."""
    align = align or "l" + "r" * (len(header) - 1)
    rule = ["---" if a == "l" else "--:" for a in align]
    lines = [header, rule, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def ratio(result: WrkResult, baseline: WrkResult | None) -> str:
    if baseline is None or not baseline.requests_per_second:
        return "–"
    # Five decimals: an uncached page may be a ten-thousandth of nginx.
    return f"{result.requests_per_second / baseline.requests_per_second:.5f}"


def result_cells(result: WrkResult) -> list[str]:
    if not result.requests:
        # Nothing finished within the run: wrk's latency figures are then zeros, not data.
        return ["0", "–", "–"]
    return [f"{result.requests_per_second:,.1f}", f"{result.p50_ms:.1f}", f"{result.p99_ms:.1f}"]


def errors_cell(result: WrkResult) -> str:
    if result.status_expected >= 400:
        # Every answer is a 404 on purpose: only sockets failing count.
        return f"{result.socket_errors:,}"
    failed = result.non_2xx_3xx + result.socket_errors
    if result.unexpected is not None:
        failed = max(failed, result.unexpected)
    return f"{failed:,}"


def cpu_cell(result: WrkResult) -> str:
    return "–" if result.cpu_ms is None else f"{result.cpu_ms:.2f}"


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MiB"


def part_pss(memory, role: str) -> str:
    """A part's peak PSS, or "–" when no process had that part's role."""
    return mib(memory.peak_pss_roles[role]) if role in memory.peak_pss_roles else "–"


def requests_table(report: Report) -> str:
    rows = []
    if report.baseline is not None:
        rows.append(
            ["nginx: the saved hot article (baseline)", "–", *result_cells(report.baseline)]
            + [cpu_cell(report.baseline), "1", errors_cell(report.baseline), "–"]
        )
    for label, baseline in report.page_baselines.items():
        rows.append(
            [f"nginx: the saved {label}", "–", *result_cells(baseline), cpu_cell(baseline)]
            + [ratio(baseline, report.baseline), errors_cell(baseline), "–"]
        )
    for row in report.rows:
        rows.append(
            [row.name, row.mode, *result_cells(row.result), cpu_cell(row.result)]
            + [ratio(row.result, row.baseline or report.baseline), errors_cell(row.result)]
            + [row.result.x_cache or "–"]
        )
    header = ["Request", "Page cache", "req/s", "p50 ms", "p99 ms", "CPU-ms/req", "÷ nginx"]
    return markdown_table(header + ["errors", "X-Cache after"], rows, align="llrrrrrrl")


def workers_table(report: Report) -> str:
    rows = [
        [
            f"{w['workers']} × {w['threads']}",
            *result_cells(w["home"]),
            *result_cells(w["article"]),
            mib(w["peak"]),
        ]
        for w in report.workers
    ]
    header = [
        "processes × threads",
        "home, uncached req/s",
        "p50 ms",
        "p99 ms",
        "hot article, cached req/s",
        "p50 ms",
        "p99 ms",
        "peak RSS",
    ]
    return markdown_table(header, rows)


def flatness_table(report: Report) -> str:
    rows = []
    for size in report.flatness:
        cells = [f"{size['articles']:,}"]
        for name in ("article", "home", "section"):
            cells += result_cells(size[name])[:2]
        rows.append(cells)
    header = ["articles", "hot article req/s", "p50 ms", "home req/s", "p50 ms"]
    return markdown_table(header + ["section req/s", "p50 ms"], rows)


def report_markdown(report: Report) -> str:
    """The whole report as Markdown."""
    parts = ["## Machine", markdown_table(["", ""], [[k, v] for k, v in report.machine.items()])]
    parts += ["## Settings", markdown_table(["", ""], [[k, v] for k, v in report.settings.items()])]
    parts += ["## Requests", requests_table(report)]
    if report.comments:
        parts += [
            "## Comment POSTs",
            markdown_table(
                ["", "count"], [[k, f"{v:,}"] for k, v in report.comments.items()], align="lr"
            ),
        ]
    if report.memory:
        parts += [
            "## Server memory",
            markdown_table(
                ["server run", "web server, peak RSS", "web server, peak PSS"]
                + ["whole stack, peak RSS", "whole stack, peak PSS"]
                + ["start (`serve` preparing), peak RSS", "start, peak PSS"],
                [
                    [name, mib(m.peak_gunicorn), mib(m.peak_pss_gunicorn)]
                    + [mib(m.peak_all), mib(m.peak_pss_all)]
                    + [mib(m.peak_start), mib(m.peak_pss_start)]
                    for name, m in report.memory
                ],
            ),
            "Peaks from the moment the site answers; the start's (before it answers: `manage.py "
            "serve` migrating and collecting static files with a whole Django, then replacing "
            "itself with the supervisor) are a one-off, apart.",
            "Peak PSS of each part of the stack (each part's own peak; they need not coincide; "
            "– : no process of its own, as the task worker in a thread of the only web worker):",
            markdown_table(
                ["server run", *PROCESS_ROLES],
                [
                    [name, *(part_pss(m, role) for role in PROCESS_ROLES)]
                    for name, m in report.memory
                ],
            ),
        ]
    if report.workers:
        parts += ["## Gunicorn processes", workers_table(report)]
    if report.flatness:
        parts += ["## Uncached figures by archive size", flatness_table(report)]
    if report.notes:
        parts += ["## Notes", "\n".join(f"- {note}" for note in report.notes)]
    return "\n\n".join(parts) + "\n"
