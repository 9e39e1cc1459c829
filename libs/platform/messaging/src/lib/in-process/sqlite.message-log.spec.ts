import { SqliteMessageLog } from './sqlite.message-log';

describe('SqliteMessageLog', () => {
  it.each([
    ['normal', 1],
    ['full', 2],
  ] as const)('keeps synchronous=%s for appends, around offset commits too', (synchronous, level) => {
    const log = new SqliteMessageLog(':memory:', { synchronous });
    expect(log.synchronousLevel()).toBe(level);
    log.append([{ topic: 't', partition: 0, key: 'k', value: Buffer.from('v'), headers: {} }]);
    log.commit('g', 't', 0, 1);
    expect(log.synchronousLevel()).toBe(level);
    log.close();
  });

  it('assigns consecutive offsets per partition, also within one transaction', () => {
    const log = new SqliteMessageLog(':memory:', { synchronous: 'normal' });
    const message = (partition: number) => ({
      topic: 't',
      partition,
      key: 'k',
      value: Buffer.from('v'),
      headers: { h: '1' },
    });
    log.append([message(0), message(1), message(0)]);
    log.append([message(0)]);
    expect(log.read('t', 0, 0, 10).map((stored) => stored.offset)).toEqual([0, 1, 2]);
    expect(log.read('t', 1, 0, 10).map((stored) => stored.offset)).toEqual([0]);
    expect(log.read('t', 0, 1, 1)).toMatchObject([{ offset: 1, headers: { h: '1' } }]);
    expect(log.endOffset('t', 0)).toBe(3);
    log.close();
  });
});
