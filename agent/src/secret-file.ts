/**
 * Private key files, written and read with care: a key is never visible half-written or with
 * loose permissions, and a key file someone else could have written or read is refused.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Writes `data` to a temp file beside `path` (created 0600, O_EXCL), fsyncs it and moves it in
 * place in one step. `overwrite: false` links instead of renaming, so an existing file (another
 * keygen's key) is never replaced: that fails with EEXIST.
 */
export function writeSecretFile(path: string, data: string, opts: { overwrite: boolean }): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(tmp, "wx", 0o600);
  try {
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (opts.overwrite) renameSync(tmp, path);
    else linkSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  // The new directory entry survives a crash too.
  const dirFd = openSync(dir, "r");
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/**
 * Reads a key file after checking, on the opened file itself, that it is a regular file owned by
 * root or by the user running this process, with no group or other access.
 */
export function readSecretFile(path: string, what = "key"): string {
  const fd = openSync(path, "r");
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`${path}: not a regular file`);
    const me = process.getuid?.() ?? 0;
    if (st.uid !== 0 && st.uid !== me) {
      throw new Error(`${path}: owned by uid ${st.uid}, not root or this user (uid ${me}): someone else could have replaced the ${what}; chown it`);
    }
    const mode = st.mode & 0o777;
    if (mode & 0o077) {
      throw new Error(`${path}: mode ${mode.toString(8).padStart(4, "0")} gives group or others access to the ${what}; chmod 600 ${path}`);
    }
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}
