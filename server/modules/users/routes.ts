import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAddAssignmentRequest,
  ZAssignmentParams,
  ZChangePasswordRequest,
  ZCreateUserRequest,
  ZListUsersQuery,
  ZRemoveAssignmentQuery,
  ZResetPasswordRequest,
  ZUser,
  ZUserList,
} from '../../../common/contracts/users';
import { problemResponses, ZIdParams } from '../../http';
import { authorize, readScope } from '../../policy';
import { getUser, listUsers, userOrgUnitIds } from './queries';
import {
  addAssignment,
  changeOwnPassword,
  createUser,
  removeAssignment,
  resetPassword,
  setUserDisabled,
} from './service';

const tags = ['users'];

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Người dùng (quản trị)',
        querystring: ZListUsersQuery,
        response: { 200: ZUserList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'user' });
      const { query } = request;
      const result = await listUsers({ db, scope: readScope(request.actor, 'user'), ...query });
      return { ...result, page: query.page, pageSize: query.pageSize };
    },
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết người dùng',
        params: ZIdParams,
        response: { 200: ZUser, ...problemResponses },
      },
    },
    async (request) => {
      const userId = request.params.id;
      authorize(request.actor, 'read', { type: 'user', orgUnitIds: await userOrgUnitIds(db, userId) });
      return getUser(db, userId);
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Tạo người dùng với vai trò (mật khẩu tạm, phải đổi khi đăng nhập lần đầu)',
        body: ZCreateUserRequest,
        response: { 201: ZUser, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'create', {
        type: 'user',
        orgUnitIds: request.body.assignments.map((a) => a.orgUnitId),
      });
      const userId = await db.transaction((tx) =>
        createUser({ tx, input: request.body, actor: request.actor }),
      );
      reply.status(201);
      return getUser(db, userId);
    },
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/users/:id/${action}`,
      {
        schema: {
          tags,
          summary: disabled ? 'Vô hiệu hóa tài khoản (kết thúc mọi phiên)' : 'Kích hoạt lại tài khoản',
          params: ZIdParams,
          response: { 200: ZUser, ...problemResponses },
        },
      },
      async (request) => {
        const userId = request.params.id;
        authorize(request.actor, 'update', { type: 'user', orgUnitIds: await userOrgUnitIds(db, userId) });
        await db.transaction((tx) => setUserDisabled({ tx, userId, disabled, actor: request.actor }));
        return getUser(db, userId);
      },
    );
  }

  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Đặt mật khẩu tạm (người dùng phải đổi khi đăng nhập lại)',
        params: ZIdParams,
        body: ZResetPasswordRequest,
        response: { 200: ZUser, ...problemResponses },
      },
    },
    async (request) => {
      const userId = request.params.id;
      authorize(request.actor, 'update', { type: 'user', orgUnitIds: await userOrgUnitIds(db, userId) });
      const { version, password } = request.body;
      await db.transaction((tx) => resetPassword({ tx, userId, version, password, actor: request.actor }));
      return getUser(db, userId);
    },
  );

  app.post(
    '/users/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Gán thêm một vai trò tại một đơn vị',
        params: ZIdParams,
        body: ZAddAssignmentRequest,
        response: { 200: ZUser, ...problemResponses },
      },
    },
    async (request) => {
      const userId = request.params.id;
      authorize(request.actor, 'update', { type: 'user', orgUnitIds: await userOrgUnitIds(db, userId) });
      // Granting a role over a unit takes the right to manage users there too.
      authorize(request.actor, 'create', { type: 'user', orgUnitIds: [request.body.orgUnitId] });
      await db.transaction((tx) => addAssignment({ tx, userId, input: request.body, actor: request.actor }));
      return getUser(db, userId);
    },
  );

  app.delete(
    '/users/:id/assignments/:assignmentId',
    {
      schema: {
        tags,
        summary: 'Gỡ một vai trò của người dùng',
        params: ZAssignmentParams,
        querystring: ZRemoveAssignmentQuery,
        response: { 200: ZUser, ...problemResponses },
      },
    },
    async (request) => {
      const { id: userId, assignmentId } = request.params;
      authorize(request.actor, 'update', { type: 'user', orgUnitIds: await userOrgUnitIds(db, userId) });
      await db.transaction((tx) =>
        removeAssignment({ tx, userId, assignmentId, version: request.query.version, actor: request.actor }),
      );
      return getUser(db, userId);
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu của mình (các phiên khác kết thúc)',
        body: ZChangePasswordRequest,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      // Signed in is all it takes (the app's preValidation hook answers 401 otherwise).
      const session = request.session!;
      await db.transaction((tx) =>
        changeOwnPassword({
          tx,
          actor: request.actor,
          currentSessionHash: session.tokenHash,
          currentPassword: request.body.currentPassword,
          newPassword: request.body.newPassword,
        }),
      );
      return reply.status(204).send(null);
    },
  );
};
