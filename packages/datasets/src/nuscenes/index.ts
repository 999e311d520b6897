/**
 * @packageDocumentation
 * nuScenes v1.0 reader: streams the JSON tables of `<root>/<version>/` with
 * bounded memory and yields `Clip`s on the 2 Hz keyframe grid in the nuScenes
 * global frame (z up). See README.md in this folder.
 */
export { createNuScenesReader, readNuScenesClips, type NuScenesReadOptions } from './nuscenes-reader';
export { NUSCENES_SPLITS } from './splits';
