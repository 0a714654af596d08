import { isProcessRunning, processStat } from '../libs/platform/src/bootstrap/parent-watch';

const POLL_MS = 1_000;

/**
 * The processes this one descends from within its session (a terminal's, or
 * the one `setsid` made), nearest first; none when it leads its own session,
 * as it was then detached on purpose. Undefined where /proc is missing.
 */
function launchersInSession(): number[] | undefined {
  const own = processStat(process.pid);
  if (own === undefined) return undefined;
  const chain: number[] = [];
  for (let pid = own.parent; pid > 1 && own.session !== process.pid;) {
    const stat = processStat(pid);
    if (stat === undefined || stat.session !== own.session || chain.includes(pid)) break;
    chain.push(pid);
    if (pid === own.session) break;
    pid = stat.parent;
  }
  return chain;
}

/**
 * Calls `onGone` once a process that launched this one is gone, i.e. has left
 * it behind. The parent alone would not tell: `npm start` runs us through a
 * shell, which outlives a SIGKILLed npm. Nothing signals a SIGKILL, hence the
 * polling. Without /proc, only the parent is watched.
 */
export function onLauncherExit(onGone: () => void): void {
  const parent = process.ppid;
  const launchers = launchersInSession();
  const launchersRemain =
    launchers === undefined
      ? () => process.ppid === parent
      : () => launchers.every(isProcessRunning);
  const timer = setInterval(() => {
    if (launchersRemain()) return;
    clearInterval(timer);
    onGone();
  }, POLL_MS);
  timer.unref();
}
