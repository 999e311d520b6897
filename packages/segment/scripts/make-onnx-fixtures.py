#!/usr/bin/python3
"""Writes the tiny ONNX graphs of the @stkit/segment tests: Grounding DINO,
SAM 2 image encoder and SAM 2 prompt decoder with the input/output names and
shapes of the common exports, simple arithmetic in place of the networks (every
output is predictable by hand; the tests state the formulas).

Reuses the `const` and `save` helpers of @stkit/geometry's fixture generator
(same opset, IR version and checks). Run with Debian's python3-onnx:
    /usr/bin/python3 packages/segment/scripts/make-onnx-fixtures.py
"""
import importlib.util
import os

import numpy as np
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('geometry_fixtures', os.path.join(HERE, '..', '..', 'geometry', 'scripts', 'make-onnx-fixtures.py'))
geometry = importlib.util.module_from_spec(spec)
spec.loader.exec_module(geometry)
const, save = geometry.const, geometry.save
OUT = os.path.join(HERE, '..', 'src', 'onnx', '__fixtures__')
F, I64, B = TensorProto.FLOAT, TensorProto.INT64, TensorProto.BOOL
vi = helper.make_tensor_value_info
node = helper.make_node


def unused(inputs, out):
    """0 · Σ mean(cast(x)) over inputs, so every real input is consumed."""
    nodes, terms = [], []
    for name, is_bool in inputs:
        src = name
        if is_bool or name in ('input_ids', 'position_ids', 'token_type_ids'):
            nodes.append(node('Cast', [name], [name + '_f'], to=F))
            src = name + '_f'
        nodes.append(node('ReduceMean', [src], [name + '_m'], keepdims=0))
        terms.append(name + '_m')
    nodes.append(node('Sum', terms, [out + '_s']))
    nodes.append(node('Mul', [out + '_s', 'zero'], [out]))
    return nodes


def grounding_dino():
    # IDEA-Research Grounding DINO export: img [1,3,800,800] (ImageNet-normalised),
    # input_ids / position_ids / token_type_ids [1,T] int64, attention_mask [1,T] bool,
    # text_token_mask [1,T,T] bool -> logits [1,900,256] (pre-sigmoid, per query and token
    # slot), boxes [1,900,4] (cx, cy, w, h normalised to the image).
    # Stand-in: logits = Q + E·mean(img) (Q, E initialisers [900,256]); boxes = BOX.
    #   query 0: token slot 1 -> +6 ("car" of "car . person ."), box (0.25, 0.25, 0.2, 0.2)
    #   query 1: token slots 3 -> +6 ("person"), box (0.7, 0.6, 0.2, 0.4)
    #   query 2: token slot 1 -> 4·mean(img) − 0 (a second car, seen only in bright frames), box (0.7, 0.2, 0.1, 0.1)
    #   every other logit −8.
    q = np.full((900, 256), -8.0, np.float32)
    e = np.zeros((900, 256), np.float32)
    q[0, 1] = 6.0
    q[1, 3] = 6.0
    q[2, 1] = 0.0
    e[2, 1] = 4.0
    box = np.tile(np.array([0.5, 0.5, 0.05, 0.05], np.float32), (900, 1))
    box[0] = [0.25, 0.25, 0.2, 0.2]
    box[1] = [0.7, 0.6, 0.2, 0.4]
    box[2] = [0.7, 0.2, 0.1, 0.1]
    nodes = [
        # Q and E are built from their first 3 rows and a constant fill (keeps the file small).
        node('Expand', ['minus8', 'rest_shape'], ['q_rest']),
        node('Concat', ['Qtop', 'q_rest'], ['Q'], axis=0),
        node('Expand', ['zero', 'rest_shape'], ['e_rest']),
        node('Concat', ['Etop', 'e_rest'], ['E'], axis=0),
        node('ReduceMean', ['img'], ['brightness'], keepdims=0),   # scalar
        node('Mul', ['E', 'brightness'], ['eb']),
        node('Add', ['Q', 'eb'], ['q1']),
    ] + unused([('input_ids', False), ('attention_mask', True), ('position_ids', False), ('token_type_ids', False), ('text_token_mask', True)], 'z') + [
        node('Add', ['q1', 'z'], ['q2']),
        node('Unsqueeze', ['q2', 'axis0'], ['logits']),
        node('Unsqueeze', ['BOX', 'axis0'], ['boxes']),
    ]
    graph = helper.make_graph(
        nodes, 'grounding_dino',
        [vi('img', F, [1, 3, 800, 800]), vi('input_ids', I64, [1, 'T']), vi('attention_mask', B, [1, 'T']),
         vi('position_ids', I64, [1, 'T']), vi('token_type_ids', I64, [1, 'T']), vi('text_token_mask', B, [1, 'T', 'T'])],
        [vi('logits', F, [1, 900, 256]), vi('boxes', F, [1, 900, 4])],
        [const('Qtop', q[:3]), const('Etop', e[:3]), const('minus8', np.float32(-8)), const('rest_shape', np.array([897, 256], np.int64)),
         const('BOX', box), const('zero', np.float32(0)), const('axis0', np.array([0], np.int64))])
    save(graph, os.path.join(OUT, 'grounding-dino.onnx'))


def sam2_encoder():
    # SAM 2 image encoder export: image [1,3,1024,1024] (ImageNet-normalised) ->
    # high_res_feats_0 [1,32,256,256], high_res_feats_1 [1,64,128,128], image_embed [1,256,64,64].
    # Stand-in: channel mean, average-pooled (4, 8, 16 px) and broadcast over the channels.
    nodes = [
        node('ReduceMean', ['image'], ['grey'], axes=[1], keepdims=1),
        node('AveragePool', ['grey'], ['p4'], kernel_shape=[4, 4], strides=[4, 4]),
        node('AveragePool', ['grey'], ['p8'], kernel_shape=[8, 8], strides=[8, 8]),
        node('AveragePool', ['grey'], ['p16'], kernel_shape=[16, 16], strides=[16, 16]),
        node('Expand', ['p4', 's0'], ['high_res_feats_0']),
        node('Expand', ['p8', 's1'], ['high_res_feats_1']),
        node('Expand', ['p16', 'se'], ['image_embed']),
    ]
    graph = helper.make_graph(
        nodes, 'sam2_encoder',
        [vi('image', F, [1, 3, 1024, 1024])],
        [vi('high_res_feats_0', F, [1, 32, 256, 256]), vi('high_res_feats_1', F, [1, 64, 128, 128]), vi('image_embed', F, [1, 256, 64, 64])],
        [const('s0', np.array([1, 32, 256, 256], np.int64)), const('s1', np.array([1, 64, 128, 128], np.int64)), const('se', np.array([1, 256, 64, 64], np.int64))])
    save(graph, os.path.join(OUT, 'sam2-encoder.onnx'))


def sam2_decoder():
    # SAM 2 prompt decoder export: image_embed [1,256,64,64], high_res_feats_0, high_res_feats_1,
    # point_coords [N,P,2] (1024-pixel space), point_labels [N,P], mask_input [N,1,256,256],
    # has_mask_input [N] -> masks [N,3,256,256] (low-resolution logits), iou_predictions [N,3].
    # Stand-in: a box prompt (points 0 and 1 = top-left, bottom-right) gives, at low-res cell
    # (v, u) with centre (4u+2, 4v+2) in 1024 space, the logit
    #   min(cx − x1, x2 − cx, cy − y1, y2 − cy)   (> 0 inside the box);
    # candidate 0 is that, candidates 1 and 2 that minus 1000; iou_predictions = (0.9, 0.5, 0.1).
    centres = (np.arange(256, dtype=np.float32) * 4 + 2)
    nodes = [
        node('Slice', ['point_coords', 'i0', 'i1', 'ax1'], ['p0']),   # [N,1,2]
        node('Slice', ['point_coords', 'i1', 'i2', 'ax1'], ['p1']),
        node('Slice', ['p0', 'i0', 'i1', 'ax2'], ['x1']),             # [N,1,1]
        node('Slice', ['p0', 'i1', 'i2', 'ax2'], ['y1']),
        node('Slice', ['p1', 'i0', 'i1', 'ax2'], ['x2']),
        node('Slice', ['p1', 'i1', 'i2', 'ax2'], ['y2']),
        node('Unsqueeze', ['x1', 'ax3'], ['x1u']), node('Unsqueeze', ['y1', 'ax3'], ['y1u']),  # [N,1,1,1]
        node('Unsqueeze', ['x2', 'ax3'], ['x2u']), node('Unsqueeze', ['y2', 'ax3'], ['y2u']),
        node('Sub', ['GX', 'x1u'], ['a']), node('Sub', ['x2u', 'GX'], ['b']),   # [N,1,1,256]
        node('Sub', ['GY', 'y1u'], ['c']), node('Sub', ['y2u', 'GY'], ['d']),   # [N,1,256,1]
        node('Min', ['a', 'b'], ['ab']), node('Min', ['c', 'd'], ['cd']),
        node('Min', ['ab', 'cd'], ['m0']),                                      # [N,1,256,256]
    ] + unused([('image_embed', False), ('high_res_feats_0', False), ('high_res_feats_1', False), ('point_labels', False), ('mask_input', False), ('has_mask_input', False)], 'z') + [
        node('Add', ['m0', 'z'], ['m']),
        node('Sub', ['m', 'thousand'], ['m1']),
        node('Concat', ['m', 'm1', 'm1'], ['masks'], axis=1),
        node('Shape', ['point_coords'], ['pshape']),
        node('Slice', ['pshape', 'i0', 'i1', 'ax0'], ['n']),
        node('Concat', ['n', 'three'], ['iou_shape'], axis=0),
        node('Expand', ['IOU', 'iou_shape'], ['iou_predictions']),
    ]
    graph = helper.make_graph(
        nodes, 'sam2_decoder',
        [vi('image_embed', F, [1, 256, 64, 64]), vi('high_res_feats_0', F, [1, 32, 256, 256]), vi('high_res_feats_1', F, [1, 64, 128, 128]),
         vi('point_coords', F, ['num_labels', 'num_points', 2]), vi('point_labels', F, ['num_labels', 'num_points']),
         vi('mask_input', F, ['num_labels', 1, 256, 256]), vi('has_mask_input', F, ['num_labels'])],
        [vi('masks', F, ['num_labels', 3, 256, 256]), vi('iou_predictions', F, ['num_labels', 3])],
        [const('GX', centres.reshape(1, 1, 1, 256)), const('GY', centres.reshape(1, 1, 256, 1)),
         const('i0', np.array([0], np.int64)), const('i1', np.array([1], np.int64)), const('i2', np.array([2], np.int64)),
         const('ax0', np.array([0], np.int64)), const('ax1', np.array([1], np.int64)), const('ax2', np.array([2], np.int64)), const('ax3', np.array([3], np.int64)),
         const('thousand', np.float32(1000)), const('zero', np.float32(0)), const('three', np.array([3], np.int64)),
         const('IOU', np.array([0.9, 0.5, 0.1], np.float32))])
    save(graph, os.path.join(OUT, 'sam2-decoder.onnx'))


if __name__ == '__main__':
    grounding_dino()
    sam2_encoder()
    sam2_decoder()
