import type { PlatformService } from './platform-service';

/**
 * How a PlatformService is recognised without importing its class: the catalog and the cost
 * estimate are reached from Environment, which the service's own module imports, so they must
 * not import it back at load time.
 */
const PLATFORM_SERVICE_SYMBOL = Symbol.for('paved.PlatformService');

/** Marks `service` as a PlatformService. @internal */
export function markPlatformService(service: object): void {
  Object.defineProperty(service, PLATFORM_SERVICE_SYMBOL, { value: true });
}

/** Whether `x` is a PlatformService (works across copies of the library). @internal */
export function isPlatformService(x: unknown): x is PlatformService {
  return x !== null && typeof x === 'object' && PLATFORM_SERVICE_SYMBOL in x;
}
