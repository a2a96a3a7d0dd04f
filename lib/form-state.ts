import type { z } from 'zod';

/** What every staff form action returns: all field errors at once, never only the first. */
export type FormState = {
  status: 'idle' | 'ok' | 'error';
  message?: string;
  fieldErrors?: Record<string, string>;
  /** What was submitted, so a refused form keeps its values. */
  values?: Record<string, string>;
};

export const IDLE: FormState = { status: 'idle' };

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

/** FormData as a plain record of strings (files and repeated names are not used by staff forms). */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === 'string' && !k.startsWith('$ACTION')) out[k] = v;
  return out;
}
