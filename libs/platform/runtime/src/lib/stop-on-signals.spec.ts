import { createLogger } from '@ilinks/platform/observability';
import { type SignalledProcess, stopGracefullyOnSignals } from './stop-on-signals';

class FakeProcess implements SignalledProcess {
  readonly listeners = new Map<string, (() => void)[]>();
  readonly exits: number[] = [];

  on(signal: NodeJS.Signals, listener: () => void): this {
    this.listeners.set(signal, [...(this.listeners.get(signal) ?? []), listener]);
    return this;
  }

  exit(code: number): void {
    this.exits.push(code);
  }

  send(signal: NodeJS.Signals): void {
    for (const listener of this.listeners.get(signal) ?? []) listener();
  }
}

const logger = createLogger({ service: 'spec', level: 'silent' });
const settled = () => new Promise((done) => setImmediate(done));

describe('stopGracefullyOnSignals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops on %s, then exits 0', async (signal) => {
    const target = new FakeProcess();
    const stop = jest.fn(async () => undefined);
    stopGracefullyOnSignals(logger, stop, target);
    target.send(signal);
    await settled();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(target.exits).toEqual([0]);
  });

  it('does not exit before stopping has finished', async () => {
    const target = new FakeProcess();
    let finish: () => void = () => undefined;
    stopGracefullyOnSignals(logger, () => new Promise<void>((done) => (finish = done)), target);
    target.send('SIGTERM');
    await settled();
    expect(target.exits).toEqual([]);
    finish();
    await settled();
    expect(target.exits).toEqual([0]);
  });

  it('stops once however many signals arrive while draining', async () => {
    const target = new FakeProcess();
    const stop = jest.fn(async () => undefined);
    stopGracefullyOnSignals(logger, stop, target);
    target.send('SIGTERM');
    target.send('SIGTERM');
    target.send('SIGINT');
    await settled();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(target.exits).toEqual([0]);
  });

  it('exits 1 when stopping fails', async () => {
    const target = new FakeProcess();
    stopGracefullyOnSignals(logger, async () => Promise.reject(new Error('broker gone')), target);
    target.send('SIGTERM');
    await settled();
    expect(target.exits).toEqual([1]);
  });

  it('does nothing until a signal comes', () => {
    const target = new FakeProcess();
    const stop = jest.fn(async () => undefined);
    stopGracefullyOnSignals(logger, stop, target);
    expect(stop).not.toHaveBeenCalled();
    expect([...target.listeners.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
  });
});
