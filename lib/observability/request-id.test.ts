import { describe, expect, it } from 'vitest';
import { REQUEST_ID_MAX, saneRequestId } from './request-id';

describe('saneRequestId', () => {
  it.each([
    ['nginx $request_id (32 hex)', '0f3c9a1b2c3d4e5f60718293a4b5c6d7', '0f3c9a1b2c3d4e5f60718293a4b5c6d7'],
    ['a UUID', '3b241101-e2bb-4255-8caf-4136c566a962', '3b241101-e2bb-4255-8caf-4136c566a962'],
    ['dots and colons', 'lb1:req.42', 'lb1:req.42'],
    ['the first of a repeated header', ['abc-1', 'abc-2'], 'abc-1'],
    ['exactly the longest', 'a'.repeat(REQUEST_ID_MAX), 'a'.repeat(REQUEST_ID_MAX)],
    ['one longer', 'a'.repeat(REQUEST_ID_MAX + 1), null],
    ['missing', undefined, null],
    ['empty', '', null],
    ['a space', 'abc def', null],
    ['a forged log line', 'abc\n{"level":"info"}', null],
    ['quotes', '"abc"', null],
    ['starts with a dash', '-abc', null],
    ['non-ASCII', 'mã-số', null],
  ] as const)('%s', (_name, raw, want) => expect(saneRequestId(raw as string | string[] | undefined)).toBe(want));
});
