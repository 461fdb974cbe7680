/** The Gauss error function, to float32 accuracy (W. J. Cody's rational approximations). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  if (a < 0.5) {
    const t = a * a;
    const numerator = ((((0.1857777061846031526730 * t + 3.161123743870565596947) * t + 113.8641541510501556495) * t + 377.4852376853020208137) * t + 3209.377589138469472562);
    const denominator = ((((t + 23.60129095234412093499) * t + 244.0246379344441733056) * t + 1282.616526077372275645) * t + 2844.236833439170622273);
    return (x * numerator) / denominator;
  }
  if (a >= 6) return sign;
  return sign * (1 - erfcPositive(a));
}

function erfcPositive(a: number): number {
  if (a < 4) {
    const numerator = (((((((2.15311535474403846343e-8 * a + 0.564188496988670089180) * a + 8.88314979438837594118) * a + 66.1191906371416294775) * a + 298.635138197400131132) * a + 881.952221241769090411) * a + 1712.04761263407058314) * a + 2051.07837782607146532) * a + 1230.33935479799725272;
    const denominator = (((((((a + 15.7449261107098347253) * a + 117.693950891312499305) * a + 537.181101862009857509) * a + 1621.38957456669018874) * a + 3290.79923573345962678) * a + 4362.61909014324715820) * a + 3439.36767414372163696) * a + 1230.33935480374942043;
    return Math.exp(-a * a) * (numerator / denominator);
  }
  const z = 1 / (a * a);
  const numerator = ((((0.0163153871373020978498 * z + 0.305326634961232344035) * z + 0.360344899949804439429) * z + 0.125781726111229246204) * z + 0.0160837851487422766278) * z + 0.000658749161529837803157;
  const denominator = ((((z + 2.56852019228982242072) * z + 1.87295284992346725209) * z + 0.527905102951428412248) * z + 0.0605183413124413191178) * z + 0.00233520497626869185443;
  return (Math.exp(-a * a) / a) * (1 / Math.sqrt(Math.PI) - (z * numerator) / denominator);
}

/** Rounds half to even, as `torch.round`. */
export function roundHalfToEven(x: number): number {
  const rounded = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : rounded;
}
