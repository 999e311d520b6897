/**
 * Geometry math: quaternions (w first), SE(3) as row-major 4×4, pinhole
 * projection/unprojection, oriented 3D boxes and their 2D image boxes.
 */
export type { Vec3Like, QuatLike, Mat3Like, Mat4Like, PoseLike, PinholeIntrinsics, FocalIntrinsics } from './types';
export {
  quatIdentity,
  quatFromXyzw,
  quatToXyzw,
  quatLengthSquared,
  quatNormalize,
  quatMultiply,
  quatConjugate,
  quatToMat3,
  quatFromMat3,
  mat3FromMat4,
  quatRotateVec3,
  quatFromAxisAngle,
  quatSlerp,
} from './quaternion';
export {
  se3Identity,
  se3FromRotationTranslation,
  se3FromPose,
  se3ToPose,
  se3Compose,
  se3Inverse,
  se3ApplyToPoint,
  se3ApplyToPoints,
  se3RotateVectors,
} from './se3';
export { poseCompose, poseInverse, poseApply } from './pose';
export {
  projectPoints,
  unprojectPixels,
  unprojectDepthMap,
  scaleIntrinsics,
  cropIntrinsics,
  type UnprojectDepthMapOptions,
} from './pinhole';
export { boxCorners, BOX_EDGES, type Box3Like } from './box3d';
export {
  projectBox3d,
  projectBox3dWithMatrix,
  projectBoxToImage,
  projectBoxToImageWithMatrix,
  type Box2d,
  type ProjectBoxOptions,
  type ProjectedBox,
} from './box-projection';
