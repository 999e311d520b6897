/**
 * @packageDocumentation
 * 3D and 4D geometry of STKit: quaternions, SE(3), pinhole cameras, 3D box →
 * 2D box projection (`math`); depth and pointmap backends over ONNX and the
 * precomputed MonST3R reader (`backends`); global alignment, canonical scale
 * and lifting masks to 3D (`reconstruction`).
 */
export * from './math/index';
export * from './backends/index';
export * from './reconstruction/index';
