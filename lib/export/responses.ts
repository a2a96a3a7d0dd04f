/**
 * The layout of the responses export (one row per response): its columns and
 * how one stored response becomes a row of cells. Pure: the rows come from
 * db/queries/exports.ts, the question sets from their stored versions.
 */
import type { AbuseFlag } from '@/lib/abuse';
import type { QuestionSetDefinition } from '@/lib/survey/question-set';
import { COMMENT_STATUS_LABELS, type CommentStatusValue } from '@/lib/validation/comments';
import { formatVietnamTime, type Cell, type ColumnFormat } from './csv';

export const CHANNEL_LABELS: Record<string, string> = { qr: 'Mã QR', kiosk: 'Máy tính bảng', web: 'Trang web' };

export const FLAG_LABELS: Record<AbuseFlag, string> = {
  device_repeat: 'Cùng thiết bị đánh giá lặp lại',
  network_burst: 'Dồn dập từ một địa chỉ mạng',
  kiosk_burst: 'Dồn dập tại máy tính bảng',
  staff_device: 'Thiết bị của cán bộ',
  outside_hours: 'Ngoài giờ làm việc (máy tính bảng)',
  kiosk_daily_cap: 'Vượt số đánh giá tối đa một ngày (máy tính bảng)',
};

/** A response as the export reads it. Times are UTC epoch milliseconds. */
export type ExportResponse = {
  id: number;
  submittedAt: number;
  unitName: string;
  counterName: string | null;
  channel: string;
  procedureField: string | null;
  comment: string | null;
  /** comment_threads.status; null when nobody acted on the comment yet. */
  commentStatus: string | null;
  excluded: boolean;
  flags: string | null;
  questionSetVersionId: number;
  answers: readonly { questionKey: string; score: number | null; choice: string | null }[];
  /** Only read for viewers who may see contact data. */
  phone?: string | null;
};

/** One question column: its key, header and, for choice questions, the labels of the options. */
export type QuestionColumn = { key: string; header: string; options: ReadonlyMap<string, string> | null };

export type ResponseLayout = {
  questions: readonly QuestionColumn[];
  /** Adds "Bị loại" and "Lý do loại" (the screens leave flagged ratings out). */
  includeFlagged: boolean;
  /** Adds "Số điện thoại": only for roles with 'contacts.read'. */
  withContacts: boolean;
};

/**
 * One column per question key over every version the export touches, in
 * the order of the versions given (oldest first) and of their questions; a
 * key's header and option labels come from the newest version that has it.
 */
export function questionColumns(definitions: readonly QuestionSetDefinition[]): QuestionColumn[] {
  const byKey = new Map<string, QuestionColumn>();
  for (const def of definitions) {
    for (const q of def.questions) {
      const header = `${q.key.toUpperCase()}. ${q.kind === 'scale5' ? q.short.vi : q.text.vi}`;
      const previous = byKey.get(q.key)?.options;
      const options =
        q.kind === 'choice' ? new Map([...(previous ?? []), ...q.options.map((o) => [o.value, o.label.vi] as const)]) : null;
      byKey.set(q.key, { key: q.key, header, options });
    }
  }
  return [...byKey.values()];
}

export function responseHeaders(layout: ResponseLayout): string[] {
  return [
    'Mã phiếu',
    'Thời điểm (giờ Việt Nam)',
    'Đơn vị',
    'Quầy',
    'Kênh',
    'Lĩnh vực',
    ...layout.questions.map((q) => q.header),
    'Góp ý',
    'Trạng thái góp ý',
    ...(layout.includeFlagged ? ['Bị loại', 'Lý do loại'] : []),
    ...(layout.withContacts ? ['Số điện thoại'] : []),
  ];
}

/** "27/11/2026 09:05:07" in Asia/Ho_Chi_Minh: how the CSV writes the time of a response. */
export const formatExportTime = formatVietnamTime;

/**
 * How each column of `responseHeaders` reads in a spreadsheet: the id and
 * scores as numbers, the time as a date and time; text otherwise.
 */
export function responseFormats(layout: ResponseLayout): ColumnFormat[] {
  return [
    'id',
    'datetime',
    'text',
    'text',
    'text',
    'text',
    ...layout.questions.map((q): ColumnFormat => (q.options ? 'text' : 'integer')),
    'text',
    'text',
    ...(layout.includeFlagged ? (['text', 'text'] as const) : []),
    ...(layout.withContacts ? (['text'] as const) : []),
  ];
}

export function flagsText(flags: string | null): string {
  if (!flags) return '';
  return flags
    .split(',')
    .filter(Boolean)
    .map((f) => FLAG_LABELS[f as AbuseFlag] ?? f)
    .join('; ');
}

function commentStatusText(r: ExportResponse): string {
  if (!r.comment) return '';
  const status = (r.commentStatus ?? 'new') as CommentStatusValue;
  return COMMENT_STATUS_LABELS[status] ?? status;
}

/**
 * The cells of one response, in the order of `responseHeaders`: a scale
 * question gives its score (a number), a choice question the labels of the
 * chosen options joined by "; ", an unanswered question nothing.
 */
export function responseCells(r: ExportResponse, layout: ResponseLayout): Cell[] {
  const scores = new Map<string, number>();
  const choices = new Map<string, string[]>();
  for (const a of r.answers) {
    if (a.score !== null) scores.set(a.questionKey, a.score);
    else if (a.choice !== null) {
      const list = choices.get(a.questionKey);
      if (list) list.push(a.choice);
      else choices.set(a.questionKey, [a.choice]);
    }
  }
  const cells: Cell[] = [
    r.id,
    new Date(r.submittedAt),
    r.unitName,
    r.counterName ?? '',
    CHANNEL_LABELS[r.channel] ?? r.channel,
    r.procedureField ?? '',
  ];
  for (const q of layout.questions) {
    const chosen = choices.get(q.key);
    if (chosen) cells.push(chosen.map((c) => q.options?.get(c) ?? c).join('; '));
    else cells.push(scores.get(q.key) ?? null);
  }
  cells.push(r.comment ?? '', commentStatusText(r));
  if (layout.includeFlagged) cells.push(r.excluded ? 'Có' : 'Không', flagsText(r.flags));
  if (layout.withContacts) cells.push(r.phone ?? '');
  return cells;
}
