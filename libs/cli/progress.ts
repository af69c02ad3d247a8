/** Where progress goes: a terminal gets one line rewritten in place, anything else a line now and then. */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** What is being done, e.g. "rebuild utilisation". */
  label: string;
  /** How many there are in all (null while unknown). */
  total: number | null;
  unit?: string;
  output: ProgressOutput;
  /** Between two lines when the output is not a terminal (log files, CI). */
  logEveryMs?: number;
  now?: () => number;
}

const TTY_REDRAW_MS = 200;

/**
 * Progress of long work (rebuilds, exports, verifications): done / total, rate and the time left,
 * for an operator watching or a log file read later.
 */
export class Progress {
  private readonly started: number;
  private lastShown = -Infinity;
  private done = 0;
  private finished = false;

  constructor(private readonly options: ProgressOptions) {
    this.started = this.now();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** How many are done so far (in all, not since the last call). */
  update(done: number): void {
    this.done = done;
    const now = this.now();
    const every = this.options.output.isTTY ? TTY_REDRAW_MS : (this.options.logEveryMs ?? 10_000);
    if (now - this.lastShown < every) return;
    this.lastShown = now;
    this.show(false);
  }

  /** The last line: everything done, with the time it took. */
  finish(done = this.done): void {
    if (this.finished) return;
    this.finished = true;
    this.done = done;
    this.show(true);
  }

  /** The line as shown, e.g. "rebuild utilisation: 45.000 / 102.357 events (44 %), 8.200 events/s, 7 s left". */
  line(final = false): string {
    const { label, total } = this.options;
    const unit = this.options.unit ?? 'events';
    const seconds = Math.max((this.now() - this.started) / 1000, 0.001);
    const rate = this.done / seconds;
    const count =
      total === null
        ? `${group(this.done)} ${unit}`
        : `${group(this.done)} / ${group(total)} ${unit} (${total === 0 ? 100 : Math.floor((this.done / total) * 100)} %)`;
    const speed = `${group(Math.round(rate))} ${unit}/s`;
    if (final) return `${label}: ${count}, ${speed}, done in ${duration(seconds)}`;
    const left = total === null || rate === 0 ? 'time left unknown' : `${duration(Math.max(total - this.done, 0) / rate)} left`;
    return `${label}: ${count}, ${speed}, ${left}`;
  }

  private show(final: boolean): void {
    const text = this.line(final);
    if (this.options.output.isTTY) this.options.output.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
    else this.options.output.write(`${text}\n`);
  }
}

/** 102357 → "102.357" (German grouping, as the operators read figures). */
function group(value: number): string {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
