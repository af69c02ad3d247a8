import { createProcessLog } from './app-logger';

/** Logs written to a file, a pipe or a log collector are JSON lines without ANSI escape codes. */
describe('process log', () => {
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

  const logAll = (service: string, env: NodeJS.ProcessEnv, streams: { stdout: { isTTY: boolean }; stderr: { isTTY: boolean } }) => {
    const { nest } = createProcessLog(service, 'info', env, streams);
    nest.log('API listening', 'Bootstrap');
    nest.warn('projection behind', 'Worker');
    nest.error('failed', 'Error: failed\n    at stack line', 'Worker');
  };
  const lines = () =>
    written
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));

  it('writes one JSON object per line into a pipe: time, level by name, service, context, message', () => {
    logAll('api', {}, { stdout: pipe, stderr: pipe });
    expect(written.join('')).not.toContain(ESC);
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'info', service: 'api', context: 'Bootstrap', msg: 'API listening', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }),
      expect.objectContaining({ level: 'warn', context: 'Worker', msg: 'projection behind' }),
      expect.objectContaining({ level: 'error', context: 'Worker', msg: 'failed', stack: 'Error: failed\n    at stack line' }),
    ]);
  });

  it('writes JSON when only one of the streams is a terminal, with NO_COLOR, and in production', () => {
    logAll('worker', {}, { stdout: terminal, stderr: pipe });
    logAll('worker', {}, { stdout: pipe, stderr: terminal });
    logAll('worker', { NO_COLOR: '1' }, { stdout: terminal, stderr: terminal });
    logAll('worker', { NODE_ENV: 'production' }, { stdout: terminal, stderr: terminal });
    expect(written.join('')).not.toContain(ESC);
    expect(lines()).toHaveLength(12);
  });

  it('pretty-prints with colours for a person at a terminal', () => {
    logAll('api', {}, { stdout: terminal, stderr: terminal });
    const text = written.join('');
    expect(text).toContain(ESC);
    expect(text).toContain('API listening');
    expect(() => JSON.parse(text.split('\n')[0])).toThrow();
  });

  it('lets through only what the level allows', () => {
    const { nest } = createProcessLog('ops', 'warn', {}, { stdout: pipe, stderr: pipe });
    nest.log('routine', 'Ops');
    nest.warn('attention', 'Ops');
    expect(lines().map((l) => l.msg)).toEqual(['attention']);
  });
});
