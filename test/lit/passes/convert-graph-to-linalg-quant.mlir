// RUN: mlc-opt %s --split-input-file --verify-diagnostics --mlc-convert-graph-to-linalg | FileCheck %s

// Per tensor: x / scale rounded half to even, plus the (unsigned) zero
// point, saturated to [0, 255].
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func @quantize
// CHECK-SAME: (%[[X:.*]]: tensor<2x4xf32>, %[[S:.*]]: tensor<f32>, %[[Z:.*]]: tensor<i8>) -> tensor<2x4xi8>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[SCALAR]], #[[SCALAR]], #[[ID]]], {{.*}}} ins(%[[X]], %[[S]], %[[Z]] : tensor<2x4xf32>, tensor<f32>, tensor<i8>)
// CHECK: ^bb0(%[[XV:.*]]: f32, %[[SV:.*]]: f32, %[[ZV:.*]]: i8, %{{.*}}: i8):
// CHECK: %[[Q:.*]] = arith.divf %[[XV]], %[[SV]] : f32
// CHECK: %[[RND:.*]] = math.roundeven %[[Q]] : f32
// CHECK: %[[ZF:.*]] = arith.uitofp %[[ZV]] : i8 to f32
// CHECK: %[[SUM:.*]] = arith.addf %[[RND]], %[[ZF]]
// CHECK: %[[LO:.*]] = arith.maxnumf %[[SUM]], %{{.*}}
// CHECK: %[[HI:.*]] = arith.minnumf %[[LO]], %{{.*}}
// CHECK: %[[I:.*]] = arith.fptosi %[[HI]] : f32 to i32
// CHECK: %[[T:.*]] = arith.trunci %[[I]] : i32 to i8
// CHECK: linalg.yield %[[T]]
// CHECK: return %[[R]]
func.func @quantize(%x: tensor<2x4xf32>, %s: tensor<f32>, %z: tensor<ui8>) -> tensor<2x4xui8> {
  %0 = graph.quantize_linear %x, %s, %z {axis = 0 : i64, output_dtype = ui8} : (tensor<2x4xf32>, tensor<f32>, tensor<ui8>) -> tensor<2x4xui8>
  return %0 : tensor<2x4xui8>
}

// -----

// Blocked: the scale and zero point are read at axis index / block size.
// CHECK-DAG: #[[BLOCK:.*]] = affine_map<(d0, d1) -> (d0, d1 floordiv 2)>
// CHECK-LABEL: func @quantize_blocked
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[BLOCK]], #[[BLOCK]], #{{.*}}]
// CHECK: arith.sitofp %{{.*}} : i8 to f32
// CHECK: arith.constant -1.280000e+02
// CHECK: arith.constant 1.270000e+02
func.func @quantize_blocked(%x: tensor<2x6xf32>, %s: tensor<2x3xf32>, %z: tensor<2x3xi8>) -> tensor<2x6xi8> {
  %0 = graph.quantize_linear %x, %s, %z {axis = 1 : i64, block_size = 2 : i64, output_dtype = i8} : (tensor<2x6xf32>, tensor<2x3xf32>, tensor<2x3xi8>) -> tensor<2x6xi8>
  return %0 : tensor<2x6xi8>
}

// -----

func.func @quantize_float8(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf8E4M3FN> {
  %none = graph.none
  // expected-error @+2 {{the CPU backend does not quantize to 'f8E4M3FN' (only integer types)}}
  // expected-error @+1 {{failed to legalize operation 'graph.quantize_linear'}}
  %0 = graph.quantize_linear %x, %s, %none {axis = 0 : i64, output_dtype = f8E4M3FN} : (tensor<4xf32>, tensor<f32>, none) -> tensor<4xf8E4M3FN>
  return %0 : tensor<4xf8E4M3FN>
}

// -----

// Per axis: (f32(x) - zero point) * scale, both read along the axis.
// CHECK-DAG: #[[AXIS:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @dequantize_axis
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[AXIS]], #[[AXIS]], #{{.*}}]
// CHECK: ^bb0(%[[XV:.*]]: i8, %[[SV:.*]]: f32, %[[ZV:.*]]: i8, %{{.*}}: f32):
// CHECK: %[[XF:.*]] = arith.sitofp %[[XV]] : i8 to f32
// CHECK: %[[ZF:.*]] = arith.sitofp %[[ZV]] : i8 to f32
// CHECK: %[[D:.*]] = arith.subf %[[XF]], %[[ZF]]
// CHECK: %[[Y:.*]] = arith.mulf %[[D]], %[[SV]]
// CHECK: linalg.yield %[[Y]]
func.func @dequantize_axis(%x: tensor<2x3xi8>, %s: tensor<3xf32>, %z: tensor<3xi8>) -> tensor<2x3xf32> {
  %0 = graph.dequantize_linear %x, %s, %z {axis = 1 : i64, output_dtype = f32} : (tensor<2x3xi8>, tensor<3xf32>, tensor<3xi8>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @dequantize_float8(%x: tensor<4xf8E4M3FN>, %s: tensor<f32>) -> tensor<4xf32> {
  %none = graph.none
  // expected-error @+2 {{the CPU backend does not dequantize 'f8E4M3FN' (only integer types)}}
  // expected-error @+1 {{failed to legalize operation 'graph.dequantize_linear'}}
  %0 = graph.dequantize_linear %x, %s, %none {axis = 0 : i64, output_dtype = f32} : (tensor<4xf8E4M3FN>, tensor<f32>, none) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// The range (extended to 0) in one reduction, the scale and zero point in
// scalar arith, then an elementwise quantization.
// CHECK-LABEL: func @dynamic_quantize
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[RANGE:.*]]:2 = linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]} ins(%[[X]] : tensor<2x3xf32>)
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: %[[MAX:.*]] = tensor.extract %[[RANGE]]#0[]
// CHECK: %[[MIN:.*]] = tensor.extract %[[RANGE]]#1[]
// CHECK: %[[SPAN:.*]] = arith.select
// CHECK: %[[SCALE:.*]] = arith.divf %[[SPAN]]
// CHECK: %[[ZP:.*]] = math.roundeven
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<2x3xf32>)
// CHECK: arith.divf %{{.*}}, %[[SCALE]]
// CHECK: } -> tensor<2x3xi8>
// CHECK: %[[ZPI:.*]] = arith.trunci %{{.*}} : i32 to i8
// CHECK: %[[ST:.*]] = tensor.from_elements %[[SCALE]] : tensor<f32>
// CHECK: %[[ZT:.*]] = tensor.from_elements %[[ZPI]] : tensor<i8>
// CHECK: return %[[Y]], %[[ST]], %[[ZT]]
func.func @dynamic_quantize(%x: tensor<2x3xf32>) -> (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) {
  %0:3 = graph.dynamic_quantize_linear %x : (tensor<2x3xf32>) -> (tensor<2x3xui8>, tensor<f32>, tensor<ui8>)
  return %0#0, %0#1, %0#2 : tensor<2x3xui8>, tensor<f32>, tensor<ui8>
}

// -----

// Zero points per row of a and per column of b, subtracted in i32; an i32
// linalg.matmul.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @matmul_integer
// CHECK-SAME: (%[[A:.*]]: tensor<2x4xi8>, %[[B:.*]]: tensor<4x3xi8>, %[[ZA:.*]]: tensor<2xi8>, %[[ZB:.*]]: tensor<3xi8>)
// CHECK: %[[AI:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], {{.*}}} ins(%[[A]], %[[ZA]] : tensor<2x4xi8>, tensor<2xi8>) outs(%{{.*}} : tensor<2x4xi32>)
// CHECK: arith.extui
// CHECK: arith.subi
// CHECK: %[[BI:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[ID]]], {{.*}}} ins(%[[B]], %[[ZB]] : tensor<4x3xi8>, tensor<3xi8>) outs(%{{.*}} : tensor<4x3xi32>)
// CHECK: %[[R:.*]] = linalg.matmul ins(%[[AI]], %[[BI]] : tensor<2x4xi32>, tensor<4x3xi32>)
// CHECK: return %[[R]]
func.func @matmul_integer(%a: tensor<2x4xui8>, %b: tensor<4x3xui8>, %za: tensor<2xui8>, %zb: tensor<3xui8>) -> tensor<2x3xi32> {
  %0 = graph.matmul_integer %a, %b, %za, %zb : (tensor<2x4xui8>, tensor<4x3xui8>, tensor<2xui8>, tensor<3xui8>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// The i32 product requantized in f64 with a_scale * b_scale / y_scale.
// CHECK-LABEL: func @qlinear_matmul
// CHECK: %[[C:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<2x4xi32>, tensor<4x3xi32>)
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%[[C]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x3xi32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<i8>)
// CHECK: ^bb0(%[[CV:.*]]: i32, %[[AS:.*]]: f32, %[[BS:.*]]: f32, %[[YS:.*]]: f32, %[[YZ:.*]]: i8, %{{.*}}: i8):
// CHECK: %[[AB:.*]] = arith.mulf %[[AS]], %[[BS]] : f32
// CHECK: %[[F:.*]] = arith.divf %[[AB]], %[[YS]] : f32
// CHECK: %[[CF:.*]] = arith.sitofp %[[CV]] : i32 to f64
// CHECK: %[[F64:.*]] = arith.extf %[[F]] : f32 to f64
// CHECK: %[[V:.*]] = arith.mulf %[[CF]], %[[F64]] : f64
// CHECK: math.roundeven %[[V]] : f64
// CHECK: arith.sitofp %[[YZ]] : i8 to f64
// CHECK: return %[[R]]
func.func @qlinear_matmul(%a: tensor<2x4xi8>, %as: tensor<f32>, %az: tensor<i8>, %b: tensor<4x3xi8>, %bs: tensor<f32>, %bz: tensor<i8>, %ys: tensor<f32>, %yz: tensor<i8>) -> tensor<2x3xi8> {
  %0 = graph.qlinear_matmul %a, %as, %az, %b, %bs, %bz, %ys, %yz : (tensor<2x4xi8>, tensor<f32>, tensor<i8>, tensor<4x3xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

// x - x_zero_point, zero-padded, in one generic reading x at clamped
// indices; then an i32 linalg.conv_2d_nchw_fchw.
// CHECK-LABEL: func @conv_integer
// CHECK-SAME: (%[[X:.*]]: tensor<1x1x3x3xi8>, %[[W:.*]]: tensor<1x1x2x2xi8>, %[[XZ:.*]]: tensor<i8>)
// CHECK: %[[Z:.*]] = tensor.extract %[[XZ]][]
// CHECK: %[[Z32:.*]] = arith.extui %[[Z]] : i8 to i32
// CHECK: %[[PADDED:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x5x5xi32>)
// CHECK: %[[IN:.*]] = arith.andi
// CHECK: %[[V:.*]] = tensor.extract %[[X]]
// CHECK: %[[V32:.*]] = arith.extui %[[V]] : i8 to i32
// CHECK: %[[D:.*]] = arith.subi %[[V32]], %[[Z32]]
// CHECK: arith.select %{{.*}}, %[[D]], %{{.*}} : i32
// CHECK: %[[WI:.*]] = linalg.generic {{.*}} ins(%[[W]] : tensor<1x1x2x2xi8>)
// CHECK: %[[R:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[PADDED]], %[[WI]] : tensor<1x1x5x5xi32>, tensor<1x1x2x2xi32>)
// CHECK: return %[[R]]
func.func @conv_integer(%x: tensor<1x1x3x3xui8>, %w: tensor<1x1x2x2xui8>, %xz: tensor<ui8>) -> tensor<1x1x4x4xi32> {
  %none = graph.none
  %0 = graph.conv_integer %x, %w, %xz, %none {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, tensor<ui8>, none) -> tensor<1x1x4x4xi32>
  return %0 : tensor<1x1x4x4xi32>
}

// -----

// A grouped 1-D convolution: one generic over (n, g, m, o, c, k) on x and w
// split by group; the per-channel w_scale and bias are read at the output
// channel.
// CHECK-DAG: #[[MX:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d3 + d5)>
// CHECK-DAG: #[[MW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d1, d2, d4, d5)>
// CHECK-DAG: #[[MO:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func @qlinear_conv
// CHECK: %[[XG:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3]] output_shape [1, 2, 2, 5]
// CHECK: %[[WG:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3]] output_shape [2, 3, 2, 3]
// CHECK: %[[CONV:.*]] = linalg.generic {indexing_maps = [#[[MX]], #[[MW]], #[[MO]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[XG]], %[[WG]]
// CHECK: %[[ACC:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1, 2], [3]] : tensor<1x2x3x3xi32> into tensor<1x6x3xi32>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #[[CH]], #{{.*}}, #{{.*}}, #[[CH]], #{{.*}}], {{.*}}} ins(%[[ACC]], {{.*}} : tensor<1x6x3xi32>, tensor<f32>, tensor<6xf32>, tensor<f32>, tensor<i8>, tensor<6xi32>)
// CHECK: ^bb0(%[[A:.*]]: i32, %{{.*}}: f32, %{{.*}}: f32, %{{.*}}: f32, %{{.*}}: i8, %[[BIAS:.*]]: i32, %{{.*}}: i8):
// CHECK: arith.addi %[[A]], %[[BIAS]] : i32
// CHECK: arith.uitofp %{{.*}} : i8 to f64
// CHECK: arith.constant 2.550000e+02 : f64
func.func @qlinear_conv(%x: tensor<1x4x5xui8>, %xs: tensor<f32>, %xz: tensor<ui8>, %w: tensor<6x2x3xui8>, %ws: tensor<6xf32>, %wz: tensor<6xui8>, %ys: tensor<f32>, %yz: tensor<ui8>, %bias: tensor<6xi32>) -> tensor<1x6x3xui8> {
  %0 = graph.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz, %bias {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, group = 2 : i64} : (tensor<1x4x5xui8>, tensor<f32>, tensor<ui8>, tensor<6x2x3xui8>, tensor<6xf32>, tensor<6xui8>, tensor<f32>, tensor<ui8>, tensor<6xi32>) -> tensor<1x6x3xui8>
  return %0 : tensor<1x6x3xui8>
}

// -----

// Scales and zero points the lowering does not support.
func.func @qlinear_matmul_bad_scale(%a: tensor<2x4xi8>, %as: tensor<2x2xf32>, %az: tensor<i8>, %b: tensor<4x3xi8>, %bs: tensor<f32>, %bz: tensor<i8>, %ys: tensor<f32>, %yz: tensor<i8>) -> tensor<2x3xi8> {
  // expected-error @+2 {{a_scale 'tensor<2x2xf32>' is neither a scalar nor 1-D per row}}
  // expected-error @+1 {{failed to legalize operation 'graph.qlinear_matmul'}}
  %0 = graph.qlinear_matmul %a, %as, %az, %b, %bs, %bz, %ys, %yz : (tensor<2x4xi8>, tensor<2x2xf32>, tensor<i8>, tensor<4x3xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

func.func @qlinear_matmul_bad_yscale(%a: tensor<2x4xi8>, %as: tensor<f32>, %az: tensor<i8>, %b: tensor<4x3xi8>, %bs: tensor<f32>, %bz: tensor<i8>, %ys: tensor<3xf32>, %yz: tensor<i8>) -> tensor<2x3xi8> {
  // expected-error @+2 {{y_scale and y_zero_point must be scalars}}
  // expected-error @+1 {{failed to legalize operation 'graph.qlinear_matmul'}}
  %0 = graph.qlinear_matmul %a, %as, %az, %b, %bs, %bz, %ys, %yz : (tensor<2x4xi8>, tensor<f32>, tensor<i8>, tensor<4x3xi8>, tensor<f32>, tensor<i8>, tensor<3xf32>, tensor<i8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

func.func @matmul_integer_bad_zp(%a: tensor<2x4xui8>, %b: tensor<4x3xui8>, %za: tensor<5xui8>) -> tensor<2x3xi32> {
  %none = graph.none
  // expected-error @+2 {{zero point of shape [5] does not fit operand of shape [2, 4]}}
  // expected-error @+1 {{failed to legalize operation 'graph.matmul_integer'}}
  %0 = graph.matmul_integer %a, %b, %za, %none : (tensor<2x4xui8>, tensor<4x3xui8>, tensor<5xui8>, none) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

func.func @conv_integer_bad_zp(%x: tensor<1x1x3x3xui8>, %w: tensor<2x1x2x2xui8>, %xz: tensor<2xui8>, %wz: tensor<3xui8>) -> tensor<1x2x2x2xi32> {
  // expected-error @+2 {{x_zero_point must be a scalar}}
  // expected-error @+1 {{failed to legalize operation 'graph.conv_integer'}}
  %0 = graph.conv_integer %x, %w, %xz, %wz {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x3x3xui8>, tensor<2x1x2x2xui8>, tensor<2xui8>, tensor<3xui8>) -> tensor<1x2x2x2xi32>
  return %0 : tensor<1x2x2x2xi32>
}

// -----

func.func @conv_integer_bad_wzp(%x: tensor<1x1x3x3xui8>, %w: tensor<2x1x2x2xui8>, %wz: tensor<3xui8>) -> tensor<1x2x2x2xi32> {
  %none = graph.none
  // expected-error @+2 {{w_zero_point must be a scalar or one per output channel}}
  // expected-error @+1 {{failed to legalize operation 'graph.conv_integer'}}
  %0 = graph.conv_integer %x, %w, %none, %wz {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x3x3xui8>, tensor<2x1x2x2xui8>, none, tensor<3xui8>) -> tensor<1x2x2x2xi32>
  return %0 : tensor<1x2x2x2xi32>
}

// -----

func.func @qlinear_conv_bad(%x: tensor<1x4x5xui8>, %xs: tensor<2xf32>, %xz: tensor<ui8>, %w: tensor<6x2x3xui8>, %ws: tensor<5xf32>, %wz: tensor<6xui8>, %ys: tensor<f32>, %yz: tensor<ui8>) -> tensor<1x6x3xui8> {
  %none = graph.none
  // expected-error @+2 {{x_scale, y_scale and y_zero_point must be scalars}}
  // expected-error @+1 {{failed to legalize operation 'graph.qlinear_conv'}}
  %0 = graph.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, group = 2 : i64} : (tensor<1x4x5xui8>, tensor<2xf32>, tensor<ui8>, tensor<6x2x3xui8>, tensor<5xf32>, tensor<6xui8>, tensor<f32>, tensor<ui8>, none) -> tensor<1x6x3xui8>
  return %0 : tensor<1x6x3xui8>
}

// -----

func.func @qlinear_conv_bad_ws(%x: tensor<1x4x5xui8>, %xs: tensor<f32>, %xz: tensor<ui8>, %w: tensor<6x2x3xui8>, %ws: tensor<5xf32>, %wz: tensor<6xui8>, %ys: tensor<f32>, %yz: tensor<ui8>) -> tensor<1x6x3xui8> {
  %none = graph.none
  // expected-error @+2 {{w_scale must be a scalar or one per output channel}}
  // expected-error @+1 {{failed to legalize operation 'graph.qlinear_conv'}}
  %0 = graph.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz, %none {kernel_shape = array<i64: 3>, strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, group = 2 : i64} : (tensor<1x4x5xui8>, tensor<f32>, tensor<ui8>, tensor<6x2x3xui8>, tensor<5xf32>, tensor<6xui8>, tensor<f32>, tensor<ui8>, none) -> tensor<1x6x3xui8>
  return %0 : tensor<1x6x3xui8>
}
