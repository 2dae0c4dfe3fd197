/** Field limits, enforced by the API schemas and shown by the web forms. */
export const LIMITS = {
  codeLength: 40,
  nameLength: 300,
  shortNameLength: 120,
  titleLength: 500,
  textLength: 5000,
  searchLength: 200,
  pageSizeMax: 500,
  treePageSizeMax: 5000,
} as const;
