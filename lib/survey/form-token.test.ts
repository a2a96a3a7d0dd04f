import { describe, expect, it } from 'vitest';
import { FORM_TOKEN_TTL_MS, readDeviceCookie, signDeviceCookie, signFormToken, verifyFormToken } from './form-token';

const KEY = 'k'.repeat(32);
const ID = '0b6f7c1e-8a54-4c2e-9d3f-1a2b3c4d5e6f';
const DEV = 'a'.repeat(32);
const OTHER_DEV = 'b'.repeat(32);
const NOW = Date.parse('2026-12-04T02:00:00Z');
const expiresAt = NOW + FORM_TOKEN_TTL_MS;

const bound = signFormToken({ id: ID, expiresAt, deviceId: DEV }, KEY);
const unbound = signFormToken({ id: ID, expiresAt, deviceId: null }, KEY);

describe('verifyFormToken', () => {
  it.each<[string, { id?: string; token?: string; deviceId: string | null; now?: number; key?: string }, unknown]>([
    ['the form as served, from its device', { id: ID, token: bound, deviceId: DEV }, { ok: true }],
    ['a slow citizen, a second before a day is up', { id: ID, token: bound, deviceId: DEV, now: expiresAt - 1000 }, { ok: true }],
    ['a day later', { id: ID, token: bound, deviceId: DEV, now: expiresAt }, { ok: false, reason: 'expired' }],
    ['from another device', { id: ID, token: bound, deviceId: OTHER_DEV }, { ok: false, reason: 'forged' }],
    ['a device-bound form posted without the cookie', { id: ID, token: bound, deviceId: null }, { ok: false, reason: 'forged' }],
    ['a form served without a cookie, posted without one (cookies off)', { id: ID, token: unbound, deviceId: null }, { ok: true }],
    ['a form served without a cookie, posted with the cookie set meanwhile', { id: ID, token: unbound, deviceId: DEV }, { ok: true }],
    ['a made-up id with a real token', { id: '11111111-2222-4333-8444-555555555555', token: bound, deviceId: DEV }, { ok: false, reason: 'forged' }],
    ['a longer expiry with the old MAC', { id: ID, token: bound.replace(/^[^.]+/, (expiresAt + 1e9).toString(36)), deviceId: DEV }, { ok: false, reason: 'forged' }],
    ['signed with another key', { id: ID, token: bound, deviceId: DEV, key: 'x'.repeat(32) }, { ok: false, reason: 'forged' }],
    ['garbage', { id: ID, token: 'abc', deviceId: DEV }, { ok: false, reason: 'forged' }],
    ['no token (an old form)', { id: ID, deviceId: DEV }, { ok: false, reason: 'missing' }],
    ['no id', { token: bound, deviceId: DEV }, { ok: false, reason: 'missing' }],
  ])('%s', (_, p, want) => {
    expect(verifyFormToken({ id: p.id, token: p.token, deviceId: p.deviceId }, p.key ?? KEY, p.now ?? NOW)).toEqual(want);
  });
});

describe('device cookie', () => {
  const cookie = signDeviceCookie(DEV, KEY);
  it.each<[string, string | undefined, string | null]>([
    ['one we issued', cookie, DEV],
    ['absent', undefined, null],
    ['an old unsigned id', DEV, null],
    ['a made-up id with a copied MAC', `${OTHER_DEV}.${cookie.split('.')[1]}`, null],
    ['signed with another key', signDeviceCookie(DEV, 'x'.repeat(32)), null],
    ['garbage', 'zzz.yyy', null],
  ])('%s → %s', (_, value, want) => {
    expect(readDeviceCookie(value, KEY)).toBe(want);
  });
});
