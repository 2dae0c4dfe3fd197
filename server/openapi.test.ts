/**
 * The OpenAPI document as a client's author meets it: fetched from /api/openapi.json without
 * signing in, checked for what a generator needs (ids, shared components, every answer with its
 * content type), then turned into a TypeScript client with openapi-typescript (whose Redocly lint
 * rejects a document that breaks the OpenAPI structure or has a `$ref` to nothing) and calls
 * against that client compiled with the TypeScript compiler.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from './errors/catalogue';
import { CONTENT_TYPES } from './http';
import { EVIDENCE_TYPES } from './modules/evidence/storage';
import { operationIdFor } from './openapi';
import { createTestContext, type TestContext } from './test/context';

let ctx: TestContext;
let doc: OpenAPIV3.Document;
let tmp: string;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  operation: OpenAPIV3.OperationObject;
  /** reachable without signing in, as the app's route table says */
  public: boolean;
}
let operations: Operation[];

beforeAll(async () => {
  ctx = await createTestContext({ empty: true });
  const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
  const publicRoutes = new Set(
    ctx.app.routeTable.filter((r) => r.public).map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`),
  );
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item?.[method]).map((method) => ({
      method,
      path,
      operation: item![method]!,
      public: publicRoutes.has(`${method.toUpperCase()} ${path}`),
    })),
  );
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lotrinh-openapi-'));
});

afterAll(async () => {
  await ctx?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The object a local `$ref` points to, or undefined. */
function resolve(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
}

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) refsIn(child, found);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

/** Error answers that are not problems: the health check's own body while the database is away. */
const OWN_ERROR_BODIES = new Set(['get /api/health 503']);

const responseOf = (response: OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject) =>
  ('$ref' in response ? resolve(response.$ref) : response) as OpenAPIV3.ResponseObject;

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.0 with every reference resolving and every path parameter declared', () => {
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(operations.length).toBeGreaterThan(100);
    const dangling = [...new Set(refsIn(doc))].filter((ref) => resolve(ref) === undefined);
    expect(dangling).toEqual([]);
    for (const { method, path, operation } of operations) {
      const declared = (operation.parameters ?? [])
        .map((p) => ('$ref' in p ? (resolve(p.$ref) as OpenAPIV3.ParameterObject) : p))
        .filter((p) => p.in === 'path')
        .map((p) => p.name);
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(declared.sort(), `${method} ${path}`).toEqual(inPath.sort());
      const success = Object.keys(operation.responses).filter((s) => /^2\d\d$/.test(s));
      expect(success.length, `${method} ${path} has a 2xx answer`).toBeGreaterThan(0);
    }
  });

  it('names every operation once, in camelCase from its method and path', () => {
    const ids = operations.map((o) => o.operation.operationId);
    expect(ids.filter((id) => id === undefined)).toEqual([]);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(repeated).toEqual([]);
    for (const { method, path, operation } of operations) {
      expect(operation.operationId).toMatch(/^(get|put|post|delete|patch)[A-Z][A-Za-z0-9]*$/);
      expect(operation.operationId).toBe(operationIdFor(method, path));
    }
    const idOf = (method: string, path: string) => doc.paths[path]?.[method as 'get']?.operationId;
    expect(idOf('get', '/api/dashboard/task-status')).toBe('getDashboardTaskStatus');
    expect(idOf('post', '/api/reports/{id}/submit')).toBe('postReportsSubmit');
    expect(idOf('get', '/api/rounds')).toBe('getRounds');
    expect(idOf('get', '/api/rounds/{id}')).toBe('getRoundsById');
    expect(idOf('get', '/api/rounds/{id}/reports.xlsx')).toBe('getRoundsReportsXlsx');
    expect(operationIdFor('DELETE', '/api/reports/:id/evidence/:evidenceId')).toBe(
      'deleteReportsEvidenceByEvidenceId',
    );
  });

  it('shares the contract schemas and the problem answer as components', () => {
    const schemas = doc.components?.schemas ?? {};
    for (const name of ['Problem', 'FieldError', 'Me', 'OrgUnitRef', 'Report', 'Round', 'User', 'Plan']) {
      expect(Object.keys(schemas)).toContain(name);
    }
    // each one used: none written for nothing
    const used = new Set(refsIn([doc.paths, doc.components?.responses, schemas]));
    expect(Object.keys(schemas).filter((name) => !used.has(`#/components/schemas/${name}`))).toEqual([]);
    expect(doc.paths['/api/reports/{id}']?.get?.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } },
    });
    // the problem's schema (its enum of codes) appears once, in its component
    expect(JSON.stringify(doc.paths)).not.toContain('"csrf_failed"');
    expect(JSON.stringify(doc).length).toBeLessThan(400_000); // 970 KB with every problem inline
  });

  it('lists the problems each operation can answer, as shared RFC 9457 responses', () => {
    const missing: string[] = [];
    for (const { method, path, operation, public: isPublic } of operations) {
      const expected = [
        400,
        ...(isPublic ? [] : [401, 403]),
        ...(path.includes('{') ? [404] : []),
        ...(operation.requestBody ? [413, 415] : []),
        500,
        503,
      ];
      for (const status of expected) {
        if (!operation.responses[status]) missing.push(`${method} ${path} ${status}`);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || OWN_ERROR_BODIES.has(`${method} ${path} ${status}`)) continue;
        const content = responseOf(response).content ?? {};
        expect(Object.keys(content), `${method} ${path} ${status}`).toContain('application/problem+json');
      }
    }
    expect(missing).toEqual([]);
    // signing in is public, and alone answers a locked account and too many attempts
    const login = doc.paths['/api/auth/login']!.post!.responses;
    for (const status of [401, 403, 423, 429]) {
      expect(login[status]).toEqual({ $ref: expect.stringMatching(/^#\/components\/responses\//) });
    }
    expect(responseOf(login[423]!).description).toContain('account_locked');
    expect(responseOf(login[429]!).description).toContain('too_many_attempts');
    // every status the error catalogue can answer is documented by a shared response
    const documented = Object.values(doc.components?.responses ?? {}).map(
      (r) => (r as { description: string }).description,
    );
    for (const [code, { status }] of Object.entries(ERROR_CATALOGUE)) {
      expect(
        documented.some((d) => d.includes(`\`${code}\``)),
        `${code} (${status})`,
      ).toBe(true);
    }
  });

  it('takes the uploads as binary request bodies', () => {
    const binary = { schema: { type: 'string', format: 'binary' } };
    const dataImport = doc.paths['/api/data-values/import']!.post!;
    expect(dataImport.requestBody).toEqual({
      required: true,
      content: {
        [CONTENT_TYPES.csv]: binary,
        [CONTENT_TYPES.xlsx]: binary,
        [CONTENT_TYPES.octetStream]: binary,
      },
    });
    const evidence = doc.paths['/api/reports/{id}/evidence']!.post!;
    const evidenceTypes = (evidence.requestBody as OpenAPIV3.RequestBodyObject).content;
    expect(Object.keys(evidenceTypes).sort()).toEqual(
      [CONTENT_TYPES.octetStream, ...Object.keys(EVIDENCE_TYPES)].sort(),
    );
    for (const media of Object.values(evidenceTypes)) expect(media).toEqual(binary);
    for (const upload of [dataImport, evidence]) {
      expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['413', '415']));
    }
  });

  it('types each file answer with its content type, as binary, never as JSON', () => {
    const files: string[] = [];
    for (const { method, path, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(responseOf(response).content ?? {})) {
          const schema = media.schema as OpenAPIV3.SchemaObject | undefined;
          if (schema?.format !== 'binary') continue;
          files.push(`${method} ${path} ${status} ${type}`);
          expect(type, `${method} ${path}`).not.toMatch(/json/);
        }
      }
      const extension = /\.(xlsx|docx|pdf|csv)$/.exec(path)?.[1] as keyof typeof CONTENT_TYPES | undefined;
      if (extension) {
        expect(responseOf(operation.responses['200']!).content, `${method} ${path}`).toEqual({
          [CONTENT_TYPES[extension]]: { schema: { type: 'string', format: 'binary' } },
        });
      }
    }
    const download = responseOf(doc.paths['/api/reports/{id}/evidence/{evidenceId}']!.get!.responses['200']!);
    expect(Object.keys(download.content ?? {}).sort()).toEqual(Object.keys(EVIDENCE_TYPES).sort());
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it('generates a TypeScript client against which right calls compile and wrong ones do not', async () => {
    const blob = ts.factory.createTypeReferenceNode('Blob');
    const ast = await openapiTS(doc as never, {
      silent: true,
      // files as Blob, as a browser's fetch gives and takes them
      transform: (schema) => (schema.format === 'binary' ? blob : undefined),
    });
    fs.writeFileSync(path.join(tmp, 'api.ts'), astToString(ast));
    fs.writeFileSync(path.join(tmp, 'client.ts'), CLIENT);
    fs.writeFileSync(path.join(tmp, 'right.ts'), RIGHT_CALLS);
    fs.writeFileSync(path.join(tmp, 'wrong.ts'), WRONG_CALLS);
    const program = ts.createProgram({
      rootNames: ['right.ts', 'wrong.ts'].map((f) => path.join(tmp, f)),
      options: {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: [],
        skipLibCheck: true,
      },
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const file = d.file ? path.basename(d.file.fileName) : '?';
      const line =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return { at: `${file}:${line}`, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
    });
    expect(errors.filter((e) => !e.at.startsWith('wrong.ts:'))).toEqual([]);
    const wrongLines = WRONG_CALLS.split('\n').flatMap((line, i) =>
      line.includes('// wrong') ? [`wrong.ts:${i + 1}`] : [],
    );
    expect(wrongLines.length).toBe(8);
    expect([...new Set(errors.map((e) => e.at))].sort()).toEqual(wrongLines.sort());
  });
});

/** A client as small as they come: one function, typed by operation id from the generated file. */
const CLIENT = `import type { operations } from './api';
type Params<K extends keyof operations> = Omit<operations[K]['parameters'], 'header' | 'cookie'>;
type Body<K extends keyof operations> = operations[K] extends { requestBody: { content: infer C } } ? C[keyof C] : undefined;
type Responses<K extends keyof operations> = operations[K]['responses'];
type Success<K extends keyof operations> = {
  [S in keyof Responses<K>]: S extends 200 | 201 ? (Responses<K>[S] extends { content: infer C } ? C[keyof C] : undefined) : never;
}[keyof Responses<K>];
export declare function call<K extends keyof operations>(operation: K, params: Params<K>, body?: Body<K>): Promise<Success<K>>;
export type { components, operations } from './api';
`;

const RIGHT_CALLS = `import { call, type components, type operations } from './client';
export async function rightCalls(planId: string, reportId: string, file: Blob) {
  const list = await call('getDashboardTaskList', { query: { planId, list: 'overdue', limit: 10 } });
  const title: string | undefined = list.items[0]?.title;
  const lead: components['schemas']['OrgUnitRef'] | null | undefined = list.items[0]?.lead;
  const report: components['schemas']['Report'] = await call('getReportsById', { path: { id: reportId } });
  const submitted = await call('postReportsSubmit', { path: { id: reportId } }, { version: report.version });
  const workbook: Blob = await call('getDashboardExportXlsx', { query: { planId, table: 'overdue' } });
  const imported = await call('postDataValuesImport', { query: { mode: 'valid_rows', dryRun: 'true' } }, file);
  const rejected: number = imported.rejected;
  const attached = await call('postReportsEvidence', { path: { id: reportId }, query: { fileName: 'a.pdf', version: 2 } }, file);
  const evidence: Blob = await call('getReportsEvidenceByEvidenceId', { path: { id: reportId, evidenceId: attached.id } });
  type Locked = operations['postAuthLogin']['responses'][423]['content']['application/problem+json'];
  const code: Locked['code'] = 'account_locked';
  return [title, lead, submitted.status, workbook, rejected, evidence, code];
}
`;

const WRONG_CALLS = `import { call, type operations } from './client';
export async function wrongCalls(planId: string, file: Blob) {
  await call('getDashboardTaskList', { query: { planId: 42, list: 'overdue' } }); // wrong: planId is a string
  await call('getDashboardTaskList', { query: { planId, list: 'everything' } }); // wrong: no such list
  await call('getDashboardTaskList', { query: { list: 'overdue' } }); // wrong: planId missing
  await call('getReportsById', { path: {} }); // wrong: id missing
  await call('getTasks', {}); // wrong: no such operation
  const n: number = (await call('getDashboardTaskList', { query: { planId, list: 'overdue' } })).items[0]!.title; // wrong: a title is text
  const s: string = await call('getDashboardExportXlsx', { query: { planId, table: 'overdue' } }); // wrong: a file
  const code: operations['postAuthLogin']['responses'][429]['content']['application/problem+json']['code'] = 'slow_down'; // wrong: not a code
  return [n, s, code, file];
}
`;
