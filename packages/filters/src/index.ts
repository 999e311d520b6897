/**
 * @packageDocumentation
 * The three-stage pseudo-label filter of STKit: rule-based (DBSCAN, confidences, outliers, Kalman), VLM judge, likelihood.
 */
export {};
