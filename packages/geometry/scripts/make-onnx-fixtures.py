#!/usr/bin/python3
"""Writes the tiny ONNX graphs used by the tests of @stkit/core/onnx and the
@stkit/geometry backends. They carry the real models' input/output names and
shapes, with simple arithmetic in place of the networks, so that every output
can be predicted by hand in the tests.

Run with Debian's python3-onnx (not a pip install):
    /usr/bin/python3 packages/geometry/scripts/make-onnx-fixtures.py
Outputs (committed, a few hundred bytes each):
    packages/core/src/onnx/__fixtures__/affine.onnx
    packages/geometry/src/backends/__fixtures__/metric3d-fixed.onnx
    packages/geometry/src/backends/__fixtures__/metric3d-dynamic.onnx
    packages/geometry/src/backends/__fixtures__/pointmap-encoder.onnx
    packages/geometry/src/backends/__fixtures__/pointmap-decoder.onnx
"""
import os
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
CORE = os.path.join(HERE, '..', '..', 'core', 'src', 'onnx', '__fixtures__')
GEOM = os.path.join(HERE, '..', 'src', 'backends', '__fixtures__')
OPSET = [helper.make_opsetid('', 17)]
MEAN = np.array([123.675, 116.28, 103.53], np.float32).reshape(1, 3, 1, 1)
STD = np.array([58.395, 57.12, 57.375], np.float32).reshape(1, 3, 1, 1)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def save(graph, path):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name='stkit-fixtures')
    model.ir_version = 8
    onnx.checker.check_model(model)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    onnx.save(model, path)
    print(path, os.path.getsize(path), 'bytes')


def affine():
    # y = 2·x + b (x: [batch, 3], b: [3]); n = Shape(x) as int64
    nodes = [
        helper.make_node('Mul', ['x', 'two'], ['x2']),
        helper.make_node('Add', ['x2', 'b'], ['y']),
        helper.make_node('Shape', ['x'], ['n']),
    ]
    graph = helper.make_graph(
        nodes, 'affine',
        [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['batch', 3]),
         helper.make_tensor_value_info('b', TensorProto.FLOAT, [3])],
        [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['batch', 3]),
         helper.make_tensor_value_info('n', TensorProto.INT64, [2])],
        [const('two', np.float32(2))])
    save(graph, os.path.join(CORE, 'affine.onnx'))


def metric3d_fixed():
    # Official Metric3D v2 export signature: image [1,3,616,1064] raw RGB 0–255,
    # normalisation inside the graph, output pred_depth [1,1,616,1064].
    # Stand-in network: undo the normalisation, pred_depth = mean(R,G,B) / 10
    # (canonical-camera metres).
    nodes = [
        helper.make_node('Sub', ['image', 'mean'], ['centred']),
        helper.make_node('Div', ['centred', 'std'], ['normalised']),
        helper.make_node('Mul', ['normalised', 'std'], ['unscaled']),
        helper.make_node('Add', ['unscaled', 'mean'], ['rgb']),
        helper.make_node('ReduceMean', ['rgb'], ['grey'], axes=[1], keepdims=1),
        helper.make_node('Mul', ['grey', 'tenth'], ['pred_depth']),
    ]
    graph = helper.make_graph(
        nodes, 'metric3d_fixed',
        [helper.make_tensor_value_info('image', TensorProto.FLOAT, [1, 3, 616, 1064])],
        [helper.make_tensor_value_info('pred_depth', TensorProto.FLOAT, [1, 1, 616, 1064])],
        [const('mean', MEAN), const('std', STD), const('tenth', np.float32(0.1))])
    save(graph, os.path.join(GEOM, 'metric3d-fixed.onnx'))


def metric3d_dynamic():
    # Dynamic-shape export (onnx-community style): pixel_values [batch,3,height,width]
    # ImageNet-normalised outside the graph; output predicted_depth [batch,height,width].
    nodes = [
        helper.make_node('Mul', ['pixel_values', 'std'], ['unscaled']),
        helper.make_node('Add', ['unscaled', 'mean'], ['rgb']),
        helper.make_node('ReduceMean', ['rgb'], ['grey'], axes=[1], keepdims=0),
        helper.make_node('Mul', ['grey', 'tenth'], ['predicted_depth']),
    ]
    graph = helper.make_graph(
        nodes, 'metric3d_dynamic',
        [helper.make_tensor_value_info('pixel_values', TensorProto.FLOAT, ['batch', 3, 'height', 'width'])],
        [helper.make_tensor_value_info('predicted_depth', TensorProto.FLOAT, ['batch', 'height', 'width'])],
        [const('mean', MEAN), const('std', STD), const('tenth', np.float32(0.1))])
    save(graph, os.path.join(GEOM, 'metric3d-dynamic.onnx'))


def pointmap_encoder():
    # DUSt3R/MonST3R encoder half: imgs [B,3,288,512] (mean = std = 0.5 normalised)
    # -> feats [B, 576, D] (576 = 18·32 patches of 16 px). Stand-in: D = 3, the
    # mean normalised colour of each 16×16 patch, patches in row-major order.
    nodes = [
        helper.make_node('Reshape', ['imgs', 'patch_shape'], ['patches']),       # [B,3,18,16,32,16]
        helper.make_node('ReduceMean', ['patches'], ['pooled'], axes=[3, 5], keepdims=0),  # [B,3,18,32]
        helper.make_node('Transpose', ['pooled'], ['hwc'], perm=[0, 2, 3, 1]),   # [B,18,32,3]
        helper.make_node('Reshape', ['hwc', 'feat_shape'], ['feats']),           # [B,576,3]
    ]
    graph = helper.make_graph(
        nodes, 'pointmap_encoder',
        [helper.make_tensor_value_info('imgs', TensorProto.FLOAT, ['B', 3, 288, 512])],
        [helper.make_tensor_value_info('feats', TensorProto.FLOAT, ['B', 576, 3])],
        [const('patch_shape', np.array([-1, 3, 18, 16, 32, 16], np.int64)),
         const('feat_shape', np.array([-1, 576, 3], np.int64))])
    save(graph, os.path.join(GEOM, 'pointmap-encoder.onnx'))


def pointmap_decoder():
    # Decoder half: feat1, feat2 [B,576,D] -> pts3d1, pts3d2 [B,288,512,3], conf1, conf2 [B,288,512].
    # Stand-in: up(f) = each patch feature repeated over its 16×16 pixels;
    # pts3d1 = up(feat1); pts3d2 = up(feat2) − up(feat1);
    # conf1 = 1 + exp(mean_c up(feat1)); conf2 = 1 + exp(mean_c up(feat2)).
    def up(src, dst):
        return [
            helper.make_node('Reshape', [src, 'grid_shape'], [dst + '_g']),        # [B,18,1,32,1,3]
            helper.make_node('Expand', [dst + '_g', 'expand_shape'], [dst + '_e']),  # [B,18,16,32,16,3]
            helper.make_node('Reshape', [dst + '_e', 'image_shape'], [dst]),       # [B,288,512,3]
        ]

    def conf(src, dst):
        return [
            helper.make_node('ReduceMean', [src], [dst + '_m'], axes=[3], keepdims=0),
            helper.make_node('Exp', [dst + '_m'], [dst + '_x']),
            helper.make_node('Add', [dst + '_x', 'one'], [dst]),
        ]

    nodes = up('feat1', 'up1') + up('feat2', 'up2') + [
        helper.make_node('Identity', ['up1'], ['pts3d1']),
        helper.make_node('Sub', ['up2', 'up1'], ['pts3d2']),
    ] + conf('up1', 'conf1') + conf('up2', 'conf2')
    graph = helper.make_graph(
        nodes, 'pointmap_decoder',
        [helper.make_tensor_value_info('feat1', TensorProto.FLOAT, ['B', 576, 3]),
         helper.make_tensor_value_info('feat2', TensorProto.FLOAT, ['B', 576, 3])],
        [helper.make_tensor_value_info('pts3d1', TensorProto.FLOAT, ['B', 288, 512, 3]),
         helper.make_tensor_value_info('conf1', TensorProto.FLOAT, ['B', 288, 512]),
         helper.make_tensor_value_info('pts3d2', TensorProto.FLOAT, ['B', 288, 512, 3]),
         helper.make_tensor_value_info('conf2', TensorProto.FLOAT, ['B', 288, 512])],
        [const('grid_shape', np.array([-1, 18, 1, 32, 1, 3], np.int64)),
         const('expand_shape', np.array([1, 18, 16, 32, 16, 3], np.int64)),
         const('image_shape', np.array([-1, 288, 512, 3], np.int64)),
         const('one', np.float32(1))])
    save(graph, os.path.join(GEOM, 'pointmap-decoder.onnx'))


if __name__ == '__main__':
    affine()
    metric3d_fixed()
    metric3d_dynamic()
    pointmap_encoder()
    pointmap_decoder()
