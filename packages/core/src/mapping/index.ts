// Mapping item model and the runner plan lookup: filled in by the mapping work.
export {};
