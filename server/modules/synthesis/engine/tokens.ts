/**
 * Syllables, the unit of Vietnamese text the engine counts: lower-case, diacritics kept (they carry
 * the meaning: "phí" fee, "phi" to fly). Stop syllables are words that say nothing about the theme
 * of an obstacle or proposal: function words, and the boilerplate every report repeats.
 */

/** Letters (with their marks) and digits; "COVID-19" → "covid", "19". Input already normalised. */
const SYLLABLE = /[\p{L}\p{M}]+|\d+/gu;

export function syllablesOf(text: string): string[] {
  return (text.toLowerCase().match(SYLLABLE) ?? []) as string[];
}

/** "đường truyền" → "duong truyen": for text typed without diacritics. */
export function foldDiacritics(syllable: string): string {
  return syllable
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/**
 * Our own list, written for unit reports: grammar words, quantities and time words, and the words
 * every obstacle or proposal carries whatever its theme ("khó khăn", "đề nghị", "đơn vị", "tỉnh").
 */
export const STOP_SYLLABLES: ReadonlySet<string> = new Set(
  `và của các những là có được cho với trong trên dưới tại theo để do từ đến về này đó kia khi đã đang sẽ
   còn cũng như thì mà nhưng hoặc hay vì nên nhiều một hai ba số ít rất lại ra vào bị việc nào ở qua nữa
   bằng hơn chỉ đều mới vẫn chưa không hết gì nhằm đối thêm cần phải tuy nhiên ngoài hiện nay năm tháng
   kỳ quý thời gian lúc sau trước ngày đầu cuối toàn bộ từng mỗi mọi cả chung riêng nhất các vv v
   khó khăn vướng mắc đề nghị kiến xuất xem xét quan tâm tạo điều kiện tỉnh huyện xã phường thị trấn sở
   ban ngành đơn vị địa phương ubnd hđnd cấp thẩm quyền triển khai thực hiện tình trạng dẫn tới
   gặp nêu thấy vấn đề nội dung trường hợp so yêu cầu đáp ứng thiếu chậm hạn chế đảm bảo bảo đảm
   sớm kịp thời đúng tiếp tục thường xuyên chủ yếu đặc biệt hoàn toàn khá tương đối
   nhìn chung cơ bản hiệu quả tốt`
    .split(/\s+/)
    .filter((s) => s.length > 0),
);

export function isStop(syllable: string): boolean {
  return STOP_SYLLABLES.has(syllable) || /^\d+$/.test(syllable);
}
