/**
 * How the OpenAPI document (/api/openapi.json) is made from the routes' zod schemas, in one place
 * (plugged into @fastify/swagger in app.ts): operation ids, the problem answers the app's own
 * hooks give on any route, upload bodies, file answers, and the shared components.
 */
import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3 } from 'openapi-types';
import { z } from 'zod';
import { ZMe } from '../common/contracts/auth';
import { ZWriteDataValuesResult } from '../common/contracts/data-values';
import { ZDocument } from '../common/contracts/documents';
import { ZOrgUnitRef } from '../common/contracts/fields';
import { ZIndicator, ZIndicatorRef } from '../common/contracts/indicators';
import { ZOrgUnit, ZOrgUnitNode } from '../common/contracts/org-units';
import { ZPlanImportPreview } from '../common/contracts/plan-import';
import { ZPlanItemDetail, ZPlanTreeNode } from '../common/contracts/plan-items';
import { ZPlan } from '../common/contracts/plans';
import { ZAttachedEvidence, ZReport } from '../common/contracts/reports';
import { ZCompleteness, ZReportHistoryItem, ZRound } from '../common/contracts/rounds';
import { ZScorecardFormula, ZScorecardPublication, ZScorecardUnit } from '../common/contracts/scorecards';
import { ZSynonymGroup } from '../common/contracts/search-synonyms';
import { ZUser } from '../common/contracts/users';
import { ZFieldError, ZProblem } from '../common/problem';
import { ERROR_CATALOGUE } from './errors/catalogue';
import { CONTENT_TYPES } from './http';

/**
 * Answers several operations share, as `components.schemas`: operations refer to them with `$ref`
 * and a generated client gets one type per name. Answers only: request bodies stay inline, where
 * the fuzz test reads them (a schema used in a body would also appear as `<Name>Input`). A
 * recursive schema (a tree's node) must be named, or its `$ref` would point nowhere.
 */
const SHARED_SCHEMAS: Record<string, z.ZodType> = {
  Problem: ZProblem,
  FieldError: ZFieldError,
  Me: ZMe,
  OrgUnitRef: ZOrgUnitRef,
  OrgUnit: ZOrgUnit,
  OrgUnitNode: ZOrgUnitNode,
  User: ZUser,
  Plan: ZPlan,
  PlanItemDetail: ZPlanItemDetail,
  PlanTreeNode: ZPlanTreeNode,
  PlanImportPreview: ZPlanImportPreview,
  Indicator: ZIndicator,
  IndicatorRef: ZIndicatorRef,
  WriteDataValuesResult: ZWriteDataValuesResult,
  Round: ZRound,
  Completeness: ZCompleteness,
  ReportHistoryItem: ZReportHistoryItem,
  Report: ZReport,
  AttachedEvidence: ZAttachedEvidence,
  Document: ZDocument,
  SynonymGroup: ZSynonymGroup,
  ScorecardFormula: ZScorecardFormula,
  ScorecardPublication: ZScorecardPublication,
  ScorecardUnit: ZScorecardUnit,
};
// The zod transforms name what the global registry gives an id (keeping a description it has).
for (const [id, schema] of Object.entries(SHARED_SCHEMAS)) {
  const meta = z.globalRegistry.get(schema);
  if (meta?.id !== id) z.globalRegistry.add(schema, { ...meta, id });
}

const PROBLEM_SCHEMA_REF = '#/components/schemas/Problem';

/** The problem answers (RFC 9457), as `components.responses`; the codes come from the catalogue. */
const PROBLEM_ANSWERS: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Yêu cầu không hợp lệ (`errors` nêu từng trường sai)' },
  401: {
    name: 'Unauthorized',
    description: 'Chưa đăng nhập, phiên đã hết hạn, hoặc sai thông tin đăng nhập',
  },
  403: { name: 'Forbidden', description: 'Đã đăng nhập nhưng không được phép' },
  404: { name: 'NotFound', description: 'Không tìm thấy (kể cả bản ghi của đơn vị khác)' },
  409: { name: 'Conflict', description: 'Xung đột với trạng thái hiện tại (`current`: phiên bản đang lưu)' },
  413: { name: 'PayloadTooLarge', description: 'Nội dung gửi lên vượt giới hạn' },
  415: { name: 'UnsupportedMediaType', description: 'Loại nội dung hoặc loại tệp không được nhận' },
  422: { name: 'UnprocessableContent', description: 'Tham chiếu không hợp lệ' },
  423: { name: 'Locked', description: 'Tài khoản tạm khoá sau nhiều lần đăng nhập sai' },
  429: { name: 'TooManyRequests', description: 'Quá nhiều lần thử từ một địa chỉ' },
  500: { name: 'InternalServerError', description: 'Lỗi máy chủ' },
  503: {
    name: 'ServiceUnavailable',
    description: 'Cơ sở dữ liệu tạm thời không sẵn sàng; thử lại sau Retry-After giây',
  },
};

function problemComponent(status: number): OpenAPIV3.ResponseObject {
  const codes = Object.entries(ERROR_CATALOGUE)
    .filter(([, entry]) => entry.status === status)
    .map(([code]) => `\`${code}\``);
  return {
    description: `${PROBLEM_ANSWERS[status]!.description}. Problem details (RFC 9457), code: ${codes.join(', ')}.`,
    ...(status === 503 && {
      headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'giây' } },
    }),
    content: { 'application/problem+json': { schema: { $ref: PROBLEM_SCHEMA_REF } } },
  };
}

/**
 * `GET /api/dashboard/task-status` → `getDashboardTaskStatus`. A path parameter is left out, save
 * the last (`GET /api/rounds/:id` → `getRoundsById`), so an item and its list differ.
 */
export function operationIdFor(method: string, url: string): string {
  const segments = url
    .replace(/^\/api(?=\/)/, '')
    .split('/')
    .filter(Boolean);
  const words = segments.flatMap((segment, index) => {
    const param = /^(?::|\{)(\w+)\}?$/.exec(segment)?.[1];
    if (param === undefined) return segment.split(/[^A-Za-z0-9]+/);
    return index === segments.length - 1 ? ['by', param] : [];
  });
  const camel = words.filter(Boolean).map((word) => word[0]!.toUpperCase() + word.slice(1));
  return method.toLowerCase() + camel.join('');
}

const zodTransform = createJsonSchemaTransform({});
const zodTransformObject = createJsonSchemaTransformObject({});

type JsonSchemaMap = Record<string, unknown>;

/**
 * Per route: the zod schemas as JSON Schema, plus what the document cannot learn from them — the
 * operation id, the problems the app's hooks answer on any route (400 for a control character in
 * the query or body; 401/403 before a route that needs a session: signed out, CSRF, two-step or
 * password change pending; 404 for a malformed id in the path; 413/415 for a body; 500; 503 while
 * the database is away) and, for a route that reads its body as a file (`consumes` without
 * `body`), that body as binary.
 */
export const openApiTransform: SwaggerTransform = (input) => {
  const transformed = zodTransform(input as Parameters<typeof zodTransform>[0]);
  const schema = transformed.schema as JsonSchemaMap & { hide?: boolean; consumes?: readonly string[] };
  if (!schema || schema.hide) return transformed;
  const { route, url } = input;
  const method = [route.method].flat()[0]!;
  const upload = schema.body === undefined && schema.consumes !== undefined;
  const response: JsonSchemaMap = { ...(schema.response as JsonSchemaMap | undefined) };
  const problems = [
    400,
    ...(route.config?.public === true ? [] : [401, 403]),
    ...(url.includes(':') ? [404] : []),
    ...(schema.body !== undefined || upload ? [413, 415] : []),
    500,
    503,
  ];
  for (const status of problems) response[status] ??= { $ref: PROBLEM_SCHEMA_REF };
  return {
    url: transformed.url,
    schema: {
      ...schema,
      operationId: operationIdFor(method, url),
      response,
      ...(upload && {
        body: {
          content: Object.fromEntries(
            schema.consumes!.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
          ),
        },
      }),
    },
  };
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const BINARY = { type: 'string', format: 'binary' } as const;

const isProblemRef = (schema: unknown) =>
  typeof schema === 'object' && schema !== null && (schema as { $ref?: unknown }).$ref === PROBLEM_SCHEMA_REF;

/** A problem answer as its shared response; JSON or a problem (a row report or a 422) split by content type. */
function problemAnswer(
  status: number,
  response: OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject,
): OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject {
  if (status < 400 || '$ref' in response) return response;
  const schema = response.content?.['application/json']?.schema;
  if (isProblemRef(schema) && PROBLEM_ANSWERS[status]) {
    return { $ref: `#/components/responses/${PROBLEM_ANSWERS[status].name}` };
  }
  if (isProblemRef(schema)) {
    return { ...response, content: { 'application/problem+json': { schema: { $ref: PROBLEM_SCHEMA_REF } } } };
  }
  const anyOf = schema && 'anyOf' in schema ? schema.anyOf : undefined;
  if (!anyOf?.some(isProblemRef)) return response;
  const others = anyOf.filter((member) => !isProblemRef(member));
  return {
    ...response,
    content: {
      'application/json': { schema: others.length === 1 ? others[0]! : { anyOf: others } },
      'application/problem+json': { schema: { $ref: PROBLEM_SCHEMA_REF } },
    },
  };
}

/**
 * A file answer declared without its content type (a route not yet on `fileResponse`, http.ts) is
 * documented by its path's extension: `/….xlsx` answers XLSX bytes, not JSON.
 */
function fileAnswer(path: string, operation: OpenAPIV3.OperationObject) {
  const extension = /\.(xlsx|docx|pdf|csv)$/.exec(path)?.[1] as 'xlsx' | 'docx' | 'pdf' | 'csv' | undefined;
  if (!extension) return;
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!status.startsWith('2') || '$ref' in response || !response.content) continue;
    const types = Object.keys(response.content);
    if (types.length === 1 && types[0] === 'application/json') {
      response.content = { [CONTENT_TYPES[extension]]: { schema: { ...BINARY } } };
    }
  }
}

/** The names of `components.schemas` that `node` refers to, followed through the components. */
function referencedSchemas(node: unknown, schemas: Record<string, unknown>, found = new Set<string>()) {
  if (Array.isArray(node)) {
    for (const child of node) referencedSchemas(child, schemas, found);
  } else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      const name =
        key === '$ref' && typeof value === 'string'
          ? /^#\/components\/schemas\/(.+)$/.exec(value)?.[1]
          : undefined;
      if (name !== undefined && !found.has(name)) {
        found.add(name);
        referencedSchemas(schemas[name], schemas, found);
      } else {
        referencedSchemas(value, schemas, found);
      }
    }
  }
  return found;
}

/**
 * The whole document: the shared schemas, the problem answers as `components.responses`, file
 * answers by extension; components nothing refers to are left out (the zod transform writes every
 * named schema twice, as `<Name>` for answers and `<Name>Input` for requests).
 */
export const openApiTransformObject: SwaggerTransformObject = (input) => {
  const document = zodTransformObject(input) as OpenAPIV3.Document;
  const statuses = new Set<number>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      fileAnswer(path, operation);
      for (const [status, response] of Object.entries(operation.responses)) {
        operation.responses[status] = problemAnswer(Number(status), response);
        if ('$ref' in operation.responses[status]!) statuses.add(Number(status));
      }
    }
  }
  const responses = Object.fromEntries(
    [...statuses]
      .sort((a, b) => a - b)
      .map((status) => [PROBLEM_ANSWERS[status]!.name, problemComponent(status)]),
  );
  const schemas = document.components?.schemas ?? {};
  const used = referencedSchemas([document.paths, responses], schemas);
  document.components = {
    ...document.components,
    schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))),
    responses,
  };
  return document;
};
