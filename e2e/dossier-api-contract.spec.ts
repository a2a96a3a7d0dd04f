import fs from 'node:fs';
import type { APIResponse } from '@playwright/test';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { CODES, expect, test } from './fixtures';
import { dossierSystem, insertKey, newDossierCode, vnTime } from './dossier-helpers';

/**
 * The running API against its contract, docs/api/openapi.yaml: every answer
 * of a set of calls that reaches each operation and each status a client can
 * provoke must be a status the document lists for that operation, with a
 * documented media type, the headers it requires, and a JSON body that its
 * schema accepts (ajv). A change to either side that breaks the other fails here.
 */

type MediaSpec = { schema?: { $ref?: string } };
type ResponseSpec = { $ref?: string; content?: Record<string, MediaSpec>; headers?: Record<string, { required?: boolean }> };
type Operation = { operationId: string; responses: Record<string, ResponseSpec> };
type OpenApi = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, ResponseSpec> } };

const doc = load(fs.readFileSync('docs/api/openapi.yaml', 'utf8')) as OpenApi;
const ajv = new Ajv({ allErrors: true });
ajv.addSchema({ components: doc.components }, 'openapi.json');

const seen = new Map<string, Set<number>>();

function resolve(spec: ResponseSpec): ResponseSpec {
  return spec.$ref ? doc.components.responses[spec.$ref.replace('#/components/responses/', '')]! : spec;
}

/** Checks one answer against the document; `template` is the documented path. */
async function conforms(method: 'get' | 'post', template: string, res: APIResponse) {
  const op = doc.paths[template]?.[method];
  expect(op, `${method} ${template} is documented`).toBeDefined();
  const status = res.status();
  const spec = op!.responses[String(status)];
  expect(spec, `${op!.operationId}: status ${status} is documented (${await res.text()})`).toBeDefined();
  const response = resolve(spec!);
  for (const [name, header] of Object.entries(response.headers ?? {})) if (header.required) expect(res.headers()[name.toLowerCase()], `${op!.operationId} ${status}: header ${name}`).toBeTruthy();
  const type = (res.headers()['content-type'] ?? '').split(';')[0]!.trim();
  const media = response.content?.[type];
  expect(media, `${op!.operationId} ${status}: media type ${type} is documented`).toBeDefined();
  if (type.endsWith('json') && media!.schema?.$ref) {
    const validate = ajv.getSchema(`openapi.json${media!.schema.$ref}`)!;
    const body = await res.json();
    expect(validate(body) ? [] : validate.errors, `${op!.operationId} ${status}: body ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
  }
  seen.set(op!.operationId, (seen.get(op!.operationId) ?? new Set()).add(status));
}

test('the running API answers as docs/api/openapi.yaml says', async ({ baseURL, db }) => {
  test.setTimeout(90_000);
  expect(doc.openapi).toBe('3.1.0');
  const centre = (await db.unitByCode(CODES.centre))!.id;
  const hoaLu = await db.unitIdByName('Trung tâm Phục vụ hành chính công phường Hoa Lư');
  const { key } = await insertKey(centre);
  const api = await dossierSystem(baseURL!, key);
  const other = await dossierSystem(baseURL!, (await insertKey(hoaLu)).key);
  const anonymous = await dossierSystem(baseURL!, null);
  const code = newDossierCode();
  const body = (over: Record<string, unknown> = {}) => ({ code, officeCode: CODES.counter, procedure: 'Cấp bản sao trích lục', receivedAt: vnTime(-60), dueAt: vnTime(600), ...over });

  const post = (ctx = api, data: unknown = body(), headers?: Record<string, string>) => ctx.post('/api/v1/dossiers', { data: data as Record<string, unknown> | Buffer | string, headers });
  await conforms('post', '/api/v1/dossiers', await post());
  await conforms('post', '/api/v1/dossiers', await post(api, body({ returnedAt: vnTime(-1) })));
  await conforms('post', '/api/v1/dossiers', await post(api, body({ dueAt: vnTime(-600) })));
  await conforms('post', '/api/v1/dossiers', await post(api, body({ officeCode: 'ZZZZ99' })));
  await conforms('post', '/api/v1/dossiers', await post(other, body({ officeCode: await db.firstCodeUnder(hoaLu) })));
  await conforms('post', '/api/v1/dossiers', await post(api, Buffer.from('{"code":'), { 'Content-Type': 'application/json' }));
  await conforms('post', '/api/v1/dossiers', await post(api, 'code=1', { 'Content-Type': 'text/plain' }));
  await conforms('post', '/api/v1/dossiers', await post(api, body({ procedure: 'x'.repeat(20_000) })));
  await conforms('post', '/api/v1/dossiers', await post(anonymous));

  for (const c of [code, 'KHONG-CO-HO-SO-NAY']) {
    await conforms('get', '/api/v1/dossiers/{code}', await api.get(`/api/v1/dossiers/${c}`));
    await conforms('get', '/api/v1/dossiers/{code}/qr.svg', await api.get(`/api/v1/dossiers/${c}/qr.svg`));
    await conforms('get', '/api/v1/dossiers/{code}/qr.png', await api.get(`/api/v1/dossiers/${c}/qr.png`));
  }
  await conforms('get', '/api/v1/dossiers/{code}', await anonymous.get(`/api/v1/dossiers/${code}`));

  // Over the limit (50 calls in 10 seconds on the e2e servers): 429 with its required Retry-After.
  const burst = await Promise.all(Array.from({ length: 50 }, () => api.get(`/api/v1/dossiers/${code}`)));
  const limited = burst.find((r) => r.status() === 429);
  expect(limited, 'a call over the limit').toBeDefined();
  await conforms('get', '/api/v1/dossiers/{code}', limited!);

  expect(Object.fromEntries([...seen].map(([op, statuses]) => [op, [...statuses].sort()]))).toEqual({
    registerDossier: [200, 201, 400, 401, 409, 413, 415, 422],
    getDossier: [200, 401, 404, 429],
    getDossierQrSvg: [200, 404],
    getDossierQrPng: [200, 404],
  });
  await Promise.all([api.dispose(), other.dispose(), anonymous.dispose()]);
});
