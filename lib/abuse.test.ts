import { describe, expect, it } from 'vitest';
import { decideAbuse, DEFAULT_ABUSE_RULES as R, type AbuseCounts } from './abuse';

const c = (device: [number, number] | null, network: [number, number] | null): AbuseCounts => ({
  device: device && { total: device[0], sameTarget: device[1] },
  network: network && { total: network[0], sameTarget: network[1] },
});

describe('decideAbuse', () => {
  it.each([
    ['first rating from a device', c([0, 0], [0, 0]), { action: 'accept', flags: [] }],
    ['no device cookie, quiet network', c(null, [3, 1]), { action: 'accept', flags: [] }],
    ['no signals at all', c(null, null), { action: 'accept', flags: [] }],
    ['device rated another office', c([1, 0], [1, 0]), { action: 'accept', flags: [] }],
    ['device rated the same office again', c([1, 1], [1, 1]), { action: 'accept', flags: ['device_repeat'] }],
    ['device one under its limit', c([R.deviceLimit - 1, 0], [0, 0]), { action: 'accept', flags: [] }],
    ['device at its limit', c([R.deviceLimit, 0], [0, 0]), { action: 'reject', reason: 'device_limit' }],
    ['network one under the burst', c(null, [R.networkBurst - 1, R.networkBurst - 1]), { action: 'accept', flags: [] }],
    ['network at the burst for one office', c(null, [R.networkBurst, R.networkBurst]), { action: 'accept', flags: ['network_burst'] }],
    ['network busy across offices only', c(null, [R.networkLimit - 1, 2]), { action: 'accept', flags: [] }],
    ['network at its limit', c(null, [R.networkLimit, 0]), { action: 'reject', reason: 'network_limit' }],
    ['device limit wins over network limit', c([R.deviceLimit, 0], [R.networkLimit, 0]), { action: 'reject', reason: 'device_limit' }],
    ['both flags', c([2, 1], [R.networkBurst + 5, R.networkBurst + 5]), { action: 'accept', flags: ['device_repeat', 'network_burst'] }],
  ])('%s', (_name, counts, want) => {
    expect(decideAbuse(counts)).toEqual(want);
  });

  it('uses the rules it is given', () => {
    expect(decideAbuse(c([1, 0], null), { ...R, deviceLimit: 1 })).toEqual({ action: 'reject', reason: 'device_limit' });
  });
});
