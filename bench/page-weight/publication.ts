import Database from 'better-sqlite3';
import { wilsonInterval } from '@/lib/indicators/rates';

/** The quarter and year the page-weight run publishes (any ended periods do: the page shows what is published). */
export const PUBLISHED_QUARTER = '2026-Q3';
export const PUBLISHED_YEAR = '2025';

/**
 * Bench set-up for the public results page (/cong-khai): the demo province's
 * offices published for a quarter and a year with figures of a realistic
 * shape (most offices ranked, some under the minimum sample, a class each
 * for the year) and two good examples, written straight into the app's
 * SQLite file: the page's weight depends on what it lists, not on how the
 * figures were computed (bench/public/run.ts times the real path).
 */
export function publishForPageWeight(dbPath: string) {
  const db = new Database(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    const province = db.prepare('select id from units where parent_id is null order by id limit 1').get() as { id: number };
    const offices = db.prepare('select id, name, code from units where code is not null and active = 1 order by id').all() as { id: number; name: string; code: string }[];
    const classes = ['Xuất sắc', 'Tốt', 'Khá', 'Đạt'];
    const now = Date.now();
    db.transaction(() => {
      for (const [kind, key] of [['quarter', PUBLISHED_QUARTER], ['year', PUBLISHED_YEAR]] as const) {
        if (db.prepare('select 1 from publications where period_key = ? and withdrawn_at is null').get(key)) continue;
        const pub = db.prepare('insert into publications (unit_id, kind, period_key, published_at) values (?, ?, ?, ?) returning id').all(province.id, kind, key, now)[0] as { id: number };
        const scale = kind === 'year' ? 4 : 1;
        const rows = offices.map((o, i) => {
          const n = i % 7 === 6 ? 12 : (60 + ((i * 37) % 400)) * scale;
          const satisfied = Math.round(n * (0.8 + ((i * 13) % 18) / 100));
          const w = n >= 30 ? wilsonInterval(satisfied, n) : null;
          return { ...o, n, satisfied, low: w ? Math.round(w.low * 10_000) : null, high: w ? Math.round(w.high * 10_000) : null, i };
        });
        const ranked = rows.filter((r) => r.low !== null).sort((a, b) => b.low! - a.low!);
        const rankOf = new Map(ranked.map((r, i) => [r.id, i + 1]));
        const insert = db.prepare(
          'insert into published_figures (publication_id, unit_id, name, code, respondents, satisfied, low_x10000, high_x10000, rank, total_x100, final_class) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        );
        const totalN = rows.reduce((s, r) => s + r.n, 0);
        const totalS = rows.reduce((s, r) => s + r.satisfied, 0);
        const tw = wilsonInterval(totalS, totalN)!;
        insert.run(pub.id, province.id, 'Tỉnh Ninh Bình', null, totalN, totalS, Math.round(tw.low * 10_000), Math.round(tw.high * 10_000), null, null, null);
        for (const r of rows) {
          insert.run(pub.id, r.id, r.name, r.code, r.n, r.satisfied, r.low, r.high, rankOf.get(r.id) ?? null, kind === 'year' ? 9500 - r.i * 150 : null, kind === 'year' ? classes[r.i % 4] : null);
        }
      }
      if (!db.prepare('select 1 from good_examples').get()) {
        const example = db.prepare('insert into good_examples (unit_id, title, body, period_label, published, created_at, updated_at) values (?, ?, ?, ?, 1, ?, ?)');
        example.run(offices[0]!.id, 'Hẹn giờ qua điện thoại, không phải chờ', 'Người dân gọi điện đặt giờ nộp hồ sơ; thời gian chờ trung bình giảm từ 40 xuống 10 phút.', 'Quý III/2026', now, now);
        example.run(offices[1]!.id, 'Một lần hướng dẫn là đủ', 'Cán bộ ghi sẵn danh mục giấy tờ cho từng thủ tục; người dân hoàn thiện hồ sơ ngay lần đầu.', 'Năm 2025', now, now);
      }
    })();
  } finally {
    db.close();
  }
}
