import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createTestContext, type TestContext } from '../test/context';
import { seedDemoIfEmpty } from './seed';
import { DEFAULT_DEMO_PASSWORD } from './users';

const CUSTOM = 'Mat-khau-demo-rieng-77';
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ empty: true });
}, 30_000);

afterAll(async () => {
  await ctx?.close();
});

const signIn = (password: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'secretariat', password },
    remoteAddress: '10.7.0.1',
  });

describe('DEMO_PASSWORD', () => {
  it('is the password the demo accounts open with, as `npm start` and `npm run seed` load them', async () => {
    const counts = await seedDemoIfEmpty(ctx.db, loadConfig({ DEMO_PASSWORD: CUSTOM }));
    expect(counts?.users).toBeGreaterThan(0);
    expect((await signIn(DEFAULT_DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(CUSTOM)).statusCode).toBe(200);
    // A database with data is left alone.
    expect(await seedDemoIfEmpty(ctx.db, loadConfig({}))).toBeNull();
  }, 180_000);
});
