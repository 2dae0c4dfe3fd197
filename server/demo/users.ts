import type { Role } from '../../common/roles';
import type { Transaction } from '../db/client';
import { hashPassword } from '../modules/identity/passwords';

// The policy refuses it as a real password, so it lives with the policy.
export { DEFAULT_DEMO_PASSWORD } from '../modules/identity/passwords';

import { roleAssignments, users } from '../modules/identity/tables';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  /** org unit code the role covers (with everything below it) */
  orgCode: string;
}

/** One user per role at province level, plus an officer and a head for two departments and two wards. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', orgCode: '40' },
  { username: 'secretariat', displayName: 'Tổ giúp việc Ban Chỉ đạo', role: 'secretariat', orgCode: '40' },
  { username: 'leader', displayName: 'Lãnh đạo UBND tỉnh', role: 'steering', orgCode: '40' },
  { username: 'auditor', displayName: 'Thanh tra tỉnh', role: 'auditor', orgCode: '40' },
  { username: 'skhcn.canbo', displayName: 'Cán bộ Sở KH&CN', role: 'officer', orgCode: '40.SKHCN' },
  { username: 'skhcn.lanhdao', displayName: 'Lãnh đạo Sở KH&CN', role: 'head', orgCode: '40.SKHCN' },
  { username: 'stc.canbo', displayName: 'Cán bộ Sở Tài chính', role: 'officer', orgCode: '40.STC' },
  { username: 'stc.lanhdao', displayName: 'Lãnh đạo Sở Tài chính', role: 'head', orgCode: '40.STC' },
  {
    username: 'truongvinh.canbo',
    displayName: 'Cán bộ UBND phường Trường Vinh',
    role: 'officer',
    orgCode: '16690',
  },
  {
    username: 'truongvinh.lanhdao',
    displayName: 'Lãnh đạo UBND phường Trường Vinh',
    role: 'head',
    orgCode: '16690',
  },
  {
    username: 'thanhvinh.canbo',
    displayName: 'Cán bộ UBND phường Thành Vinh',
    role: 'officer',
    orgCode: '16681',
  },
  {
    username: 'thanhvinh.lanhdao',
    displayName: 'Lãnh đạo UBND phường Thành Vinh',
    role: 'head',
    orgCode: '16681',
  },
];

export async function insertDemoUsers(
  tx: Transaction,
  orgIds: Map<string, string>,
  password: string,
): Promise<number> {
  // One hash for all: argon2 costs ~35 ms each and every demo user shares the password anyway.
  const passwordHash = await hashPassword(password);
  for (const demo of DEMO_USERS) {
    const orgUnitId = orgIds.get(demo.orgCode);
    if (!orgUnitId)
      throw new Error(`Demo data: unknown org code "${demo.orgCode}" for user ${demo.username}`);
    const [user] = await tx
      .insert(users)
      .values({ username: demo.username, displayName: demo.displayName, passwordHash })
      .returning({ id: users.id });
    await tx.insert(roleAssignments).values({ userId: user!.id, role: demo.role, orgUnitId });
  }
  return DEMO_USERS.length;
}
