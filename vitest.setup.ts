import { afterEach, vi } from 'vitest';

// An unexpected console.error is a failing test, not noise (conventions.md, epic-stack).
const errorSpy = vi.spyOn(console, 'error');
afterEach(() => {
  const calls = errorSpy.mock.calls;
  errorSpy.mockClear();
  if (calls.length) throw new Error(`console.error was called: ${calls.map((c) => c.join(' ')).join('\n')}`);
});

// The servers' JSON log (server/log.ts) stays out of the test output; tests that check it capture it (captureLogs).
process.env.LOG_LEVEL ??= 'silent';
