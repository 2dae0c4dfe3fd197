import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('TRUST_PROXY', () => {
  it('takes the proxies’ addresses/CIDRs or a hop count, and trusts nobody by default', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8, ::1' }).TRUST_PROXY).toBe(
      '127.0.0.1,10.0.0.0/8, ::1',
    );
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
  });

  it('refuses "true" (anyone could forge X-Forwarded-For) with a message saying what to give instead', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: "true".*CIDR.*hop count/s);
  });

  it('refuses what is neither an address, a CIDR nor a hop count', () => {
    for (const value of ['yes', '10.0.0.0/33', 'proxy.example.vn', '0', '10.0.0.1,', 'loopback']) {
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(/TRUST_PROXY/);
    }
  });
});
