/**
 * AWS Signature Version 4 for cloudbasic-cluster: the client's signRequest and the mock's
 * verifySigV4 (both on @smithy/signature-v4). Deterministic: every date is fixed.
 * Each refusal reason is produced by one minimal change to a request that verifies.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SigV4Credentials } from '../engine/sigv4/sigv4-credentials.ts';
import { signRequest } from '../engine/sigv4/sigv4-signer.ts';
import { verifySigV4, type SigV4Verdict } from '../mock/sigv4-verifier.ts';

const CREDENTIALS: SigV4Credentials = {
  accessKeyId: 'UQOPWUVNBALABCABCABC',
  secretAccessKey: 'test-secret/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 'cloudbasic',
};
/** The document's X-Amz-Date, 20171115T202130Z. */
const SIGNED_AT = new Date('2017-11-15T20:21:30Z');
const URL_OF_DOCUMENT = new URL('http://use.your.host.name:82/api/CreateCluster');
const BODY = JSON.stringify({
  remoteServer: '10.0.0.2',
  localServer: '10.0.0.1',
  port: 4432,
  publicKey: 'XXXXXXXXFYBHXKDASETJ',
  privateKey: 'XXXXXXX+IgMDJSP9OwK5M0ujFhnd2yh4E3amiMLe',
});
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Every detail a refusal produced in this file, checked for secrets at the end. */
const details: string[] = [];

function minutesAfter(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function signedHeaders(credentials: SigV4Credentials = CREDENTIALS, body: string = BODY): Promise<Record<string, string>> {
  return signRequest(
    {
      method: 'POST',
      url: URL_OF_DOCUMENT,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
        'User-Agent': 'conformance-test',
      },
      body,
    },
    credentials,
    SIGNED_AT,
  );
}

/** What the mock receives for a request signed with these credentials (the document's path and host). */
async function signedRequest(credentials: SigV4Credentials = CREDENTIALS): Promise<Received> {
  return { method: 'POST', path: '/api/CreateCluster', headers: await signedHeaders(credentials), body: Buffer.from(BODY) };
}

function withHeader(request: Received, name: string, value: string | undefined): Received {
  const headers = { ...request.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...request, headers };
}

function authorizationOf(request: Received): string {
  const authorization = request.headers['authorization'];
  if (authorization === undefined) throw new Error('the signed request has no authorization header');
  return authorization;
}

function signatureOf(request: Received): string {
  const match = /Signature=([0-9a-f]{64})$/.exec(authorizationOf(request));
  if (!match?.[1]) throw new Error('the authorization header has no signature');
  return match[1];
}

async function verify(request: Received, now: Date = SIGNED_AT, credentials: SigV4Credentials = CREDENTIALS): Promise<SigV4Verdict> {
  const verdict = await verifySigV4(request, credentials, now);
  if (!verdict.ok) details.push(verdict.detail);
  return verdict;
}

function reasonOf(verdict: SigV4Verdict): string {
  return verdict.ok ? 'ok' : verdict.reason;
}

describe('signRequest', () => {
  it('returns lower-case headers with host, x-amz-date, the body hash and the authorization', async () => {
    const headers = await signedHeaders();
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(headers['host']).toBe('use.your.host.name:82');
    expect(headers['x-amz-date']).toBe('20171115T202130Z');
    expect(headers['x-amz-content-sha256']).toBe(sha256Hex(BODY));
    expect(headers['content-type']).toBe('application/json');
    expect(headers['user-agent']).toBe('conformance-test');
  });

  it('signs content-length, content-type, host, x-amz-content-sha256 and x-amz-date, and nothing else', async () => {
    const headers = await signedHeaders();
    expect(headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=UQOPWUVNBALABCABCABC\/20171115\/us-east-1\/cloudbasic\/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('is deterministic for a fixed date', async () => {
    expect(await signedHeaders()).toEqual(await signedHeaders());
  });

  it('puts the real hash of an empty body in x-amz-content-sha256', async () => {
    const headers = await signRequest({ method: 'POST', url: URL_OF_DOCUMENT, headers: {}, body: '' }, CREDENTIALS, SIGNED_AT);
    expect(headers['x-amz-content-sha256']).toBe(EMPTY_SHA256);
    expect(headers['authorization']).toContain('SignedHeaders=host;x-amz-content-sha256;x-amz-date,');
  });
});

describe('verifySigV4 accepts', () => {
  it('a request signed by signRequest', async () => {
    expect(await verify(await signedRequest())).toEqual({ ok: true });
  });

  it('the document\'s "Credential= " spacing when the request is otherwise valid', async () => {
    const request = await signedRequest();
    const spaced = authorizationOf(request).replace('Credential=', 'Credential= ');
    expect(spaced).toContain('Credential= UQOPWUVNBALABCABCABC/');
    expect(await verify(withHeader(request, 'authorization', spaced))).toEqual({ ok: true });
  });

  it('an X-Amz-Date 14 minutes old, and 14 minutes in the future', async () => {
    const request = await signedRequest();
    expect(await verify(request, minutesAfter(SIGNED_AT, 14))).toEqual({ ok: true });
    expect(await verify(request, minutesAfter(SIGNED_AT, -14))).toEqual({ ok: true });
  });

  it('a change to a header SignedHeaders does not list', async () => {
    const request = withHeader(await signedRequest(), 'user-agent', 'someone-else');
    expect(await verify(request)).toEqual({ ok: true });
  });

  it("AWS's published get-vanilla and get-vanilla-query-order-key-case signatures (x-amz-content-sha256 sent unsigned)", async () => {
    const aws: SigV4Credentials = {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      service: 'service',
    };
    const vectors = [
      { path: '/', signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' },
      { path: '/?Param2=value2&Param1=value1', signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500' },
    ];
    for (const vector of vectors) {
      const request: Received = {
        method: 'GET',
        path: vector.path,
        headers: {
          host: 'example.amazonaws.com',
          'x-amz-date': '20150830T123600Z',
          'x-amz-content-sha256': EMPTY_SHA256,
          authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${vector.signature}`,
        },
        body: Buffer.alloc(0),
      };
      expect(await verify(request, new Date('2015-08-30T12:36:00Z'), aws), vector.path).toEqual({ ok: true });
    }
  });

  it("AWS's published S3 GET Object example (x-amz-content-sha256 and range signed)", async () => {
    const aws: SigV4Credentials = {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      service: 's3',
    };
    const request: Received = {
      method: 'GET',
      path: '/test.txt',
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-date': '20130524T000000Z',
        'x-amz-content-sha256': EMPTY_SHA256,
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
      },
      body: Buffer.alloc(0),
    };
    expect(await verify(request, new Date('2013-05-24T00:00:00Z'), aws)).toEqual({ ok: true });
  });
});

describe('verifySigV4 refuses, each reason from one minimal change', () => {
  it('missing: no Authorization header', async () => {
    expect(reasonOf(await verify(withHeader(await signedRequest(), 'authorization', undefined)))).toBe('missing');
  });

  it('missing: no X-Amz-Date or no X-Amz-Content-Sha256 header', async () => {
    const request = await signedRequest();
    expect(reasonOf(await verify(withHeader(request, 'x-amz-date', undefined)))).toBe('missing');
    expect(reasonOf(await verify(withHeader(request, 'x-amz-content-sha256', undefined)))).toBe('missing');
  });

  it('malformed: a garbage Authorization header', async () => {
    const request = await signedRequest();
    for (const garbage of ['garbage', 'Bearer abc', 'AWS4-HMAC-SHA256 nonsense', 'AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=00']) {
      expect(reasonOf(await verify(withHeader(request, 'authorization', garbage))), garbage).toBe('malformed');
    }
  });

  it('malformed: an X-Amz-Date not in yyyyMMddTHHmmssZ form', async () => {
    const request = await signedRequest();
    expect(reasonOf(await verify(withHeader(request, 'x-amz-date', '2017-11-15T20:21:30Z')))).toBe('malformed');
    expect(reasonOf(await verify(withHeader(request, 'x-amz-date', '20171345T202130Z')))).toBe('malformed');
  });

  it('malformed: SignedHeaders names a header the request does not carry', async () => {
    const request = withHeader(await signedRequest(), 'content-length', undefined);
    expect(reasonOf(await verify(request))).toBe('malformed');
  });

  it('unknown-key: signed with another access key id', async () => {
    const request = await signedRequest({ ...CREDENTIALS, accessKeyId: 'AKIDSOMEBODYELSE0001' });
    expect(reasonOf(await verify(request))).toBe('unknown-key');
  });

  it('signature-mismatch: signed with the wrong secret', async () => {
    const right = await signedRequest();
    const wrong = await signedRequest({ ...CREDENTIALS, secretAccessKey: 'not-the-secret' });
    const verdict = await verify(wrong);
    expect(reasonOf(verdict)).toBe('signature-mismatch');
    expect(verdict.ok ? '' : verdict.detail).not.toContain(signatureOf(right));
  });

  it('body-hash-mismatch: the body tampered with after signing', async () => {
    const request = await signedRequest();
    const tampered = { ...request, body: Buffer.from(BODY.replace('4432', '4433')) };
    expect(reasonOf(await verify(tampered))).toBe('body-hash-mismatch');
  });

  it("body-hash-mismatch: the document's X-Amz-Content-Sha256 (the empty string's hash) over a JSON body", async () => {
    expect(reasonOf(await verify(withHeader(await signedRequest(), 'x-amz-content-sha256', EMPTY_SHA256)))).toBe('body-hash-mismatch');
  });

  it('body-hash-mismatch: UNSIGNED-PAYLOAD is not accepted', async () => {
    expect(reasonOf(await verify(withHeader(await signedRequest(), 'x-amz-content-sha256', 'UNSIGNED-PAYLOAD')))).toBe('body-hash-mismatch');
  });

  it('expired: an X-Amz-Date 16 minutes old, or 16 minutes in the future', async () => {
    const request = await signedRequest();
    expect(reasonOf(await verify(request, minutesAfter(SIGNED_AT, 16)))).toBe('expired');
    expect(reasonOf(await verify(request, minutesAfter(SIGNED_AT, -16)))).toBe('expired');
  });

  it('signature-mismatch: a header listed in SignedHeaders changed after signing', async () => {
    const request = await signedRequest();
    expect(reasonOf(await verify(withHeader(request, 'content-type', 'text/plain')))).toBe('signature-mismatch');
    expect(reasonOf(await verify(withHeader(request, 'host', 'other.host.name:82')))).toBe('signature-mismatch');
  });

  it('signature-mismatch: the path or method changed after signing', async () => {
    const request = await signedRequest();
    expect(reasonOf(await verify({ ...request, path: '/api/ActivateInstance' }))).toBe('signature-mismatch');
    expect(reasonOf(await verify({ ...request, method: 'PUT' }))).toBe('signature-mismatch');
  });

  it('wrong-scope: signed for another region or another service', async () => {
    expect(reasonOf(await verify(await signedRequest({ ...CREDENTIALS, region: 'eu-west-1' })))).toBe('wrong-scope');
    expect(reasonOf(await verify(await signedRequest({ ...CREDENTIALS, service: 's3' })))).toBe('wrong-scope');
  });

  it("wrong-scope: the scope's date is not X-Amz-Date's date", async () => {
    const request = await signedRequest();
    const otherDay = authorizationOf(request).replace('/20171115/', '/20171114/');
    expect(reasonOf(await verify(withHeader(request, 'authorization', otherDay)))).toBe('wrong-scope');
  });
});

/** One request per refusal reason, each a minimal change to a request that verifies. */
async function oneRequestPerRefusal(): Promise<Array<{ request: Received; now: Date }>> {
  const request = await signedRequest();
  const now = SIGNED_AT;
  return [
    { request: withHeader(request, 'authorization', undefined), now },
    { request: withHeader(request, 'authorization', 'garbage'), now },
    { request: await signedRequest({ ...CREDENTIALS, accessKeyId: 'AKIDSOMEBODYELSE0001' }), now },
    { request: await signedRequest({ ...CREDENTIALS, region: 'eu-west-1' }), now },
    { request, now: minutesAfter(SIGNED_AT, 16) },
    { request: { ...request, body: Buffer.from(BODY.replace('4432', '4433')) }, now },
    { request: await signedRequest({ ...CREDENTIALS, secretAccessKey: 'not-the-secret' }), now },
  ];
}

describe('refusal details', () => {
  it('every reason is produced, each with a detail saying why', async () => {
    const reasons = new Set<string>();
    for (const { request, now } of await oneRequestPerRefusal()) {
      const verdict = await verify(request, now);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) {
        reasons.add(verdict.reason);
        expect(verdict.detail.length).toBeGreaterThan(10);
      }
    }
    expect([...reasons].sort()).toEqual(['body-hash-mismatch', 'expired', 'malformed', 'missing', 'signature-mismatch', 'unknown-key', 'wrong-scope']);
  });

  it('never contain the secret access key nor the expected signature', async () => {
    for (const { request, now } of await oneRequestPerRefusal()) await verify(request, now);
    const expectedSignature = signatureOf(await signedRequest());
    expect(details.length).toBeGreaterThanOrEqual(7);
    for (const detail of details) {
      expect(detail).not.toContain(CREDENTIALS.secretAccessKey);
      expect(detail).not.toContain('wJalrXUtnFEMI');
      expect(detail).not.toContain(expectedSignature);
    }
  });
});
