import { describe, expect, it } from 'vitest';
import { decideClientAddress, networkKey, normalizeAddress } from './client-address';

describe('decideClientAddress', () => {
  it.each([
    ['no proxy: the socket, whatever the client wrote', { socket: '203.0.113.7', forwardedFor: '127.0.0.1' }, 0, '203.0.113.7'],
    ['no proxy, no header', { socket: '203.0.113.7', forwardedFor: null }, 0, '203.0.113.7'],
    ['no proxy, IPv4-mapped socket', { socket: '::ffff:203.0.113.7', forwardedFor: '10.0.0.1' }, 0, '203.0.113.7'],
    ['one proxy: the hop it appended', { socket: '127.0.0.1', forwardedFor: '1.1.1.1, 198.51.100.4' }, 1, '198.51.100.4'],
    ['one proxy, forged hops before the real one', { socket: '127.0.0.1', forwardedFor: '127.0.0.1,9.9.9.9 , 198.51.100.4' }, 1, '198.51.100.4'],
    ['two proxies: the second hop from the right', { socket: '10.0.0.2', forwardedFor: '9.9.9.9, 198.51.100.4, 10.0.0.1' }, 2, '198.51.100.4'],
    ['two proxies but one hop: did not pass both, the socket', { socket: '10.0.0.2', forwardedFor: '198.51.100.4' }, 2, '10.0.0.2'],
    ['one proxy, header missing: the socket', { socket: '127.0.0.1', forwardedFor: undefined }, 1, '127.0.0.1'],
    ['one proxy, a hop that is not an address: the socket', { socket: '127.0.0.1', forwardedFor: 'evil' }, 1, '127.0.0.1'],
    ['nothing known', { socket: null, forwardedFor: null }, 0, null],
  ])('%s', (_name, seen, trust, want) => expect(decideClientAddress(seen, trust)).toBe(want));
});

describe('normalizeAddress', () => {
  it.each([
    ['198.51.100.4', '198.51.100.4'],
    ['198.51.100.4:5000', '198.51.100.4'],
    ['[2001:db8::1]:443', '2001:0db8:0000:0000:0000:0000:0000:0001'],
    ['2001:DB8::1', '2001:0db8:0000:0000:0000:0000:0000:0001'],
    ['fe80::1%eth0', 'fe80:0000:0000:0000:0000:0000:0000:0001'],
    ['::1', '0000:0000:0000:0000:0000:0000:0000:0001'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['64:ff9b::192.0.2.33', '0064:ff9b:0000:0000:0000:0000:c000:0221'],
    ['not-an-ip', null],
    ['', null],
  ])('%s → %s', (raw, want) => expect(normalizeAddress(raw)).toBe(want));
});

describe('networkKey', () => {
  it('keeps an IPv4 address whole', () => expect(networkKey('198.51.100.4')).toBe('198.51.100.4'));
  it('groups IPv6 addresses of one /64', () => {
    expect(networkKey('2001:db8:1:2::1')).toBe(networkKey('2001:db8:1:2:ffff:ffff:ffff:fffe'));
    expect(networkKey('2001:db8:1:2::1')).toBe('2001:0db8:0001:0002::/64');
  });
  it('tells /64s apart', () => expect(networkKey('2001:db8:1:2::1')).not.toBe(networkKey('2001:db8:1:3::1')));
});
