// Reads a large request body (an import) into memory within limits that hold while it
// streams, so nothing past them is ever buffered: at most `maxBytes` once decoded and, for a
// compressed body, at most `maxInflation` times the bytes received so far (plus a small
// allowance), so 100 KB of gzip cannot become 100 MB. The text must be valid UTF-8.
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { Request } from 'express';
import { AppError } from '../errors';

export interface BodyLimits {
  /** Most bytes of the decoded body. */
  maxBytes: number;
  /** Most decoded bytes per received byte, for a compressed body. */
  maxInflation: number;
  /** Decoded bytes any compressed body may reach whatever its ratio (small files). */
  inflationAllowance: number;
}

// A Map, not an object: "constructor" or "__proto__" must not find anything.
const DECODERS = new Map<string, () => Transform>([
  ['gzip', () => zlib.createGunzip()],
  ['x-gzip', () => zlib.createGunzip()],
  ['deflate', () => zlib.createInflate()],
  ['br', () => zlib.createBrotliDecompress()],
]);
const CONTENT_ENCODINGS = ['identity', 'gzip', 'deflate', 'br'];

const MB = 1024 * 1024;
const size = (bytes: number) =>
  bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.ceil(bytes / 1024)} KB`;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function tooLarge(message: string): AppError {
  return new AppError(413, 'payload_too_large', message);
}

/** Reads the whole body as UTF-8 text, or rejects with a 4xx AppError naming the limit. */
export async function readBoundedText(req: Request, limits: BodyLimits): Promise<string> {
  const body = await readBounded(req, limits);
  try {
    return utf8.decode(body);
  } catch {
    throw new AppError(
      400,
      'bad_request',
      `The request body is not valid UTF-8 (the first bad byte is at offset ${firstInvalidUtf8(body)}); send the file in UTF-8`,
    );
  }
}

function readBounded(req: Request, limits: BodyLimits): Promise<Buffer> {
  const encoding = (req.get('content-encoding') ?? 'identity').trim().toLowerCase();
  const decoder = encoding === 'identity' ? undefined : DECODERS.get(encoding)?.();
  if (encoding !== 'identity' && !decoder)
    return refuse(
      req,
      new AppError(
        415,
        'unsupported_media_type',
        `Content-Encoding "${encoding.slice(0, 50)}" is not supported; send the body as it is or with one of ${CONTENT_ENCODINGS.join(', ')}`,
      ),
    );
  const declared = Number(req.get('content-length'));
  if (declared > limits.maxBytes)
    return refuse(
      req,
      tooLarge(`The body (${size(declared)}) is larger than the ${size(limits.maxBytes)} limit`),
    );

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let done = false;
    const source: NodeJS.ReadableStream = decoder ? req.pipe(decoder) : req;
    const fail = (error: AppError) => {
      if (done) return;
      done = true;
      chunks.length = 0;
      if (decoder) {
        req.unpipe(decoder);
        decoder.destroy();
      }
      drain(req);
      reject(error);
    };
    if (decoder) req.on('data', (chunk: Buffer) => (received += chunk.length));
    source.on('data', (chunk: Buffer) => {
      if (done) return;
      decoded += chunk.length;
      if (decoded > limits.maxBytes)
        return fail(
          tooLarge(
            `The body is larger than the ${size(limits.maxBytes)} limit once ${decoder ? `decoded (${encoding})` : 'read'}`,
          ),
        );
      if (decoder && decoded > limits.inflationAllowance + limits.maxInflation * received)
        return fail(
          tooLarge(
            `The ${encoding} body inflates more than ${limits.maxInflation} times its size (past ${size(decoded)} from ${Math.ceil(received / 1024)} KB received); compressed files that inflate that much are refused`,
          ),
        );
      chunks.push(chunk);
    });
    source.once('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks, decoded));
    });
    source.once('error', (error: Error) =>
      fail(
        new AppError(
          400,
          'bad_request',
          `The ${encoding} body could not be decoded: ${error.message}`,
        ),
      ),
    );
    req.once('close', () => {
      if (!req.complete) fail(new AppError(400, 'bad_request', 'The upload was cut off'));
    });
  });
}

/** Refuses before reading: the body is drained (not kept) so the client reads the answer. */
function refuse(req: Request, error: AppError): Promise<never> {
  drain(req);
  return Promise.reject(error);
}

/** Reads and discards what is left of the body; the answer closes the connection. */
function drain(req: Request): void {
  req.res?.set('Connection', 'close');
  req.on('data', () => undefined);
  req.resume();
}

/** Offset of the first byte that breaks UTF-8 (only run once the native check has failed). */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const tail =
      c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c <= 0xf4 ? 3 : -1;
    if (tail < 0 || (c >= 0x80 && c < 0xc2)) return i;
    for (let k = 1; k <= tail; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF.
    const d = b[i + 1] ?? 0;
    if (
      (c === 0xe0 && d < 0xa0) ||
      (c === 0xed && d > 0x9f) ||
      (c === 0xf0 && d < 0x90) ||
      (c === 0xf4 && d > 0x8f)
    )
      return i;
    i += tail + 1;
  }
  return -1;
}
