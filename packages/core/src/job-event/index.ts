// Job Hook schema and the normalised JobEvent: filled in by the webhook work.
export {};
