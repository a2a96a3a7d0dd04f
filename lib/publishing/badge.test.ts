import { describe, expect, it } from 'vitest';
import { badgeSvg, clip, escapeXml } from './badge';
import { quarterPeriod, type PublishedFigure } from './publication';

const figure: PublishedFigure = { unitId: 2, name: 'Trung tâm <Phục vụ> & "Hành chính"', code: 'TTHC22', respondents: 1234, satisfied: 1100, lowX10000: 8700, highX10000: 9100, rank: 3, totalX100: null, finalClass: null };

describe('badge', () => {
  it('shows the published rate, the period and n, with everything escaped', () => {
    const svg = badgeSvg({ figure, period: quarterPeriod(2026, 3) });
    expect(svg).toContain('89,1 %');
    expect(svg).toContain('Tỷ lệ hài lòng · Quý III/2026');
    expect(svg).toContain('n = 1.234');
    expect(svg).toContain('<title>Trung tâm &lt;Phục vụ&gt; &amp; &quot;Hành chính&quot; — Tỷ lệ hài lòng · Quý III/2026: 89,1 % (n = 1.234)</title>');
    expect(svg).not.toMatch(/<Phục|"Hành/);
  });

  it('in English', () => expect(badgeSvg({ figure, period: quarterPeriod(2026, 3), lang: 'en' })).toContain('Satisfaction · Q3 2026'));

  it('under the minimum sample says so instead of a rate', () => {
    const svg = badgeSvg({ figure: { ...figure, respondents: 12, satisfied: 12, lowX10000: null, highX10000: null }, period: quarterPeriod(2026, 3) });
    expect(svg).toContain('Chưa đủ dữ liệu');
    expect(svg).not.toContain('100,0 %');
  });

  it.each([
    ['ngắn', 10, 'ngắn'],
    ['Trung tâm Phục vụ hành chính công', 10, 'Trung tâm…'],
    ['Ủy ban nhân dân', 15, 'Ủy ban nhân dân'],
  ])('clip(%j, %d) → %j', (text, max, want) => expect(clip(text, max)).toBe(want));

  it('escapes XML', () => expect(escapeXml(`<a href='x'>&</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;'));
});
