import { describe, expect, it } from 'vitest';
import { MASKED_EMAIL, MASKED_PHONE, maskContactDetails } from './mask';

const P = MASKED_PHONE;
const E = MASKED_EMAIL;

describe('maskContactDetails', () => {
  it.each([
    ['Gọi tôi 0912345678 nhé', `Gọi tôi ${P} nhé`],
    ['SĐT: 0912 345 678.', `SĐT: ${P}.`],
    ['sdt 0912.345.678', `sdt ${P}`],
    ['0912-345-678 hoặc 0987654321', `${P} hoặc ${P}`],
    ['+84 912 345 678', P],
    ['+84912345678', P],
    ['84912345678', P],
    ['(024) 3825 1234 giờ hành chính', `${P} giờ hành chính`],
    ['024.3825.1234', P],
    ['CCCD 001090012345 bị giữ', `CCCD ${P} bị giữ`],
    ['email: nguyen.van.a@gmail.com, cảm ơn', `email: ${E}, cảm ơn`],
    ['thư tới a_b+c@so-noi-vu.ninhbinh.gov.vn.', `thư tới ${E}.`],
    ['Liên hệ 0912345678 hoặc x@y.vn', `Liên hệ ${P} hoặc ${E}`],
  ])('%j → masked', (input, want) => expect(maskContactDetails(input)).toBe(want));

  it.each([
    'Lệ phí 1.500.000 đồng là quá cao',
    'Phải trả 15.000.000.000 đồng',
    'Hẹn ngày 12/11/2025, quầy 3, chờ 45 phút',
    'Mã hồ sơ 000.00.21.H42-251205-0001',
    'Số 091234567 thiếu một chữ số',
    'Năm 2025 có 34 tỉnh',
    'Cán bộ rất nhiệt tình @quầy 2',
    '',
  ])('%j stays', (input) => expect(maskContactDetails(input)).toBe(input));

  it('is idempotent', () => {
    const once = maskContactDetails('0912345678 và a@b.vn');
    expect(maskContactDetails(once)).toBe(once);
  });
});
