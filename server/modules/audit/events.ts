import { z } from 'zod';

/** What an audit event is about: the `resource_type` column. */
export const AUDIT_RESOURCE_TYPES = [
  'session',
  'user',
  'role_assignment',
  'org_unit',
  'plan',
  'plan_item',
  'indicator',
  'data_value',
  'round',
  'report',
  'search_synonym',
  /** programmes, support policies, budget lines (server/modules/programmes) */
  'programme',
  'support_policy',
  'budget_line',
  /** scorecards: a formula version, or a period's published scores */
  'scorecard',
  /** a report document of a round and its issued versions */
  'document',
  /** a round's synthesis (id: the round's) and the synthesis lexicon */
  'synthesis',
  /** a numbered publication of the public portal's datasets */
  'publication',
  /** a refused request (security.denied): the id is the method and the route */
  'request',
] as const;
export type AuditResourceType = (typeof AUDIT_RESOURCE_TYPES)[number];

/**
 * Every action the audit log knows, with the resource it is usually about and a Vietnamese
 * label for the viewer and `npm run audit:verify`. A new state change adds its action here first.
 */
export const AUDIT_ACTIONS = {
  'auth.login': { resourceType: 'session', vi: 'Đăng nhập' },
  'auth.login_failed': { resourceType: 'user', vi: 'Đăng nhập thất bại' },
  'auth.logout': { resourceType: 'session', vi: 'Đăng xuất' },
  'auth.password_change': { resourceType: 'user', vi: 'Đổi mật khẩu' },
  'auth.totp_setup': { resourceType: 'user', vi: 'Bắt đầu thiết lập xác thực hai bước' },
  'auth.totp_enable': { resourceType: 'user', vi: 'Bật xác thực hai bước' },
  'auth.totp_disable': { resourceType: 'user', vi: 'Tắt xác thực hai bước' },
  'org_unit.create': { resourceType: 'org_unit', vi: 'Tạo đơn vị' },
  'org_unit.update': { resourceType: 'org_unit', vi: 'Sửa đơn vị' },
  'org_unit.archive': { resourceType: 'org_unit', vi: 'Lưu trữ đơn vị' },
  'org_unit.restore': { resourceType: 'org_unit', vi: 'Khôi phục đơn vị' },
  'plan.create': { resourceType: 'plan', vi: 'Tạo kế hoạch' },
  'plan.update': { resourceType: 'plan', vi: 'Sửa kế hoạch' },
  'plan.archive': { resourceType: 'plan', vi: 'Lưu trữ kế hoạch' },
  'plan.restore': { resourceType: 'plan', vi: 'Khôi phục kế hoạch' },
  'plan_item.create': { resourceType: 'plan_item', vi: 'Tạo mục kế hoạch' },
  'plan_item.update': { resourceType: 'plan_item', vi: 'Sửa mục kế hoạch' },
  'plan_item.archive': { resourceType: 'plan_item', vi: 'Lưu trữ mục kế hoạch' },
  'plan_item.restore': { resourceType: 'plan_item', vi: 'Khôi phục mục kế hoạch' },
  'indicator.create': { resourceType: 'indicator', vi: 'Tạo chỉ tiêu' },
  'indicator.update': { resourceType: 'indicator', vi: 'Sửa chỉ tiêu' },
  'data_value.write': { resourceType: 'data_value', vi: 'Nhập số liệu chỉ tiêu' },
  'data_value.correct': { resourceType: 'data_value', vi: 'Văn phòng điều chỉnh số liệu đã báo cáo' },
  'round.open': { resourceType: 'round', vi: 'Mở đợt báo cáo' },
  'round.close': { resourceType: 'round', vi: 'Đóng đợt báo cáo' },
  'round.reopen': { resourceType: 'round', vi: 'Mở lại đợt báo cáo' },
  'round.schedule': { resourceType: 'round', vi: 'Đặt lịch mở đợt báo cáo' },
  'report.save': { resourceType: 'report', vi: 'Lưu báo cáo' },
  'report.submit': { resourceType: 'report', vi: 'Gửi báo cáo' },
  'report.approve': { resourceType: 'report', vi: 'Lãnh đạo đơn vị duyệt báo cáo' },
  'report.accept': { resourceType: 'report', vi: 'Tiếp nhận báo cáo' },
  'report.return': { resourceType: 'report', vi: 'Trả lại báo cáo' },
  'report.reopen': { resourceType: 'report', vi: 'Mở lại báo cáo đã tiếp nhận' },
  'report.evidence_add': { resourceType: 'report', vi: 'Đính kèm minh chứng' },
  'report.evidence_remove': { resourceType: 'report', vi: 'Gỡ minh chứng' },
  'indicator.archive': { resourceType: 'indicator', vi: 'Lưu trữ chỉ tiêu' },
  'indicator.restore': { resourceType: 'indicator', vi: 'Khôi phục chỉ tiêu' },
  'user.create': { resourceType: 'user', vi: 'Tạo người dùng' },
  'user.update': { resourceType: 'user', vi: 'Sửa người dùng' },
  'user.disable': { resourceType: 'user', vi: 'Khóa người dùng' },
  'user.enable': { resourceType: 'user', vi: 'Mở khóa người dùng' },
  'user.reset_password': { resourceType: 'user', vi: 'Đặt lại mật khẩu' },
  'role.assign': { resourceType: 'role_assignment', vi: 'Gán vai trò' },
  'role.revoke': { resourceType: 'role_assignment', vi: 'Thu hồi vai trò' },
  'security.denied': { resourceType: 'request', vi: 'Yêu cầu bị từ chối' },
  'programme.create': { resourceType: 'programme', vi: 'Thêm chương trình, đề án' },
  'programme.update': { resourceType: 'programme', vi: 'Sửa chương trình, đề án' },
  'programme.archive': { resourceType: 'programme', vi: 'Lưu trữ chương trình, đề án' },
  'programme.restore': { resourceType: 'programme', vi: 'Khôi phục chương trình, đề án' },
  'support_policy.create': { resourceType: 'support_policy', vi: 'Thêm chính sách hỗ trợ' },
  'support_policy.update': { resourceType: 'support_policy', vi: 'Sửa chính sách hỗ trợ' },
  'support_policy.archive': { resourceType: 'support_policy', vi: 'Lưu trữ chính sách hỗ trợ' },
  'support_policy.restore': { resourceType: 'support_policy', vi: 'Khôi phục chính sách hỗ trợ' },
  'budget_line.create': { resourceType: 'budget_line', vi: 'Thêm dòng ngân sách' },
  'budget_line.update': { resourceType: 'budget_line', vi: 'Sửa dòng ngân sách' },
  'budget_line.delete': { resourceType: 'budget_line', vi: 'Xoá dòng ngân sách' },
  'search_synonym.create': { resourceType: 'search_synonym', vi: 'Thêm nhóm từ đồng nghĩa khi tìm kiếm' },
  'search_synonym.update': { resourceType: 'search_synonym', vi: 'Sửa nhóm từ đồng nghĩa khi tìm kiếm' },
  'search_synonym.delete': { resourceType: 'search_synonym', vi: 'Xoá nhóm từ đồng nghĩa khi tìm kiếm' },
  'scorecard.formula_create': { resourceType: 'scorecard', vi: 'Đổi trọng số bảng điểm (phiên bản mới)' },
  'scorecard.publish': { resourceType: 'scorecard', vi: 'Công bố bảng điểm của kỳ' },
  'document.create': { resourceType: 'document', vi: 'Tạo dự thảo báo cáo' },
  'document.update': { resourceType: 'document', vi: 'Sửa dự thảo báo cáo' },
  'document.issue': { resourceType: 'document', vi: 'Ban hành báo cáo' },
  'publication.publish': { resourceType: 'publication', vi: 'Công bố dữ liệu công khai' },
  'publication.withdraw': { resourceType: 'publication', vi: 'Thu hồi đợt công bố dữ liệu công khai' },
  'synthesis.generate': { resourceType: 'synthesis', vi: 'Tạo bản tổng hợp báo cáo của đợt' },
  'synthesis.update': { resourceType: 'synthesis', vi: 'Sửa bản tổng hợp báo cáo của đợt' },
  'synthesis.lexicon_update': { resourceType: 'synthesis', vi: 'Sửa bộ từ khóa chủ đề của bản tổng hợp' },
} as const satisfies Record<string, { resourceType: AuditResourceType; vi: string }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

/** Vietnamese label of an action; an action no longer in the catalogue shows as itself. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, { vi: string }>)[action]?.vi ?? action;
}

/** The fields that changed: `before` as they were, `after` as they became (null for none). */
const ZDiff = z.record(z.string(), z.unknown()).nullish();

/** What a service hands to `recordAuditEvent`; checked before it is written. */
export const ZAuditEventInput = z.object({
  action: z.enum(AUDIT_ACTION_NAMES),
  actor: z.object({
    /** null for the anonymous actor and for failed sign-ins of unknown users */
    userId: z.guid().nullable(),
    name: z.string().min(1).max(200),
    roles: z.array(z.string().min(1).max(50)).max(50),
    ip: z.string().max(100).nullish(),
    requestId: z.string().max(200).nullish(),
  }),
  resource: z.object({
    type: z.string().min(1).max(50),
    id: z.string().max(200).nullable(),
    orgUnitId: z.guid().nullish(),
  }),
  before: ZDiff,
  after: ZDiff,
});

export type AuditEventInput = z.input<typeof ZAuditEventInput>;
