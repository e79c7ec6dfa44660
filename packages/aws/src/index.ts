// Adapters are re-exported here, one line a module.
export {};
