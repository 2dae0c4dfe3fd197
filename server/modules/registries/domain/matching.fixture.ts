/** A small fixed set for the matching tests: one need, five offers, one more need for the reverse. */
import type { TechNeed, TechOffer } from './matching';

const BLANK = {
  description: '',
  vsic: null,
  tags: [],
  dealTypes: [],
  budgetBand: null,
  expiresOn: null,
} as const;

const need = (n: Partial<TechNeed> & Pick<TechNeed, 'id' | 'title' | 'minTrl'>): TechNeed => ({
  ...BLANK,
  ...n,
});

export const SHRIMP_NEED: TechNeed = need({
  id: 'N1',
  title: 'Hệ thống cảm biến IoT giám sát chất lượng nước ao nuôi tôm',
  description: 'Cần thiết bị đo độ mặn, oxy hòa tan, cảnh báo qua điện thoại.',
  vsic: 'C2651',
  tags: ['IoT', 'cảm biến', 'thủy sản'],
  dealTypes: ['licence', 'purchase'],
  budgetBand: '500m-2b',
  expiresOn: '2027-06-30',
  minTrl: 6,
});

const offer = (o: Partial<TechOffer> & Pick<TechOffer, 'id' | 'title' | 'trl'>): TechOffer => ({
  ...BLANK,
  ...o,
});

export const OFFERS: TechOffer[] = [
  offer({
    id: 'O1',
    title: 'Bộ cảm biến đo oxy hòa tan và độ mặn cho ao nuôi',
    description: 'Thiết bị IoT đo chất lượng nước, cảnh báo qua điện thoại.',
    vsic: 'C2651',
    tags: ['cam bien', 'iot', 'nuôi trồng thủy sản'],
    dealTypes: ['purchase'],
    budgetBand: 'under-500m',
    trl: 7,
  }),
  offer({
    id: 'O2',
    title: 'Phần mềm quản lý trang trại tôm',
    description: 'Nền tảng theo dõi nhật ký nuôi, dự báo dịch bệnh.',
    vsic: 'J6201',
    tags: ['phần mềm', 'thủy sản'],
    dealTypes: ['licence'],
    budgetBand: '2b-10b',
    trl: 8,
  }),
  offer({
    id: 'O3',
    title: 'Cảm biến khí độc trong nhà xưởng',
    vsic: 'C2610',
    tags: ['cảm biến'],
    dealTypes: ['technical-cooperation'],
    trl: 4,
  }),
  offer({
    id: 'O4',
    title: 'Cảm biến độ mặn cho ao nuôi tôm',
    vsic: 'C2651',
    tags: ['cảm biến', 'thủy sản'],
    dealTypes: ['purchase'],
    trl: 9,
    expiresOn: '2026-01-01',
  }),
  offer({
    id: 'O5',
    title: 'Thiết bị đo chất lượng nước',
    vsic: 'C2660',
    tags: ['IoT'],
    dealTypes: ['licence'],
    budgetBand: '500m-2b',
    trl: 6,
  }),
];

export const NEEDS: TechNeed[] = [
  SHRIMP_NEED,
  need({
    id: 'N2',
    title: 'Cần phần mềm truy xuất nguồn gốc tôm xuất khẩu',
    description: 'Ghi nhật ký nuôi, mã QR cho lô hàng.',
    vsic: 'J62',
    tags: ['phần mềm', 'truy xuất nguồn gốc', 'thủy sản'],
    dealTypes: ['licence', 'rnd'],
    budgetBand: 'under-500m',
    minTrl: 7,
  }),
  need({
    id: 'N3',
    title: 'Dây chuyền tự động đóng gói',
    description: 'Robot đóng hộp sản phẩm.',
    vsic: 'C28',
    tags: ['tự động hóa'],
    dealTypes: ['purchase'],
    budgetBand: 'over-10b',
    minTrl: 9,
  }),
];
