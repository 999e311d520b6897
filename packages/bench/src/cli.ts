#!/usr/bin/env node
/** Entry of the `stkit-bench` binary. Ctrl-C aborts the running command cleanly; a second Ctrl-C exits at once. */
import { main } from './cli/main';

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One line; the stack only on request (STKIT_DEBUG=1).
    const detail = process.env.STKIT_DEBUG
      ? ((error as Error)?.stack ?? String(error))
      : ((error as Error)?.message ?? String(error)).split('\n')[0];
    process.stderr.write(`stkit-bench: internal error: ${detail} (please report it; STKIT_DEBUG=1 shows the stack)\n`);
    process.exitCode = 70;
  },
);
