import type { APIRequestContext } from '@playwright/test';
import { E2E_DATABASE } from '../playwright.config';
import { can, type Permission, type Role } from '../lib/auth/roles';
import { openSql, type TestDb } from './db';
import { ACCOUNTS, CODES, DEMO_PASSWORD, expect, OFFICIAL_ACCOUNT, test } from './fixtures';
import { listRoutes } from './routes';

/** The demo accounts scoped below the province, at the Hoa Lư ward (server/demo-accounts.ts). */
const SCOPED = { admin: ACCOUNTS.adminHoaLu, assessor: ACCOUNTS.assessorHoaLu } as const;

/**
 * Every route of the app, as anonymous and as each demo role, with ids inside
 * and outside the viewer's subtree. A route missing here fails the test.
 */
type Ids = {
  province: number;
  centre: number;
  hoaLu: number;
  centreHead: number;
  hoaLuHead: number;
  hoaLuCode: string;
  centreSet: number;
  hoaLuSet: number;
  period: number;
  /** A demo official of the centre and one of the Hoa Lư office (server/demo-officials.ts). */
  centreOfficial: number;
  hoaLuOfficial: number;
};
/** 'hoaLu' is the Hoa Lư office; 'hoaLuWard' the ward above it, whose subtree holds the same test resources. */
type Actor = { name: string; login: string | null; role: Role | null; scope: 'province' | 'centre' | 'hoaLu' | 'hoaLuWard' | null };
/** `scoped(ids)` gives the URL for a resource of the centre and one of Hoa Lư. */
type Rule =
  | { access: 'public'; url: (ids: Ids) => string; status?: number }
  | { access: 'skip'; why: string }
  | { access: 'signed-in' | Permission; url: (ids: Ids) => string }
  | { access: Permission; scoped: (ids: Ids) => { centre: string; hoaLu: string }; /** What anonymous visitors get instead of the sign-in page (downloads answer 401). */ anonymous?: number };

const MATRIX: Record<string, Rule> = {
  '/': { access: 'public', url: () => '/' },
  '/login': { access: 'public', url: () => '/login' },
  '/api/health': { access: 'public', url: () => '/api/health' },
  '/api/auth/[...nextauth]': { access: 'skip', why: "next-auth's own endpoints (csrf, session, callbacks); exercised by every sign-in" },
  '/qr/[file]': { access: 'public', url: () => `/qr/${CODES.counter}.svg` },
  '/s/[code]': { access: 'public', url: () => `/s/${CODES.centre}` },
  // A dossier's rating link (issue 17): open to anyone holding the token; one not ours answers 404 (e2e/dossier-rating.spec.ts rates).
  '/h/[token]': { access: 'public', url: () => '/h/AAAAAAAAAAAAAAAAAAAAAAAAAAA', status: 404 },
  '/api/metrics': { access: 'skip', why: 'Prometheus, behind METRICS_TOKEN rather than a staff session (404 without a token set, 401 without it); tested in e2e/observability.spec.ts' },
  '/s/[code]/cam-on': { access: 'public', url: () => `/s/${CODES.centre}/cam-on` },
  '/tra-cuu': { access: 'public', url: () => '/tra-cuu' },
  '/xoa-so-dien-thoai': { access: 'public', url: () => '/xoa-so-dien-thoai' },
  '/yeu-cau-xoa': { access: 'contacts.erase', url: () => '/yeu-cau-xoa' },
  '/quan-tri/he-thong': { access: 'users.manage', url: () => '/quan-tri/he-thong' },
  // The citizen pages' static error page (pages/500.tsx); opened directly it says what it says to anyone.
  '/500': { access: 'public', url: () => '/500', status: 500 },
  // Any address no other route answers: the citizens' light 404 page (components/home/not-found-page.tsx).
  '/[...path]': { access: 'public', url: () => '/khong-co-trang-nay', status: 404 },
  '/kiosk': { access: 'public', url: () => '/kiosk' },
  '/tong-quan': { access: 'signed-in', url: () => '/tong-quan' },
  '/gop-y': { access: 'dashboard.read', url: () => '/gop-y' },
  '/canh-bao': { access: 'dashboard.read', url: () => '/canh-bao' },
  '/thong-ke': { access: 'dashboard.read', url: () => '/thong-ke' },
  '/thong-ke/don-vi/[unitId]': { access: 'dashboard.read', scoped: (ids) => ({ centre: `/thong-ke/don-vi/${ids.centre}`, hoaLu: `/thong-ke/don-vi/${ids.hoaLu}` }) },
  '/thong-ke/don-vi/[unitId]/bang-tong-hop': {
    access: 'dashboard.read',
    scoped: (ids) => ({ centre: `/thong-ke/don-vi/${ids.centre}/bang-tong-hop`, hoaLu: `/thong-ke/don-vi/${ids.hoaLu}/bang-tong-hop` }),
  },
  '/danh-gia': { access: 'dashboard.read', url: () => '/danh-gia' },
  '/danh-gia/[periodId]': { access: 'dashboard.read', url: (ids) => `/danh-gia/${ids.period}` },
  '/danh-gia/[periodId]/tieu-chi': { access: 'dashboard.read', url: (ids) => `/danh-gia/${ids.period}/tieu-chi` },
  '/danh-gia/[periodId]/ket-qua.xlsx': { access: 'dashboard.read', url: (ids) => `/danh-gia/${ids.period}/ket-qua.xlsx` },
  '/danh-gia/[periodId]/tieu-chi.json': { access: 'dashboard.read', url: (ids) => `/danh-gia/${ids.period}/tieu-chi.json` },
  '/danh-gia/[periodId]/don-vi/[unitId]': {
    access: 'dashboard.read',
    scoped: (ids) => ({ centre: `/danh-gia/${ids.period}/don-vi/${ids.centre}`, hoaLu: `/danh-gia/${ids.period}/don-vi/${ids.hoaLu}` }),
  },
  '/danh-gia/[periodId]/don-vi/[unitId]/in': {
    access: 'dashboard.read',
    scoped: (ids) => ({ centre: `/danh-gia/${ids.period}/don-vi/${ids.centre}/in`, hoaLu: `/danh-gia/${ids.period}/don-vi/${ids.hoaLu}/in` }),
  },
  '/tai-khoan/mat-khau': { access: 'signed-in', url: () => '/tai-khoan/mat-khau' },
  '/ap-phich': { access: 'posters.print', url: () => '/ap-phich' },
  // Open to two permissions (recognition.nominate or recognition.manage) and to a round's id: roles and scope in e2e/recognition.spec.ts.
  '/khen-thuong': { access: 'skip', why: 'recognition.nominate or recognition.manage; e2e/recognition.spec.ts' },
  '/khen-thuong/[roundId]': { access: 'skip', why: 'a round exists only once opened; e2e/recognition.spec.ts' },
  '/khen-thuong/[roundId]/in': { access: 'skip', why: 'a round exists only once opened; e2e/recognition.spec.ts' },
  '/khen-thuong/[roundId]/to-trinh.xlsx': { access: 'skip', why: 'a round exists only once opened; e2e/recognition.spec.ts' },
  '/poster/[code]': { access: 'posters.print', scoped: (ids) => ({ centre: `/poster/${CODES.counter}`, hoaLu: `/poster/${ids.hoaLuCode}` }) },
  '/poster/unit/[unitId]': { access: 'posters.print', scoped: (ids) => ({ centre: `/poster/unit/${ids.centre}`, hoaLu: `/poster/unit/${ids.hoaLu}` }) },
  '/quan-tri/don-vi': { access: 'units.manage', url: () => '/quan-tri/don-vi' },
  '/quan-tri/don-vi/[id]': { access: 'units.manage', scoped: (ids) => ({ centre: `/quan-tri/don-vi/${ids.centre}`, hoaLu: `/quan-tri/don-vi/${ids.hoaLu}` }) },
  '/quan-tri/nguoi-dung': { access: 'users.manage', url: () => '/quan-tri/nguoi-dung' },
  '/quan-tri/nguoi-dung/moi': { access: 'users.manage', url: () => '/quan-tri/nguoi-dung/moi' },
  '/quan-tri/nguoi-dung/[id]': {
    access: 'users.manage',
    scoped: (ids) => ({ centre: `/quan-tri/nguoi-dung/${ids.centreHead}`, hoaLu: `/quan-tri/nguoi-dung/${ids.hoaLuHead}` }),
  },
  '/quan-tri/bo-cau-hoi': { access: 'questionSets.manage', url: () => '/quan-tri/bo-cau-hoi' },
  // Sets owned by the centre and by the Hoa Lư office; the province's default set, which every administrator may read, is in e2e/admin-scope.spec.ts.
  '/quan-tri/bo-cau-hoi/[id]': {
    access: 'questionSets.manage',
    scoped: (ids) => ({ centre: `/quan-tri/bo-cau-hoi/${ids.centreSet}`, hoaLu: `/quan-tri/bo-cau-hoi/${ids.hoaLuSet}` }),
  },
  '/quan-tri/bo-cau-hoi/[id]/phien-ban/[version]': {
    access: 'questionSets.manage',
    scoped: (ids) => ({ centre: `/quan-tri/bo-cau-hoi/${ids.centreSet}/phien-ban/1`, hoaLu: `/quan-tri/bo-cau-hoi/${ids.hoaLuSet}/phien-ban/1` }),
  },
  '/quan-tri/nhat-ky': { access: 'audit.read', url: () => '/quan-tri/nhat-ky' },
  '/xuat/phieu': {
    access: 'dashboard.read',
    anonymous: 401,
    scoped: (ids) => ({ centre: `/xuat/phieu?ky=7-ngay&don-vi=${ids.centre}`, hoaLu: `/xuat/phieu?ky=7-ngay&don-vi=${ids.hoaLu}` }),
  },
  '/xuat/chi-so': {
    access: 'dashboard.read',
    anonymous: 401,
    scoped: (ids) => ({ centre: `/xuat/chi-so?ky=7-ngay&don-vi=${ids.centre}`, hoaLu: `/xuat/chi-so?ky=7-ngay&don-vi=${ids.hoaLu}` }),
  },
  '/quan-tri/kiosk': { access: 'kiosks.manage', url: () => '/quan-tri/kiosk' },
  '/quan-tri/kiosk/gio-lam-viec/[unitId]': {
    access: 'kiosks.manage',
    scoped: (ids) => ({ centre: `/quan-tri/kiosk/gio-lam-viec/${ids.centre}`, hoaLu: `/quan-tri/kiosk/gio-lam-viec/${ids.hoaLu}` }),
  },
  // Office heads and administrators manage officials, assessors open their figures from it: two permissions, tested in e2e/officials.spec.ts and e2e/official-figures.spec.ts.
  '/can-bo': { access: 'skip', why: 'officials.manage or officials.figures; tested in e2e/officials.spec.ts and e2e/official-figures.spec.ts' },
  '/can-bo/moi': { access: 'officials.manage', url: () => '/can-bo/moi' },
  '/can-bo/[id]': { access: 'officials.manage', scoped: (ids) => ({ centre: `/can-bo/${ids.centreOfficial}`, hoaLu: `/can-bo/${ids.hoaLuOfficial}` }) },
  '/can-bo/[id]/ket-qua': {
    access: 'officials.figures',
    scoped: (ids) => ({ centre: `/can-bo/${ids.centreOfficial}/ket-qua`, hoaLu: `/can-bo/${ids.hoaLuOfficial}/ket-qua` }),
  },
  '/lich-truc': { access: 'skip', why: "duty.manage, or an official's own account (one sentence unless the head delegated the schedule); tested in e2e/duty.spec.ts" },
  '/ca-nhan': { access: 'officials.ownFigures', url: () => '/ca-nhan' },
  '/giam-sat': { access: 'supervision.read', url: () => '/giam-sat' },
  // The demo supervisor is the inspectorate's; a supervisor of another organisation gets 404 (e2e/supervision.spec.ts).
  '/phan-anh-liem-chinh': { access: 'integrity.read', url: () => '/phan-anh-liem-chinh' },
  '/quan-tri/to-chuc-giam-sat': { access: 'organisations.manage', url: () => '/quan-tri/to-chuc-giam-sat' },
  // Public (citizens see whom they rate); the demo officials have no photo, so 404 to everyone.
  '/anh-can-bo/[id]': { access: 'public', url: (ids) => `/anh-can-bo/${ids.centreOfficial}?v=0`, status: 404 },
  '/api/can-bo/[id]/anh': { access: 'skip', why: 'POST only (a photo upload, officials.manage, scoped); tested in e2e/officials.spec.ts' },
  '/api/kiosk/pair': { access: 'skip', why: 'kiosk tablets, no user session: pairing code → device cookie; tested in e2e/kiosk-api.spec.ts' },
  '/api/kiosk/config': { access: 'skip', why: 'answers only to a paired device credential (401 otherwise); tested in e2e/kiosk-api.spec.ts' },
  '/api/kiosk/batch': { access: 'skip', why: 'answers only to a paired device credential (401 otherwise); tested in e2e/kiosk-api.spec.ts' },
  '/quan-tri/tich-hop': { access: 'integrations.manage', url: () => '/quan-tri/tich-hop' },
  '/ho-so': { access: 'dossiers.manage', url: () => '/ho-so' },
  '/ho-so/in-tem': { access: 'dossiers.manage', url: () => '/ho-so/in-tem' },
  '/ho-so/mau.csv': { access: 'dossiers.manage', url: () => '/ho-so/mau.csv' },
  '/api/ho-so/nhap': { access: 'skip', why: 'POST only (a CSV upload, dossiers.manage, scoped); tested in e2e/dossier-csv.spec.ts' },
  '/api/v1/dossiers': { access: 'skip', why: 'the integration API: a dossier-system key, no user session (401 otherwise); tested in e2e/dossier-api.spec.ts' },
  '/api/v1/dossiers/[code]': { access: 'skip', why: 'the integration API (a key, scoped to its unit); tested in e2e/dossier-api.spec.ts' },
  '/api/v1/dossiers/[code]/qr.svg': { access: 'skip', why: 'the integration API (a key, scoped to its unit); tested in e2e/dossier-api.spec.ts' },
  '/api/v1/dossiers/[code]/qr.png': { access: 'skip', why: 'the integration API (a key, scoped to its unit); tested in e2e/dossier-api.spec.ts' },
  '/cong-bo': { access: 'publishing.manage', url: () => '/cong-bo' },
  // The public results (issue 15): open to anyone; a period never published answers 404 (e2e/public-results.spec.ts publishes).
  '/cong-khai': { access: 'public', url: () => '/cong-khai' },
  '/cong-khai/[period]': { access: 'public', url: () => '/cong-khai/2019-Q1', status: 404 },
  '/cong-khai/[period]/[code]': { access: 'public', url: () => `/cong-khai/2019-Q1/${CODES.centre}`, status: 404 },
  '/cong-khai/[period]/[code]/huy-hieu.svg': { access: 'public', url: () => `/cong-khai/2019-Q1/${CODES.centre}/huy-hieu.svg`, status: 404 },
  '/cong-khai/[period]/du-lieu.csv': { access: 'public', url: () => '/cong-khai/2019-Q1/du-lieu.csv', status: 404 },
  '/cong-khai/[period]/du-lieu.json': { access: 'public', url: () => '/cong-khai/2019-Q1/du-lieu.json', status: 404 },
  '/anh-vi-du/[id]': { access: 'public', url: () => '/anh-vi-du/999999999?v=0', status: 404 },
  '/api/cong-bo/vi-du/[id]/anh': { access: 'skip', why: "POST only (a good example's photo, publishing.manage, scoped); tested in e2e/public-results.spec.ts" },
  '/api/kiosk/duty': { access: 'skip', why: "POST only, a paired device credential and an official's PIN; tested in e2e/duty.spec.ts and server/kiosk-duty.test.ts" },
};

const ACTORS: Actor[] = [
  { name: 'anonymous', login: null, role: null, scope: null },
  { name: 'admin', login: ACCOUNTS.admin, role: 'admin', scope: 'province' },
  { name: 'assessor', login: ACCOUNTS.assessor, role: 'assessor', scope: 'province' },
  { name: 'supervisor', login: ACCOUNTS.supervisor, role: 'supervisor', scope: 'province' },
  { name: 'office head (centre)', login: ACCOUNTS.headCentre, role: 'office_head', scope: 'centre' },
  { name: 'office head (Hoa Lư)', login: ACCOUNTS.headHoaLu, role: 'office_head', scope: 'hoaLu' },
  { name: 'administrator scoped to the Hoa Lư ward', login: SCOPED.admin, role: 'admin', scope: 'hoaLuWard' },
  { name: 'assessor scoped to the Hoa Lư ward', login: SCOPED.assessor, role: 'assessor', scope: 'hoaLuWard' },
  { name: 'official (centre)', login: OFFICIAL_ACCOUNT.login, role: 'official', scope: 'centre' },
];

/**
 * A question set owned by `ownerUnitId`, a copy of the default set's first
 * version, made once per test database (the app makes such sets when an
 * administrator copies one; here they must belong to units no demo
 * administrator is scoped to).
 */
async function ownedQuestionSet(name: string, ownerUnitId: number): Promise<number> {
  const rw = await openSql(E2E_DATABASE, { write: true });
  try {
    // One test worker: nothing else makes these sets, so no transaction is needed between the statements.
    await rw.run(
      'insert into question_sets (name, is_default, owner_unit_id) select cast(? as text), false, cast(? as integer) where not exists (select 1 from question_sets where name = ?)',
      [name, ownerUnitId, name],
    );
    const id = (await rw.value<number>('select id from question_sets where name = ?', [name]))!;
    await rw.run(
      'insert into question_set_versions (question_set_id, version, definition) select cast(? as integer), 1, definition from question_set_versions where question_set_id = (select id from question_sets where is_default = true order by id limit 1) order by version limit 1 on conflict do nothing',
      [id],
    );
    return id;
  } finally {
    await rw.close();
  }
}

async function loadIds(db: TestDb): Promise<Ids> {
  const hoaLu = await db.unitIdByName('Trung tâm Phục vụ hành chính công phường Hoa Lư');
  return {
    province: await db.unitIdByName('Tỉnh Ninh Bình'),
    centre: (await db.unitByCode(CODES.centre))!.id,
    hoaLu,
    centreHead: await db.userIdByUsername(ACCOUNTS.headCentre),
    hoaLuHead: await db.userIdByUsername(ACCOUNTS.headHoaLu),
    hoaLuCode: await db.firstCodeUnder(hoaLu),
    centreSet: await ownedQuestionSet('Bộ câu hỏi riêng của Trung tâm (kiểm thử)', (await db.unitByCode(CODES.centre))!.id),
    hoaLuSet: await ownedQuestionSet('Bộ câu hỏi riêng của Một cửa Hoa Lư (kiểm thử)', hoaLu),
    period: await db.anyEvaluationPeriodId(),
    centreOfficial: (await db.sql.value<number>('select o.id from officials o join units u on u.id = o.unit_id where u.code = ? order by o.id', [CODES.centre]))!,
    hoaLuOfficial: (await db.sql.value<number>('select id from officials where unit_id = ? order by id', [hoaLu]))!,
  };
}

/** What a person gets: 200, 404, or sent to sign in. */
async function outcome(request: APIRequestContext, url: string): Promise<number | 'login'> {
  const res = await request.get(url, { maxRedirects: 5 });
  if (new URL(res.url()).pathname === '/login' && url !== '/login') return 'login';
  return res.status();
}

test('every route is in the authorization matrix', () => {
  const missing = listRoutes().filter((r) => !(r in MATRIX));
  expect(missing, 'routes without an authorization rule').toEqual([]);
});

for (const actor of ACTORS) {
  test(`authorization matrix as ${actor.name}`, async ({ page, db }) => {
    test.setTimeout(90_000);
    const ids = await loadIds(db);
    if (actor.login) {
      const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
      await page.request.post('/api/auth/callback/credentials', { form: { csrfToken, login: actor.login, password: DEMO_PASSWORD, json: 'true' } });
    }
    const got: Record<string, number | 'login'> = {};
    const want: Record<string, number | 'login'> = {};
    const allowed = (access: 'signed-in' | Permission) => actor.role !== null && (access === 'signed-in' || can(actor.role, access));
    for (const route of listRoutes()) {
      const rule = MATRIX[route];
      if (!rule || rule.access === 'skip') continue;
      if (rule.access === 'public') {
        const url = rule.url(ids);
        want[url] = rule.status ?? 200;
        got[url] = await outcome(page.request, url);
      } else if ('url' in rule) {
        const url = rule.url(ids);
        want[url] = actor.role === null ? 'login' : allowed(rule.access) ? 200 : 404;
        got[url] = await outcome(page.request, url);
      } else {
        const urls = rule.scoped(ids);
        for (const where of ['centre', 'hoaLu'] as const) {
          const url = urls[where];
          const visible = actor.scope === 'province' || actor.scope === where || (actor.scope === 'hoaLuWard' && where === 'hoaLu');
          want[url] = actor.role === null ? (rule.anonymous ?? 'login') : allowed(rule.access) && visible ? 200 : 404;
          got[url] = await outcome(page.request, url);
        }
      }
    }
    expect(got).toEqual(want);
  });
}
