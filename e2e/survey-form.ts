import type { APIRequestContext } from '@playwright/test';

/**
 * A survey form as the server issues it (GET /s/<code>): its submission id and
 * signed token, for tests that post the form without a browser. The request
 * context keeps the device cookie the GET sets, as a browser would.
 */
export async function freshForm(request: APIRequestContext, code: string): Promise<{ submissionId: string; formToken: string }> {
  const html = await (await request.get(`/s/${code}`)).text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];
  const submissionId = field('submissionId');
  const formToken = field('formToken');
  if (!submissionId || !formToken) throw new Error(`no survey form at /s/${code}`);
  return { submissionId, formToken };
}

/** A form body with a freshly issued id and token, plus `fields`. */
export async function signedForm(request: APIRequestContext, code: string, fields: Record<string, string>): Promise<string> {
  return new URLSearchParams({ ...(await freshForm(request, code)), ...fields }).toString();
}
