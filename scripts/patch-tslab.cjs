#!/usr/bin/env node
// Serialises tslab's zeromq sends (run by scripts/setup.sh after npm ci; idempotent).
//
// Why: zeromq.js 6 allows one send in flight per socket. After 512 sends without returning to the
// event loop it delays the next one, and any send made while that one is pending throws EBUSY
// (zeromq.js issue #406; src/socket.cc, max_sync_operations). tslab 1.0.22 sends every stdout
// write and display update immediately (dist/jupyter.js, ZmqMessage.signAndSend) and ignores the
// result, so a cell that prints or updates a display many times before yielding loses its output
// from the 513th message on or dies with an empty `<Error>:` (issue 13; test/kernel.test.ts
// reproduces it). The patch queues a message while the socket is busy and sends the queue, in
// order, when the pending send completes; and it lifts the iopub high-water mark (below). Library loops also yield (fit, HNN training), which is
// what protects users whose kernel is not patched.
const { readFileSync, writeFileSync } = require("node:fs");
const path = require.resolve("tslab/dist/jupyter.js");
const marker = "/* neural-ode-lab: queued zeromq sends v3 */";
const original = path + ".orig";
// Patch the pristine file (kept beside it) so a newer patch replaces an older one.
if (!require("node:fs").existsSync(original)) writeFileSync(original, readFileSync(path, "utf8"));
const source = readFileSync(original, "utf8");
if (readFileSync(path, "utf8").includes(marker)) process.exit(0);
const target = "        sock.send(heads.concat(bodies));\n";
if (!source.includes(target)) {
  console.error(`patch-tslab: ${path} does not contain the expected signAndSend line; tslab changed, review the patch`);
  process.exit(1);
}
const helper = `${marker}
const nolSendState = new WeakMap(); // zeromq sockets are not extensible
function nolSendQueued(sock, frames) {
    let st = nolSendState.get(sock);
    if (st === undefined) nolSendState.set(sock, (st = { queue: [], waiting: false, last: null }));
    st.queue.push(frames);
    if (!st.waiting) nolPump(sock, st);
}
function nolPump(sock, st) {
    while (st.queue.length > 0) {
        try {
            st.last = sock.send(st.queue[0]);
            st.last.catch(() => { });
        }
        catch (e) {
            if (e && e.code === "EBUSY" && st.last) {
                st.waiting = true;
                const resume = () => { st.waiting = false; nolPump(sock, st); };
                st.last.then(resume, resume);
                return;
            }
            throw e;
        }
        st.queue.shift();
    }
}
`;
const iopub = "        this.iopub = new zmq.Publisher();\n";
if (!source.includes(iopub)) {
  console.error(`patch-tslab: ${path} does not create the iopub socket as expected; tslab changed, review the patch`);
  process.exit(1);
}
// A PUB socket drops messages beyond its high-water mark (1000 by default) when the client reads
// slower than a cell writes (seen: display updates lost under CPU load); 0 = no limit, no loss.
const patched = source
  .replace(iopub, "        this.iopub = new zmq.Publisher({ sendHighWaterMark: 0 });\n")
  .replace(target, "        nolSendQueued(sock, heads.concat(bodies));\n")
  .replace("class ExecutionCount {", helper + "class ExecutionCount {");
writeFileSync(path, patched);
console.log(`patch-tslab: queued zeromq sends in ${path}`);
