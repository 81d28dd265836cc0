// RUN: mlc-opt %s --split-input-file --mlc-convert-graph-to-linalg --verify-diagnostics | FileCheck %s
//
// The lowering of the tensor (data movement) graph ops: one case per op.

// CHECK-LABEL: func @constant
// CHECK: arith.constant dense<[1, -56]> : tensor<2xi8>
func.func @constant() -> tensor<2xui8> {
  %0 = graph.constant dense<[1, 200]> : tensor<2xui8>
  return %0 : tensor<2xui8>
}

// -----

// CHECK-LABEL: func @reshape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK: return %[[R]]
func.func @reshape(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %none = graph.none
  %0 = graph.reshape %x, %none {static_shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>, none) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// CHECK-LABEL: func @reshape_not_collapse
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[S:.*]] = arith.constant dense<[3, 2]> : tensor<2xi64>
// CHECK: tensor.reshape %[[X]](%[[S]]) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>
func.func @reshape_not_collapse(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %none = graph.none
  %0 = graph.reshape %x, %none {static_shape = array<i64: 3, 2>} : (tensor<2x3xf32>, none) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// CHECK-LABEL: func @flatten
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : tensor<2x3x4xf32> into tensor<2x12xf32>
func.func @flatten(%x: tensor<2x3x4xf32>) -> tensor<2x12xf32> {
  %0 = graph.flatten %x {axis = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  return %0 : tensor<2x12xf32>
}

// -----

// CHECK-LABEL: func @squeeze
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2]] : tensor<1x3x1xf32> into tensor<3xf32>
func.func @squeeze(%x: tensor<1x3x1xf32>) -> tensor<3xf32> {
  %none = graph.none
  %0 = graph.squeeze %x, %none {static_axes = array<i64: 0, 2>} : (tensor<1x3x1xf32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @unsqueeze
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1, 2]] output_shape [1, 3, 1] : tensor<3xf32> into tensor<1x3x1xf32>
func.func @unsqueeze(%x: tensor<3xf32>) -> tensor<1x3x1xf32> {
  %none = graph.none
  %0 = graph.unsqueeze %x, %none {static_axes = array<i64: 0, 2>} : (tensor<3xf32>, none) -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// CHECK-LABEL: func @shape
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>)
// CHECK: %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf32>
// CHECK: %[[I0:.*]] = arith.index_cast %[[D0]] : index to i64
// CHECK: %[[D1:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf32>
// CHECK: %[[I1:.*]] = arith.index_cast %[[D1]] : index to i64
// CHECK: tensor.from_elements %[[I0]], %[[I1]] : tensor<2xi64>
func.func @shape(%x: tensor<?x3xf32>) -> tensor<2xi64> {
  %0 = graph.shape %x : (tensor<?x3xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// CHECK-LABEL: func @size
// CHECK: arith.constant dense<6> : tensor<i64>
func.func @size(%x: tensor<2x3xf32>) -> tensor<i64> {
  %0 = graph.size %x : (tensor<2x3xf32>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

// CHECK-LABEL: func @constant_of_shape
// CHECK: arith.constant dense<7> : tensor<2x3xi8>
func.func @constant_of_shape() -> tensor<2x3xui8> {
  %none = graph.none
  %0 = graph.constant_of_shape %none {static_shape = array<i64: 2, 3>, value = dense<7> : tensor<1xui8>} : (none) -> tensor<2x3xui8>
  return %0 : tensor<2x3xui8>
}

// -----

// CHECK-LABEL: func @range
// CHECK-SAME: (%[[S:.*]]: tensor<f32>, %{{.*}}: tensor<f32>, %[[D:.*]]: tensor<f32>)
// CHECK-DAG: %[[START:.*]] = tensor.extract %[[S]][] : tensor<f32>
// CHECK-DAG: %[[DELTA:.*]] = tensor.extract %[[D]][] : tensor<f32>
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<4xf32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[F:.*]] = arith.sitofp %[[I64]] : i64 to f32
// CHECK: %[[STEP:.*]] = arith.mulf %[[F]], %[[DELTA]] : f32
// CHECK: %[[V:.*]] = arith.addf %[[START]], %[[STEP]] : f32
// CHECK: linalg.yield %[[V]]
func.func @range(%s: tensor<f32>, %l: tensor<f32>, %d: tensor<f32>) -> tensor<4xf32> {
  %0 = graph.range %s, %l, %d : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @concat_leading_ones
// CHECK-SAME: (%[[A:.*]]: tensor<1x2xf32>, %[[B:.*]]: tensor<1x3xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x5xf32>
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [1, 2] [1, 1]
// CHECK: %[[I1:.*]] = tensor.insert_slice %[[B]] into %[[I0]][0, 2] [1, 3] [1, 1]
// CHECK: return %[[I1]]
func.func @concat_leading_ones(%a: tensor<1x2xf32>, %b: tensor<1x3xf32>) -> tensor<1x5xf32> {
  %0 = graph.concat %a, %b {axis = 1 : i64} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x5xf32>
  return %0 : tensor<1x5xf32>
}

// -----

// CHECK-LABEL: func @concat
// CHECK-SAME: (%[[A:.*]]: tensor<2x2xf32>, %[[B:.*]]: tensor<2x3xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x5xf32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[VA:.*]] = tensor.extract %[[A]][%[[I]], %{{.*}}] : tensor<2x2xf32>
// CHECK: %[[VB:.*]] = tensor.extract %[[B]][%[[I]], %{{.*}}] : tensor<2x3xf32>
// CHECK: %[[LT:.*]] = arith.cmpi slt, %[[J]], %{{.*}} : index
// CHECK: %[[V:.*]] = arith.select %[[LT]], %[[VA]], %[[VB]] : f32
// CHECK: linalg.yield %[[V]]
func.func @concat(%a: tensor<2x2xf32>, %b: tensor<2x3xf32>) -> tensor<2x5xf32> {
  %0 = graph.concat %a, %b {axis = 1 : i64} : (tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// CHECK-LABEL: func @split
// CHECK-SAME: (%[[X:.*]]: tensor<2x5xf32>)
// CHECK: %[[P0:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2xf32>)
// CHECK: tensor.extract %[[X]]
// CHECK: %[[P1:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[K:.*]] = arith.addi %[[J]], %[[C2]] : index
// CHECK: tensor.extract %[[X]][%{{.*}}, %[[K]]] : tensor<2x5xf32>
// CHECK: return %[[P0]], %[[P1]]
func.func @split(%x: tensor<2x5xf32>) -> (tensor<2x2xf32>, tensor<2x3xf32>) {
  %none = graph.none
  %0:2 = graph.split %x, %none {axis = 1 : i64, static_split = array<i64: 2, 3>} : (tensor<2x5xf32>, none) -> (tensor<2x2xf32>, tensor<2x3xf32>)
  return %0#0, %0#1 : tensor<2x2xf32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @slice
// CHECK-SAME: (%[[X:.*]]: tensor<4x10xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[R:.*]] = arith.addi %[[I]], %{{.*}} : index
// CHECK: %[[M:.*]] = arith.constant -3 : index
// CHECK: %[[JS:.*]] = arith.muli %[[J]], %[[M]] : index
// CHECK: %[[C9:.*]] = arith.constant 9 : index
// CHECK: %[[C:.*]] = arith.addi %[[JS]], %[[C9]] : index
// CHECK: tensor.extract %[[X]][%[[R]], %[[C]]] : tensor<4x10xf32>
func.func @slice(%x: tensor<4x10xf32>) -> tensor<2x3xf32> {
  %none = graph.none
  %0 = graph.slice %x, %none, %none, %none, %none {static_starts = array<i64: 1, -1>, static_ends = array<i64: 3, 2>, static_axes = array<i64: 0, 1>, static_steps = array<i64: 1, -3>} : (tensor<4x10xf32>, none, none, none, none) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-DAG: #[[IDX:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func @gather
// CHECK-SAME: (%[[X:.*]]: tensor<5x4xf32>, %[[I:.*]]: tensor<2x3xi64>)
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #{{.*}}], {{.*}} ins(%[[I]] : tensor<2x3xi64>)
// CHECK: ^bb0(%[[IN:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[K:.*]] = linalg.index 2 : index
// CHECK: %[[C:.*]] = arith.index_cast %[[IN]] : i64 to index
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[C]]
// CHECK: %[[MIN:.*]] = arith.minsi
// CHECK: tensor.extract %[[X]][%[[MIN]], %[[K]]] : tensor<5x4xf32>
func.func @gather(%x: tensor<5x4xf32>, %i: tensor<2x3xi64>) -> tensor<2x3x4xf32> {
  %0 = graph.gather %x, %i {axis = 0 : i64} : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func @gather_elements
// CHECK-SAME: (%[[X:.*]]: tensor<3x3xf32>, %[[I:.*]]: tensor<2x3xi32>)
// CHECK: linalg.generic {{.*}} ins(%[[I]] : tensor<2x3xi32>)
// CHECK: ^bb0(%[[IN:.*]]: i32, %{{.*}}: f32):
// CHECK: %[[R:.*]] = linalg.index 0 : index
// CHECK: arith.index_cast %[[IN]] : i32 to index
// CHECK: %[[MIN:.*]] = arith.minsi
// CHECK: tensor.extract %[[X]][%[[R]], %[[MIN]]] : tensor<3x3xf32>
func.func @gather_elements(%x: tensor<3x3xf32>, %i: tensor<2x3xi32>) -> tensor<2x3xf32> {
  %0 = graph.gather_elements %x, %i {axis = 1 : i64} : (tensor<3x3xf32>, tensor<2x3xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @scatter_nd
// CHECK-SAME: (%[[X:.*]]: tensor<4x4x4xf32>, %[[I:.*]]: tensor<2x1xi64>, %[[U:.*]]: tensor<2x4x4xf32>)
// CHECK: %[[X2:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0], [1, 2]] : tensor<4x4x4xf32> into tensor<4x16xf32>
// CHECK: %[[U2:.*]] = tensor.collapse_shape %[[U]] {{\[}}[0], [1, 2]] : tensor<2x4x4xf32> into tensor<2x16xf32>
// CHECK: %[[R:.*]] = scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[X2]]) -> (tensor<4x16xf32>)
// CHECK: tensor.extract %[[I]][%[[J]], %{{.*}}] : tensor<2x1xi64>
// CHECK: %[[IN:.*]] = scf.for %[[E:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC2:.*]] = %[[ACC]]) -> (tensor<4x16xf32>)
// CHECK: %[[UV:.*]] = tensor.extract %[[U2]][%[[J]], %[[E]]] : tensor<2x16xf32>
// CHECK: %[[CUR:.*]] = tensor.extract %[[ACC2]][%[[ROW:.*]], %[[E]]] : tensor<4x16xf32>
// CHECK: %[[MAX:.*]] = arith.maximumf %[[CUR]], %[[UV]] : f32
// CHECK: %[[INS:.*]] = tensor.insert %[[MAX]] into %[[ACC2]][%[[ROW]], %[[E]]] : tensor<4x16xf32>
// CHECK: scf.yield %[[INS]]
// CHECK: scf.yield %[[IN]]
// CHECK: %[[OUT:.*]] = tensor.expand_shape %[[R]] {{\[}}[0], [1, 2]] output_shape [4, 4, 4] : tensor<4x16xf32> into tensor<4x4x4xf32>
// CHECK: return %[[OUT]]
func.func @scatter_nd(%x: tensor<4x4x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x4x4xf32>) -> tensor<4x4x4xf32> {
  %0 = graph.scatter_nd %x, %i, %u {reduction = "max"} : (tensor<4x4x4xf32>, tensor<2x1xi64>, tensor<2x4x4xf32>) -> tensor<4x4x4xf32>
  return %0 : tensor<4x4x4xf32>
}

// -----

// CHECK-LABEL: func @transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x2x3xf32>
// CHECK: linalg.transpose ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[E]] : tensor<4x2x3xf32>) permutation = [2, 0, 1]
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = graph.transpose %x {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func @expand
// CHECK-SAME: (%[[X:.*]]: tensor<3x1xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #{{.*}}], {{.*}} ins(%[[X]] : tensor<3x1xf32>) outs(%{{.*}} : tensor<2x3x4xf32>)
func.func @expand(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %none = graph.none
  %0 = graph.expand %x, %none {static_shape = array<i64: 2, 1, 4>} : (tensor<3x1xf32>, none) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-LABEL: func @tile
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[W:.*]] = linalg.generic {indexing_maps = [#[[IN]], #{{.*}}], {{.*}} ins(%[[X]] : tensor<2x3xf32>) outs(%{{.*}} : tensor<2x2x1x3xf32>)
// CHECK: tensor.collapse_shape %[[W]] {{\[}}[0, 1], [2, 3]] : tensor<2x2x1x3xf32> into tensor<4x3xf32>
func.func @tile(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %none = graph.none
  %0 = graph.tile %x, %none {static_repeats = array<i64: 2, 1>} : (tensor<2x3xf32>, none) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// CHECK-LABEL: func @pad_constant
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[V:.*]]: tensor<f32>)
// CHECK: %[[PV:.*]] = tensor.extract %[[V]][] : tensor<f32>
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<3x4xf32>)
// CHECK: %[[IN0:.*]] = arith.andi
// CHECK: %[[IN1:.*]] = arith.andi
// CHECK: %[[IN:.*]] = arith.andi %[[IN0]], %[[IN1]] : i1
// CHECK: %[[E:.*]] = tensor.extract %[[X]]
// CHECK: %[[R:.*]] = arith.select %[[IN]], %[[E]], %[[PV]] : f32
// CHECK: linalg.yield %[[R]]
func.func @pad_constant(%x: tensor<2x3xf32>, %v: tensor<f32>) -> tensor<3x4xf32> {
  %none = graph.none
  %0 = graph.pad %x, %none, %v, %none {static_pads = array<i64: 1, -1, 0, 2>} : (tensor<2x3xf32>, none, tensor<f32>, none) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// CHECK-LABEL: func @pad_reflect
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x7xf32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[REM:.*]] = arith.remsi %{{.*}}, %[[P:.*]] : index
// CHECK: %[[POS:.*]] = arith.select
// CHECK: %[[INSIDE:.*]] = arith.cmpi slt, %[[POS]]
// CHECK: %[[BACK:.*]] = arith.subi %[[P]], %[[POS]] : index
// CHECK: %[[J:.*]] = arith.select %[[INSIDE]], %[[POS]], %[[BACK]] : index
// CHECK: tensor.extract %[[X]][%[[I]], %[[J]]] : tensor<2x3xf32>
func.func @pad_reflect(%x: tensor<2x3xf32>) -> tensor<2x7xf32> {
  %none = graph.none
  %0 = graph.pad %x, %none, %none, %none {mode = "reflect", static_pads = array<i64: 0, 2, 0, 2>} : (tensor<2x3xf32>, none, none, none) -> tensor<2x7xf32>
  return %0 : tensor<2x7xf32>
}

// -----

// CHECK-DAG: #[[H:.*]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func @resize_nearest
// CHECK-SAME: (%[[X:.*]]: tensor<1x1x2x2xf32>)
// CHECK-DAG: %[[TH:.*]] = arith.constant dense<[0, 0, 1, 1]> : tensor<4xi64>
// CHECK-DAG: %[[TW:.*]] = arith.constant dense<[0, 0, 0, 1, 1, 1]> : tensor<6xi64>
// CHECK: linalg.generic {indexing_maps = [#[[H]], #[[W]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[TH]], %[[TW]] : tensor<4xi64>, tensor<6xi64>)
// CHECK: ^bb0(%[[IH:.*]]: i64, %[[IW:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[N:.*]] = linalg.index 0 : index
// CHECK: %[[C:.*]] = linalg.index 1 : index
// CHECK: %[[H2:.*]] = arith.index_cast %[[IH]] : i64 to index
// CHECK: %[[W2:.*]] = arith.index_cast %[[IW]] : i64 to index
// CHECK: %[[V:.*]] = tensor.extract %[[X]][%[[N]], %[[C]], %[[H2]], %[[W2]]] : tensor<1x1x2x2xf32>
// CHECK: linalg.yield %[[V]]
func.func @resize_nearest(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x6xf32> {
  %none = graph.none
  %0 = graph.resize %x, %none, %none, %none {axes = array<i64: 0, 1, 2, 3>, static_scales = array<f32: 1.0, 1.0, 2.0, 3.0>} : (tensor<1x1x2x2xf32>, none, none, none) -> tensor<1x1x4x6xf32>
  return %0 : tensor<1x1x4x6xf32>
}

// -----

// CHECK-DAG: #[[H:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d2, d4)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d5)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func @resize_linear
// CHECK-SAME: (%[[X:.*]]: tensor<1x1x2x2xf32>)
// CHECK-DAG: %[[IDX:.*]] = arith.constant dense<{{\[}}[0, 0], [0, 1], [0, 1], [1, 1]]> : tensor<4x2xi64>
// CHECK-DAG: %[[WT:.*]] = arith.constant dense<{{\[}}[2.500000e-01, 7.500000e-01], [7.500000e-01, 2.500000e-01], {{.*}}]> : tensor<4x2xf32>
// CHECK: %[[ZERO:.*]] = linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[H]], #[[H]], #[[W]], #[[W]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} {{.*}} outs(%[[ZERO]] : tensor<1x1x4x4xf32>)
// CHECK: ^bb0(%[[IH:.*]]: i64, %[[WH:.*]]: f32, %[[IW:.*]]: i64, %[[WW:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[W2:.*]] = arith.mulf %[[WH]], %[[WW]] : f32
// CHECK: %[[V:.*]] = tensor.extract %[[X]]
// CHECK: %[[P:.*]] = arith.mulf %[[W2]], %[[V]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK: linalg.yield %[[S]]
func.func @resize_linear(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  %none = graph.none
  %0 = graph.resize %x, %none, %none, %none {axes = array<i64: 2, 3>, mode = "linear", static_sizes = array<i64: 4, 4>} : (tensor<1x1x2x2xf32>, none, none, none) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

// CHECK-LABEL: func @resize_crop_u8
// CHECK-SAME: (%[[X:.*]]: tensor<1x4xi8>)
// CHECK-DAG: %[[EXTRA:.*]] = arith.constant 1.000000e+01 : f64
// CHECK-DAG: %[[IDX:.*]] = arith.constant dense<{{\[}}[1, 2], [2, 3], [3, 3]]> : tensor<3x2xi64>
// CHECK-DAG: %[[MASK:.*]] = arith.constant dense<[0, 0, 1]> : tensor<3xi8>
// CHECK: %[[ACC:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: %[[V:.*]] = tensor.extract %[[X]]
// CHECK: arith.uitofp %[[V]] : i8 to f64
// CHECK: linalg.generic {{.*}} ins(%[[ACC]], %[[MASK]] : tensor<1x3xf64>, tensor<3xi8>) outs(%{{.*}} : tensor<1x3xi8>)
// CHECK: ^bb0(%[[A:.*]]: f64, %[[M:.*]]: i8, %{{.*}}: i8):
// CHECK: %[[SET:.*]] = arith.cmpi ne, %[[M]]
// CHECK: %[[SEL:.*]] = arith.select %[[SET]], %[[EXTRA]], %[[A]] : f64
// CHECK: %[[R:.*]] = math.roundeven %[[SEL]] : f64
// CHECK: arith.maximumf %[[R]]
// CHECK: arith.minimumf
// CHECK: arith.fptoui %{{.*}} : f64 to i8
func.func @resize_crop_u8(%x: tensor<1x4xui8>) -> tensor<1x3xui8> {
  %none = graph.none
  %0 = graph.resize %x, %none, %none, %none {axes = array<i64: 1>, mode = "linear", coordinate_transformation_mode = "tf_crop_and_resize", static_roi = array<f32: 0.4, 1.2>, static_sizes = array<i64: 3>, extrapolation_value = 10.0 : f32} : (tensor<1x4xui8>, none, none, none) -> tensor<1x3xui8>
  return %0 : tensor<1x3xui8>
}

// -----

// CHECK-LABEL: func @trilu
// CHECK-SAME: (%[[X:.*]]: tensor<3x4xf32>)
// CHECK: %[[K:.*]] = arith.constant 1 : i64
// CHECK: linalg.generic {{.*}} ins(%[[X]] : tensor<3x4xf32>) outs(%{{.*}} : tensor<3x4xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[D:.*]] = arith.subi %[[J]], %[[I]] : index
// CHECK: %[[D64:.*]] = arith.index_cast %[[D]] : index to i64
// CHECK: %[[KEEP:.*]] = arith.cmpi sle, %[[D64]], %[[K]] : i64
// CHECK: arith.select %[[KEEP]], %[[IN]], %{{.*}} : f32
func.func @trilu(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %none = graph.none
  %0 = graph.trilu %x, %none {static_k = 1 : i64, upper = false} : (tensor<3x4xf32>, none) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @reshape_dynamic_input(%x: tensor<?x4xf32>) -> tensor<2x4xf32> {
  %none = graph.none
  // expected-error @+2 {{the CPU backend needs static shapes; an operand is 'tensor<?x4xf32>'}}
  // expected-error @+1 {{failed to legalize operation 'graph.reshape'}}
  %0 = graph.reshape %x, %none {static_shape = array<i64: 2, 4>} : (tensor<?x4xf32>, none) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
