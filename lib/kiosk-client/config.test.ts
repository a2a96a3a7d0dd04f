import { describe, expect, it } from 'vitest';
import { hasFollowUp, parseKioskConfig } from './config';

const good = {
  kiosk: { id: 3, name: 'Kiosk sảnh', officeName: 'Trung tâm', counterName: null, idleSeconds: 10, cooldownMs: 4000 },
  question: { key: 'q2', text: { vi: 'Nhìn chung…', en: 'Overall…' }, short: { vi: 'Hài lòng?', en: 'Satisfied?' } },
  reasons: { key: 'q10', text: { vi: 'Lý do', en: 'Reasons' }, options: [{ value: 'cho_lau', label: { vi: 'Phải chờ lâu', en: 'Long wait' } }] },
  commentMaxLength: 200,
  serverTime: 1,
};

describe('parseKioskConfig', () => {
  it('accepts the protocol shape unchanged', () => {
    expect(parseKioskConfig(good)).toEqual(good);
  });

  it.each([
    ['null', null],
    ['no kiosk', { ...good, kiosk: undefined }],
    ['no question text', { ...good, question: { key: 'q2' } }],
    ['a string', 'config'],
  ])('refuses %s', (_name, raw) => {
    expect(parseKioskConfig(raw)).toBeNull();
  });

  it.each([
    ['missing timings take the defaults', { ...good, kiosk: { id: 3, officeName: 'T' } }, { idleSeconds: 30, cooldownMs: 4000, counterName: null, name: '' }],
    ['zero timings take the defaults', { ...good, kiosk: { ...good.kiosk, idleSeconds: 0, cooldownMs: -1 } }, { idleSeconds: 30, cooldownMs: 4000 }],
  ])('%s', (_name, raw, want) => {
    expect(parseKioskConfig(raw)?.kiosk).toMatchObject(want);
  });

  it.each([
    ['no reasons', { ...good, reasons: null }, null],
    ['reasons without usable options', { ...good, reasons: { ...good.reasons, options: [{ value: 1 }] } }, null],
  ])('%s → reasons %j', (_name, raw, want) => {
    expect(parseKioskConfig(raw)?.reasons).toEqual(want);
  });
});

describe('hasFollowUp', () => {
  it.each([
    [good, true],
    [{ ...good, reasons: null }, true],
    [{ ...good, reasons: null, commentMaxLength: 0 }, false],
  ])('%#', (raw, want) => {
    expect(hasFollowUp(parseKioskConfig(raw)!)).toBe(want);
  });
});
