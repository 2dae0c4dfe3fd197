// Types for @20minutes/s3rver, the S3-compatible server the S3 test runs on loopback (it ships none).
declare module '@20minutes/s3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  export default class S3rver {
    constructor(options: {
      address?: string;
      /** 0: any free port */
      port?: number;
      silent?: boolean;
      /** where the buckets' objects are written */
      directory: string;
      configureBuckets?: { name: string }[];
    });
    httpServer: Server;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
