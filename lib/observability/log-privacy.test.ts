import { describe, expect, it } from 'vitest';
import { scrubLogText, scrubSerializedError } from './log-privacy';

describe('scrubLogText', () => {
  it.each([
    ['plain text is kept', 'kiosk batch failed: disk full', 'kiosk batch failed: disk full'],
    [
      "drizzle's failed statement and its parameters are cut",
      'Failed query: insert into "responses" ("comment") values (?)\nparams: Cán bộ rất tận tình,0912345678',
      'Failed query: [câu lệnh không ghi vào nhật ký]',
    ],
    ['text before the statement stays', 'storeRating: Failed query: select 1\nparams: x', 'storeRating: Failed query: [câu lệnh không ghi vào nhật ký]'],
    ['a phone number in a driver message is masked', 'Key (phone)=(0912 345 678) already exists.', 'Key (phone)=[số điện thoại đã ẩn]) already exists.'],
    ['an e-mail address is masked', 'cannot send to an.nguyen@example.vn', 'cannot send to [e-mail đã ẩn]'],
  ])('%s', (_name, text, want) => expect(scrubLogText(text)).toBe(want));
});

describe('scrubSerializedError', () => {
  it('drops statement-bearing properties and scrubs every string, the cause included', () => {
    const serialized = {
      type: 'DrizzleQueryError',
      message: 'Failed query: insert into responses values ($1)\nparams: Góp ý của tôi,0987654321',
      stack: 'DrizzleQueryError: Failed query: insert …\n    at x (y.js:1:1)',
      query: 'insert into responses values ($1)',
      params: ['Góp ý của tôi', '0987654321'],
      cause: { type: 'error', message: 'duplicate key value', detail: 'Key (client_id, phone)=(abc, 0987654321) already exists.', code: '23505' },
    };
    const out = JSON.stringify(scrubSerializedError(serialized));
    expect(out).not.toContain('0987654321');
    expect(out).not.toContain('Góp ý của tôi');
    expect(out).toContain('duplicate key value');
    expect(out).toContain('23505');
    expect(out).toContain('DrizzleQueryError');
  });
});

it('a stack keeps its frames after the statement is cut', () => {
  const stack = 'Error: Failed query: insert into x values (?)\nparams: 0912345678\n    at storeRating (server/ratings.ts:1:1)';
  expect(scrubLogText(stack)).toBe('Error: Failed query: [câu lệnh không ghi vào nhật ký]\n    at storeRating (server/ratings.ts:1:1)');
});
