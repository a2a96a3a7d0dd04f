/**
 * The open data of a publication (docs/decisions/028): a CSV and a JSON file
 * holding exactly the frozen figures the public page shows, and the
 * definitions of every column, in Vietnamese and English. Pure: built from
 * the publication's rows, so the files and the page cannot disagree.
 */
import { toCsv, type Cell } from '@/lib/export/csv';
import type { Localized } from '@/lib/i18n';
import { DEFAULT_MIN_SAMPLE } from '@/lib/indicators/indicator';
import { periodDays, periodLabel, publicRate, type PeriodKey, type PublishedFigure } from './publication';

/** The columns of both files, in order, with what each means. */
export const OPEN_DATA_COLUMNS = [
  'period',
  'level',
  'office_code',
  'office_name',
  'respondents',
  'satisfied',
  'satisfaction_rate',
  'ci95_low',
  'ci95_high',
  'enough_data',
  'rank',
  'evaluation_total',
  'classification',
] as const;
export type OpenDataColumn = (typeof OPEN_DATA_COLUMNS)[number];

export const COLUMN_DEFINITIONS: Record<OpenDataColumn, Localized> = {
  period: {
    vi: 'Kỳ công bố: "YYYY-Qn" là một quý (quý I: 01/01–31/03 …), "YYYY" là cả năm; tính theo ngày giờ Việt Nam (UTC+7).',
    en: 'The period published: "YYYY-Qn" is a calendar quarter (Q1: 1 January – 31 March …), "YYYY" a whole year; days in Vietnam time (UTC+7).',
  },
  level: {
    vi: '"province" là số liệu chung của cả tỉnh (mọi đơn vị cộng lại); "office" là một đơn vị tiếp nhận đánh giá.',
    en: '"province" is the figure of the whole province (every office together); "office" is one office that is rated.',
  },
  office_code: { vi: 'Mã của đơn vị (mã in trên áp phích QR); để trống ở dòng cấp tỉnh.', en: "The office's code (printed on its QR poster); empty on the province's row." },
  office_name: { vi: 'Tên đơn vị tại thời điểm công bố.', en: 'The name of the office when the period was published.' },
  respondents: {
    vi: 'Số phiếu hợp lệ trả lời câu hỏi "Nhìn chung, Ông/Bà hài lòng như thế nào…" trong kỳ. Phiếu bị gắn cờ (gửi dồn dập, vượt giới hạn, thiết bị của cán bộ) không được tính.',
    en: 'Valid answers to the question "Overall, how satisfied were you…" in the period. Flagged ratings (bursts, over the limits, staff devices) are not counted.',
  },
  satisfied: {
    vi: `Số phiếu chọn "Hài lòng" hoặc "Rất hài lòng" (mức 4–5). Để trống khi dưới ${DEFAULT_MIN_SAMPLE} phiếu.`,
    en: `Answers at "Satisfied" or "Very satisfied" (levels 4–5). Empty under ${DEFAULT_MIN_SAMPLE} answers.`,
  },
  satisfaction_rate: {
    vi: `Tỷ lệ hài lòng = satisfied ÷ respondents (từ 0 đến 1). Để trống khi dưới ${DEFAULT_MIN_SAMPLE} phiếu: "Chưa đủ dữ liệu".`,
    en: `Satisfaction rate = satisfied ÷ respondents (0 to 1). Empty under ${DEFAULT_MIN_SAMPLE} answers: "not enough data".`,
  },
  ci95_low: {
    vi: 'Cận dưới khoảng tin cậy 95 % (Wilson) của tỷ lệ hài lòng: tỷ lệ thật của đơn vị nhiều khả năng không thấp hơn số này.',
    en: 'Lower bound of the 95 % (Wilson) confidence interval of the satisfaction rate.',
  },
  ci95_high: { vi: 'Cận trên khoảng tin cậy 95 % (Wilson) của tỷ lệ hài lòng.', en: 'Upper bound of the 95 % (Wilson) confidence interval of the satisfaction rate.' },
  enough_data: {
    vi: `1 khi đơn vị có từ ${DEFAULT_MIN_SAMPLE} phiếu hợp lệ trở lên; 0 là "Chưa đủ dữ liệu": không công bố tỷ lệ, không xếp hạng.`,
    en: `1 when the office has ${DEFAULT_MIN_SAMPLE} valid answers or more; 0 means "not enough data": no rate, no rank.`,
  },
  rank: {
    vi: 'Thứ hạng theo cận dưới khoảng tin cậy 95 %, để đơn vị ít phiếu không được lợi nhờ may mắn; bằng nhau thì đơn vị nhiều phiếu hơn đứng trên, bằng cả hai thì cùng hạng.',
    en: 'Rank by the lower bound of the 95 % interval, so that an office with few answers does not gain by luck; on a tie the office with more answers comes first, and offices tied on both share a rank.',
  },
  evaluation_total: {
    vi: 'Chỉ với kỳ cả năm: tổng điểm đánh giá mô hình "Công sở thân thiện vì Nhân dân phục vụ" của đơn vị, đã được Sở Nội vụ thẩm định và chốt.',
    en: 'Year only: the office\'s total score in the evaluation of the "Friendly office serving the People" model, reviewed and finalised by the Department of Home Affairs.',
  },
  classification: { vi: 'Chỉ với kỳ cả năm: xếp loại mức độ thực hiện mô hình đã được chốt.', en: 'Year only: the finalised classification of how the office implements the model.' },
};

/** The notes that frame the numbers (the page's definitions section and the JSON's). */
export const GENERAL_DEFINITIONS: Localized[] = [
  {
    vi: 'Số liệu được công bố là bản chốt tại thời điểm công bố: không thay đổi khi có thêm đánh giá. Kỳ bị thu hồi không còn hiển thị; công bố lại tạo một bản mới.',
    en: 'Published figures are a snapshot taken when the period was published: later ratings do not change them. A withdrawn period is no longer shown; publishing it again makes a new snapshot.',
  },
  {
    vi: 'Chỉ công bố số liệu tổng hợp của đơn vị: không có ý kiến góp ý, thông tin liên hệ hay kết quả của từng cán bộ.',
    en: "Only each office's aggregate figures are published: no comments, no contact details and no individual official's results.",
  },
];

export type OpenDataInput = {
  period: PeriodKey;
  publicationId: number;
  publishedAt: Date;
  provinceName: string;
  province: PublishedFigure;
  /** In the public order (orderFigures). */
  offices: readonly PublishedFigure[];
};

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

type Row = Record<OpenDataColumn, string | number | null>;

function rowOf(period: PeriodKey, f: PublishedFigure, level: 'province' | 'office'): Row {
  const r = publicRate(f);
  return {
    period: period.key,
    level,
    office_code: level === 'office' ? f.code : null,
    office_name: f.name,
    respondents: f.respondents,
    satisfied: r.enoughData ? f.satisfied : null,
    satisfaction_rate: r.enoughData ? round4(r.rate) : null,
    ci95_low: r.enoughData ? r.low : null,
    ci95_high: r.enoughData ? r.high : null,
    enough_data: r.enoughData ? 1 : 0,
    rank: level === 'office' ? f.rank : null,
    evaluation_total: f.totalX100 === null ? null : f.totalX100 / 100,
    classification: f.finalClass,
  };
}

/** The rows of both files: the province first, then the offices in the public order. */
export function openDataRows(input: OpenDataInput): Row[] {
  return [rowOf(input.period, input.province, 'province'), ...input.offices.map((f) => rowOf(input.period, f, 'office'))];
}

/** The CSV (BOM, CRLF, text quoted and guarded against formulas: lib/export/csv.ts), header row first. */
export function openDataCsv(input: OpenDataInput): string {
  const rows: Cell[][] = [[...OPEN_DATA_COLUMNS]];
  for (const row of openDataRows(input)) rows.push(OPEN_DATA_COLUMNS.map((c) => row[c]));
  return toCsv(rows);
}

/** The JSON document: what the publication is, the definitions, then the rows (the same as the CSV's). */
export function openDataJson(input: OpenDataInput, baseUrl: string): string {
  const days = periodDays(input.period);
  const base = baseUrl.replace(/\/$/, '');
  return JSON.stringify(
    {
      title: { vi: `Kết quả đánh giá sự hài lòng — ${periodLabel(input.period, 'vi')}`, en: `Satisfaction results — ${periodLabel(input.period, 'en')}` },
      publisher: input.provinceName,
      publicationId: input.publicationId,
      publishedAt: input.publishedAt.toISOString(),
      period: { key: input.period.key, kind: input.period.kind, from: days.from, to: days.to, label: { vi: periodLabel(input.period, 'vi'), en: periodLabel(input.period, 'en') } },
      minimumSample: DEFAULT_MIN_SAMPLE,
      page: `${base}/cong-khai/${input.period.key}`,
      csv: `${base}/cong-khai/${input.period.key}/du-lieu.csv`,
      definitions: { notes: GENERAL_DEFINITIONS, columns: COLUMN_DEFINITIONS },
      rows: openDataRows(input),
    },
    null,
    2,
  );
}
