/**
 * Gregorian dates of the two lunar public holidays, 2025–2035: Tết (1st day of the 1st lunar
 * month) and the Hùng Kings' commemoration (10th day of the 3rd lunar month).
 *
 * Source: computed with Hồ Ngọc Đức's published Vietnamese lunar calendar algorithm ("Âm lịch Việt
 * Nam", astronomical new moons, time zone UTC+7, the meridian Vietnam's calendar uses), run once
 * and pasted here. 2025–2029 agree with common/working-days.ts and with the Chinese calendar; 2030
 * is the one year in the range where they differ: the new moon falls on 2 February 2030 at 23:07
 * in Hà Nội (00:07 on 3 February in Beijing), so Vietnamese Tết is 2 February 2030.
 */
export const LUNAR_DATES: Readonly<Record<number, { tet: string; hungKings: string }>> = {
  2025: { tet: '2025-01-29', hungKings: '2025-04-07' },
  2026: { tet: '2026-02-17', hungKings: '2026-04-26' },
  2027: { tet: '2027-02-06', hungKings: '2027-04-16' },
  2028: { tet: '2028-01-26', hungKings: '2028-04-04' },
  2029: { tet: '2029-02-13', hungKings: '2029-04-23' },
  2030: { tet: '2030-02-02', hungKings: '2030-04-12' },
  2031: { tet: '2031-01-23', hungKings: '2031-04-01' },
  2032: { tet: '2032-02-11', hungKings: '2032-04-19' },
  2033: { tet: '2033-01-31', hungKings: '2033-04-09' },
  2034: { tet: '2034-02-19', hungKings: '2034-04-28' },
  2035: { tet: '2035-02-08', hungKings: '2035-04-17' },
};

export const FIRST_LUNAR_YEAR = 2025;
export const LAST_LUNAR_YEAR = 2035;
