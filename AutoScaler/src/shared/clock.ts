import type { Clock } from '@glr/core';

/** The wall clock. */
export const systemClock: Clock = () => new Date();
