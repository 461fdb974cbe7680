/**
 * Scalar functions of the elementwise kernels that WGSL lacks (erf, log1p, expm1) or defines
 * loosely (pow of negative bases, tanh of large arguments), written for float32 accuracy.
 */
export const SCALAR_MATH_WGSL = `
fn is_inf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn sign_f32(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  return select(select(0.0, -1.0, x < 0.0), 1.0, x > 0.0);
}
fn sigmoid_f32(x: f32) -> f32 {
  let e = exp(-abs(x));
  return select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);
}
fn log1p_f32(x: f32) -> f32 {
  let u = 1.0 + x;
  if (is_nan(x) || u == 1.0) { return x; }
  if (u < 0.0) { return nan_f32(); }
  if (is_inf(u)) { return u; }
  return log(u) * (x / (u - 1.0));
}
fn expm1_f32(x: f32) -> f32 {
  if (abs(x) < 1e-5) { return x + 0.5 * x * x; }
  let u = exp(x);
  if (u == 1.0) { return x; }
  let um1 = u - 1.0;
  if (um1 == -1.0) { return -1.0; }
  if (is_inf(u)) { return u; }
  return um1 * (x / log(u));
}
fn tanh_f32(x: f32) -> f32 {
  let a = abs(x);
  var t = 1.0;
  if (a < 9.0) {
    let m = expm1_f32(-2.0 * a);
    t = -m / (2.0 + m);
  }
  if (is_nan(x)) { return x; }
  return select(t, -t, x < 0.0);
}
fn erfc_tail(a: f32) -> f32 {
  if (a < 4.0) {
    let n = (((((((2.15311535474403846343e-8 * a + 0.564188496988670089180) * a + 8.88314979438837594118) * a + 66.1191906371416294775) * a + 298.635138197400131132) * a + 881.952221241769090411) * a + 1712.04761263407058314) * a + 2051.07837782607146532) * a + 1230.33935479799725272;
    let d = (((((((a + 15.7449261107098347253) * a + 117.693950891312499305) * a + 537.181101862009857509) * a + 1621.38957456669018874) * a + 3290.79923573345962678) * a + 4362.61909014324715820) * a + 3439.36767414372163696) * a + 1230.33935480374942043;
    return exp(-a * a) * (n / d);
  }
  let z = 1.0 / (a * a);
  let n = ((((0.0163153871373020978498 * z + 0.305326634961232344035) * z + 0.360344899949804439429) * z + 0.125781726111229246204) * z + 0.0160837851487422766278) * z + 0.000658749161529837803157;
  let d = ((((z + 2.56852019228982242072) * z + 1.87295284992346725209) * z + 0.527905102951428412248) * z + 0.0605183413124413191178) * z + 0.00233520497626869185443;
  return (exp(-a * a) / a) * (0.5641895835477563 - z * n / d);
}
fn erf_f32(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  let a = abs(x);
  if (a < 0.5) {
    let t = a * a;
    let n = (((0.1857777061846031526730 * t + 3.161123743870565596947) * t + 113.8641541510501556495) * t + 377.4852376853020208137) * t + 3209.377589138469472562;
    let d = (((t + 23.60129095234412093499) * t + 244.0246379344441733056) * t + 1282.616526077372275645) * t + 2844.236833439170622273;
    return x * n / d;
  }
  if (a >= 6.0) { return select(1.0, -1.0, x < 0.0); }
  let r = 1.0 - erfc_tail(a);
  return select(r, -r, x < 0.0);
}
fn integer_power_f32(base_in: f32, exponent: u32) -> f32 {
  var base = base_in;
  var e = exponent;
  var result = 1.0;
  loop {
    if ((e & 1u) == 1u) { result = result * base; }
    e = e >> 1u;
    if (e == 0u) { break; }
    base = base * base;
  }
  return result;
}
fn pow_f32(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  if (is_nan(a) || is_nan(b)) { return nan_f32(); }
  let integral = b == floor(b);
  if (integral && abs(b) <= 64.0) {
    let r = integer_power_f32(a, u32(abs(b)));
    return select(r, 1.0 / r, b < 0.0);
  }
  if (a == 0.0) { return select(0.0, inf_f32(), b < 0.0); }
  if (is_inf(b)) {
    let m = abs(a);
    if (m == 1.0) { return nan_f32(); }
    return select(select(0.0, inf_f32(), m > 1.0), select(inf_f32(), 0.0, m > 1.0), b < 0.0);
  }
  if (a < 0.0) {
    if (!integral) { return nan_f32(); }
    let r = exp2(b * log2(-a));
    return select(r, -r, fract(b * 0.5) != 0.0);
  }
  return exp2(b * log2(a));
}
fn pow_i32(a: i32, b: i32) -> i32 {
  if (b < 0) {
    if (a == 1) { return 1; }
    if (a == -1) { return select(1, -1, (b & 1) == 1); }
    return 0;
  }
  var base = a;
  var e = u32(b);
  var result = 1;
  loop {
    if (e == 0u) { break; }
    if ((e & 1u) == 1u) { result = result * base; }
    e = e >> 1u;
    base = base * base;
  }
  return result;
}
fn maximum_f32(a: f32, b: f32) -> f32 {
  if (is_nan(a) || is_nan(b)) { return nan_f32(); }
  return select(b, a, a > b);
}
fn minimum_f32(a: f32, b: f32) -> f32 {
  if (is_nan(a) || is_nan(b)) { return nan_f32(); }
  return select(b, a, a < b);
}
`;
