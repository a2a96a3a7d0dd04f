import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { parsePosterSize, parseQrFileName, renderQrPng, renderQrSvg, shortSurveyUrl, surveyUrl } from './qr';

describe('surveyUrl', () => {
  it.each([
    ['https://hailong.example.vn', 'ABC234', 'https://hailong.example.vn/s/ABC234'],
    ['https://hailong.example.vn/', 'ABC234', 'https://hailong.example.vn/s/ABC234'],
    ['https://hailong.example.vn//', 'ABC234', 'https://hailong.example.vn/s/ABC234'],
    ['http://localhost:3000', 'XYZ789', 'http://localhost:3000/s/XYZ789'],
    ['https://example.vn/hai-long', 'XYZ789', 'https://example.vn/hai-long/s/XYZ789'],
  ])('%s + %s → %s', (base, code, want) => expect(surveyUrl(base, code)).toBe(want));
});

describe('shortSurveyUrl', () => {
  it.each([
    ['https://hailong.example.vn', 'ABC234', 'hailong.example.vn/s/ABC234'],
    ['http://www.hailong.example.vn', 'ABC234', 'hailong.example.vn/s/ABC234'],
    ['HTTPS://hailong.example.vn/', 'ABC234', 'hailong.example.vn/s/ABC234'],
    ['http://localhost:3000', 'XYZ789', 'localhost:3000/s/XYZ789'],
  ])('%s + %s → %s', (base, code, want) => expect(shortSurveyUrl(base, code)).toBe(want));
});

describe('parseQrFileName', () => {
  it.each([
    ['ABC234.svg', { code: 'ABC234', format: 'svg' }],
    ['abc234.png', { code: 'ABC234', format: 'png' }],
    ['ABC234.SVG', { code: 'ABC234', format: 'svg' }],
    [' abc234 .svg', { code: 'ABC234', format: 'svg' }],
    ['ABC234.jpg', null],
    ['ABC234', null],
    ['.svg', null],
    ['ABC234.svg.png', null],
    ['ABC0O1.svg', null], // 0 and O are outside the code alphabet
    ['AB.svg', null], // too short
    ['', null],
  ])('%j → %j', (file, want) => expect(parseQrFileName(file)).toEqual(want));
});

describe('parsePosterSize', () => {
  it.each([
    [undefined, 'a4'],
    ['a4', 'a4'],
    ['a5', 'a5'],
    ['A5', 'a5'],
    ['a3', 'a4'],
    ['', 'a4'],
    [['a5', 'a4'], 'a5'],
  ] as const)('%j → %s', (raw, want) => expect(parsePosterSize(raw as string | string[] | undefined)).toBe(want));
});

describe('rendering', () => {
  const url = 'https://hailong.example.vn/s/ABC234';

  it('makes an SVG', async () => {
    const svg = await renderQrSvg(url);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('makes a 1200 px PNG that decodes back to the survey address', async () => {
    const png = PNG.sync.read(await renderQrPng(url));
    expect(png.width).toBe(1200);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(url);
  });
});
