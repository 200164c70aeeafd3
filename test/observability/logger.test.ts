import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { accessLogger, createLogger } from '../../src/observability/logger.js';

function captured() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), text: () => chunks.join('') };
}

describe('logger redaction', () => {
  it('redacts authorization headers and key fields wherever they sit', async () => {
    const { logger, text } = captured();
    logger.info({ headers: { authorization: 'Bearer sk-a', 'x-api-key': 'sk-b' } }, 'h');
    logger.info({ req: { headers: { authorization: 'Bearer sk-c' } } }, 'r');
    logger.info({ backend: { apiKey: 'sk-d', api_key: 'sk-e', authorization: 'sk-f' } }, 'b');
    logger.child({ request_id: 'x' }).info({ apiKey: 'sk-g' }, 'c');
    logger.flush();
    await new Promise((r) => setTimeout(r, 20));
    for (const secret of ['sk-a', 'sk-b', 'sk-c', 'sk-d', 'sk-e', 'sk-f', 'sk-g']) expect(text()).not.toContain(secret);
    expect(text().match(/\[redacted\]/g)?.length).toBe(7);
  });

  it('the access logger writes its fixed fields unchanged', async () => {
    const { logger, text } = captured();
    accessLogger(logger).info({ request_id: 'r1', model: 'big', calls: 2 }, 'request');
    logger.flush();
    await new Promise((r) => setTimeout(r, 20));
    expect(JSON.parse(text().trim())).toMatchObject({ request_id: 'r1', model: 'big', calls: 2, msg: 'request' });
  });
});
