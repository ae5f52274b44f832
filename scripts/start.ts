/**
 * `npm start` (first version): the Worker on local workerd with local D1, migrations applied,
 * in wrangler's default state dir — the one `idmef-admin init --local` writes to.
 */
import { join } from "node:path";
import { REPO_ROOT, startLocalWorker } from "./lib/local-worker.ts";

const port = Number(process.env.PORT ?? 8787);
const persistDir = join(REPO_ROOT, ".wrangler/state");

const worker = await startLocalWorker({ persistDir, port });
process.stdout.write(`idmef-edge Worker listening on ${worker.url} (local D1 in ${persistDir})

  liveness:     curl ${worker.url}/healthz
  API document: curl ${worker.url}/v1/openapi.json

First operator (once):  node agent/bin/idmef-admin.ts init --local --dir ~/.idmef-admin
Then, e.g.:             node agent/bin/idmef-admin.ts --server ${worker.url} --key ~/.idmef-admin/admin.key list

Ctrl-C stops it.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
