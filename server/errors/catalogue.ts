import type { ErrorCode } from '../../common/problem';
import type { Localized, MessageParam } from './app-error';

export type Language = 'vi' | 'en';

interface CatalogueEntry extends Localized {
  status: number;
}

/** One row per error code: HTTP status and the message shown to people. */
export const ERROR_CATALOGUE = {
  unauthenticated: {
    status: 401,
    vi: 'Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn. Hãy đăng nhập lại.',
    en: 'You are not signed in, or your session has expired. Please sign in again.',
  },
  forbidden: {
    status: 403,
    vi: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
    en: 'Your account is not allowed to do this.',
  },
  csrf_failed: {
    status: 403,
    vi: 'Yêu cầu thiếu mã xác thực phiên (x-csrf-token). Hãy tải lại trang rồi thử lại.',
    en: 'The request lacks the session check token (x-csrf-token). Reload the page and try again.',
  },
  invalid_credentials: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  },
  account_locked: {
    status: 423,
    vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau {until}.',
    en: 'The account is locked after repeated failed sign-ins. Try again after {until}.',
  },
  password_change_required: {
    status: 403,
    vi: 'Bạn đang dùng mật khẩu tạm thời. Hãy đổi mật khẩu trước khi tiếp tục làm việc.',
    en: 'You are using a temporary password. Change it before going on.',
  },
  account_disabled: {
    status: 403,
    vi: 'Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị hệ thống.',
    en: 'The account is disabled. Contact the administrator.',
  },
  too_many_attempts: {
    status: 429,
    vi: 'Có quá nhiều lần đăng nhập sai từ địa chỉ này. Thử lại sau {minutes} phút.',
    en: 'Too many failed sign-ins from this address. Try again in {minutes} minutes.',
  },
  rate_limited: {
    status: 429,
    vi: 'Có quá nhiều yêu cầu từ địa chỉ này. Hãy thử lại sau {seconds} giây.',
    en: 'Too many requests from this address. Try again in {seconds} seconds.',
  },
  otp_required: {
    status: 401,
    vi: 'Tài khoản đã bật xác thực hai bước. Hãy nhập mã 6 chữ số trên ứng dụng xác thực của bạn.',
    en: 'Two-step verification is on for this account. Enter the 6-digit code from your authenticator app.',
  },
  otp_invalid: {
    status: 401,
    vi: 'Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã mới nhất trên ứng dụng xác thực.',
    en: 'The verification code is wrong or has already been used. Enter the latest code from your authenticator app.',
  },
  totp_enrollment_required: {
    status: 403,
    vi: 'Tài khoản quản trị phải thiết lập xác thực hai bước trước khi tiếp tục làm việc.',
    en: 'Administrator accounts must set up two-step verification before doing anything else.',
  },
  totp_already_enabled: {
    status: 409,
    vi: 'Xác thực hai bước đã được bật cho tài khoản này.',
    en: 'Two-step verification is already on for this account.',
  },
  validation_failed: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
  bad_request: { status: 400, vi: 'Yêu cầu không hợp lệ: {reason}', en: 'Bad request: {reason}' },
  not_found: { status: 404, vi: 'Không tìm thấy {resource}.', en: 'The {resource} was not found.' },
  route_not_found: { status: 404, vi: 'Không có địa chỉ {route}.', en: 'No route {route}.' },
  version_conflict: {
    status: 409,
    vi: 'Dữ liệu đã được người khác thay đổi sau khi bạn mở (phiên bản hiện tại: {version}). Hãy xem bản mới nhất rồi lưu lại.',
    en: 'Someone else changed this since you opened it (current version: {version}). Review it and save again.',
  },
  duplicate: { status: 409, vi: '{field} "{value}" đã tồn tại.', en: '{field} "{value}" already exists.' },
  tree_cycle: {
    status: 409,
    vi: 'Không thể đặt {resource} dưới chính nó hoặc dưới một mục con của nó.',
    en: 'A {resource} cannot be placed under itself or one of its descendants.',
  },
  org_unit_in_use: {
    status: 409,
    vi: 'Không thể lưu trữ đơn vị: còn {count} nhiệm vụ do đơn vị chủ trì hoặc đơn vị con đang hoạt động.',
    en: 'The unit cannot be archived: it still leads {count} tasks or has active sub-units.',
  },
  item_has_children: {
    status: 409,
    vi: 'Không thể lưu trữ mục này: còn {count} mục con đang hoạt động.',
    en: 'The item cannot be archived: it still has {count} active children.',
  },
  unknown_reference: {
    status: 422,
    vi: 'Trường {field} trỏ tới bản ghi không tồn tại hoặc đã lưu trữ.',
    en: 'Field {field} refers to a record that does not exist or is archived.',
  },
  invalid_reference: { status: 422, vi: '{reason}', en: '{reason}' },
  report_not_editable: {
    status: 409,
    vi: 'Không sửa được báo cáo: {reason}',
    en: 'The report cannot be changed: {reason}',
  },
  invalid_transition: {
    status: 409,
    vi: 'Báo cáo đang ở trạng thái {state}; không thể {action}.',
    en: 'The report is {state}; it cannot be {action}.',
  },
  value_locked: {
    status: 409,
    vi: 'Giá trị thuộc báo cáo {period} của {unit} đang ở trạng thái {state}; không thể sửa cho đến khi báo cáo được trả lại hoặc mở lại.',
    en: 'The value belongs to the {period} report of {unit}, which is {state}; it cannot be changed until the report is returned or reopened.',
  },
  round_closed: {
    status: 409,
    vi: 'Đợt báo cáo đã đóng. {reason}',
    en: 'The reporting round is closed. {reason}',
  },
  round_open: {
    status: 409,
    vi: 'Đợt báo cáo đang mở, không cần mở lại.',
    en: 'The reporting round is open; there is nothing to reopen.',
  },
  payload_too_large: {
    status: 413,
    vi: 'Dữ liệu gửi lên vượt quá giới hạn {limit}.',
    en: 'The request exceeds the {limit} limit.',
  },
  unsupported_file: {
    status: 415,
    vi: 'Nội dung tệp không đúng định dạng: cần {expected}. Hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp.',
    en: 'The file content is not {expected}. The content is checked, not the file name.',
  },
  file_limit_exceeded: {
    status: 413,
    vi: 'Tệp vượt quá giới hạn xử lý: {limit}. Hãy chia thành nhiều tệp nhỏ hơn rồi gửi lại.',
    en: 'The file exceeds a processing limit: {limit}. Split it into smaller files and send them again.',
  },
  unsupported_media_type: {
    status: 415,
    vi: 'Định dạng dữ liệu không được hỗ trợ; hãy gửi JSON.',
    en: 'Unsupported media type; send JSON.',
  },
  database_unavailable: {
    status: 503,
    vi: 'Hệ thống tạm thời không kết nối được cơ sở dữ liệu nên thao tác chưa được thực hiện. Xin thử lại sau ít giây.',
    en: 'The system cannot reach its database right now, so nothing was changed. Please try again in a few seconds.',
  },
  internal: {
    status: 500,
    vi: 'Hệ thống gặp lỗi nên thao tác chưa được thực hiện. Xin thử lại sau.',
    en: 'Something went wrong, so nothing was changed. Please try again later.',
  },
} as const satisfies Record<ErrorCode, CatalogueEntry>;

export function resolveParam(value: MessageParam, lang: Language): string {
  return typeof value === 'object' ? value[lang] : String(value);
}

export function formatMessage(
  template: string,
  params: Record<string, MessageParam>,
  lang: Language,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : resolveParam(value, lang);
  });
}
