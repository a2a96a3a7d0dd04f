/** Sign-in throttling (docs/security.md): counted in the database, so every app server agrees. */
export type SignInRules = { windowMs: number; accountFailures: number; networkFailures: number };

export const DEFAULT_SIGN_IN_RULES: SignInRules = {
  windowMs: 15 * 60_000,
  accountFailures: 5,
  networkFailures: 20,
};

export type SignInGate = { allowed: true } | { allowed: false; reason: 'account' | 'network'; retryAfterMs: number };

/**
 * Failed attempts in the window, oldest first. An account or network with too
 * many failures waits until the oldest of them leaves the window.
 */
export function gateSignIn(
  failures: { account: number[]; network: number[] },
  now: number,
  rules: SignInRules = DEFAULT_SIGN_IN_RULES,
): SignInGate {
  const check = (times: number[], limit: number) => {
    if (times.length < limit) return null;
    const oldest = times[times.length - limit]!;
    return Math.max(0, oldest + rules.windowMs - now);
  };
  const account = check(failures.account, rules.accountFailures);
  if (account !== null) return { allowed: false, reason: 'account', retryAfterMs: account };
  const network = check(failures.network, rules.networkFailures);
  if (network !== null) return { allowed: false, reason: 'network', retryAfterMs: network };
  return { allowed: true };
}
