import { z } from 'zod';
import { requiredText } from './fields';

/** A form has at least one letter or digit: "&" alone names nothing. */
const ZSynonymForm = requiredText(100).refine((s) => /[\p{L}\p{N}]/u.test(s), {
  message: 'Mỗi cách viết phải có ít nhất một chữ hoặc số.',
});

const forms = z
  .array(ZSynonymForm)
  .min(2, { message: 'Nhóm từ đồng nghĩa cần ít nhất hai cách viết.' })
  .max(20, { message: 'Nhóm từ đồng nghĩa có tối đa 20 cách viết.' });

/** A group of ways to write one thing that search treats as the same: KH&CN, khoa học và công nghệ. */
export const ZSynonymGroup = z.object({
  id: z.string(),
  forms: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TSynonymGroup = z.infer<typeof ZSynonymGroup>;
export const ZSynonymGroupList = z.object({ items: z.array(ZSynonymGroup) });
export type TSynonymGroupList = z.infer<typeof ZSynonymGroupList>;

export const ZCreateSynonymGroupRequest = z.strictObject({ forms });
export type TCreateSynonymGroupRequest = z.infer<typeof ZCreateSynonymGroupRequest>;
export const ZUpdateSynonymGroupRequest = z.strictObject({ version: z.number().int().min(1), forms });
export type TUpdateSynonymGroupRequest = z.infer<typeof ZUpdateSynonymGroupRequest>;
export const ZDeleteSynonymGroupQuery = z.strictObject({ version: z.coerce.number().int().min(1) });
