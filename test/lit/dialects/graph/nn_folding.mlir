// RUN: mlc-opt %s --split-input-file --mlc-simplify-graph | FileCheck %s

// SAME auto_pad becomes explicit pads once the spatial dimensions are static
// (the odd padding element at the end for SAME_UPPER, at the beginning for
// SAME_LOWER).
// CHECK-LABEL: func @conv_same_resolved
// CHECK: graph.conv %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 2>, pads = array<i64: 1, 0, 1, 1>, strides = array<i64: 2, 1>}
// CHECK-SAME: -> tensor<1x4x3x5xf32>
func.func @conv_same_resolved(%x: tensor<1x3x5x5xf32>, %w: tensor<4x3x3x2xf32>) -> tensor<1x4x3x5xf32> {
  %none = graph.none
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3, 2>, strides = array<i64: 2, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, auto_pad = "SAME_UPPER"} : (tensor<1x3x5x5xf32>, tensor<4x3x3x2xf32>, none) -> tensor<1x4x3x5xf32>
  return %0 : tensor<1x4x3x5xf32>
}

// -----

// A kernel size unknown at import comes from the refined weight.
// CHECK-LABEL: func @conv_kernel_from_weight
// CHECK: graph.conv {{.*}}kernel_shape = array<i64: 3, 2>
func.func @conv_kernel_from_weight(%x: tensor<1x3x5x5xf32>, %w: tensor<4x3x3x2xf32>) -> tensor<?x?x?x?xf32> {
  %none = graph.none
  %c = graph.cast %w {to = f32} : (tensor<4x3x3x2xf32>) -> tensor<4x3x?x2xf32>
  %0 = graph.conv %x, %c, %none {kernel_shape = array<i64: -9223372036854775808, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x3x5x5xf32>, tensor<4x3x?x2xf32>, none) -> tensor<?x?x?x?xf32>
  return %0 : tensor<?x?x?x?xf32>
}

// -----

// CHECK-LABEL: func @pools_same_resolved
// CHECK: graph.average_pool %{{.*}} {dilations = array<i64: 1>, kernel_shape = array<i64: 2>, pads = array<i64: 1, 0>, strides = array<i64: 1>}
// CHECK: graph.max_pool %{{.*}} {dilations = array<i64: 2>, kernel_shape = array<i64: 2>, pads = array<i64: 1, 1>, strides = array<i64: 1>}
func.func @pools_same_resolved(%x: tensor<1x3x6xf32>) -> (tensor<1x3x6xf32>, tensor<1x3x6xf32>) {
  %0 = graph.average_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, auto_pad = "SAME_LOWER"} : (tensor<1x3x6xf32>) -> tensor<1x3x6xf32>
  %1:2 = graph.max_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 1>, dilations = array<i64: 2>, pads = array<i64: 0, 0>, auto_pad = "SAME_UPPER"} : (tensor<1x3x6xf32>) -> (tensor<1x3x6xf32>, tensor<1x3x6xi64>)
  return %0, %1#0 : tensor<1x3x6xf32>, tensor<1x3x6xf32>
}

// -----

// While a spatial dimension is unknown, auto_pad stays.
// CHECK-LABEL: func @pool_same_dynamic
// CHECK: graph.average_pool {{.*}}auto_pad = "SAME_LOWER"
func.func @pool_same_dynamic(%x: tensor<1x3x?xf32>) -> tensor<1x3x?xf32> {
  %0 = graph.average_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, auto_pad = "SAME_LOWER"} : (tensor<1x3x?xf32>) -> tensor<1x3x?xf32>
  return %0 : tensor<1x3x?xf32>
}

// -----

// In inference mode the running statistics are the given ones.
// CHECK-LABEL: func @batch_normalization_inference_stats
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[S:.*]]: tensor<3xf32>, %[[M:.*]]: tensor<3xf32>, %[[V:.*]]: tensor<3xf32>)
// CHECK: %[[Y:.*]], %{{.*}}, %{{.*}} = graph.batch_normalization
// CHECK: return %[[Y]], %[[M]], %[[V]]
func.func @batch_normalization_inference_stats(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0:3 = graph.batch_normalization %x, %s, %s, %m, %v : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func @batch_normalization_training_stats
// CHECK: %[[Y:.*]], %[[RM:.*]], %[[RV:.*]] = graph.batch_normalization
// CHECK: return %[[Y]], %[[RM]], %[[RV]]
func.func @batch_normalization_training_stats(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0:3 = graph.batch_normalization %x, %s, %s, %m, %v {training_mode = true} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// The default scale, 1 / sqrt(head size), becomes explicit (head size 16 =
// 64 / 4 heads here).
// CHECK-LABEL: func @attention_default_scale
// CHECK: graph.attention {{.*}}scale = 2.500000e-01 : f32
func.func @attention_default_scale(%q: tensor<?x?x64xf32>, %k: tensor<?x?x32xf32>) -> tensor<?x?x64xf32> {
  %none = graph.none
  %0:4 = graph.attention %q, %k, %k, %none, %none, %none, %none {q_num_heads = 4 : i64, kv_num_heads = 2 : i64, softmax_precision = f32} : (tensor<?x?x64xf32>, tensor<?x?x32xf32>, tensor<?x?x32xf32>, none, none, none, none) -> (tensor<?x?x64xf32>, tensor<?x2x?x16xf32>, tensor<?x2x?x16xf32>, tensor<?x4x?x?xf32>)
  return %0#0 : tensor<?x?x64xf32>
}

// -----

// CHECK-LABEL: func @attention_unknown_head_size
// CHECK-NOT: scale
func.func @attention_unknown_head_size(%q: tensor<1x2x3x?xf32>) -> tensor<1x2x3x?xf32> {
  %none = graph.none
  %0:4 = graph.attention %q, %q, %q, %none, %none, %none, %none {softmax_precision = f32} : (tensor<1x2x3x?xf32>, tensor<1x2x3x?xf32>, tensor<1x2x3x?xf32>, none, none, none, none) -> (tensor<1x2x3x?xf32>, tensor<1x2x3x?xf32>, tensor<1x2x3x?xf32>, tensor<1x2x3x3xf32>)
  return %0#0 : tensor<1x2x3x?xf32>
}
