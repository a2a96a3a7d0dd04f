import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET, type QuestionSetDefinition } from '@/lib/survey/question-set';
import { flagsText, formatExportTime, questionColumns, responseCells, responseFormats, responseHeaders, type ExportResponse, type ResponseLayout } from './responses';

const columns = questionColumns([DEFAULT_QUESTION_SET]);
const layout = (over: Partial<ResponseLayout> = {}): ResponseLayout => ({ questions: columns, includeFlagged: false, withContacts: false, ...over });

const response: ExportResponse = {
  id: 42,
  submittedAt: Date.parse('2026-11-27T02:05:07Z'),
  unitName: 'Trung tâm',
  counterName: 'Quầy 1',
  channel: 'kiosk',
  procedureField: 'Hộ tịch',
  comment: 'Chờ lâu',
  commentStatus: null,
  excluded: true,
  flags: 'network_burst,staff_device',
  questionSetVersionId: 1,
  answers: [
    { questionKey: 'q1', score: 2, choice: null },
    { questionKey: 'q2', score: 1, choice: null },
    { questionKey: 'q8', score: null, choice: 'two' },
    { questionKey: 'q10', score: null, choice: 'waiting' },
    { questionKey: 'q10', score: null, choice: 'late' },
  ],
  phone: '0912345678',
};

describe('formatExportTime', () => {
  it.each([
    ['2026-11-27T02:05:07Z', '27/11/2026 09:05:07'],
    ['2026-12-31T16:59:59Z', '31/12/2026 23:59:59'],
    ['2026-12-31T17:00:00Z', '01/01/2027 00:00:00'],
    ['2024-02-28T17:30:00Z', '29/02/2024 00:30:00'],
  ])('%s → %s (UTC+7)', (iso, want) => expect(formatExportTime(Date.parse(iso))).toBe(want));
});

describe('questionColumns', () => {
  it('gives one column per question of the default set, in order, scale by short label', () => {
    expect(columns.map((c) => c.key)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10']);
    expect(columns[0]!.header).toBe('Q1. Thái độ phục vụ');
    expect(columns[9]!.header).toBe('Q10. Lý do chưa hài lòng');
    expect(columns[0]!.options).toBeNull();
  });

  it('merges versions: a new key is added at the end, a renamed label takes the newest', () => {
    const v2: QuestionSetDefinition = {
      ...DEFAULT_QUESTION_SET,
      questions: [
        { ...DEFAULT_QUESTION_SET.questions[0]!, short: { vi: 'Thái độ', en: 'Attitude' } } as QuestionSetDefinition['questions'][number],
        DEFAULT_QUESTION_SET.questions[1]!,
        { key: 'q11', kind: 'scale5', required: false, aspect: 'overall', text: { vi: 'Mới', en: 'New' }, short: { vi: 'Câu mới', en: 'New' } },
      ],
    };
    const merged = questionColumns([DEFAULT_QUESTION_SET, v2]);
    expect(merged.map((c) => c.key)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'q11']);
    expect(merged[0]!.header).toBe('Q1. Thái độ');
  });
});

describe('responseHeaders and responseCells', () => {
  it('lists the fixed columns, the questions, then the comment', () => {
    const headers = responseHeaders(layout());
    expect(headers.slice(0, 6)).toEqual(['Mã phiếu', 'Thời điểm (giờ Việt Nam)', 'Đơn vị', 'Quầy', 'Kênh', 'Lĩnh vực']);
    expect(headers.slice(-2)).toEqual(['Góp ý', 'Trạng thái góp ý']);
    expect(headers).not.toContain('Số điện thoại');
    expect(headers).not.toContain('Bị loại');
  });

  it('adds the flag and phone columns only when the layout says so', () => {
    const headers = responseHeaders(layout({ includeFlagged: true, withContacts: true }));
    expect(headers.slice(-3)).toEqual(['Bị loại', 'Lý do loại', 'Số điện thoại']);
  });

  it('fills a row: scores as numbers, choices as labels joined by "; ", blanks for unanswered', () => {
    const l = layout({ includeFlagged: true, withContacts: true });
    const cells = responseCells(response, l);
    expect(cells).toHaveLength(responseHeaders(l).length);
    expect(cells).toEqual([
      42, new Date('2026-11-27T02:05:07Z'), 'Trung tâm', 'Quầy 1', 'Máy tính bảng', 'Hộ tịch',
      2, 1, null, null, null, null, null, '2 lần', null, 'Phải chờ lâu; Trễ hẹn trả kết quả',
      'Chờ lâu', 'Mới',
      'Có', 'Dồn dập từ một địa chỉ mạng; Thiết bị của cán bộ',
      '0912345678',
    ]);
  });

  it('says how a spreadsheet shows each column: the time as a date, scores as numbers, choices as text', () => {
    const l = layout({ includeFlagged: true, withContacts: true });
    const formats = responseFormats(l);
    expect(formats).toHaveLength(responseHeaders(l).length);
    expect(formats.slice(0, 2)).toEqual(['id', 'datetime']);
    expect(formats.slice(6, 6 + columns.length)).toEqual(columns.map((q) => (q.options ? 'text' : 'integer')));
    expect(formats.slice(-5)).toEqual(['text', 'text', 'text', 'text', 'text']);
  });

  it('never writes a phone number when the layout has no contact column, even if the row had one', () => {
    expect(responseCells(response, layout())).not.toContain('0912345678');
  });

  it('leaves the comment status empty when there is no comment', () => {
    const cells = responseCells({ ...response, comment: null, commentStatus: null }, layout());
    expect(cells.slice(-2)).toEqual(['', '']);
  });
});

describe('flagsText', () => {
  it.each([
    [null, ''],
    ['', ''],
    ['device_repeat', 'Cùng thiết bị đánh giá lặp lại'],
    ['mystery', 'mystery'],
  ])('%j → %j', (flags, want) => expect(flagsText(flags)).toBe(want));
});
