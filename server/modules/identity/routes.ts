import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZLoginRequest,
  ZMe,
  ZTotpConfirmRequest,
  ZTotpDisableRequest,
  ZTotpSetup,
} from '../../../common/contracts/auth';
import { AppError } from '../../errors/app-error';
import { problemResponses, signInProblemResponses } from '../../http';
import { auditChange } from '../audit/service';
import { dummyPasswordHash } from './passwords';
import { confirmTotp, disableTotp, login, presentMe, setupTotp } from './service';
import {
  actorForSession,
  findActiveSession,
  revokeAllSessions,
  revokeSession,
  SESSION_COOKIE,
} from './sessions';

const tags = ['auth'];

export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  // Made now, so the first unknown username does not take a hash longer than any other attempt.
  await dummyPasswordHash();

  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Đăng nhập (đặt cookie phiên); kèm mã xác thực nếu tài khoản bật xác thực hai bước',
        body: ZLoginRequest,
        response: { 200: ZMe, ...signInProblemResponses },
      },
    },
    async (request, reply) => {
      const result = await login({
        db,
        username: request.body.username,
        password: request.body.password,
        otp: request.body.otp,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
        settings: app.sessionSettings,
      });
      if (!result.ok) throw result.error;
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: app.sessionSettings.absoluteHours * 3600,
      });
      const session = await findActiveSession(db, result.token, app.sessionSettings);
      if (!session) throw new AppError('internal');
      const actor = await actorForSession(db, session, { ip: request.ip, requestId: request.id });
      return presentMe(db, session, actor);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags,
        summary: 'Người dùng đang đăng nhập, vai trò và quyền',
        response: { 200: ZMe, ...problemResponses },
      },
    },
    async (request) => {
      if (!request.session) throw new AppError('unauthenticated');
      return presentMe(db, request.session, request.actor);
    },
  );

  for (const [path, everywhere] of [
    ['/auth/logout', false],
    ['/auth/logout-all', true],
  ] as const) {
    app.post(
      path,
      {
        schema: {
          tags,
          summary: everywhere ? 'Đăng xuất mọi thiết bị' : 'Đăng xuất',
          response: { 204: z.null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        // Signed in is all it takes (the app's preValidation hook answers 401 otherwise).
        const session = request.session!;
        await db.transaction(async (tx) => {
          if (everywhere) await revokeAllSessions(tx, session.user.id);
          else await revokeSession(tx, session.tokenHash);
          await auditChange(
            tx,
            request.actor,
            'auth.logout',
            { type: 'session', id: null },
            { after: { everywhere } },
          );
        });
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
  }

  // Two-step verification (TOTP). Signed in is all it takes, also for an administrator who must
  // still set it up (server/modules/identity/totp.ts lists what such a session may call).
  app.post(
    '/auth/totp/setup',
    {
      schema: {
        tags,
        summary: 'Bắt đầu thiết lập xác thực hai bước: tạo mã bí mật mới và mã QR (chưa có hiệu lực)',
        response: { 200: ZTotpSetup, ...problemResponses },
      },
    },
    async (request, reply) => {
      const setup = await db.transaction((tx) => setupTotp({ tx, actor: request.actor }));
      // The secret is shown once: no cache may keep it.
      reply.header('cache-control', 'no-store');
      return setup;
    },
  );

  app.post(
    '/auth/totp/confirm',
    {
      schema: {
        tags,
        summary: 'Xác nhận mã từ ứng dụng xác thực để bật xác thực hai bước (các phiên khác kết thúc)',
        body: ZTotpConfirmRequest,
        response: { 200: ZMe, ...problemResponses },
      },
    },
    async (request) => {
      const session = request.session!;
      await db.transaction((tx) =>
        confirmTotp({
          tx,
          actor: request.actor,
          code: request.body.code,
          currentSessionHash: session.tokenHash,
        }),
      );
      return presentMe(db, { ...session, user: { ...session.user, totpEnabled: true } }, request.actor);
    },
  );

  app.post(
    '/auth/totp/disable',
    {
      schema: {
        tags,
        summary: 'Tắt xác thực hai bước (cần mật khẩu; tài khoản quản trị không được tắt)',
        body: ZTotpDisableRequest,
        response: { 200: ZMe, ...problemResponses },
      },
    },
    async (request) => {
      const session = request.session!;
      await db.transaction((tx) =>
        disableTotp({ tx, actor: request.actor, password: request.body.password }),
      );
      return presentMe(db, { ...session, user: { ...session.user, totpEnabled: false } }, request.actor);
    },
  );
};
