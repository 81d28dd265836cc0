// RUN: mlc-opt %s --split-input-file --verify-diagnostics | FileCheck %s

//===----------------------------------------------------------------------===//
// conv
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @conv_strided_padded
func.func @conv_strided_padded(%x: tensor<1x4x7x5xf32>, %w: tensor<8x2x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x8x4x2xf32> {
  // CHECK: graph.conv %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 2>}
  %0 = graph.conv %x, %w, %b {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 0, 1, 0>, group = 2 : i64} : (tensor<1x4x7x5xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<1x8x4x2xf32>
  return %0 : tensor<1x8x4x2xf32>
}

// -----

// CHECK-LABEL: func @conv_same_dynamic
func.func @conv_same_dynamic(%x: tensor<?x3x?x9xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x?x5xf32> {
  %none = graph.none
  // CHECK: graph.conv {{.*}}auto_pad = "SAME_LOWER"{{.*}} -> tensor<?x4x?x5xf32>
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, auto_pad = "SAME_LOWER"} : (tensor<?x3x?x9xf32>, tensor<4x3x3x3xf32>, none) -> tensor<?x4x?x5xf32>
  return %0 : tensor<?x4x?x5xf32>
}

// -----

// CHECK-LABEL: func @conv_unranked_input
func.func @conv_unranked_input(%x: tensor<*xf32>, %w: tensor<4x3x3xf32>) -> tensor<?x4x?xf32> {
  %none = graph.none
  // CHECK: graph.conv {{.*}} -> tensor<?x4x?xf32>
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<*xf32>, tensor<4x3x3xf32>, none) -> tensor<?x4x?xf32>
  return %0 : tensor<?x4x?xf32>
}

// -----

func.func @conv_bad_attr_sizes(%x: tensor<1x3x5x5xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{needs 2 strides and dilations and 4 pads for 2 spatial dimensions}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x3x5x5xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_zero_stride(%x: tensor<1x3x5xf32>, %w: tensor<4x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{strides and dilations must be in [1, 2^31)}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 0>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x5xf32>, tensor<4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_bad_kernel(%x: tensor<1x3x5xf32>, %w: tensor<4x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{kernel_shape must be in [1, 2^31)}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 0>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x5xf32>, tensor<4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_negative_pad(%x: tensor<1x3x5xf32>, %w: tensor<4x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{pads must be in [0, 2^31)}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: -1, 0>} : (tensor<1x3x5xf32>, tensor<4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_bad_auto_pad(%x: tensor<1x3x5xf32>, %w: tensor<4x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{unknown auto_pad 'SAME'}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, auto_pad = "SAME"} : (tensor<1x3x5xf32>, tensor<4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_kernel_too_large(%x: tensor<1x3x2xf32>, %w: tensor<4x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{kernel is larger than padded input in spatial dimension 0}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x2xf32>, tensor<4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_huge_input(%x: tensor<1x3x4611686018427387904xf32>, %w: tensor<4x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{input dimensions must be below 2^62}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x4611686018427387904xf32>, tensor<4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_bad_group(%x: tensor<1x3x5xf32>, %w: tensor<4x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{group must be in [1, 2^31)}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, group = 0 : i64} : (tensor<1x3x5xf32>, tensor<4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_huge_weight(%x: tensor<1x3x5xf32>, %w: tensor<2147483648x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{weight dimensions must be below 2^31}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x5xf32>, tensor<2147483648x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_weight_rank(%x: tensor<1x3x5xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{weight rank 4 does not match 1 spatial dimensions}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x5xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_input_rank(%x: tensor<1x3x5x5xf32>, %w: tensor<4x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{input rank 4 does not match 1 spatial dimensions}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x5x5xf32>, tensor<4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_kernel_mismatch(%x: tensor<1x3x5xf32>, %w: tensor<4x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{kernel_shape does not match the weight's spatial dimensions}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 2>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x5xf32>, tensor<4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_channel_mismatch(%x: tensor<1x6x5xf32>, %w: tensor<4x2x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{input has 6 channels but weight expects 2 x group 2}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, group = 2 : i64} : (tensor<1x6x5xf32>, tensor<4x2x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_group_output_channels(%x: tensor<1x4x5xf32>, %w: tensor<3x2x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{weight's 3 output channels are not divisible by group 2}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, group = 2 : i64} : (tensor<1x4x5xf32>, tensor<3x2x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_bias_size(%x: tensor<1x3x5xf32>, %w: tensor<4x3x3xf32>, %b: tensor<5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{bias has 5 elements for 4 channels}}
  %0 = graph.conv %x, %w, %b {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x5xf32>, tensor<4x3x3xf32>, tensor<5xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_bias_rank(%x: tensor<1x3x5xf32>, %w: tensor<4x3x3xf32>, %b: tensor<1x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{bias must be 1-D, not 'tensor<1x4xf32>'}}
  %0 = graph.conv %x, %w, %b {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x5xf32>, tensor<4x3x3xf32>, tensor<1x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_wrong_declared(%x: tensor<1x3x5xf32>, %w: tensor<4x3x3xf32>) -> tensor<1x4x4xf32> {
  %none = graph.none
  // expected-error @+1 {{result #0 is declared 'tensor<1x4x4xf32>' but its operands and attributes give 'tensor<1x4x3xf32>'}}
  %0 = graph.conv %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x5xf32>, tensor<4x3x3xf32>, none) -> tensor<1x4x4xf32>
  return %0 : tensor<1x4x4xf32>
}

//===----------------------------------------------------------------------===//
// conv_transpose
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @conv_transpose_pads
func.func @conv_transpose_pads(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x6x7x3xf32> {
  %none = graph.none
  // CHECK: graph.conv_transpose {{.*}}output_padding = array<i64: 0, 0>{{.*}} -> tensor<1x6x7x3xf32>
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3, 3>, strides = array<i64: 3, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 2, 1, 2>, output_padding = array<i64: 0, 0>, group = 2 : i64} : (tensor<1x2x3x3xf32>, tensor<2x3x3x3xf32>, none) -> tensor<1x6x7x3xf32>
  return %0 : tensor<1x6x7x3xf32>
}

// -----

// CHECK-LABEL: func @conv_transpose_output_shape
func.func @conv_transpose_output_shape(%x: tensor<?x1x?x?xf32>, %w: tensor<1x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<?x2x10x8xf32> {
  // CHECK: graph.conv_transpose {{.*}}output_shape = array<i64: 10, 8>{{.*}} -> tensor<?x2x10x8xf32>
  %0 = graph.conv_transpose %x, %w, %b {kernel_shape = array<i64: 3, 3>, strides = array<i64: 3, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 0, 0>, output_shape = array<i64: 10, 8>} : (tensor<?x1x?x?xf32>, tensor<1x2x3x3xf32>, tensor<2xf32>) -> tensor<?x2x10x8xf32>
  return %0 : tensor<?x2x10x8xf32>
}

// -----

// The full output (7) is smaller than input * stride (8): SAME gives the full one.
// CHECK-LABEL: func @conv_transpose_same
func.func @conv_transpose_same(%x: tensor<1x1x4x3xf32>, %w: tensor<1x1x1x3xf32>) -> tensor<1x1x7x6xf32> {
  %none = graph.none
  // CHECK: graph.conv_transpose {{.*}} -> tensor<1x1x7x6xf32>
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 1, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 0, 0>, auto_pad = "SAME_UPPER"} : (tensor<1x1x4x3xf32>, tensor<1x1x1x3xf32>, none) -> tensor<1x1x7x6xf32>
  return %0 : tensor<1x1x7x6xf32>
}

// -----

func.func @conv_transpose_output_padding_count(%x: tensor<1x1x3xf32>, %w: tensor<1x1x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{needs 1 output_padding values}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, output_padding = array<i64: 0, 0>} : (tensor<1x1x3xf32>, tensor<1x1x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_negative_output_padding(%x: tensor<1x1x3xf32>, %w: tensor<1x1x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{output_padding must be in [0, 2^31)}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, output_padding = array<i64: -1>} : (tensor<1x1x3xf32>, tensor<1x1x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_output_shape_count(%x: tensor<1x1x3xf32>, %w: tensor<1x1x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{needs 1 output_shape values}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, output_padding = array<i64: 0>, output_shape = array<i64: 1, 5>} : (tensor<1x1x3xf32>, tensor<1x1x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_negative_output_shape(%x: tensor<1x1x3xf32>, %w: tensor<1x1x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{output_shape must not be negative}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, output_padding = array<i64: 0>, output_shape = array<i64: -5>} : (tensor<1x1x3xf32>, tensor<1x1x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_group(%x: tensor<1x3x3xf32>, %w: tensor<3x1x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{group must be in [1, 2^31)}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, output_padding = array<i64: 0>, group = -1 : i64} : (tensor<1x3x3xf32>, tensor<3x1x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_group_channels(%x: tensor<1x3x3xf32>, %w: tensor<3x1x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{3 input channels are not divisible by group 2}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, output_padding = array<i64: 0>, group = 2 : i64} : (tensor<1x3x3xf32>, tensor<3x1x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_channels(%x: tensor<1x3x3xf32>, %w: tensor<2x1x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{has mismatched input channels of input and weight (3 vs 2)}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, output_padding = array<i64: 0>} : (tensor<1x3x3xf32>, tensor<2x1x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_weight_rank(%x: tensor<1x1x3xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{weight rank 4 does not match 1 spatial dimensions}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, output_padding = array<i64: 0>} : (tensor<1x1x3xf32>, tensor<1x1x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_input_rank(%x: tensor<1x1x3x3xf32>, %w: tensor<1x1x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{input rank 4 does not match 1 spatial dimensions}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, output_padding = array<i64: 0>} : (tensor<1x1x3x3xf32>, tensor<1x1x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_kernel_mismatch(%x: tensor<1x1x3xf32>, %w: tensor<1x1x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{kernel_shape does not match the weight's spatial dimensions}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 2>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, output_padding = array<i64: 0>} : (tensor<1x1x3xf32>, tensor<1x1x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_pads_too_large(%x: tensor<1x1x1xf32>, %w: tensor<1x1x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{pads exceed the output in spatial dimension 0}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 2>, dilations = array<i64: 1>, pads = array<i64: 2, 2>, output_padding = array<i64: 0>} : (tensor<1x1x1xf32>, tensor<1x1x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_overflow(%x: tensor<1x1x4611686018427387903xf32>, %w: tensor<1x1x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{output size overflows in spatial dimension 0}}
  %0 = graph.conv_transpose %x, %w, %none {kernel_shape = array<i64: 3>, strides = array<i64: 2>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, output_padding = array<i64: 0>} : (tensor<1x1x4611686018427387903xf32>, tensor<1x1x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

//===----------------------------------------------------------------------===//
// Pools
//===----------------------------------------------------------------------===//

// -----

// An empty input has no windows.
// CHECK-LABEL: func @average_pool_empty
func.func @average_pool_empty(%x: tensor<1x3x0xf32>) -> tensor<1x3x0xf32> {
  // CHECK: graph.average_pool {{.*}} -> tensor<1x3x0xf32>
  %0 = graph.average_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<1x3x0xf32>) -> tensor<1x3x0xf32>
  return %0 : tensor<1x3x0xf32>
}

// -----

// ceil: 4 windows, but the last would start in the end padding: 3.
// CHECK-LABEL: func @average_pool_ceil
func.func @average_pool_ceil(%x: tensor<1x3x6x2xf32>) -> tensor<1x3x2x1xf32> {
  // CHECK: graph.average_pool %{{.*}} {ceil_mode = true, count_include_pad = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 1, 3>, pads = array<i64: 0, 1, 0, 1>, strides = array<i64: 3, 3>} : (tensor<1x3x6x2xf32>) -> tensor<1x3x2x1xf32>
  %0 = graph.average_pool %x {kernel_shape = array<i64: 1, 3>, strides = array<i64: 3, 3>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 1, 0, 1>, ceil_mode = true, count_include_pad = true} : (tensor<1x3x6x2xf32>) -> tensor<1x3x2x1xf32>
  return %0 : tensor<1x3x2x1xf32>
}

// -----

// CHECK-LABEL: func @average_pool_dilated_floor
func.func @average_pool_dilated_floor(%x: tensor<1x1x32xf32>) -> tensor<1x1x8xf32> {
  // CHECK: graph.average_pool {{.*}} -> tensor<1x1x8xf32>
  %0 = graph.average_pool %x {kernel_shape = array<i64: 5>, strides = array<i64: 3>, dilations = array<i64: 2>, pads = array<i64: 0, 0>} : (tensor<1x1x32xf32>) -> tensor<1x1x8xf32>
  return %0 : tensor<1x1x8xf32>
}

// -----

func.func @average_pool_input_rank(%x: tensor<1x1x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{input rank 3 does not match 2 spatial dimensions}}
  %0 = graph.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @max_pool_indices
func.func @max_pool_indices(%x: tensor<?x1x5x5xui8>) -> (tensor<?x1x2x2xui8>, tensor<?x1x2x2xi64>) {
  // CHECK: %[[Y:.*]], %[[I:.*]] = graph.max_pool %{{.*}} {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, storage_order = 1 : i64, strides = array<i64: 2, 2>} : (tensor<?x1x5x5xui8>) -> (tensor<?x1x2x2xui8>, tensor<?x1x2x2xi64>)
  // CHECK: return %[[Y]], %[[I]]
  %0:2 = graph.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, storage_order = 1 : i64} : (tensor<?x1x5x5xui8>) -> (tensor<?x1x2x2xui8>, tensor<?x1x2x2xi64>)
  return %0#0, %0#1 : tensor<?x1x2x2xui8>, tensor<?x1x2x2xi64>
}

// -----

// CHECK-LABEL: func @max_pool_unranked
func.func @max_pool_unranked(%x: tensor<*xf32>) -> tensor<?x?x?xf32> {
  // CHECK: graph.max_pool {{.*}} -> (tensor<?x?x?xf32>, tensor<?x?x?xi64>)
  %0:2 = graph.max_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 2>, dilations = array<i64: 1>, pads = array<i64: 0, 0>} : (tensor<*xf32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xi64>)
  return %0#0 : tensor<?x?x?xf32>
}

// -----

func.func @max_pool_storage_order(%x: tensor<1x1x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{storage_order must be 0 or 1}}
  %0:2 = graph.max_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 2>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, storage_order = 2 : i64} : (tensor<1x1x4xf32>) -> (tensor<*xf32>, tensor<*xi64>)
  return %0#0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @global_pools
func.func @global_pools(%x: tensor<2x3x5x?xf32>, %y: tensor<*xf16>) -> (tensor<2x3x1x1xf32>, tensor<*xf16>) {
  // CHECK: graph.global_average_pool %{{.*}} : (tensor<2x3x5x?xf32>) -> tensor<2x3x1x1xf32>
  %0 = graph.global_average_pool %x : (tensor<2x3x5x?xf32>) -> tensor<2x3x1x1xf32>
  // CHECK: graph.global_max_pool %{{.*}} : (tensor<*xf16>) -> tensor<*xf16>
  %1 = graph.global_max_pool %y : (tensor<*xf16>) -> tensor<*xf16>
  return %0, %1 : tensor<2x3x1x1xf32>, tensor<*xf16>
}

// -----

func.func @global_pool_rank(%x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{input must have rank >= 2, not 'tensor<3xf32>'}}
  %0 = graph.global_max_pool %x : (tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @batch_normalization
func.func @batch_normalization(%x: tensor<2x3x4xf32>, %s: tensor<3xf32>, %m: tensor<?xf16>) -> (tensor<2x3x4xf32>, tensor<3xf16>) {
  // CHECK: graph.batch_normalization {{.*}} {epsilon = 0.00999999977 : f32, momentum = 5.000000e-01 : f32, training_mode = true} : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<?xf16>, tensor<?xf16>) -> (tensor<2x3x4xf32>, tensor<3xf16>, tensor<3xf16>)
  %0:3 = graph.batch_normalization %x, %s, %s, %m, %m {epsilon = 0.01 : f32, momentum = 0.5 : f32, training_mode = true} : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<?xf16>, tensor<?xf16>) -> (tensor<2x3x4xf32>, tensor<3xf16>, tensor<3xf16>)
  return %0#0, %0#1 : tensor<2x3x4xf32>, tensor<3xf16>
}

// -----

func.func @batch_normalization_scalar(%x: tensor<f32>, %s: tensor<1xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{input must have rank >= 1, not 'tensor<f32>'}}
  %0:3 = graph.batch_normalization %x, %s, %s, %s, %s : (tensor<f32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> (tensor<*xf32>, tensor<1xf32>, tensor<1xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @batch_normalization_channels(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %v: tensor<4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{var has 4 elements for 3 channels}}
  %0:3 = graph.batch_normalization %x, %s, %s, %s, %v : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>) -> (tensor<*xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @instance_normalization
func.func @instance_normalization(%x: tensor<2x3x4xf32>, %s: tensor<?xf32>) -> tensor<2x3x4xf32> {
  // CHECK: graph.instance_normalization {{.*}} -> tensor<2x3x4xf32>
  %0 = graph.instance_normalization %x, %s, %s {epsilon = 0.1 : f32} : (tensor<2x3x4xf32>, tensor<?xf32>, tensor<?xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @instance_normalization_rank(%x: tensor<3xf32>, %s: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{input must have rank >= 2, not 'tensor<3xf32>'}}
  %0 = graph.instance_normalization %x, %s, %s : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @group_normalization
func.func @group_normalization(%x: tensor<2x4x5xbf16>, %s: tensor<4xbf16>) -> tensor<2x4x5xbf16> {
  // CHECK: graph.group_normalization {{.*}} {epsilon = 5.000000e-01 : f32, num_groups = 2 : i64, stash_type = f32}
  %0 = graph.group_normalization %x, %s, %s {num_groups = 2 : i64, epsilon = 0.5 : f32, stash_type = f32} : (tensor<2x4x5xbf16>, tensor<4xbf16>, tensor<4xbf16>) -> tensor<2x4x5xbf16>
  return %0 : tensor<2x4x5xbf16>
}

// -----

func.func @group_normalization_groups(%x: tensor<2x4x5xf32>, %s: tensor<4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{num_groups must be positive}}
  %0 = graph.group_normalization %x, %s, %s {num_groups = 0 : i64, stash_type = f32} : (tensor<2x4x5xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @group_normalization_divisible(%x: tensor<2x4x5xf32>, %s: tensor<4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{4 channels are not divisible by num_groups 3}}
  %0 = graph.group_normalization %x, %s, %s {num_groups = 3 : i64, stash_type = f32} : (tensor<2x4x5xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @group_normalization_scale(%x: tensor<2x4x5xf32>, %s: tensor<2xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{scale has 2 elements for 4 channels}}
  %0 = graph.group_normalization %x, %s, %s {num_groups = 2 : i64, stash_type = f32} : (tensor<2x4x5xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @layer_normalization
func.func @layer_normalization(%x: tensor<?x3x4xf16>, %s: tensor<3x4xf16>) -> (tensor<?x3x4xf16>, tensor<?x1x1xf32>) {
  %none = graph.none
  // CHECK: %[[Y:.*]], %[[M:.*]], %[[I:.*]] = graph.layer_normalization {{.*}} {axis = 1 : i64, stash_type = f32} : (tensor<?x3x4xf16>, tensor<3x4xf16>, none) -> (tensor<?x3x4xf16>, tensor<?x1x1xf32>, tensor<?x1x1xf32>)
  %0:3 = graph.layer_normalization %x, %s, %none {axis = 1 : i64, stash_type = f32} : (tensor<?x3x4xf16>, tensor<3x4xf16>, none) -> (tensor<?x3x4xf16>, tensor<?x1x1xf32>, tensor<?x1x1xf32>)
  return %0#0, %0#1 : tensor<?x3x4xf16>, tensor<?x1x1xf32>
}

// -----

func.func @layer_normalization_axis(%x: tensor<3x4xf32>, %s: tensor<4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0:3 = graph.layer_normalization %x, %s, %none {axis = 2 : i64, stash_type = f32} : (tensor<3x4xf32>, tensor<4xf32>, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @layer_normalization_scalar(%x: tensor<f32>, %s: tensor<f32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{input must have rank >= 1, not 'tensor<f32>'}}
  %0:3 = graph.layer_normalization %x, %s, %none {axis = 0 : i64, stash_type = f32} : (tensor<f32>, tensor<f32>, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @layer_normalization_bias(%x: tensor<3x4xf32>, %s: tensor<4xf32>, %b: tensor<5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{bias of type 'tensor<5xf32>' does not broadcast to the input}}
  %0:3 = graph.layer_normalization %x, %s, %b {axis = 1 : i64, stash_type = f32} : (tensor<3x4xf32>, tensor<4xf32>, tensor<5xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @layer_normalization_stash(%x: tensor<3x4xf32>, %s: tensor<4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{stash_type must be a scalar type, not 'tensor<f32>'}}
  %0:3 = graph.layer_normalization %x, %s, %none {axis = 1 : i64, stash_type = tensor<f32>} : (tensor<3x4xf32>, tensor<4xf32>, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @rms_normalization
func.func @rms_normalization(%x: tensor<2x3x4xf32>, %s: tensor<1x4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: graph.rms_normalization {{.*}} {axis = 1 : i64, epsilon = 1.000000e-01 : f32, stash_type = f32}
  %0 = graph.rms_normalization %x, %s {axis = 1 : i64, epsilon = 0.1 : f32, stash_type = f32} : (tensor<2x3x4xf32>, tensor<1x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @rms_normalization_scale(%x: tensor<2x3x4xf32>, %s: tensor<1x2x3x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{scale of type 'tensor<1x2x3x4xf32>' does not broadcast to the input}}
  %0 = graph.rms_normalization %x, %s {axis = 1 : i64, stash_type = f32} : (tensor<2x3x4xf32>, tensor<1x2x3x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @rms_normalization_stash(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{stash_type must be a scalar type, not 'none'}}
  %0 = graph.rms_normalization %x, %s {axis = 2 : i64, stash_type = none} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @lrn
func.func @lrn(%x: tensor<5x5x5x5xf32>) -> tensor<5x5x5x5xf32> {
  // CHECK: graph.lrn %{{.*}} {alpha = 2.000000e-04 : f32, beta = 5.000000e-01 : f32, bias = 2.000000e+00 : f32, size = 3 : i64}
  %0 = graph.lrn %x {size = 3 : i64, alpha = 2.0e-4 : f32, beta = 0.5 : f32, bias = 2.0 : f32} : (tensor<5x5x5x5xf32>) -> tensor<5x5x5x5xf32>
  return %0 : tensor<5x5x5x5xf32>
}

// -----

func.func @lrn_size(%x: tensor<5x5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{size must be positive}}
  %0 = graph.lrn %x {size = 0 : i64} : (tensor<5x5xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @lrn_rank(%x: tensor<5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{input must have rank >= 2, not 'tensor<5xf32>'}}
  %0 = graph.lrn %x {size = 3 : i64} : (tensor<5xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

//===----------------------------------------------------------------------===//
// softmax
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @softmax
func.func @softmax(%x: tensor<3x4x5xf32>) -> tensor<3x4x5xf32> {
  // CHECK: graph.softmax %{{.*}} {axis = 1 : i64} : (tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
  %0 = graph.softmax %x {axis = 1 : i64} : (tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
  return %0 : tensor<3x4x5xf32>
}

// -----

func.func @softmax_axis(%x: tensor<3x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = graph.softmax %x {axis = 2 : i64} : (tensor<3x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @softmax_scalar(%x: tensor<f32>) -> tensor<*xf32> {
  // expected-error @+1 {{input must have rank >= 1, not 'tensor<f32>'}}
  %0 = graph.softmax %x {axis = 0 : i64} : (tensor<f32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

//===----------------------------------------------------------------------===//
// attention
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @attention_3d_gqa
func.func @attention_3d_gqa(%q: tensor<2x4x72xf32>, %k: tensor<2x6x24xf32>, %v: tensor<2x6x30xf32>) -> tensor<2x4x90xf32> {
  %none = graph.none
  // CHECK: graph.attention {{.*}} -> (tensor<2x4x90xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x10xf32>, tensor<2x9x4x6xf32>)
  %0:4 = graph.attention %q, %k, %v, %none, %none, %none, %none {q_num_heads = 9 : i64, kv_num_heads = 3 : i64, softmax_precision = f32} : (tensor<2x4x72xf32>, tensor<2x6x24xf32>, tensor<2x6x30xf32>, none, none, none, none) -> (tensor<2x4x90xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x10xf32>, tensor<2x9x4x6xf32>)
  return %0#0 : tensor<2x4x90xf32>
}

// -----

// CHECK-LABEL: func @attention_4d_past
func.func @attention_4d_past(%q: tensor<?x3x4x8xf16>, %k: tensor<2x3x6x8xf16>, %v: tensor<2x3x6x10xf16>, %m: tensor<4x18xi1>, %pk: tensor<2x3x12x8xf16>, %pv: tensor<2x3x?x10xf16>) -> tensor<2x3x4x10xf16> {
  %none = graph.none
  // CHECK: graph.attention {{.*}} {is_causal = true, qk_matmul_output_mode = 3 : i64, scale = 1.250000e-01 : f32, softcap = 2.000000e+00 : f32, softmax_precision = f32} {{.*}} -> (tensor<2x3x4x10xf16>, tensor<2x3x18x8xf16>, tensor<2x3x18x10xf16>, tensor<2x3x4x18xf16>)
  %0:4 = graph.attention %q, %k, %v, %m, %pk, %pv, %none {is_causal = true, qk_matmul_output_mode = 3 : i64, scale = 0.125 : f32, softcap = 2.0 : f32, softmax_precision = f32} : (tensor<?x3x4x8xf16>, tensor<2x3x6x8xf16>, tensor<2x3x6x10xf16>, tensor<4x18xi1>, tensor<2x3x12x8xf16>, tensor<2x3x?x10xf16>, none) -> (tensor<2x3x4x10xf16>, tensor<2x3x18x8xf16>, tensor<2x3x18x10xf16>, tensor<2x3x4x18xf16>)
  return %0#0 : tensor<2x3x4x10xf16>
}

// -----

// A mask shorter than the total sequence is padded.
// CHECK-LABEL: func @attention_nonpad
func.func @attention_nonpad(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %m: tensor<2x3x4x4xf32>, %n: tensor<2xi64>) -> tensor<2x3x4x8xf32> {
  %none = graph.none
  // CHECK: graph.attention {{.*}} -> (tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4x6xf32>)
  %0:4 = graph.attention %q, %k, %k, %m, %none, %none, %n {softmax_precision = f32} : (tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4x4xf32>, none, none, tensor<2xi64>) -> (tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4x6xf32>)
  return %0#0 : tensor<2x3x4x8xf32>
}

// -----

// CHECK-LABEL: func @attention_unranked
func.func @attention_unranked(%q: tensor<*xf32>) -> tensor<*xf32> {
  %none = graph.none
  // CHECK: graph.attention {{.*}} -> (tensor<*xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>)
  %0:4 = graph.attention %q, %q, %q, %none, %none, %none, %none {softmax_precision = f32} : (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, none, none, none, none) -> (tensor<*xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_mode(%q: tensor<1x1x2x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{qk_matmul_output_mode must be 0, 1, 2 or 3}}
  %0:4 = graph.attention %q, %q, %q, %none, %none, %none, %none {qk_matmul_output_mode = 4 : i64, softmax_precision = f32} : (tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, none, none, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_precision(%q: tensor<1x1x2x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{softmax_precision must be a float type, not 'i32'}}
  %0:4 = graph.attention %q, %q, %q, %none, %none, %none, %none {softmax_precision = i32} : (tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, none, none, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_ranks(%q: tensor<1x1x2x4xf32>, %k: tensor<1x2x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{Q, K and V must have the same rank}}
  %0:4 = graph.attention %q, %k, %k, %none, %none, %none, %none {softmax_precision = f32} : (tensor<1x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, none, none, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_rank2(%q: tensor<2x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{Q, K and V must be 3-D or 4-D}}
  %0:4 = graph.attention %q, %q, %q, %none, %none, %none, %none {softmax_precision = f32} : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, none, none, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_heads_positive(%q: tensor<1x1x2x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{q_num_heads and kv_num_heads must be in [1, 2^31)}}
  %0:4 = graph.attention %q, %q, %q, %none, %none, %none, %none {q_num_heads = 0 : i64, softmax_precision = f32} : (tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, none, none, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_3d_needs_heads(%q: tensor<1x2x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{3-D Q, K and V need q_num_heads and kv_num_heads}}
  %0:4 = graph.attention %q, %q, %q, %none, %none, %none, %none {q_num_heads = 2 : i64, softmax_precision = f32} : (tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, none, none, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_3d_hidden(%q: tensor<1x2x5xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{Q's hidden size 5 is not divisible by its 2 heads}}
  %0:4 = graph.attention %q, %q, %q, %none, %none, %none, %none {q_num_heads = 2 : i64, kv_num_heads = 1 : i64, softmax_precision = f32} : (tensor<1x2x5xf32>, tensor<1x2x5xf32>, tensor<1x2x5xf32>, none, none, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_head_size(%q: tensor<1x1x2x4xf32>, %k: tensor<1x1x2x8xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{has mismatched Q/K head size (4 vs 8)}}
  %0:4 = graph.attention %q, %k, %k, %none, %none, %none, %none {softmax_precision = f32} : (tensor<1x1x2x4xf32>, tensor<1x1x2x8xf32>, tensor<1x1x2x8xf32>, none, none, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_gqa_multiple(%q: tensor<1x4x2x4xf32>, %k: tensor<1x3x2x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{Q's 4 heads are not a multiple of K/V's 3}}
  %0:4 = graph.attention %q, %k, %k, %none, %none, %none, %none {softmax_precision = f32} : (tensor<1x4x2x4xf32>, tensor<1x3x2x4xf32>, tensor<1x3x2x4xf32>, none, none, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_past_pair(%q: tensor<1x1x2x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{past_key and past_value must be given together}}
  %0:4 = graph.attention %q, %q, %q, %none, %q, %none, %none {softmax_precision = f32} : (tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, none, tensor<1x1x2x4xf32>, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_nonpad_with_past(%q: tensor<1x1x2x4xf32>, %n: tensor<1xi64>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{nonpad_kv_seqlen cannot be used with past_key and past_value}}
  %0:4 = graph.attention %q, %q, %q, %none, %q, %q, %n {softmax_precision = f32} : (tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, none, tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, tensor<1xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_past_rank(%q: tensor<1x1x2x4xf32>, %p: tensor<1x2x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{past_key and past_value must be 4-D}}
  %0:4 = graph.attention %q, %q, %q, %none, %p, %p, %none {softmax_precision = f32} : (tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, none, tensor<1x2x4xf32>, tensor<1x2x4xf32>, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_mask(%q: tensor<1x1x2x4xf32>, %m: tensor<3x2xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{attn_mask of type 'tensor<3x2xf32>' does not broadcast to (batch, q_num_heads, q_sequence, total_sequence)}}
  %0:4 = graph.attention %q, %q, %q, %m, %none, %none, %none {softmax_precision = f32} : (tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, tensor<3x2xf32>, none, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_nonpad_rank(%q: tensor<1x1x2x4xf32>, %n: tensor<1x1xi64>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{nonpad_kv_seqlen must be 1-D (batch)}}
  %0:4 = graph.attention %q, %q, %q, %none, %none, %none, %n {softmax_precision = f32} : (tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, tensor<1x1x2x4xf32>, none, none, none, tensor<1x1xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @attention_overflow(%q: tensor<1x2x4xf32>, %v: tensor<1x2x4611686018427387904xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{sizes overflow (sequences must be below 2^62, head sizes below 2^31)}}
  %0:4 = graph.attention %q, %q, %v, %none, %none, %none, %none {q_num_heads = 2 : i64, kv_num_heads = 2 : i64, softmax_precision = f32} : (tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4611686018427387904xf32>, none, none, none, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}
