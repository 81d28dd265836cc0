// RUN: mlc-opt %s --split-input-file --verify-diagnostics --mlc-convert-graph-to-linalg | FileCheck %s

// The input is zero-padded (zeros, and the input copied into the interior
// window of them), the bias broadcast into the accumulator of a named NCHW
// convolution.
// CHECK-LABEL: func.func @conv_2d
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x5x5xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[ZEROS:.*]] = linalg.fill {{.*}} -> tensor<1x3x7x7xf32>
// CHECK: %[[WIN:.*]] = tensor.extract_slice %[[ZEROS]][0, 0, 1, 1] [1, 3, 5, 5] [1, 1, 1, 1]
// CHECK: %[[COPY:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x3x5x5xf32>) outs(%[[WIN]] : tensor<1x3x5x5xf32>)
// CHECK: %[[PAD:.*]] = tensor.insert_slice %[[COPY]] into %[[ZEROS]][0, 0, 1, 1] [1, 3, 5, 5] [1, 1, 1, 1]
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<4xf32>) outs(%{{.*}} : tensor<1x4x3x3xf32>) dimensions = [0, 2, 3]
// CHECK: %[[R:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[PAD]], %[[W]] : {{.*}}) outs(%[[INIT]] : {{.*}})
// CHECK: return %[[R]]
func.func @conv_2d(%x: tensor<1x3x5x5xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x3x3xf32> {
  %0 = graph.conv %x, %w, %b {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x5x5xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// CHECK-LABEL: func.func @conv_depthwise
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x5x5xf32>, %[[W:.*]]: tensor<4x1x3x3xf32>)
// CHECK: %[[INIT:.*]] = linalg.fill
// CHECK: %[[W3:.*]] = tensor.collapse_shape %[[W]] {{\[}}[0, 1], [2], [3]] : tensor<4x1x3x3xf32> into tensor<4x3x3xf32>
// CHECK: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%[[X]], %[[W3]] : {{.*}}) outs(%[[INIT]] : tensor<1x4x3x3xf32>)
func.func @conv_depthwise(%x: tensor<1x4x5x5xf32>, %w: tensor<4x1x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %none = graph.none
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 4 : i64} : (tensor<1x4x5x5xf32>, tensor<4x1x3x3xf32>, none) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// CHECK-LABEL: func.func @conv_grouped
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x5x5xf32>, %[[W:.*]]: tensor<6x2x3x3xf32>)
// CHECK-DAG: %[[XG:.*]] = tensor.expand_shape %[[X]] {{.*}} into tensor<1x2x2x5x5xf32>
// CHECK-DAG: %[[WG:.*]] = tensor.expand_shape %[[W]] {{.*}} into tensor<2x3x2x3x3xf32>
// CHECK: %[[R:.*]] = linalg.conv_2d_ngchw_gfchw {{.*}} ins(%[[XG]], %[[WG]] : {{.*}}) outs(%{{.*}} : tensor<1x2x3x3x3xf32>)
// CHECK: tensor.collapse_shape %[[R]] {{\[}}[0], [1, 2], [3], [4]] : tensor<1x2x3x3x3xf32> into tensor<1x6x3x3xf32>
func.func @conv_grouped(%x: tensor<1x4x5x5xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x3x3xf32> {
  %none = graph.none
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<6x2x3x3xf32>, none) -> tensor<1x6x3x3xf32>
  return %0 : tensor<1x6x3x3xf32>
}

// -----

// No named op for grouped 1-D convolutions: a generic over (n, g, f, o, c, k).
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d3 * 2 + d5)>
// CHECK-DAG: #[[WM:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d1, d2, d4, d5)>
// CHECK-LABEL: func.func @conv_grouped_1d
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[WM]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: tensor.collapse_shape %[[R]] {{.*}} into tensor<1x6x3xf32>
func.func @conv_grouped_1d(%x: tensor<1x4x7xf32>, %w: tensor<6x2x3xf32>) -> tensor<1x6x3xf32> {
  %none = graph.none
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 2>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, group = 2 : i64} : (tensor<1x4x7xf32>, tensor<6x2x3xf32>, none) -> tensor<1x6x3xf32>
  return %0 : tensor<1x6x3xf32>
}

// -----

// Zeros between input elements (stride 2) and kernel - 1 = 2 of padding,
// then a stride-1 convolution with the flipped, channel-swapped weight.
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2, d1, -d3 + 2, -d4 + 2)>
// CHECK-LABEL: func.func @conv_transpose
// CHECK: %[[DIL:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x9x9xf32>)
// CHECK: arith.remsi
// CHECK: arith.divsi
// CHECK: %[[WF:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], {{.*}}} ins(%{{.*}} : tensor<1x1x2x3x3xf32>) outs(%{{.*}} : tensor<1x2x1x3x3xf32>)
// CHECK: %[[W:.*]] = tensor.collapse_shape %[[WF]] {{.*}} into tensor<2x1x3x3xf32>
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[DIL]], %[[W]] : {{.*}}) outs(%{{.*}} : tensor<1x2x7x7xf32>)
func.func @conv_transpose(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  %none = graph.none
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 0, 0>} : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>, none) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

// A sum pool over the zero-padded input divided by per-row and per-column
// window counts (pads not counted).
// CHECK-LABEL: func.func @average_pool
// CHECK: %[[PAD:.*]] = tensor.insert_slice {{.*}} : tensor<1x3x5x5xf32> into tensor<1x3x7x7xf32>
// CHECK: %[[SUM:.*]] = linalg.pooling_nchw_sum {{.*}} ins(%[[PAD]], %{{.*}} : tensor<1x3x7x7xf32>, tensor<3x3xf32>)
// CHECK: %[[ROWS:.*]] = arith.constant dense<[2.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 2.000000e+00]> : tensor<5xf32>
// CHECK: %[[COLS:.*]] = arith.constant dense<[2.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 2.000000e+00]> : tensor<5xf32>
// CHECK: linalg.generic {{.*}} ins(%[[SUM]], %[[ROWS]], %[[COLS]] : tensor<1x3x5x5xf32>, tensor<5xf32>, tensor<5xf32>)
// CHECK: arith.mulf
// CHECK: arith.divf
func.func @average_pool(%x: tensor<1x3x5x5xf32>) -> tensor<1x3x5x5xf32> {
  %0 = graph.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x5x5xf32>) -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
}

// -----

// CHECK-LABEL: func.func @max_pool
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x4x4xf32>)
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[NINF]] : f32)
// CHECK: %[[R:.*]] = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[X]], %{{.*}} : tensor<1x3x4x4xf32>, tensor<2x2xf32>) outs(%[[INIT]] : {{.*}})
// CHECK: return %[[R]]
func.func @max_pool(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x2x2xf32> {
  %0:2 = graph.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x3x4x4xf32>) -> (tensor<1x3x2x2xf32>, tensor<1x3x2x2xi64>)
  return %0#0 : tensor<1x3x2x2xf32>
}

// -----

// Values and column-major indices in one generic; unsigned comparison.
// CHECK-LABEL: func.func @max_pool_indices
// CHECK: %[[R:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%{{.*}}, %{{.*}} : tensor<1x1x4x4xi8>, tensor<2x2xi8>) outs(%{{.*}}, %{{.*}} : tensor<1x1x2x2xi8>, tensor<1x1x2x2xi64>)
// CHECK: arith.cmpi ugt
// CHECK: linalg.yield %{{.*}}, %{{.*}} : i8, i64
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @max_pool_indices(%x: tensor<1x1x4x4xui8>) -> (tensor<1x1x2x2xui8>, tensor<1x1x2x2xi64>) {
  %0:2 = graph.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, storage_order = 1 : i64} : (tensor<1x1x4x4xui8>) -> (tensor<1x1x2x2xui8>, tensor<1x1x2x2xi64>)
  return %0#0, %0#1 : tensor<1x1x2x2xui8>, tensor<1x1x2x2xi64>
}

// -----

// CHECK-LABEL: func.func @global_average_pool
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%{{.*}} : tensor<2x3x4x5xf32>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2x3xf32>)
// CHECK: arith.constant 2.000000e+01 : f32
// CHECK: tensor.expand_shape %[[MEAN]] {{\[}}[0], [1, 2, 3]] output_shape [2, 3, 1, 1]
func.func @global_average_pool(%x: tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32> {
  %0 = graph.global_average_pool %x : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>
  return %0 : tensor<2x3x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @global_max_pool
// CHECK: %[[MAX:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: arith.maximumf
// CHECK: tensor.expand_shape %[[MAX]] {{.*}} into tensor<2x3x1xf32>
func.func @global_max_pool(%x: tensor<2x3x4xf32>) -> tensor<2x3x1xf32> {
  %0 = graph.global_max_pool %x : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  return %0 : tensor<2x3x1xf32>
}

// -----

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @batch_normalization
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[CH]], #[[CH]], #[[ID]]]
// CHECK: arith.subf
// CHECK: math.rsqrt
func.func @batch_normalization(%x: tensor<2x3x4xf32>, %s: tensor<3xf32>, %m: tensor<3xf32>) -> tensor<2x3x4xf32> {
  %0:3 = graph.batch_normalization %x, %s, %s, %m, %m : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0 : tensor<2x3x4xf32>
}

// -----

// Batch mean and variance over (N, D), the running statistics updated.
// CHECK-LABEL: func.func @batch_normalization_training
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "reduction"]}
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<3xf32>)
// CHECK: %[[SQ:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "reduction"]} ins(%{{.*}}, %[[MEAN]] : tensor<2x3x4xf32>, tensor<3xf32>)
// CHECK: %[[VAR:.*]] = linalg.generic {{.*}} ins(%[[SQ]] : tensor<3xf32>)
// CHECK: %[[RM:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[MEAN]] : tensor<3xf32>, tensor<3xf32>)
// CHECK: %[[RV:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[VAR]] : tensor<3xf32>, tensor<3xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}}, %[[MEAN]], %[[VAR]] :
// CHECK: return %[[Y]], %[[RM]], %[[RV]]
func.func @batch_normalization_training(%x: tensor<2x3x4xf32>, %s: tensor<3xf32>, %m: tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0:3 = graph.batch_normalization %x, %s, %s, %m, %m {training_mode = true} : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @instance_normalization
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%{{.*}} : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%{{.*}}, %{{.*}} : tensor<2x3x4xf32>, tensor<2x3xf32>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK: math.rsqrt
func.func @instance_normalization(%x: tensor<2x3x4xf32>, %s: tensor<3xf32>) -> tensor<2x3x4xf32> {
  %0 = graph.instance_normalization %x, %s, %s : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @group_normalization
// CHECK: %[[XG:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3]] output_shape [2, 2, 2, 5]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%[[XG]] : tensor<2x2x2x5xf32>) outs(%{{.*}} : tensor<2x2xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2x2x5xf32>)
// CHECK: tensor.collapse_shape %[[Y]] {{.*}} into tensor<2x4x5xf32>
func.func @group_normalization(%x: tensor<2x4x5xf32>, %s: tensor<4xf32>) -> tensor<2x4x5xf32> {
  %0 = graph.group_normalization %x, %s, %s {num_groups = 2 : i64, stash_type = f32} : (tensor<2x4x5xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

// Statistics in stash_type (f32) for an f16 input.
// CHECK-LABEL: func.func @layer_normalization
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<2x3x4xf16>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: arith.extf
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2x3xf32>)
// CHECK: %[[SQ:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[MEAN]] : tensor<2x3x4xf16>, tensor<2x3xf32>)
// CHECK: %[[VAR:.*]] = linalg.generic {{.*}} ins(%[[SQ]] : tensor<2x3xf32>)
// CHECK: %[[INV:.*]] = linalg.generic {{.*}} ins(%[[VAR]] : tensor<2x3xf32>)
// CHECK: math.rsqrt
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[MEAN]], %[[INV]], %{{.*}} : tensor<2x3x4xf16>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xf16>) outs(%{{.*}} : tensor<2x3x4xf16>)
// CHECK: arith.truncf
// CHECK: %[[M:.*]] = tensor.expand_shape %[[MEAN]] {{.*}} into tensor<2x3x1xf32>
// CHECK: %[[I:.*]] = tensor.expand_shape %[[INV]] {{.*}} into tensor<2x3x1xf32>
// CHECK: return %[[Y]], %[[M]], %[[I]]
func.func @layer_normalization(%x: tensor<2x3x4xf16>, %s: tensor<4xf16>) -> (tensor<2x3x4xf16>, tensor<2x3x1xf32>, tensor<2x3x1xf32>) {
  %none = graph.none
  %0:3 = graph.layer_normalization %x, %s, %none {axis = 2 : i64, stash_type = f32} : (tensor<2x3x4xf16>, tensor<4xf16>, none) -> (tensor<2x3x4xf16>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3x4xf16>, tensor<2x3x1xf32>, tensor<2x3x1xf32>
}

// -----

// CHECK-DAG: #[[SCALE:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @rms_normalization
// CHECK: %[[SQ:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "reduction"]} ins(%{{.*}} : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<2xf32>)
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #[[SCALE]], #{{.*}}], {{.*}} ins(%{{.*}}, %[[SQ]], %{{.*}} : tensor<2x3x4xf32>, tensor<2xf32>, tensor<3x4xf32>)
// CHECK: arith.constant 1.200000e+01 : f32
// CHECK: math.rsqrt
func.func @rms_normalization(%x: tensor<2x3x4xf32>, %s: tensor<3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = graph.rms_normalization %x, %s {axis = 1 : i64, stash_type = f32} : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-DAG: #[[WIN:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 + d4, d2, d3)>
// CHECK-LABEL: func.func @lrn
// CHECK: %[[PAD:.*]] = tensor.insert_slice {{.*}} into tensor<1x7x2x2xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[WIN]], {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[PAD]], %{{.*}} : tensor<1x7x2x2xf32>, tensor<3xf32>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[SUM]] :
// CHECK: math.powf
// CHECK: arith.divf
func.func @lrn(%x: tensor<1x5x2x2xf32>) -> tensor<1x5x2x2xf32> {
  %0 = graph.lrn %x {size = 3 : i64} : (tensor<1x5x2x2xf32>) -> tensor<1x5x2x2xf32>
  return %0 : tensor<1x5x2x2xf32>
}

// -----

// CHECK-LABEL: func.func @softmax
// CHECK: %[[MAX:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]} ins(%{{.*}} : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: arith.maximumf
// CHECK: %[[E:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[MAX]] : tensor<2x3x4xf32>, tensor<2x4xf32>)
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[E]] : tensor<2x3x4xf32>)
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%[[E]], %[[SUM]] : tensor<2x3x4xf32>, tensor<2x4xf32>)
// CHECK: arith.divf
// CHECK: return %[[R]]
func.func @softmax(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = graph.softmax %x {axis = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Grouped-query attention: 4 query heads over 2 KV heads as (B, 2, 2, L, T);
// softcap, then the bool mask and the causal mask as an additive bias.
// CHECK-DAG: #[[MASK:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d3, d4)>
// CHECK-LABEL: func.func @attention
// CHECK-SAME: (%[[Q:.*]]: tensor<1x4x2x8xf32>, %[[K:.*]]: tensor<1x2x3x8xf32>, %[[V:.*]]: tensor<1x2x3x8xf32>, %[[M:.*]]: tensor<2x3xi1>)
// CHECK: %[[QG:.*]] = tensor.expand_shape %[[Q]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 2, 2, 8]
// CHECK: %[[S:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[QG]], %[[K]] : {{.*}}) outs(%{{.*}} : tensor<1x2x2x2x3xf32>)
// CHECK: %[[B:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #[[MASK]], #{{.*}}], {{.*}} ins(%[[S]], %[[M]] :
// CHECK: math.tanh
// CHECK: arith.select
// CHECK: arith.cmpi sgt
// CHECK: %[[MAX:.*]] = linalg.generic {{.*}} ins(%[[B]] :
// CHECK: math.exp
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%{{.*}}, %[[V]] : tensor<1x2x2x2x3xf32>, tensor<1x2x3x8xf32>)
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[Y]] {{\[}}[0], [1, 2], [3], [4]] : tensor<1x2x2x2x8xf32> into tensor<1x4x2x8xf32>
// CHECK: return %[[R]]
func.func @attention(%q: tensor<1x4x2x8xf32>, %k: tensor<1x2x3x8xf32>, %v: tensor<1x2x3x8xf32>, %m: tensor<2x3xi1>) -> tensor<1x4x2x8xf32> {
  %none = graph.none
  %0:4 = graph.attention %q, %k, %v, %m, %none, %none, %none {is_causal = true, scale = 0.5 : f32, softcap = 2.0 : f32, softmax_precision = f32} : (tensor<1x4x2x8xf32>, tensor<1x2x3x8xf32>, tensor<1x2x3x8xf32>, tensor<2x3xi1>, none, none, none) -> (tensor<1x4x2x8xf32>, tensor<1x2x3x8xf32>, tensor<1x2x3x8xf32>, tensor<1x4x2x3xf32>)
  return %0#0 : tensor<1x4x2x8xf32>
}

// -----

// 3-D inputs: K and V split into heads and transposed, the past prepended
// (present_key / present_value); Y written back in the 3-D layout;
// qk_matmul_output after the softmax (mode 3).
// CHECK-LABEL: func.func @attention_3d_past
// CHECK: %[[KT:.*]] = linalg.transpose ins(%{{.*}} : tensor<1x3x1x8xf32>) outs(%{{.*}} : tensor<1x1x3x8xf32>) permutation = [0, 2, 1, 3]
// CHECK: %[[VT:.*]] = linalg.transpose
// CHECK: %[[PK:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x5x8xf32>)
// CHECK: tensor.extract %{{.*}}
// CHECK: tensor.extract %[[KT]]
// CHECK: %[[PV:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x5x8xf32>)
// CHECK: %[[QG:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2, 3, 4]] output_shape [1, 2, 1, 2, 8]
// CHECK: linalg.generic {{.*}} ins(%[[QG]], %[[PK]] :
// CHECK: %[[E:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x2x2x5xf32>, tensor<1x1x2x2xf32>)
// CHECK-NEXT: ^bb0
// CHECK-NEXT: arith.subf
// CHECK-NEXT: math.exp
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[E]] :
// CHECK: %[[P:.*]] = linalg.generic {{.*}} ins(%[[E]], %[[SUM]] :
// CHECK: arith.divf
// CHECK: %[[Y5:.*]] = linalg.generic {{.*}} ins(%[[P]], %[[PV]] :
// CHECK: %[[YT:.*]] = linalg.generic {{.*}} ins(%[[Y5]] : tensor<1x1x2x2x8xf32>) outs(%{{.*}} : tensor<1x2x1x2x8xf32>)
// CHECK: %[[Y:.*]] = tensor.collapse_shape %[[YT]] {{\[}}[0], [1], [2, 3, 4]] : tensor<1x2x1x2x8xf32> into tensor<1x2x16xf32>
// CHECK: %[[QK:.*]] = tensor.collapse_shape %[[P]] {{.*}} into tensor<1x2x2x5xf32>
// CHECK: return %[[Y]], %[[PK]], %[[PV]], %[[QK]]
func.func @attention_3d_past(%q: tensor<1x2x16xf32>, %k: tensor<1x3x8xf32>, %v: tensor<1x3x8xf32>, %pk: tensor<1x1x2x8xf32>, %pv: tensor<1x1x2x8xf32>) -> (tensor<1x2x16xf32>, tensor<1x1x5x8xf32>, tensor<1x1x5x8xf32>, tensor<1x2x2x5xf32>) {
  %none = graph.none
  %0:4 = graph.attention %q, %k, %v, %none, %pk, %pv, %none {q_num_heads = 2 : i64, kv_num_heads = 1 : i64, qk_matmul_output_mode = 3 : i64, scale = 0.5 : f32, softmax_precision = f32} : (tensor<1x2x16xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>, none, tensor<1x1x2x8xf32>, tensor<1x1x2x8xf32>, none) -> (tensor<1x2x16xf32>, tensor<1x1x5x8xf32>, tensor<1x1x5x8xf32>, tensor<1x2x2x5xf32>)
  return %0#0, %0#1, %0#2, %0#3 : tensor<1x2x16xf32>, tensor<1x1x5x8xf32>, tensor<1x1x5x8xf32>, tensor<1x2x2x5xf32>
}

// -----

// Only float element types lower (the failed case prints nothing).
func.func @softmax_int(%x: tensor<2x3xi32>) -> tensor<2x3xi32> {
  // expected-error @+2 {{the CPU backend lowers graph.softmax for float element types only}}
  // expected-error @+1 {{failed to legalize operation 'graph.softmax'}}
  %0 = graph.softmax %x {axis = 1 : i64} : (tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}
