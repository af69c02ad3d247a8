import { ConsoleLogger, LogLevel } from '@nestjs/common';

interface Stream {
  isTTY?: boolean;
}

/**
 * The processes' logger. Nest's ConsoleLogger colours whenever NO_COLOR is unset, so files, pipes
 * and log collectors got ANSI escape codes; colours are for a terminal only, on both streams
 * (errors go to stderr).
 */
export function createAppLogger(
  logLevels: LogLevel[],
  env: NodeJS.ProcessEnv = process.env,
  streams: { stdout: Stream; stderr: Stream } = process,
): ConsoleLogger {
  return new ConsoleLogger({ logLevels, colors: colorsWanted(env, streams) });
}

export function colorsWanted(env: NodeJS.ProcessEnv, streams: { stdout: Stream; stderr: Stream }): boolean {
  return !env.NO_COLOR && streams.stdout.isTTY === true && streams.stderr.isTTY === true;
}
