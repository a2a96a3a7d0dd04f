import { describe, expect, it } from 'vitest';
import { bearerMatches } from './bearer';

const TOKEN = 'metrics-token-0123456789abcdef';

describe('bearerMatches', () => {
  it.each([
    ['the token', `Bearer ${TOKEN}`, true],
    ['the scheme in lower case', `bearer ${TOKEN}`, true],
    ['trailing spaces', `Bearer ${TOKEN}  `, true],
    ['no header', null, false],
    ['empty', '', false],
    ['another token', 'Bearer metrics-token-0123456789abcdeX', false],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`, false],
    ['the token without the scheme', TOKEN, false],
    ['Basic authentication', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`, false],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`, false],
  ])('%s', (_name, header, want) => expect(bearerMatches(header, TOKEN)).toBe(want));
});
