import { ConsoleLogger } from '@nestjs/common';
import { createAppLogger } from './app-logger';

/** Logs written to a file, a pipe or a log collector carry no ANSI escape codes. */
describe('app logger', () => {
  const ESC = '\x1b[';
  const pipe = { isTTY: false };
  const terminal = { isTTY: true };
  let written: string[];

  beforeEach(() => {
    written = [];
    const capture = (chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    };
    jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  });

  afterEach(() => jest.restoreAllMocks());

  const logAll = (logger: ConsoleLogger) => {
    logger.log('API listening', 'Bootstrap');
    logger.warn('projection behind', 'Worker');
    logger.error('failed', 'stack line', 'Worker');
  };

  it('writes no colour codes when the output is not a terminal', () => {
    logAll(createAppLogger(['log', 'warn', 'error'], {}, { stdout: pipe, stderr: pipe }));
    expect(written.join('')).toContain('API listening');
    expect(written.join('')).not.toContain(ESC);
  });

  it('writes none when only one of the streams is a terminal', () => {
    logAll(createAppLogger(['log', 'warn', 'error'], {}, { stdout: terminal, stderr: pipe }));
    logAll(createAppLogger(['log', 'warn', 'error'], {}, { stdout: pipe, stderr: terminal }));
    expect(written.join('')).not.toContain(ESC);
  });

  it('colours in a terminal unless NO_COLOR is set', () => {
    logAll(createAppLogger(['log', 'warn', 'error'], {}, { stdout: terminal, stderr: terminal }));
    expect(written.join('')).toContain(ESC);
    written = [];
    logAll(createAppLogger(['log', 'warn', 'error'], { NO_COLOR: '1' }, { stdout: terminal, stderr: terminal }));
    expect(written.join('')).not.toContain(ESC);
  });

  it("is needed: Nest's default logger colours into a pipe as well", () => {
    const previous = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
    try {
      logAll(new ConsoleLogger({ logLevels: ['log', 'warn', 'error'] }));
    } finally {
      if (previous !== undefined) process.env.NO_COLOR = previous;
    }
    expect(written.join('')).toContain(ESC);
  });
});
