import { inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { verifyPassword } from '../modules/identity/passwords';
import { users } from '../modules/identity/tables';
import { DEFAULT_DEMO_PASSWORD, DEMO_USERS } from './users';

/**
 * In production, a demo account that still opens with the published demo password is an open
 * door: refuse to start and say which accounts to fix.
 */
export async function refuseDemoPasswords(db: Database, configuredDemoPassword: string): Promise<void> {
  const demoPasswords = [...new Set([DEFAULT_DEMO_PASSWORD, configuredDemoPassword])];
  const rows = await db
    .select({ username: users.username, passwordHash: users.passwordHash, disabled: users.disabled })
    .from(users)
    .where(
      inArray(
        users.username,
        DEMO_USERS.map((u) => u.username),
      ),
    );
  const open: string[] = [];
  for (const row of rows) {
    for (const password of demoPasswords) {
      if (!row.disabled && (await verifyPassword(row.passwordHash, password))) {
        open.push(row.username);
        break;
      }
    }
  }
  if (open.length) {
    throw new Error(
      `Không khởi động ở chế độ production: các tài khoản mẫu vẫn dùng mật khẩu mặc định (${open.join(', ')}). ` +
        'Hãy đổi mật khẩu hoặc vô hiệu hóa các tài khoản này.',
    );
  }
}
