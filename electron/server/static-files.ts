/** Serves the built renderer from one folder; nothing outside it is reachable. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Types worth compressing (text); images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);
/** Below this, compression saves less than its headers and the client's work cost. */
const MIN_COMPRESS_BYTES = 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Maps a URL path to a file under `root`, or null when it would escape it. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  const base = path.resolve(root);
  return resolved === base || resolved.startsWith(base + path.sep) ? resolved : null;
}

/** One file of the renderer as served: read once, compressed once (off the event loop). */
export interface StaticAsset {
  readonly body: Buffer;
  readonly type: string;
  /** Strong validator: a hash of the bytes. */
  readonly etag: string;
  /** Set once compressed in the background; identity is served until then. */
  br: Buffer | null;
  gzip: Buffer | null;
}

export type ContentCoding = 'br' | 'gzip' | 'identity';

/** The best coding the client accepts among what is ready for this asset. */
export function pickEncoding(
  asset: StaticAsset,
  acceptEncoding: string | undefined,
): { readonly coding: ContentCoding; readonly body: Buffer } {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      // `br;q=0` means "never br".
      .filter(([, q]) => q === undefined || !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(q))
      .map(([name]) => (name ?? '').trim().toLowerCase()),
  );
  if (asset.br && accepted.has('br')) return { coding: 'br', body: asset.br };
  if (asset.gzip && accepted.has('gzip')) return { coding: 'gzip', body: asset.gzip };
  return { coding: 'identity', body: asset.body };
}

/**
 * The renderer folder, kept in memory: a built renderer never changes while the server runs, so
 * each file is read from disk once instead of on every request, and text files are compressed
 * once. Only files that exist under `root` are kept (a miss is not remembered), so the cache is
 * bounded by the folder's size.
 */
export function createStaticCache(root: string): {
  get(urlPath: string): Promise<StaticAsset | null>;
  /** Reads (and starts compressing) these paths now, so the first page load is not the one that waits. */
  warm(urlPaths: readonly string[]): Promise<void>;
} {
  const assets = new Map<string, Promise<StaticAsset | null>>();

  const load = async (file: string): Promise<StaticAsset | null> => {
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return null;
    }
    const ext = path.extname(file);
    const asset: StaticAsset = {
      body,
      type: MIME[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      br: null,
      gzip: null,
    };
    if (COMPRESSIBLE.has(ext) && body.length >= MIN_COMPRESS_BYTES) {
      // In the background (libuv's pool): requests meanwhile get the uncompressed bytes.
      void gzipAsync(body, { level: 9 })
        .then((out) => {
          if (out.length < body.length) asset.gzip = out;
        })
        .catch(() => undefined);
      void brotliAsync(body, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
        .then((out) => {
          if (out.length < body.length) asset.br = out;
        })
        .catch(() => undefined);
    }
    return asset;
  };

  const get = async (urlPath: string): Promise<StaticAsset | null> => {
    const file = resolveStaticPath(root, urlPath);
    if (!file) return null;
    let pending = assets.get(file);
    if (!pending) {
      pending = load(file);
      assets.set(file, pending);
    }
    const asset = await pending;
    // A miss (no such file, or not readable yet) is tried again next time.
    if (!asset && assets.get(file) === pending) assets.delete(file);
    return asset;
  };

  return {
    get,
    async warm(urlPaths) {
      await Promise.all(urlPaths.map((urlPath) => get(urlPath)));
    },
  };
}
