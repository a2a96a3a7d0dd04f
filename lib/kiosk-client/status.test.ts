import { describe, expect, it } from 'vitest';
import { statusText } from './status';

describe('statusText', () => {
  it.each([
    [{ online: true, queued: 0, held: 0, sending: false }, 'Trực tuyến · đã gửi hết'],
    [{ online: true, queued: 3, held: 0, sending: true }, 'Đang gửi · 3 chờ gửi'],
    [{ online: false, queued: 12, held: 0, sending: false }, 'Đang ngoại tuyến · 12 chờ gửi'],
    [{ online: false, queued: 0, held: 0, sending: false }, 'Đang ngoại tuyến'],
    [{ online: false, queued: 1234, held: 2, sending: false }, 'Đang ngoại tuyến · 1.234 chờ gửi · 2 của lần ghép nối trước'],
  ])('%j → %s', (s, want) => {
    expect(statusText(s)).toBe(want);
  });
});
