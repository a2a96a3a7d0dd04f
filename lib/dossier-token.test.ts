import { describe, expect, it } from 'vitest';
import { DOSSIER_TOKEN_LENGTH, isGenuineDossierToken, makeDossierToken } from './dossier-token';

const key = 'k'.repeat(43);

describe('dossier link tokens', () => {
  it('are 27 URL-safe characters that verify with the key that made them', () => {
    const token = makeDossierToken(key);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).toHaveLength(DOSSIER_TOKEN_LENGTH);
    expect(DOSSIER_TOKEN_LENGTH).toBe(27);
    expect(isGenuineDossierToken(key, token)).toBe(true);
  });

  it('differ each time', () => {
    expect(makeDossierToken(key)).not.toBe(makeDossierToken(key));
  });

  it('refuse a token edited by hand, one made with another key, and wrong shapes', () => {
    const token = makeDossierToken(key, Buffer.alloc(12, 7));
    const edited = (token[3] === 'A' ? 'B' : 'A') + '';
    expect(isGenuineDossierToken(key, token.slice(0, 3) + edited + token.slice(4))).toBe(false);
    expect(isGenuineDossierToken('other'.repeat(9), token)).toBe(false);
    expect(isGenuineDossierToken(key, token.slice(1))).toBe(false);
    expect(isGenuineDossierToken(key, `${token}x`)).toBe(false);
    expect(isGenuineDossierToken(key, token.replace(/.$/, '.'))).toBe(false);
    expect(isGenuineDossierToken(key, '')).toBe(false);
  });
});
