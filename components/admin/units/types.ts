import type { FormState } from '@/lib/form-state';

/** A server action built with authorizedAction, as useActionState takes it. */
export type FormAction = (prev: FormState, data: FormData) => Promise<FormState>;
