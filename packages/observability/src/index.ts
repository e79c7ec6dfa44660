export { loggerPortFrom } from './logger-port.ts';
export { type ObservedHandlerOptions, observedHandler } from './observed-handler.ts';
