/**
 * Browser-mode uploads as bytes: the renderer sends each file's raw bytes (POST /upload, the File itself as the body,
 * no base64, no JSON), the server keeps them under a random id for the session that sent them, and the Api call that
 * follows names them by id ({ "$upload": id } where the Api wants a Uint8Array; codec.ts resolves it). An upload is
 * used once, expires after 10 minutes, and the server holds at most 1 GiB of them at a time (512 MiB per file).
 * An upload's bytes live in a SharedArrayBuffer: the session keeps them (a study holds its raw files), and the
 * workers that read them (import-pool.ts) or write them into the study file (study-encode) share that memory instead
 * of the event loop copying 42 MB into each message. Nothing writes to them once received.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface UploadLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  ttlMs: number;
}

export const UPLOAD_LIMITS: UploadLimits = { maxFileBytes: 512 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024, ttlMs: 10 * 60_000 };

interface Upload {
  session: string;
  name: string;
  bytes: Uint8Array;
  expires: number;
}

/** An upload refused: the HTTP status to answer with, and why. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface UploadStore {
  /** Read a request body into the store; resolves with its id. */
  receive(req: IncomingMessage, session: string, name: string): Promise<{ id: string; bytes: number }>;
  /** The bytes of an upload of this session, removed from the store (an upload is used once). */
  take(session: string, id: string): Uint8Array;
  /** Bytes held now. */
  heldBytes(): number;
  /** Forget the uploads of a session (it was cleared or closed). */
  dropSession(session: string): void;
}

export function createUploadStore(limits: UploadLimits = UPLOAD_LIMITS, now: () => number = Date.now): UploadStore {
  const uploads = new Map<string, Upload>();
  let held = 0;
  /** Bytes of uploads still arriving, counted against the total so parallel uploads cannot overshoot it. */
  let arriving = 0;

  function expire(): void {
    const t = now();
    for (const [id, u] of uploads) {
      if (u.expires <= t) {
        uploads.delete(id);
        held -= u.bytes.length;
      }
    }
  }

  return {
    async receive(req, session, name) {
      expire();
      const declared = Number(req.headers['content-length']);
      if (!Number.isSafeInteger(declared) || declared < 0) throw new UploadError(411, `${name}: the upload must state its length (Content-Length)`);
      if (declared > limits.maxFileBytes) throw new UploadError(413, `${name} is ${(declared / 1048576).toFixed(0)} MB: at most ${limits.maxFileBytes / 1048576} MB per file`);
      if (held + arriving + declared > limits.maxTotalBytes) {
        throw new UploadError(503, `${name}: the server holds ${((held + arriving) / 1048576).toFixed(0)} MB of uploads not yet imported; try again in a moment`);
      }
      arriving += declared;
      try {
        const bytes = new Uint8Array(new SharedArrayBuffer(declared));
        let at = 0;
        for await (const chunk of req as AsyncIterable<Buffer>) {
          if (at + chunk.length > declared) throw new UploadError(400, `${name}: more bytes than the stated ${declared}`);
          bytes.set(chunk, at);
          at += chunk.length;
        }
        if (at !== declared) throw new UploadError(400, `${name}: the upload ended after ${at} of ${declared} bytes`);
        const id = randomBytes(16).toString('hex');
        uploads.set(id, { session, name, bytes, expires: now() + limits.ttlMs });
        held += declared;
        return { id, bytes: declared };
      } finally {
        arriving -= declared;
      }
    },
    take(session, id) {
      expire();
      const u = uploads.get(id);
      if (!u || u.session !== session) throw new Error(`upload ${id.slice(0, 8)}… is unknown or expired (uploads are kept ${limits.ttlMs / 60_000} minutes and used once): import the file again`);
      uploads.delete(id);
      held -= u.bytes.length;
      return u.bytes;
    },
    heldBytes: () => held,
    dropSession(session) {
      for (const [id, u] of uploads) {
        if (u.session === session) {
          uploads.delete(id);
          held -= u.bytes.length;
        }
      }
    },
  };
}
