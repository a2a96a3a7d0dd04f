import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_RULES as R, gateSignIn } from './throttle';

const NOW = 1_000_000_000;
const times = (n: number, start = NOW - 60_000) => Array.from({ length: n }, (_, i) => start + i * 1000);

describe('gateSignIn', () => {
  it.each([
    ['no failures', { account: [], network: [] }, { allowed: true }],
    ['one under the account limit', { account: times(R.accountFailures - 1), network: [] }, { allowed: true }],
    ['one under the network limit', { account: [], network: times(R.networkFailures - 1) }, { allowed: true }],
  ])('%s → allowed', (_n, failures, want) => expect(gateSignIn(failures, NOW)).toEqual(want));

  it('locks the account at its limit until the oldest counted failure leaves the window', () => {
    const f = times(R.accountFailures);
    expect(gateSignIn({ account: f, network: [] }, NOW)).toEqual({ allowed: false, reason: 'account', retryAfterMs: f[0]! + R.windowMs - NOW });
  });

  it('locks the network at its limit', () => {
    const gate = gateSignIn({ account: [], network: times(R.networkFailures) }, NOW);
    expect(gate).toMatchObject({ allowed: false, reason: 'network' });
  });

  it('counts only the latest failures that reach the limit', () => {
    const f = [NOW - R.windowMs + 10, ...times(R.accountFailures)];
    const gate = gateSignIn({ account: f, network: [] }, NOW);
    expect(gate).toEqual({ allowed: false, reason: 'account', retryAfterMs: f[1]! + R.windowMs - NOW });
  });

  it('the account lock is reported before the network lock', () => {
    expect(gateSignIn({ account: times(R.accountFailures), network: times(R.networkFailures) }, NOW)).toMatchObject({ reason: 'account' });
  });
});
