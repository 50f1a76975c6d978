/**
 * How an RPC call authenticates (a bearer token, or the app key and secret as Basic auth), shared
 * by the call itself (`rpc.ts`) and the reply mapping that scrubs these secrets from what Dropbox
 * echoes back (`rpc-reply.ts`).
 */
export type RpcAuth =
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly appKey: string; readonly appSecret: string };

/** `Basic base64(key:secret)`, exactly as Dropbox documents app auth ("the app key and secret are given in place of the HTTP username and password": developers/reference/auth-types). */
export function basicAuthorization(appKey: string, appSecret: string): string {
  return `Basic ${Buffer.from(`${appKey}:${appSecret}`, 'utf8').toString('base64')}`;
}
