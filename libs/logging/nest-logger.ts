import { LoggerService } from '@nestjs/common';
import { AppLog } from './app-log';
import { scrubSecrets } from './scrub-secrets';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger calls (Logger.log, .error, …) written as lines of the app log: the Nest context
 * ("Bootstrap", "Worker") as `context`, an error's stack as `stack`, every text scrubbed of secrets.
 */
export class NestAppLogger implements LoggerService {
  constructor(private readonly appLog: AppLog) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest, true);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest, true);
  }

  private write(level: Level, message: unknown, rest: unknown[], withStack = false): void {
    // Nest passes the context last; Logger.error(message, stack, context) the stack before it.
    const params = [...rest];
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    let text: string;
    if (message instanceof Error) {
      text = message.message;
      if (message.stack) fields.stack = scrubSecrets(message.stack);
    } else if (typeof message === 'string') {
      text = message;
    } else {
      text = JSON.stringify(message) ?? String(message);
    }
    const stack = withStack ? params.find((p) => typeof p === 'string') : undefined;
    if (typeof stack === 'string' && stack) fields.stack = scrubSecrets(stack);
    this.appLog[level](fields, scrubSecrets(text));
  }
}
