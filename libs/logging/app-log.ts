import pino, { DestinationStream, Logger } from 'pino';

export type AppLog = Logger;

/** The LOG_LEVEL names of the configuration, as pino names them. */
const LEVELS: Record<string, pino.LevelWithSilent> = { error: 'error', warn: 'warn', info: 'info', debug: 'debug', silent: 'silent' };

/**
 * Fields that never reach a log line, wherever a caller puts them: credentials of the request and
 * of the database. Request bodies are never logged at all (see request-log.ts).
 */
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.authorization',
  'token',
  '*.token',
  'password',
  '*.password',
  'databaseUrl',
  '*.databaseUrl',
  'connectionString',
  '*.connectionString',
];

export interface LogOptions {
  /** LOG_LEVEL: error, warn, info, debug (or silent). */
  level: string;
  /** Which process writes: api, worker, ops. */
  service: string;
  /** Where the lines go; standard output by default. */
  destination?: DestinationStream;
  /** Human-readable lines for a developer's terminal instead of JSON. */
  pretty?: boolean;
}

/**
 * The processes' log: one JSON object per line (time in ISO 8601 UTC, level by name, the service),
 * which every log collector reads; on a developer's terminal the same lines pretty-printed.
 */
export function createAppLog(options: LogOptions): AppLog {
  const level = LEVELS[options.level] ?? 'info';
  const settings: pino.LoggerOptions = {
    level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (options.destination) return pino(settings, options.destination);
  if (options.pretty) {
    const pretty = prettyStream();
    if (pretty) return pino(settings, pretty);
  }
  return pino(settings, process.stdout);
}

/**
 * pino-pretty, where it is installed (a development dependency: production images write JSON),
 * writing through process.stdout like the JSON lines.
 */
function prettyStream(): DestinationStream | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (options: object) => DestinationStream;
    return pretty({ colorize: true, destination: process.stdout, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
  } catch {
    return undefined;
  }
}

/** Pretty lines only for a person at a terminal: both streams a TTY, NO_COLOR unset, not production. */
export function prettyWanted(env: NodeJS.ProcessEnv, streams: { stdout: { isTTY?: boolean }; stderr: { isTTY?: boolean } }): boolean {
  return !env.NO_COLOR && env.NODE_ENV !== 'production' && streams.stdout.isTTY === true && streams.stderr.isTTY === true;
}
