// RUN: mlc-opt %s --split-input-file --verify-diagnostics | FileCheck %s

//===----------------------------------------------------------------------===//
// quantize_linear
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @quantize
func.func @quantize(%x: tensor<1x3x4xf32>, %s: tensor<f32>, %z: tensor<i8>, %sa: tensor<3xf32>, %sb: tensor<1x3x2xf32>, %zb: tensor<1x3x2xi4>) -> (tensor<1x3x4xi8>, tensor<1x3x4xui8>, tensor<1x3x4xi4>) {
  %none = graph.none
  // CHECK: graph.quantize_linear %{{.*}}, %{{.*}}, %{{.*}} {axis = 0 : i64, output_dtype = i8} : (tensor<1x3x4xf32>, tensor<f32>, tensor<i8>) -> tensor<1x3x4xi8>
  %0 = graph.quantize_linear %x, %s, %z {axis = 0 : i64, output_dtype = i8} : (tensor<1x3x4xf32>, tensor<f32>, tensor<i8>) -> tensor<1x3x4xi8>
  // Per axis, without a zero point.
  // CHECK: graph.quantize_linear %{{.*}}, %{{.*}}, %{{.*}} {axis = 1 : i64, output_dtype = ui8, precision = f32, saturate = false}
  %1 = graph.quantize_linear %x, %sa, %none {axis = 1 : i64, output_dtype = ui8, saturate = false, precision = f32} : (tensor<1x3x4xf32>, tensor<3xf32>, none) -> tensor<1x3x4xui8>
  // Blocked: ceil(4 / 2) = 2 scales along axis 2.
  // CHECK: graph.quantize_linear %{{.*}}, %{{.*}}, %{{.*}} {axis = 2 : i64, block_size = 2 : i64, output_dtype = i4}
  %2 = graph.quantize_linear %x, %sb, %zb {axis = 2 : i64, block_size = 2 : i64, output_dtype = i4} : (tensor<1x3x4xf32>, tensor<1x3x2xf32>, tensor<1x3x2xi4>) -> tensor<1x3x4xi4>
  return %0, %1, %2 : tensor<1x3x4xi8>, tensor<1x3x4xui8>, tensor<1x3x4xi4>
}

// -----

func.func @quantize_zero_point_type(%x: tensor<4xf32>, %s: tensor<f32>, %z: tensor<i8>) -> tensor<*xui8> {
  // expected-error @+1 {{zero point element type 'i8' differs from output_dtype 'ui8'}}
  %0 = graph.quantize_linear %x, %s, %z {axis = 0 : i64, output_dtype = ui8} : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<*xui8>
  return %0 : tensor<*xui8>
}

// -----

func.func @quantize_precision(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<*xui8> {
  %none = graph.none
  // expected-error @+1 {{precision must be a float type, is 'i32'}}
  %0 = graph.quantize_linear %x, %s, %none {axis = 0 : i64, output_dtype = ui8, precision = i32} : (tensor<4xf32>, tensor<f32>, none) -> tensor<*xui8>
  return %0 : tensor<*xui8>
}

// -----

func.func @quantize_scale_type(%x: tensor<4xf32>, %s: tensor<i32>) -> tensor<*xui8> {
  %none = graph.none
  // expected-error @+1 {{scale must be a float tensor}}
  %0 = graph.quantize_linear %x, %s, %none {axis = 0 : i64, output_dtype = ui8} : (tensor<4xf32>, tensor<i32>, none) -> tensor<*xui8>
  return %0 : tensor<*xui8>
}

// -----

func.func @quantize_block_size(%x: tensor<4xf32>, %s: tensor<2xf32>) -> tensor<*xui8> {
  %none = graph.none
  // expected-error @+1 {{block_size must not be negative, is -2}}
  %0 = graph.quantize_linear %x, %s, %none {axis = 0 : i64, block_size = -2 : i64, output_dtype = ui8} : (tensor<4xf32>, tensor<2xf32>, none) -> tensor<*xui8>
  return %0 : tensor<*xui8>
}

// -----

func.func @quantize_zero_point_shape(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %z: tensor<2xui8>) -> tensor<*xui8> {
  // expected-error @+1 {{zero point of type 'tensor<2xui8>' does not match the scale's type 'tensor<3xf32>'}}
  %0 = graph.quantize_linear %x, %s, %z {axis = 1 : i64, output_dtype = ui8} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xui8>) -> tensor<*xui8>
  return %0 : tensor<*xui8>
}

// -----

func.func @quantize_scalar_input(%x: tensor<f32>, %s: tensor<3xf32>) -> tensor<*xui8> {
  %none = graph.none
  // expected-error @+1 {{a per-axis or blocked scale needs an input of rank at least 1}}
  %0 = graph.quantize_linear %x, %s, %none {axis = 0 : i64, output_dtype = ui8} : (tensor<f32>, tensor<3xf32>, none) -> tensor<*xui8>
  return %0 : tensor<*xui8>
}

// -----

func.func @quantize_axis(%x: tensor<2x3xf32>, %s: tensor<3xf32>) -> tensor<*xui8> {
  %none = graph.none
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = graph.quantize_linear %x, %s, %none {axis = 2 : i64, output_dtype = ui8} : (tensor<2x3xf32>, tensor<3xf32>, none) -> tensor<*xui8>
  return %0 : tensor<*xui8>
}

// -----

func.func @quantize_per_axis_rank(%x: tensor<2x3xf32>, %s: tensor<2x3xf32>) -> tensor<*xui8> {
  %none = graph.none
  // expected-error @+1 {{per-axis scale must be 1-D, has rank 2 (blocked scales need a block_size)}}
  %0 = graph.quantize_linear %x, %s, %none {axis = 1 : i64, output_dtype = ui8} : (tensor<2x3xf32>, tensor<2x3xf32>, none) -> tensor<*xui8>
  return %0 : tensor<*xui8>
}

// -----

func.func @quantize_per_axis_size(%x: tensor<2x3xf32>, %s: tensor<4xf32>) -> tensor<*xui8> {
  %none = graph.none
  // expected-error @+1 {{scale has 4 elements but axis 1 of the input has 3}}
  %0 = graph.quantize_linear %x, %s, %none {axis = 1 : i64, output_dtype = ui8} : (tensor<2x3xf32>, tensor<4xf32>, none) -> tensor<*xui8>
  return %0 : tensor<*xui8>
}

// -----

func.func @quantize_blocked_rank(%x: tensor<2x4xf32>, %s: tensor<2xf32>) -> tensor<*xui8> {
  %none = graph.none
  // expected-error @+1 {{blocked scale must have the input's rank 2, has rank 1}}
  %0 = graph.quantize_linear %x, %s, %none {axis = 1 : i64, block_size = 2 : i64, output_dtype = ui8} : (tensor<2x4xf32>, tensor<2xf32>, none) -> tensor<*xui8>
  return %0 : tensor<*xui8>
}

// -----

func.func @quantize_blocked_size(%x: tensor<2x4xf32>, %s: tensor<2x3xf32>) -> tensor<*xui8> {
  %none = graph.none
  // expected-error @+1 {{blocked scale has 3 elements in dimension 1 where the input's 4 need 2}}
  %0 = graph.quantize_linear %x, %s, %none {axis = 1 : i64, block_size = 2 : i64, output_dtype = ui8} : (tensor<2x4xf32>, tensor<2x3xf32>, none) -> tensor<*xui8>
  return %0 : tensor<*xui8>
}

//===----------------------------------------------------------------------===//
// dequantize_linear
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @dequantize
func.func @dequantize(%x: tensor<4xui8>, %s: tensor<f16>, %z: tensor<1xui8>, %u: tensor<*xi8>, %sa: tensor<3xf32>) -> (tensor<4xf16>, tensor<*xf32>) {
  // CHECK: graph.dequantize_linear %{{.*}}, %{{.*}}, %{{.*}} {axis = 0 : i64, output_dtype = f16} : (tensor<4xui8>, tensor<f16>, tensor<1xui8>) -> tensor<4xf16>
  %0 = graph.dequantize_linear %x, %s, %z {axis = 0 : i64, output_dtype = f16} : (tensor<4xui8>, tensor<f16>, tensor<1xui8>) -> tensor<4xf16>
  %none = graph.none
  // CHECK: -> tensor<*xf32>
  %1 = graph.dequantize_linear %u, %sa, %none {axis = 1 : i64, output_dtype = f32} : (tensor<*xi8>, tensor<3xf32>, none) -> tensor<*xf32>
  return %0, %1 : tensor<4xf16>, tensor<*xf32>
}

// -----

func.func @dequantize_zero_point_type(%x: tensor<4xui8>, %s: tensor<f32>, %z: tensor<i8>) -> tensor<*xf32> {
  // expected-error @+1 {{zero point element type 'i8' differs from its operand's 'ui8'}}
  %0 = graph.dequantize_linear %x, %s, %z {axis = 0 : i64, output_dtype = f32} : (tensor<4xui8>, tensor<f32>, tensor<i8>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @dequantize_output_type(%x: tensor<4xui8>, %s: tensor<f32>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{output_dtype must be a float type, is 'i32'}}
  %0 = graph.dequantize_linear %x, %s, %none {axis = 0 : i64, output_dtype = i32} : (tensor<4xui8>, tensor<f32>, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @dequantize_per_axis_size(%x: tensor<2x3xi8>, %s: tensor<2xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{scale has 2 elements but axis 1 of the input has 3}}
  %0 = graph.dequantize_linear %x, %s, %none {axis = 1 : i64, output_dtype = f32} : (tensor<2x3xi8>, tensor<2xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

//===----------------------------------------------------------------------===//
// dynamic_quantize_linear
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @dynamic_quantize
func.func @dynamic_quantize(%x: tensor<3x4xf32>) -> (tensor<3x4xui8>, tensor<f32>, tensor<ui8>) {
  // CHECK: graph.dynamic_quantize_linear %{{.*}} : (tensor<3x4xf32>) -> (tensor<3x4xui8>, tensor<f32>, tensor<ui8>)
  %y, %s, %z = graph.dynamic_quantize_linear %x : (tensor<3x4xf32>) -> (tensor<3x4xui8>, tensor<f32>, tensor<ui8>)
  return %y, %s, %z : tensor<3x4xui8>, tensor<f32>, tensor<ui8>
}

// -----

func.func @dynamic_quantize_type(%x: tensor<3x4xf16>) -> tensor<*xui8> {
  // expected-error @+1 {{input must hold f32, holds 'f16'}}
  %y, %s, %z = graph.dynamic_quantize_linear %x : (tensor<3x4xf16>) -> (tensor<*xui8>, tensor<f32>, tensor<ui8>)
  return %y : tensor<*xui8>
}

//===----------------------------------------------------------------------===//
// matmul_integer, qlinear_matmul
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @matmul_integer
func.func @matmul_integer(%a: tensor<4x3xui8>, %b: tensor<2x3x2xi8>, %za: tensor<1xui8>) -> tensor<2x4x2xi32> {
  %none = graph.none
  // CHECK: graph.matmul_integer %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x3xui8>, tensor<2x3x2xi8>, tensor<1xui8>, none) -> tensor<2x4x2xi32>
  %0 = graph.matmul_integer %a, %b, %za, %none : (tensor<4x3xui8>, tensor<2x3x2xi8>, tensor<1xui8>, none) -> tensor<2x4x2xi32>
  return %0 : tensor<2x4x2xi32>
}

// -----

func.func @matmul_integer_type(%a: tensor<4x3xi32>, %b: tensor<3x2xi8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{operand a must hold 8-bit integers, holds 'i32'}}
  %0 = graph.matmul_integer %a, %b, %none, %none : (tensor<4x3xi32>, tensor<3x2xi8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @matmul_integer_zero_point(%a: tensor<4x3xui8>, %b: tensor<3x2xi8>, %zb: tensor<ui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{b_zero_point element type 'ui8' differs from its operand's 'i8'}}
  %0 = graph.matmul_integer %a, %b, %none, %zb : (tensor<4x3xui8>, tensor<3x2xi8>, none, tensor<ui8>) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @matmul_integer_contraction(%a: tensor<4x3xui8>, %b: tensor<2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{contraction dimensions differ (3 vs 2)}}
  %0 = graph.matmul_integer %a, %b, %none, %none : (tensor<4x3xui8>, tensor<2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

// CHECK-LABEL: func @qlinear_matmul
func.func @qlinear_matmul(%a: tensor<2x4xi8>, %as: tensor<1xf16>, %az: tensor<1xi8>, %b: tensor<4x3xui8>, %bs: tensor<1xf16>, %bz: tensor<1xui8>, %ys: tensor<1xf16>, %yz: tensor<1xui8>) -> tensor<2x3xui8> {
  // CHECK: graph.qlinear_matmul {{.*}} -> tensor<2x3xui8>
  %0 = graph.qlinear_matmul %a, %as, %az, %b, %bs, %bz, %ys, %yz : (tensor<2x4xi8>, tensor<1xf16>, tensor<1xi8>, tensor<4x3xui8>, tensor<1xf16>, tensor<1xui8>, tensor<1xf16>, tensor<1xui8>) -> tensor<2x3xui8>
  return %0 : tensor<2x3xui8>
}

// -----

func.func @qlinear_matmul_scale(%a: tensor<2x4xi8>, %as: tensor<1xi32>, %az: tensor<1xi8>, %b: tensor<4x3xi8>, %bs: tensor<1xf32>, %bz: tensor<1xi8>, %ys: tensor<1xf32>, %yz: tensor<1xi8>) -> tensor<*xi8> {
  // expected-error @+1 {{a_scale must be a float tensor}}
  %0 = graph.qlinear_matmul %a, %as, %az, %b, %bs, %bz, %ys, %yz : (tensor<2x4xi8>, tensor<1xi32>, tensor<1xi8>, tensor<4x3xi8>, tensor<1xf32>, tensor<1xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<*xi8>
  return %0 : tensor<*xi8>
}

// -----

func.func @qlinear_matmul_zero_point(%a: tensor<2x4xi8>, %as: tensor<1xf32>, %az: tensor<1xui8>, %b: tensor<4x3xi8>, %bs: tensor<1xf32>, %bz: tensor<1xi8>, %ys: tensor<1xf32>, %yz: tensor<1xi8>) -> tensor<*xi8> {
  // expected-error @+1 {{a_zero_point element type 'ui8' differs from its operand's 'i8'}}
  %0 = graph.qlinear_matmul %a, %as, %az, %b, %bs, %bz, %ys, %yz : (tensor<2x4xi8>, tensor<1xf32>, tensor<1xui8>, tensor<4x3xi8>, tensor<1xf32>, tensor<1xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<*xi8>
  return %0 : tensor<*xi8>
}

//===----------------------------------------------------------------------===//
// conv_integer, qlinear_conv
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @conv_integer
func.func @conv_integer(%x: tensor<1x4x3x3xui8>, %w: tensor<2x2x2x2xui8>, %xz: tensor<ui8>, %u: tensor<*xui8>) -> (tensor<1x2x4x4xi32>, tensor<?x2x?x?xi32>) {
  %none = graph.none
  // CHECK: graph.conv_integer {{.*}} {dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : {{.*}} -> tensor<1x2x4x4xi32>
  %0 = graph.conv_integer %x, %w, %xz, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 2 : i64} : (tensor<1x4x3x3xui8>, tensor<2x2x2x2xui8>, tensor<ui8>, none) -> tensor<1x2x4x4xi32>
  // CHECK: -> tensor<?x2x?x?xi32>
  %1 = graph.conv_integer %u, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<*xui8>, tensor<2x2x2x2xui8>, none, none) -> tensor<?x2x?x?xi32>
  return %0, %1 : tensor<1x2x4x4xi32>, tensor<?x2x?x?xi32>
}

// -----

// CHECK-LABEL: func @qlinear_conv
func.func @qlinear_conv(%x: tensor<1x1x7x7xui8>, %xs: tensor<f32>, %xz: tensor<ui8>, %w: tensor<3x1x3x3xi8>, %ws: tensor<3xf32>, %wz: tensor<3xi8>, %ys: tensor<f32>, %yz: tensor<i8>, %b: tensor<3xi32>) -> tensor<1x3x4x4xi8> {
  // CHECK: graph.qlinear_conv {{.*}} {auto_pad = "SAME_UPPER", dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : {{.*}} -> tensor<1x3x4x4xi8>
  %0 = graph.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz, %b {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, auto_pad = "SAME_UPPER"} : (tensor<1x1x7x7xui8>, tensor<f32>, tensor<ui8>, tensor<3x1x3x3xi8>, tensor<3xf32>, tensor<3xi8>, tensor<f32>, tensor<i8>, tensor<3xi32>) -> tensor<1x3x4x4xi8>
  return %0 : tensor<1x3x4x4xi8>
}

// -----

func.func @conv_attr_sizes(%x: tensor<1x1x3x3xui8>, %w: tensor<1x1x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{needs 2 strides and dilations and 4 pads for 2 spatial dimensions}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_group(%x: tensor<1x1x3x3xui8>, %w: tensor<1x1x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{group must be positive}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 0 : i64} : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_auto_pad(%x: tensor<1x1x3x3xui8>, %w: tensor<1x1x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{has unknown auto_pad 'SAME'}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, auto_pad = "SAME"} : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_kernel(%x: tensor<1x1x3x3xui8>, %w: tensor<1x1x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{kernel_shape must be positive}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 0, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_strides(%x: tensor<1x1x3x3xui8>, %w: tensor<1x1x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{strides and dilations must be positive}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 0, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_pads(%x: tensor<1x1x3x3xui8>, %w: tensor<1x1x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{pads must be non-negative}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: -1, 0, 0, 0>} : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_weight_rank(%x: tensor<1x1x3x3xui8>, %w: tensor<1x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{weight rank 3 does not match 2 spatial dimensions}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x3x3xui8>, tensor<1x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_input_rank(%x: tensor<1x3x3xui8>, %w: tensor<1x1x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{input rank 3 does not match 2 spatial dimensions}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x3x3xui8>, tensor<1x1x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_group_channels(%x: tensor<1x4x3x3xui8>, %w: tensor<3x2x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{weight has 3 output channels, not a multiple of group 2}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 2 : i64} : (tensor<1x4x3x3xui8>, tensor<3x2x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_kernel_weight(%x: tensor<1x1x3x3xui8>, %w: tensor<1x1x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{kernel_shape 3 differs from the weight's spatial dimension 0 (2)}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 3, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_channels(%x: tensor<1x3x3x3xui8>, %w: tensor<1x2x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{input has 3 channels but weight expects 2 x group 1}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x3x3x3xui8>, tensor<1x2x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_too_small(%x: tensor<1x1x3x3xui8>, %w: tensor<1x1x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{kernel is larger than the padded input in spatial dimension 0}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 3, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @conv_integer_type(%x: tensor<1x1x3x3xf32>, %w: tensor<1x1x2x2xui8>) -> tensor<*xi32> {
  %none = graph.none
  // expected-error @+1 {{operand x must hold 8-bit integers, holds 'f32'}}
  %0 = graph.conv_integer %x, %w, %none, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x3x3xf32>, tensor<1x1x2x2xui8>, none, none) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @qlinear_conv_bias_type(%x: tensor<1x1x7x7xui8>, %xs: tensor<f32>, %xz: tensor<ui8>, %w: tensor<3x1x3x3xi8>, %ws: tensor<3xf32>, %wz: tensor<3xi8>, %ys: tensor<f32>, %yz: tensor<i8>, %b: tensor<3xf32>) -> tensor<*xi8> {
  // expected-error @+1 {{bias must be an i32 tensor}}
  %0 = graph.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz, %b {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x7x7xui8>, tensor<f32>, tensor<ui8>, tensor<3x1x3x3xi8>, tensor<3xf32>, tensor<3xi8>, tensor<f32>, tensor<i8>, tensor<3xf32>) -> tensor<*xi8>
  return %0 : tensor<*xi8>
}

// -----

func.func @qlinear_conv_bias_shape(%x: tensor<1x1x7x7xui8>, %xs: tensor<f32>, %xz: tensor<ui8>, %w: tensor<3x1x3x3xi8>, %ws: tensor<3xf32>, %wz: tensor<3xi8>, %ys: tensor<f32>, %yz: tensor<i8>, %b: tensor<2xi32>) -> tensor<*xi8> {
  // expected-error @+1 {{bias must be 1-D with one element per output channel, is 'tensor<2xi32>'}}
  %0 = graph.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz, %b {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x7x7xui8>, tensor<f32>, tensor<ui8>, tensor<3x1x3x3xi8>, tensor<3xf32>, tensor<3xi8>, tensor<f32>, tensor<i8>, tensor<2xi32>) -> tensor<*xi8>
  return %0 : tensor<*xi8>
}

// -----

func.func @qlinear_conv_zero_point(%x: tensor<1x1x7x7xui8>, %xs: tensor<f32>, %xz: tensor<ui8>, %w: tensor<3x1x3x3xi8>, %ws: tensor<3xf32>, %wz: tensor<3xui8>, %ys: tensor<f32>, %yz: tensor<i8>) -> tensor<*xi8> {
  %none = graph.none
  // expected-error @+1 {{w_zero_point element type 'ui8' differs from its operand's 'i8'}}
  %0 = graph.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz, %none {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x7x7xui8>, tensor<f32>, tensor<ui8>, tensor<3x1x3x3xi8>, tensor<3xf32>, tensor<3xui8>, tensor<f32>, tensor<i8>, none) -> tensor<*xi8>
  return %0 : tensor<*xi8>
}
