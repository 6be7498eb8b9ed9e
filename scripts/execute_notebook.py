"""Runs notebooks headless with the tslab kernel and reports every cell's execute_reply status.

tslab reports TypeScript compile errors and runtime errors as stderr text, not as error outputs, and
then answers "abort" for every later cell. The reply status is the reliable signal, so this script
records it for each code cell and leaves the judging to the TypeScript runner.

Each notebook gets a fresh kernel. The next notebook's kernel starts while the current notebook runs,
so a series of notebooks waits for a kernel start-up once instead of once per notebook; a kernel runs
nothing before its notebook's first cell.

Usage: python execute_notebook.py [--timeout SECONDS] NOTEBOOK OUTPUT [NOTEBOOK OUTPUT ...]
Prints one JSON line on stdout per notebook, in order, as each one finishes:
  {"notebook": k, "cells": [{"index": i, "status": "ok|error|abort", "seconds": s}]}
A notebook the runner itself could not finish (its kernel did not start or died, a cell ran past the timeout)
still gets its line and its output file: the cell it stopped at has status "error" and a "runner" field with
the reason (the first code cell when the kernel failed before any cell began), and the next notebook runs in a
kernel of its own. A kernel that fails before the first cell began (it never answered, or died starting, as
kernels started side by side can) is replaced by a fresh one, once: nothing ran in it, so the notebook starts
over clean. The exit status is 0 unless the arguments are wrong.
Progress goes to stderr as JSON lines, one per event (k counts the notebooks from 0):
  {"event": "start", "notebook": k, "index": i, "position": p, "of": n}
  {"event": "done", "notebook": k, "index": i, "status": "ok|error|abort", "seconds": s}
  {"event": "retry", "notebook": k, "reason": "..."}
"""

import argparse
import asyncio
import json
import os
import sys
import time

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient


def emit(stream, value):
    print(json.dumps(value), file=stream, flush=True)


async def start_kernel(notebook):
    km = AsyncKernelManager(kernel_name="tslab")
    await km.start_kernel(cwd=os.path.dirname(os.path.abspath(notebook)))
    return km


async def stop_kernel(client, km):
    try:
        if client.kc is not None:
            client.kc.stop_channels()
        if await km.is_alive():
            await km.shutdown_kernel()
    finally:
        await km.cleanup_resources()


async def stop_spare(starting):
    km = await starting
    await km.shutdown_kernel(now=True)


async def execute(k, notebook, output, km, timeout, stopping, last_try):
    """Runs one notebook; returns the reason when its kernel failed before the first cell and a retry may follow."""
    nb = nbformat.read(notebook, as_version=4)
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    results = []
    started = {}

    def on_start(cell, cell_index):
        started[cell_index] = time.monotonic()
        position = code_cells.index(cell_index) + 1 if cell_index in code_cells else 0
        emit(sys.stderr, {"event": "start", "notebook": k, "index": cell_index, "position": position, "of": len(code_cells)})

    def on_executed(cell, cell_index, execute_reply):
        seconds = round(time.monotonic() - started.get(cell_index, time.monotonic()), 3)
        status = execute_reply["content"]["status"]
        results.append({"index": cell_index, "status": status, "seconds": seconds})
        emit(sys.stderr, {"event": "done", "notebook": k, "index": cell_index, "status": status, "seconds": seconds})

    client = NotebookClient(
        nb,
        km=km,
        kernel_name="tslab",
        timeout=timeout,
        # nbclient's 60 s by default: kernels started side by side on a busy machine can take longer to answer.
        startup_timeout=120,
        allow_errors=True,
        record_timing=False,
        on_cell_start=on_start,
        on_cell_executed=on_executed,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(notebook))}},
    )
    try:
        await client.async_execute()
    except Exception as error:  # any failure of the runner is reported on the cell it stopped at
        reason = f"{type(error).__name__}: {error}"
        if not started and not last_try:
            return reason
        stopped_at = next((i for i in reversed(list(started)) if all(r["index"] != i for r in results)), None)
        if not started:
            stopped_at, reason = first_code_cell(nb), f"the kernel failed before the first cell: {reason}"
        if stopped_at is not None:
            results.append({"index": stopped_at, "status": "error", "seconds": 0, "runner": reason})
    finally:
        # Stopped in the background: the next notebook's kernel is ready and need not wait for it.
        stopping.append(asyncio.ensure_future(stop_kernel(client, km)))
    nbformat.write(nb, output)
    emit(sys.stdout, {"notebook": k, "cells": results})
    return None


def first_code_cell(nb):
    return next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), 0)


def unstarted(k, notebook, output, error):
    """A notebook whose kernel did not start: written unexecuted, its first code cell marked with the reason."""
    nb = nbformat.read(notebook, as_version=4)
    nbformat.write(nb, output)
    emit(sys.stdout, {"notebook": k, "cells": [{"index": first_code_cell(nb), "status": "error", "seconds": 0, "runner": f"the kernel did not start: {type(error).__name__}: {error}"}]})


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("pairs", nargs="+", metavar="NOTEBOOK OUTPUT")
    args = parser.parse_args()
    if len(args.pairs) % 2:
        parser.error("give each NOTEBOOK with its OUTPUT")
    jobs = list(zip(args.pairs[::2], args.pairs[1::2]))

    stopping = []
    upcoming = asyncio.ensure_future(start_kernel(jobs[0][0]))
    try:
        for k, (notebook, output) in enumerate(jobs):
            starting, upcoming = upcoming, None
            for last_try in (False, True):
                try:
                    km = await starting
                except Exception as error:  # reported on the notebook's first cell
                    km = None
                    unstarted(k, notebook, output, error)
                # The next notebook's kernel starts once this one's first kernel is launched (or failed to be).
                if upcoming is None and k + 1 < len(jobs):
                    upcoming = asyncio.ensure_future(start_kernel(jobs[k + 1][0]))
                if km is None:
                    break
                reason = await execute(k, notebook, output, km, args.timeout, stopping, last_try)
                if reason is None:
                    break
                emit(sys.stderr, {"event": "retry", "notebook": k, "reason": reason})
                starting = asyncio.ensure_future(start_kernel(notebook))
    finally:
        # A failed run leaves the next notebook's kernel started: it is stopped with the others.
        if upcoming is not None:
            stopping.append(asyncio.ensure_future(stop_spare(upcoming)))
        await asyncio.gather(*stopping, return_exceptions=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
