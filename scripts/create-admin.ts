/**
 * Creates the first administrator (or another one) and prints a one-time
 * password that must be changed at first sign-in. The only way to get an
 * account in production mode: there is no default password.
 *
 *   npm run create-admin -- --username quantri --name "Nguyễn Văn A" [--email a@x.gov.vn] [--province "Tỉnh Ninh Bình"]
 *
 * --province creates the root unit when the unit tree is still empty.
 */
import { parseArgs } from 'node:util';
import { openDb } from '@/db/client';
import { createUnit, listRootUnits } from '@/db/queries/units-legacy';
import { createUser, getUserByUsername } from '@/db/queries/users';
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
    },
  });
  const username = Username.safeParse(values.username ?? '');
  if (!username.success) fail(`--username: ${username.error.issues[0]?.message}`);
  if (!values.name?.trim()) fail('--name: cần họ tên người quản trị.');
  const db = openDb(values.db ?? process.env.DATABASE_PATH ?? 'data/hai-long.db');
  if (getUserByUsername(db, { username: username.data! })) fail(`Tên đăng nhập "${username.data}" đã tồn tại.`);
  let root = listRootUnits(db)[0];
  if (!root) {
    if (!values.province?.trim()) fail('Chưa có đơn vị nào: thêm --province "Tên tỉnh" để tạo đơn vị gốc.');
    const created = createUnit(db, { parentId: null, kind: 'province', name: values.province!.trim(), rateable: false });
    root = { id: created.id, name: created.name, path: created.path };
  }
  const password = makeOneTimePassword();
  createUser(db, {
    user: {
      username: username.data!,
      email: values.email?.trim().toLowerCase() || null,
      displayName: values.name!.trim(),
      passwordHash: await hashPassword(password),
      role: 'admin',
      scopeUnitId: root.id,
      mustChangePassword: true,
    },
    actorId: null,
  });
  console.log(`Đã tạo quản trị viên "${username.data}" cho "${root.name}".`);
  console.log(`Mật khẩu dùng một lần: ${password}`);
  console.log('Người dùng phải đổi mật khẩu ở lần đăng nhập đầu tiên.');
  db.$client.close();
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

void main();
