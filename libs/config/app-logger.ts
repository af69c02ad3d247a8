import { AppLog, createAppLog, prettyWanted } from '../logging/app-log';
import { NestAppLogger } from '../logging/nest-logger';

interface Stream {
  isTTY?: boolean;
}

/** A process's log: the pino log for structured lines and the same log as Nest's logger. */
export interface ProcessLog {
  log: AppLog;
  nest: NestAppLogger;
}

/**
 * The log of one process (api, worker, ops, seed) at a LOG_LEVEL: JSON lines for files, pipes and
 * log collectors; pretty lines only on a developer's terminal (both streams a TTY, NO_COLOR unset,
 * not production).
 */
export function createProcessLog(
  service: string,
  level: string,
  env: NodeJS.ProcessEnv = process.env,
  streams: { stdout: Stream; stderr: Stream } = process,
): ProcessLog {
  const log = createAppLog({ service, level, pretty: prettyWanted(env, streams) });
  return { log, nest: new NestAppLogger(log) };
}
