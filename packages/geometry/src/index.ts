/**
 * @packageDocumentation
 * 3D and 4D geometry of STKit: SE(3), quaternions, pinhole cameras, box projection, depth backends, global alignment, lifting masks to 3D.
 */
export {};
