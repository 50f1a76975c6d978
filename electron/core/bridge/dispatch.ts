/**
 * The single entry point both transports use: method name check, argument validation, and a
 * guarantee that nothing thrown inside the service leaks to the renderer as anything but a
 * stable `internal` error (whose text never carries a secret).
 */
import { type BridgeApi, isBridgeMethod } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import { withCatalogue } from '../errors';
import { ARG_SCHEMAS } from './arg-schemas';

export async function dispatchBridgeCall(
  service: BridgeApi,
  method: unknown,
  rawArgs: unknown,
): Promise<Result<unknown>> {
  if (!isBridgeMethod(method)) {
    return fail({
      code: 'invalid_input',
      message: 'The wizard asked for an operation that does not exist.',
      remedy: 'Reload the wizard window. If it happens again, report it with the wizard version.',
    });
  }
  const parsed = ARG_SCHEMAS[method].safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return fail({
      code: 'invalid_input',
      message: `The wizard sent malformed input for "${method}".`,
      remedy: 'Reload the wizard window. If it happens again, report it with the wizard version.',
      // Field paths only, never values: a value could be a secret.
      detail: parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(args)'}: ${issue.code}`)
        .join('; '),
    });
  }
  try {
    const call = service[method] as (args: unknown) => Promise<Result<unknown>>;
    const result = await call.call(service, parsed.data);
    // Every failure leaves with the field and action the catalogue gives its code.
    return result.ok ? result : { ok: false, error: withCatalogue(result.error) };
  } catch (error) {
    return fail({
      code: 'internal',
      message: 'Something unexpected went wrong inside the wizard.',
      remedy: 'Try again. What you entered is kept. If it repeats, restart the wizard.',
      detail: error instanceof Error ? error.name : 'unknown error',
    });
  }
}
