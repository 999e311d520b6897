/** One home for the abortable wait: core's. */
export { abortableSleep } from '@stkit/core';
