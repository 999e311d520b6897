/**
 * @packageDocumentation
 * Project Aria MPS / Ego-Exo4D reader (`@stkit/datasets/aria`): the camera
 * wearer's closed-loop trajectory as a track in the gravity-aligned MPS world frame.
 */
export { createAriaReader, readAriaClips, ARIA_TRAJECTORY_FILE, type AriaReadOptions } from './aria-reader';
export { readAriaTrajectory, ARIA_REQUIRED_COLUMNS, type AriaTrajectory } from './trajectory-csv';
export { readExoCameras, EXO_CALIBRATION_FILE, type ExoCamera } from './exo-cameras';
