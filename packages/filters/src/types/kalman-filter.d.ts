// Minimal typings of the parts of `kalman-filter` (CommonJS, untyped) that STKit uses.
declare module 'kalman-filter' {
  type Matrix = number[][];
  interface StateLike {
    mean: Matrix;
    covariance: Matrix;
    index?: number;
  }
  interface ValueOptions {
    index: number;
    previousCorrected?: StateLike;
    predicted?: StateLike;
  }
  interface KalmanFilterOptions {
    observation: {
      dimension: number;
      stateProjection: Matrix;
      covariance: Matrix | number[] | ((options: ValueOptions) => Matrix);
    };
    dynamic: {
      dimension: number;
      init: { mean: Matrix; covariance: Matrix | number[]; index?: number };
      transition: Matrix | ((options: ValueOptions) => Matrix);
      covariance: Matrix | number[] | ((options: ValueOptions) => Matrix);
    };
    logger?: {
      info(...args: unknown[]): void;
      debug(...args: unknown[]): void;
      warn(...args: unknown[]): void;
      error(...args: unknown[]): void;
    };
  }
  class KalmanFilter {
    constructor(options: KalmanFilterOptions);
    getInitState(): StateLike;
    predict(options: { previousCorrected?: StateLike; index?: number }): StateLike;
    correct(options: { predicted: StateLike; observation: number[] }): StateLike;
    getValue<T>(value: T | ((options: ValueOptions) => T), options: ValueOptions): T;
    dynamic: KalmanFilterOptions['dynamic'];
  }
  const kalman: { KalmanFilter: typeof KalmanFilter };
  export default kalman;
  export { KalmanFilter };
}
