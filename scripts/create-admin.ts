/**
 * Creates the first administrator (or another one) and prints a one-time
 * password that must be changed at first sign-in. The only way to get an
 * account in production mode: there is no default password.
 *
 *   npm run create-admin -- --username quantri --name "Nguyễn Văn A" [--email a@x.gov.vn] [--province "Tỉnh Ninh Bình"]
 *                           [--db data/hai-long.db | --database-url postgres://…]
 *
 * The database is the server's: DATABASE_URL (PostgreSQL) when set, else the
 * SQLite file DATABASE_PATH; --database-url and --db override them.
 * --province creates the root unit when the unit tree is still empty.
 */
import { parseArgs } from 'node:util';
import { Username } from '@/lib/validation/auth';
import { hashPassword, makeOneTimePassword } from '@/server/auth/password';

async function main() {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      province: { type: 'string' },
      db: { type: 'string' },
      'database-url': { type: 'string' },
    },
  });
  const username = Username.safeParse(values.username ?? '');
  if (!username.success) fail(`--username: ${username.error.issues[0]?.message}`);
  if (!values.name?.trim()) fail('--name: cần họ tên người quản trị.');
  // The engine is chosen when db/schema.ts loads: set it before importing anything from db/.
  if (values['database-url']) process.env.DATABASE_URL = values['database-url'];
  else if (values.db) delete process.env.DATABASE_URL;
  const { isPostgresUrl } = await import('@/db/engine/kind');
  const url = process.env.DATABASE_URL?.trim() || undefined;
  if (url && !isPostgresUrl(url)) fail('--database-url / DATABASE_URL: phải là một địa chỉ postgres://…');
  const { installStore, closeStore } = await import('@/db/store');
  const { createAdministrator, getUserByUsername } = await import('@/db/queries/users');

  let store;
  try {
    store = url
      ? await (await import('@/db/engine/pg')).openPgStore(url, { poolSize: 2 })
      : (await import('@/db/engine/sqlite')).openSqliteStore(values.db ?? process.env.DATABASE_PATH ?? 'data/hai-long.db');
  } catch (error) {
    fail(`Không mở được cơ sở dữ liệu (${url ? 'PostgreSQL' : 'tệp SQLite'}): ${error instanceof Error ? error.message : String(error)}`);
  }
  installStore(store);
  try {
    if (await getUserByUsername({ username: username.data! })) fail(`Tên đăng nhập "${username.data}" đã tồn tại.`);
    const password = makeOneTimePassword();
    // Hashed before the transaction, which it would otherwise hold for ~100 ms.
    const passwordHash = await hashPassword(password);
    const result = await createAdministrator({
      user: {
        username: username.data!,
        email: values.email?.trim().toLowerCase() || null,
        displayName: values.name!.trim(),
        passwordHash,
        mustChangePassword: true,
      },
      provinceName: values.province?.trim() || undefined,
    });
    if (!result.ok) fail('Chưa có đơn vị nào: thêm --province "Tên tỉnh" để tạo đơn vị gốc.');
    console.log(`Đã tạo quản trị viên "${username.data}" cho "${result.root.name}".`);
    console.log(`Mật khẩu dùng một lần: ${password}`);
    console.log('Người dùng phải đổi mật khẩu ở lần đăng nhập đầu tiên.');
  } finally {
    await closeStore();
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

void main();
