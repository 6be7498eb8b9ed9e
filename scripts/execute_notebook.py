"""Runs one notebook headless with the tslab kernel and reports every cell's execute_reply status.

tslab reports TypeScript compile errors and runtime errors as stderr text, not as error outputs, and
then answers "abort" for every later cell. The reply status is the reliable signal, so this script
records it for each code cell and leaves the judging to the TypeScript runner.

Usage: python execute_notebook.py NOTEBOOK OUTPUT [--timeout SECONDS]
Prints one JSON object on stdout: {"cells": [{"index": i, "status": "ok|error|abort", "seconds": s}]}.
Progress goes to stderr as JSON lines, one per event:
  {"event": "start", "index": i, "position": p, "of": n}
  {"event": "done", "index": i, "status": "ok|error|abort", "seconds": s}
"""

import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("output")
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    results = []
    started = {}

    def on_start(cell, cell_index):
        started[cell_index] = time.monotonic()
        position = code_cells.index(cell_index) + 1 if cell_index in code_cells else 0
        event = {"event": "start", "index": cell_index, "position": position, "of": len(code_cells)}
        print(json.dumps(event), file=sys.stderr, flush=True)

    def on_executed(cell, cell_index, execute_reply):
        seconds = round(time.monotonic() - started.get(cell_index, time.monotonic()), 3)
        status = execute_reply["content"]["status"]
        results.append({"index": cell_index, "status": status, "seconds": seconds})
        event = {"event": "done", "index": cell_index, "status": status, "seconds": seconds}
        print(json.dumps(event), file=sys.stderr, flush=True)

    client = NotebookClient(
        nb,
        kernel_name="tslab",
        timeout=args.timeout,
        allow_errors=True,
        record_timing=False,
        on_cell_start=on_start,
        on_cell_executed=on_executed,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}},
    )
    client.execute()
    nbformat.write(nb, args.output)
    json.dump({"cells": results}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
