import { describe, expect, it } from 'vitest';
import { alertMail, digestMail, kioskOutageMail, reminderMail, reminderStep } from './messages';

describe('alertMail', () => {
  it('names the office, the count, the times in Vietnamese time and the link', () => {
    const m = alertMail({
      recipientName: 'Nguyễn Văn A',
      officeName: 'Trung tâm Phục vụ hành chính công tỉnh',
      lowCount: 3,
      startAt: new Date('2026-12-05T02:10:00Z'),
      endAt: new Date('2026-12-05T02:40:00Z'),
      ruleCount: 3,
      ruleWindowMinutes: 60,
      link: 'https://hailong.example.vn/canh-bao',
    });
    expect(m.subject).toBe('[Hài Lòng] Cảnh báo: 3 đánh giá thấp tại Trung tâm Phục vụ hành chính công tỉnh');
    expect(m.text).toContain('Kính gửi Ông/Bà Nguyễn Văn A,');
    expect(m.text).toContain('trong khoảng 05/12/2026 09:10 – 05/12/2026 09:40');
    expect(m.text).toContain('(3 đánh giá thấp trong 60 phút)');
    expect(m.text).toContain('https://hailong.example.vn/canh-bao');
  });
});

describe('digestMail', () => {
  const base = {
    recipientName: 'Trần Thị B',
    scopeName: 'Phường Hoa Lư',
    from: '2026-11-30',
    to: '2026-12-06',
    responses: 1234,
    rate: 0.875,
    enoughData: true,
    comments: 9,
    unansweredComments: 4,
    openAlerts: 1,
    link: 'https://hailong.example.vn/tong-quan',
  };
  it('sums the week up, with vi-VN numbers', () => {
    const m = digestMail({ ...base, offices: [{ name: 'Phường Hoa Lư', responses: 1234, rate: 0.875, enoughData: true }] });
    expect(m.subject).toBe('[Hài Lòng] Tóm tắt tuần 30/11/2026–06/12/2026: 1.234 lượt đánh giá');
    expect(m.text).toContain('- Lượt đánh giá hợp lệ: 1.234');
    expect(m.text).toContain('- Tỷ lệ hài lòng: 87,5 %');
    expect(m.text).toContain('- Góp ý trong tuần: 9 (chưa xử lý: 4)');
    expect(m.text).toContain('- Cảnh báo chưa xác nhận: 1');
    // One office: no per-office list.
    expect(m.text).not.toContain('Theo đơn vị:');
  });
  it('lists each office when there are several, and says when there is not enough data', () => {
    const m = digestMail({
      ...base,
      rate: null,
      enoughData: false,
      offices: [
        { name: 'Bộ phận Một cửa A', responses: 20, rate: 0.9, enoughData: false },
        { name: 'Bộ phận Một cửa B', responses: 40, rate: 0.75, enoughData: true },
      ],
    });
    expect(m.text).toContain('- Tỷ lệ hài lòng: chưa đủ dữ liệu');
    expect(m.text).toContain('  - Bộ phận Một cửa A: 20 lượt, tỷ lệ hài lòng chưa đủ dữ liệu');
    expect(m.text).toContain('  - Bộ phận Một cửa B: 40 lượt, tỷ lệ hài lòng 75,0 %');
  });

  it('lists at most 20 offices, then how many more', () => {
    const offices = Array.from({ length: 23 }, (_, i) => ({ name: `Đơn vị ${i + 1}`, responses: 40, rate: 0.9, enoughData: true }));
    const m = digestMail({ ...base, offices });
    expect(m.text).toContain('  - Đơn vị 20: 40 lượt');
    expect(m.text).not.toContain('Đơn vị 21:');
    expect(m.text).toContain('  - … và 3 đơn vị khác (xem trên trang Thống kê)');
  });
});

describe('reminderStep', () => {
  it.each([
    [15, null],
    [14, 14],
    [8, 14],
    [7, 7],
    [5, 7],
    [3, 3],
    [2, 3],
    [1, 1],
    [0, 0],
    [-1, null],
  ])('%d days left → %s', (days, want) => expect(reminderStep(days)).toBe(want));
});

describe('reminderMail', () => {
  const base = { recipientName: 'Lê Văn C', periodName: 'Đánh giá năm 2026', dueDate: '2026-12-15', link: 'https://hailong.example.vn/danh-gia/1' };
  it('counts the days and lists the offices that have not self-assessed', () => {
    const m = reminderMail({ ...base, daysLeft: 7, offices: ['Trung tâm A', 'Trung tâm B'] });
    expect(m.subject).toBe('[Hài Lòng] Còn 7 ngày đến hạn tự đánh giá: Đánh giá năm 2026');
    expect(m.text).toContain('Còn 7 ngày nữa (ngày 15/12/2026) là hạn tự đánh giá của Đánh giá năm 2026. Các đơn vị sau chưa gửi tự đánh giá:');
    expect(m.text).toContain('  - Trung tâm B');
  });
  it('says when today is the day', () => {
    const m = reminderMail({ ...base, daysLeft: 0, offices: ['Trung tâm A'] });
    expect(m.subject).toBe('[Hài Lòng] Hôm nay là hạn tự đánh giá: Đánh giá năm 2026');
    expect(m.text).toContain('Hôm nay (15/12/2026) là hạn tự đánh giá của Đánh giá năm 2026. Đơn vị sau chưa gửi tự đánh giá:');
  });
});

describe('kioskOutageMail', () => {
  it('names the kiosk, its office and counter, the last contact in Vietnamese time, what to check and the link', () => {
    const m = kioskOutageMail({
      recipientName: 'Nguyễn Văn A',
      kioskName: 'Kiosk sảnh',
      officeName: 'Trung tâm Phục vụ hành chính công tỉnh',
      counterName: 'Quầy 3',
      silentSince: new Date('2026-12-05T01:15:00Z'),
      link: 'https://hailong.example.vn/tong-quan#kiosk-tat',
    });
    expect(m.subject).toBe('[Hài Lòng] Kiosk "Kiosk sảnh" tại Trung tâm Phục vụ hành chính công tỉnh có vẻ đã tắt hoặc mất kết nối');
    expect(m.text).toContain('Kính gửi Ông/Bà Nguyễn Văn A,');
    expect(m.text).toContain('tại Trung tâm Phục vụ hành chính công tỉnh, Quầy 3 không liên lạc với hệ thống từ 05/12/2026 08:15');
    expect(m.text).toContain('nguồn điện và kết nối mạng');
    expect(m.text).toContain('https://hailong.example.vn/tong-quan#kiosk-tat');
  });
});
