"""Executes one notebook through Jupyter (nbclient) and the tslab kernel.

Usage: execute-notebook.py NOTEBOOK OUTPUT [--timeout S]

Writes the executed notebook to OUTPUT. On the first error it still writes what ran (OUTPUT, with
the failing cell's outputs) and prints the failing cell: its source head, its stderr (tslab reports
an uncaught error only there) and the error, then exits 1 -- so the report shows the first run's
error instead of a re-run's (issue 13). Exits 2 when the kernel dies or times out.
"""
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def failing_cell_report(nb):
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        bad = [o for o in cell.get("outputs", []) if o.get("output_type") == "error" or o.get("name") == "stderr"]
        if bad:
            lines = [f"--- cell {i} (execution count {cell.get('execution_count')}):"]
            lines += ["    " + l for l in cell.source.splitlines()[:6]]
            for o in bad:
                if o.get("output_type") == "error":
                    lines.append(f"error {o.get('ename')}: {o.get('evalue')}")
                    lines += o.get("traceback", [])[-10:]
                else:
                    lines.append("stderr:\n" + o.get("text", ""))
            return "\n".join(lines)
    return "(no cell output names the error)"


def main():
    src, dst = sys.argv[1], sys.argv[2]
    timeout = int(sys.argv[sys.argv.index("--timeout") + 1]) if "--timeout" in sys.argv else 1200
    nb = nbformat.read(src, as_version=4)
    # After a cell's reply, nbclient waits only iopub_timeout (default 4 s) for the rest of its
    # output and then drops it silently; under CPU load a cell's queued messages can take longer
    # (seen: 1660 of 2000 lines). Wait up to 120 s, and fail rather than lose output.
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="tslab",
        resources={"metadata": {"path": "."}},
        iopub_timeout=120,
        raise_on_iopub_timeout=True,
    )
    code = 0
    try:
        client.execute()
    except CellExecutionError as e:
        code = 1
        print(f"{src}: a cell failed\n{failing_cell_report(nb)}\n{str(e)[-2000:]}", file=sys.stderr)
    except (DeadKernelError, CellTimeoutError) as e:
        code = 2
        print(f"{src}: {type(e).__name__}: {e}\n{failing_cell_report(nb)}", file=sys.stderr)
    nbformat.write(nb, dst)
    sys.exit(code)


if __name__ == "__main__":
    main()
