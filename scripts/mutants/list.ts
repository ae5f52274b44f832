/**
 * The breakages `npm run test:mutants` (./run.ts) applies, one at a time, to security- and
 * durability-critical code. Each must make at least one of its `tests` fail ("killed").
 *
 * To add one: append an entry (an object of the shape below). `find` is copied exactly from the source and must occur exactly
 * once in `file` (widen it with a neighbouring token if it does not); `replace` is the broken
 * version; `tests` are the test files that should catch it (keep them few: they run once per
 * mutant). If the code changes so that `find` no longer matches, the run fails with STALE:
 * update the entry to the new code, do not delete it. Run one entry with
 * `npm run test:mutants -- <id>` (a prefix such as `signature/` selects a group).
 *
 * Entries live in ./worker.ts (worker/ and schema/) and ./agent.ts (agent/); a new capability
 * may bring its own file, added to `mutants` below.
 */
import { agentMutants } from "./agent.ts";
import { workerMutants } from "./worker.ts";

export interface Mutant {
  /** Unique and stable: `<area>/<what-breaks>`. */
  id: string;
  /** What an attacker or a failure gets if this broke unnoticed. */
  why: string;
  /** Repository-relative source file. */
  file: string;
  /** Exact text, exactly once in `file`. */
  find: string;
  replace: string;
  /** Test files that must fail with the mutant in place. */
  tests: string[];
}

export const mutants: Mutant[] = [...workerMutants, ...agentMutants];
