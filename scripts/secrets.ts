/**
 * Prints fresh AUTH_SECRET and SIGNAL_SALT lines for the service's
 * EnvironmentFile (deploy/README.md). Prints only; writes nothing.
 *   npm run --silent secrets | sudo tee -a /etc/hai-long/hai-long.env >/dev/null
 */
import { randomBytes } from 'node:crypto';
import { formatDateTime } from '@/lib/format';
import { makeSecrets, secretsEnvLines } from '@/lib/secrets';

process.stdout.write(secretsEnvLines(makeSecrets(randomBytes), `${formatDateTime(new Date())} (giờ Việt Nam)`));
