export { type DynaliteServer, startDynalite } from './dynalite-server.ts';
export { type MotoServer, startMotoServer } from './moto-server.ts';
