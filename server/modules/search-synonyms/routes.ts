import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCreateSynonymGroupRequest,
  ZDeleteSynonymGroupQuery,
  ZSynonymGroup,
  ZSynonymGroupList,
  ZUpdateSynonymGroupRequest,
} from '../../../common/contracts/search-synonyms';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { problemResponses, ZIdParams } from '../../http';
import { authorize, PROVINCE_WIDE } from '../../policy';
import { getSynonymGroup, listSynonymGroups } from './queries';
import { createSynonymGroup, deleteSynonymGroup, updateSynonymGroup } from './service';

const tags = ['search-synonyms'];

/** The groups are the province's: only an assignment covering every unit edits them. */
const GROUPS = { type: 'search_synonym', orgUnitIds: PROVINCE_WIDE } as const;

async function readBack(db: Parameters<typeof getSynonymGroup>[0], id: string) {
  const group = await getSynonymGroup(db, id);
  if (!group) throw notFound(RESOURCE_NAMES.resource);
  return group;
}

export const searchSynonymRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/search-synonyms',
    {
      schema: {
        tags,
        summary: 'Từ đồng nghĩa khi tìm kiếm (viết tắt và viết đầy đủ)',
        response: { 200: ZSynonymGroupList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'search_synonym' });
      return { items: await listSynonymGroups(db) };
    },
  );

  app.post(
    '/search-synonyms',
    {
      schema: {
        tags,
        summary: 'Thêm nhóm từ đồng nghĩa (có hiệu lực từ lần tìm kiếm tiếp theo)',
        body: ZCreateSynonymGroupRequest,
        response: { 201: ZSynonymGroup, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'create', GROUPS);
      const id = await db.transaction((tx) =>
        createSynonymGroup({ tx, input: request.body, actor: request.actor }),
      );
      return reply.code(201).send(await readBack(db, id));
    },
  );

  app.put(
    '/search-synonyms/:id',
    {
      schema: {
        tags,
        summary: 'Sửa nhóm từ đồng nghĩa',
        params: ZIdParams,
        body: ZUpdateSynonymGroupRequest,
        response: { 200: ZSynonymGroup, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'update', GROUPS);
      const { id } = request.params;
      await db.transaction((tx) => updateSynonymGroup({ tx, id, input: request.body, actor: request.actor }));
      return readBack(db, id);
    },
  );

  app.delete(
    '/search-synonyms/:id',
    {
      schema: {
        tags,
        summary: 'Xoá nhóm từ đồng nghĩa',
        params: ZIdParams,
        querystring: ZDeleteSynonymGroupQuery,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'archive', GROUPS);
      const { id } = request.params;
      await db.transaction((tx) =>
        deleteSynonymGroup({ tx, id, version: request.query.version, actor: request.actor }),
      );
      return reply.code(204).send(null);
    },
  );
};
