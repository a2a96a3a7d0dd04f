import { describe, expect, it } from 'vitest';
import { matchOffice, queryWords, rankOffices, type OfficeCandidate } from './office-match';

const office = (name: string, parentName: string | null = null, more: Partial<OfficeCandidate> = {}): OfficeCandidate => ({
  code: name.slice(0, 6).toUpperCase(),
  name,
  aliases: [],
  parentName,
  parentAliases: [],
  ...more,
});

// A slice of the demo province (db/seed-data.ts): ward centres with the former names of their wards as aliases.
const CENTRE = 'Trung tâm Phục vụ hành chính công';
const PROVINCE = [
  office(`${CENTRE} phường Nam Định`, 'Phường Nam Định', { parentAliases: ['Thành phố Nam Định, tỉnh Nam Định'] }),
  office(`${CENTRE} phường Phủ Lý`, 'Phường Phủ Lý', { parentAliases: ['Thành phố Phủ Lý, tỉnh Hà Nam'] }),
  office(`${CENTRE} phường Duy Tiên`, 'Phường Duy Tiên', { parentAliases: ['Thị xã Duy Tiên, tỉnh Hà Nam'] }),
  office(`${CENTRE} phường Hoa Lư`, 'Phường Hoa Lư'),
  office(`${CENTRE} xã Gia Viễn`, 'Xã Gia Viễn'),
  office('Sở Nội vụ', 'Tỉnh Ninh Bình', { aliases: ['Sở Lao động – Thương binh và Xã hội'] }),
  office('Sở Tư pháp', 'Tỉnh Ninh Bình'),
];

const names = (query: string, candidates = PROVINCE, code: string | null = null) => rankOffices(query, candidates, code).map((o) => o.name);

describe('queryWords', () => {
  it.each([
    ['Hà Nam', ['ha', 'nam']],
    ['  ha   nam ha ', ['ha', 'nam']],
    ['Sở Tư pháp – Ninh Bình', ['so', 'tu', 'phap', 'ninh', 'binh']],
    ['a b c d e f g h i j', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']],
    ['%_', []],
  ])('%j → %j', (query, want) => expect(queryWords(query)).toEqual(want));
});

describe('matchOffice: the tier is the worst word', () => {
  const o = office('Trung tâm Phục vụ hành chính công phường Nam Định', 'Phường Nam Định');
  it.each([
    [['nam', 'dinh'], 'word'],
    [['nam', 'di'], 'prefix'],
    // "ha" starts "hành": a word prefix, never a whole word
    [['ha', 'nam'], 'prefix'],
    [['anh', 'nam'], 'inside'],
    [['nam', 'xyz'], null],
  ])('%j → %s', (words, tier) => expect(matchOffice(words, o)?.tier ?? null).toBe(tier));

  it('a code match is first whatever the words', () => expect(matchOffice(['tthc22'], o, true)).toMatchObject({ tier: 'word', score: 1000 }));
  it('no words match nothing', () => expect(matchOffice([], o)).toBeNull());
});

describe('rankOffices', () => {
  it.each([
    // "ha nam" used to match "hành" in every centre's name; the offices of the former Hà Nam province are what is meant.
    ['ha nam', [`${CENTRE} phường Phủ Lý`, `${CENTRE} phường Duy Tiên`]],
    ['Hà Nam', [`${CENTRE} phường Phủ Lý`, `${CENTRE} phường Duy Tiên`]],
    // whole words: the ward's own name before a former name that holds the word
    ['nam dinh', [`${CENTRE} phường Nam Định`]],
    // a former department name finds the department it merged into
    ['so lao dong', ['Sở Nội vụ']],
    ['thuong binh xa hoi', ['Sở Nội vụ']],
    // word prefixes when no word is whole
    ['gia vi', [`${CENTRE} xã Gia Viễn`]],
    ['tu ph', ['Sở Tư pháp']],
    // inside a word only when nothing matches by words
    ['uy tien', [`${CENTRE} phường Duy Tiên`]],
    ['xyz', []],
    ['', []],
  ])('%j → %j', (query, want) => expect(names(query)).toEqual(want));

  it('puts a whole-word match of the office name before one of its parent and its aliases', () => {
    const candidates = [
      office('Bộ phận Một cửa', 'Phường Hoa Lư', { parentAliases: ['Phường Tân Thành'] }),
      office('Điểm tiếp nhận Tân Thành', 'Xã Gia Viễn'),
      office('Bộ phận Một cửa', 'Phường Tân Thành'),
    ];
    expect(names('tan thanh', candidates)).toEqual(['Điểm tiếp nhận Tân Thành', 'Bộ phận Một cửa', 'Bộ phận Một cửa']);
    expect(rankOffices('tan thanh', candidates).map((o) => o.parentName)).toEqual(['Xã Gia Viễn', 'Phường Tân Thành', 'Phường Hoa Lư']);
  });

  it('puts names that start with the query first; equal scores keep the order given', () => {
    const candidates = [office('Bộ phận Sở Tư pháp'), office('Sở Tư pháp'), office('Sở Tài chính'), office('Sở Y tế')];
    expect(names('so', candidates)).toEqual(['Sở Tư pháp', 'Sở Tài chính', 'Sở Y tế', 'Bộ phận Sở Tư pháp']);
  });

  it('a code finds its office first, beside word matches', () => {
    const candidates = [office('Sở Tư pháp', null, { code: 'TPH234' }), office('Phòng TPH234', null, { code: 'XYZ234' })];
    expect(names('tph234', candidates, 'TPH234')).toEqual(['Sở Tư pháp', 'Phòng TPH234']);
  });

  it('tells which alias explained the match', () => {
    const [phuLy] = rankOffices('ha nam', PROVINCE);
    expect(phuLy?.matchedAlias).toBe('Thành phố Phủ Lý, tỉnh Hà Nam');
    expect(rankOffices('hoa lu', PROVINCE)[0]?.matchedAlias).toBeNull();
    expect(rankOffices('lao dong', PROVINCE)[0]?.matchedAlias).toBe('Sở Lao động – Thương binh và Xã hội');
  });
});
