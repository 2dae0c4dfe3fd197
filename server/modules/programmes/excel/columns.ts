/**
 * The columns of the three Excel sheets (programmes, support policies, budget lines), as the
 * template and the export write them and the import finds them (by header, diacritics and case
 * ignored, a trailing "*" allowed). One list per sheet, so the three never drift apart.
 */
import {
  type CatalogueSheet,
  FUNDING_SOURCE_LABELS,
  POLICY_STATUS_LABELS,
  PROGRAMME_STATUS_LABELS,
} from '../../../../common/contracts/programmes';

export const YES = 'Có';
export const NO = 'Không';
/** What the deadline column says of a policy open all year */
export const ONGOING = 'Thường xuyên';

export interface Column {
  key: string;
  header: string;
  required?: boolean;
  width: number;
  /** the values Excel offers in a drop-down */
  list?: readonly string[];
  /** a whole number column (years, amounts) */
  whole?: boolean;
}

const legalBasis: Column[] = [
  { key: 'legalNumber', header: 'Số văn bản căn cứ', width: 20 },
  { key: 'legalDate', header: 'Ngày ban hành văn bản', width: 14 },
  { key: 'legalIssuer', header: 'Cơ quan ban hành', width: 24 },
];
const isPublic: Column = { key: 'isPublic', header: 'Công khai', width: 11, list: [YES, NO] };

export const SHEET_COLUMNS = {
  programmes: [
    { key: 'code', header: 'Mã chương trình', required: true, width: 16 },
    { key: 'name', header: 'Tên chương trình, đề án', required: true, width: 50 },
    ...legalBasis,
    { key: 'owner', header: 'Mã đơn vị chủ trì', width: 14 },
    { key: 'items', header: 'Mã nhiệm vụ được hỗ trợ', width: 22 },
    { key: 'fromYear', header: 'Từ năm', width: 9, whole: true },
    { key: 'toYear', header: 'Đến năm', width: 9, whole: true },
    { key: 'status', header: 'Trạng thái', width: 16, list: Object.values(PROGRAMME_STATUS_LABELS) },
    isPublic,
    { key: 'description', header: 'Mô tả', width: 50 },
  ],
  policies: [
    { key: 'name', header: 'Tên chính sách', required: true, width: 44 },
    ...legalBasis,
    { key: 'eligibility', header: 'Đối tượng được hỗ trợ', required: true, width: 40 },
    { key: 'supportLevel', header: 'Mức hỗ trợ', required: true, width: 40 },
    { key: 'maxAmount', header: 'Mức tối đa (đồng)', width: 18, whole: true },
    { key: 'maxPercent', header: 'Tỷ lệ tối đa (%)', width: 12 },
    { key: 'howToApply', header: 'Cách thức nộp hồ sơ', width: 36 },
    { key: 'applyAt', header: 'Nơi nộp hồ sơ', width: 30 },
    { key: 'deadline', header: 'Thời hạn nộp hồ sơ', width: 16 },
    { key: 'contactOffice', header: 'Cơ quan liên hệ', width: 28 },
    { key: 'contactPhone', header: 'Điện thoại liên hệ', width: 16 },
    { key: 'contactEmail', header: 'Thư điện tử liên hệ', width: 26 },
    { key: 'status', header: 'Trạng thái', width: 16, list: Object.values(POLICY_STATUS_LABELS) },
    { key: 'programme', header: 'Mã chương trình', width: 16 },
    { key: 'owner', header: 'Mã đơn vị quản lý', width: 14 },
    isPublic,
  ],
  budgetLines: [
    { key: 'programme', header: 'Mã chương trình', width: 16 },
    { key: 'item', header: 'Mã nhiệm vụ', width: 12 },
    { key: 'year', header: 'Năm', required: true, width: 8, whole: true },
    {
      key: 'source',
      header: 'Nguồn vốn',
      required: true,
      width: 24,
      list: Object.values(FUNDING_SOURCE_LABELS),
    },
    { key: 'allocated', header: 'Kinh phí được giao (đồng)', required: true, width: 20, whole: true },
    { key: 'disbursed', header: 'Đã giải ngân (đồng)', width: 20, whole: true },
    { key: 'note', header: 'Ghi chú', width: 36 },
    isPublic,
  ],
} as const satisfies Record<CatalogueSheet, readonly Column[]>;

export const SHEET_NAMES = {
  programmes: 'Chương trình',
  policies: 'Chính sách hỗ trợ',
  budgetLines: 'Dòng ngân sách',
} as const satisfies Record<CatalogueSheet, string>;

export const FILE_NAMES = {
  programmes: 'chuong-trinh',
  policies: 'chinh-sach-ho-tro',
  budgetLines: 'dong-ngan-sach',
} as const satisfies Record<CatalogueSheet, string>;

/** Guidance written on the template's second sheet. */
export const SHEET_HELP: Record<CatalogueSheet, string[]> = {
  programmes: [
    'Mỗi dòng một chương trình, đề án. Cột có dấu * là bắt buộc.',
    'Mã chương trình đã có: dòng đó sửa chương trình ấy; mã mới: thêm chương trình.',
    'Mã nhiệm vụ: số thứ tự của nhiệm vụ trong kế hoạch (ví dụ 3.1.2), nhiều nhiệm vụ cách nhau bằng dấu chấm phẩy.',
    'Ngày viết dd/mm/yyyy. Công khai: "Có" thì chương trình được đăng lên cổng thông tin công khai khi Văn phòng công bố.',
  ],
  policies: [
    'Mỗi dòng một chính sách hỗ trợ. Cột có dấu * là bắt buộc. Tên chính sách đã có: dòng đó sửa chính sách ấy.',
    'Thời hạn nộp hồ sơ: một ngày (dd/mm/yyyy) hoặc "Thường xuyên".',
    'Liên hệ: ghi cơ quan, số điện thoại và thư điện tử của cơ quan (bộ phận một cửa, phòng chuyên môn),',
    'không ghi tên, số điện thoại hay thư điện tử riêng của cá nhân.',
    'Mức tối đa ghi bằng đồng, chỉ gồm chữ số (có thể có dấu chấm phân cách hàng nghìn).',
  ],
  budgetLines: [
    'Mỗi dòng: kinh phí của một chương trình và/hoặc một nhiệm vụ, trong một năm, từ một nguồn vốn.',
    'Ghi ít nhất Mã chương trình hoặc Mã nhiệm vụ. Dòng trùng chương trình, nhiệm vụ, năm và nguồn với dòng đã có: sửa dòng đó.',
    'Số tiền ghi bằng đồng. Đã giải ngân lớn hơn kinh phí được giao chỉ là cảnh báo (giải ngân vốn năm trước chuyển sang).',
  ],
};
