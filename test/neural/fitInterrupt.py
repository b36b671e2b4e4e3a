"""Interrupts a tslab kernel while `fit` trains (test/neural/fitInterrupt.test.ts).

Prints one JSON object: whether the kernel survived each interrupt, the iteration counts read
after the interrupt, what the interrupted cell printed, and the same for a plain async loop run
after fit (a SIGINT listener added during a cell's synchronous part, under vm's breakOnSigint,
leaves the kernel killed by the next interrupt).
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel

km, kc = start_new_kernel(kernel_name="tslab", cwd=sys.argv[1])


def drain(msg_id, seconds):
    """iopub messages of one execution for a while: (texts, idle seen)."""
    texts, idle, end = [], False, time.time() + seconds
    while time.time() < end:
        try:
            m = kc.get_iopub_msg(timeout=0.2)
        except Exception:
            continue
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        c = m["content"]
        if m["msg_type"] == "stream":
            texts.append(c["text"])
        elif m["msg_type"] in ("display_data", "update_display_data"):
            texts.append(str(c["data"].get("text/plain", "")))
        elif m["msg_type"] == "status" and c["execution_state"] == "idle":
            idle = True
    return texts, idle


def run(code, seconds=60):
    msg_id = kc.execute(code)
    end = time.time() + seconds
    texts = []
    while time.time() < end:
        t, idle = drain(msg_id, 0.5)
        texts += t
        if idle:
            return "".join(texts)
    return "".join(texts) + "<no idle>"


report = {}
try:
    run('import { ready } from "neural-ode-lab";\nawait ready();')
    run(
        'import * as tf from "@tensorflow/tfjs";\nimport { mlpField, fit } from "neural-ode-lab";\n'
        "const tt = Array.from({ length: 40 }, (_, i) => i * 0.1);\n"
        "const circle = { t: tt, y: tt.map((s) => [Math.cos(s), -Math.sin(s)]) };\n"
        "const field = mlpField({ dim: 2, hidden: [16], seed: 3 });\n"
        "(globalThis as any).last = 0;"
    )
    fit_id = kc.execute(
        "const result = await fit(field, { data: circle, iterations: 1000000, batch: { time: 6, size: 16 }, seed: 1,"
        ' optimizer: tf.train.adam(1e-2), onIteration: (r) => ((globalThis as any).last = r.iteration) });\n'
        'console.log("fit status " + result.status);'
    )
    before, _ = drain(fit_id, 2.5)
    km.interrupt_kernel()
    after, _ = drain(fit_id, 3)
    report["fitAlive"] = km.is_alive()
    report["fitOutput"] = before + after
    if report["fitAlive"]:
        report["lastAfter"] = run('console.log("" + (globalThis as any).last);', 20).strip()
        time.sleep(1)
        report["lastLater"] = run('console.log("" + (globalThis as any).last);', 20).strip()
        loop_id = kc.execute(
            "for (let i = 0; i < 100000; i++) { (globalThis as any).loop = i; await new Promise((r) => setTimeout(r, 10)); }"
        )
        drain(loop_id, 1)
        km.interrupt_kernel()
        drain(loop_id, 2)
        report["loopAlive"] = km.is_alive()
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(json.dumps(report))
