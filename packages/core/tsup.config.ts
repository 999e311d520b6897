import { stkitTsup } from '@stkit/tsup-config';

export default stkitTsup({
  entry: {
    index: 'src/index.ts',
    onnx: 'src/onnx/index.ts',
    node: 'src/node/index.ts',
  },
});
