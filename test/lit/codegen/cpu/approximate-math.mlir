// RUN: mlc-opt %s --mlc-approximate-math | FileCheck %s

// f32 exp, tanh and erf become arithmetic (no math calls left); x^3 is two
// multiplications; f64 keeps its math op (libm).
// CHECK-LABEL: func.func @f(
// CHECK-NOT: math.exp {{.*}} : vector<16xf32>
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erf
// CHECK-NOT: math.powf
// CHECK: arith.mulf
// CHECK: math.exp {{.*}} : f64
func.func @f(%x: vector<16xf32>, %y: f32, %z: f64) -> (vector<16xf32>, f32, f32, f32, f64) {
  %three = arith.constant 3.0 : f32
  %a = math.exp %x : vector<16xf32>
  %b = math.tanh %y : f32
  %c = math.erf %y : f32
  %d = math.powf %y, %three : f32
  %e = math.exp %z : f64
  return %a, %b, %c, %d, %e : vector<16xf32>, f32, f32, f32, f64
}
