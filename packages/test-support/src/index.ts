export { type CapturedOutput, captureOutput } from './capture-output.ts';
export { type DynaliteServer, startDynalite } from './dynalite-server.ts';
export { EmulatorStartError, TestSupportError } from './errors.ts';
export { type EventBusTapOptions, tapEventBus } from './event-bus-tap.ts';
export { type LambdaContextOptions, lambdaContext } from './lambda-context.ts';
export { createTestMappingTable, MAPPING_TABLE_DEFINITION } from './mapping-table.ts';
export { type MotoServer, startMotoServer } from './moto-server.ts';
export { type LogLevel, type LogLine, type RecordingLogger, recordingLogger } from './recording-logger.ts';
export { createTestRunnerStateTable, RUNNER_STATE_TABLE_DEFINITION } from './runner-state-table.ts';
